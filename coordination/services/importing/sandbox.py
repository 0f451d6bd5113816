"""Reading an uploaded file in a child process with a time and memory budget.

The limits in `read` stop the known tricks; a file that is hostile in a way nobody foresaw must
still not hold an app server's worker and memory. So the web upload is read in a forked child
process at low priority, with `IMPORT_PARSE_SECONDS` of processor time and
`IMPORT_PARSE_MEMORY_MB` of memory on top of what it inherits (setrlimit). The parent waits for
the parsed rows (as `stored.encode` bytes) at most twice the processor budget, then kills the
child. Whatever the child dies of, the user gets one German sentence.

Linux only (fork, resource limits, /proc), as the production server (gunicorn) is.
"""
from __future__ import annotations

import multiprocessing
import os
import resource

from flask import current_app
from flask_babel import gettext as _

from coordination.services.importing.read import ImportFileError, read_file
from coordination.services.importing.stored import encode

_OK, _REFUSED = b"K", b"E"


def read_file_isolated(filename: str, content: bytes) -> bytes:
    """`read_file` in a child process with a budget; the parsed file as `stored.encode` bytes.
    Raises ImportFileError (German message) for a refused file and for one over the budget."""
    config = current_app.config
    seconds, memory = config["IMPORT_PARSE_SECONDS"], config["IMPORT_PARSE_MEMORY_MB"] * 2**20
    context = multiprocessing.get_context("fork")
    receiver, sender = context.Pipe(duplex=False)
    child = context.Process(target=_read_in_child, args=(sender, filename, content, seconds, memory),
                            daemon=True)
    child.start()
    sender.close()
    try:
        answer = receiver.recv_bytes() if receiver.poll(2 * seconds + 1) else None
    except EOFError:  # the child died without an answer (killed by a limit)
        answer = None
    finally:
        receiver.close()
        if child.is_alive():
            child.kill()
        child.join()
    if answer is None:
        raise ImportFileError(_("Die Datei ließ sich nicht in der vorgesehenen Zeit und mit dem "
                                "vorgesehenen Speicher lesen. Bitte teilen Sie sie in kleinere Dateien auf "
                                "oder speichern Sie sie als CSV."))
    if answer[:1] == _REFUSED:
        raise ImportFileError(answer[1:].decode())
    return answer[1:]


def _read_in_child(sender, filename: str, content: bytes, seconds: int, memory: int) -> None:
    os.nice(10)
    resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    address_space = _address_space_bytes() + memory
    resource.setrlimit(resource.RLIMIT_AS, (address_space, address_space))
    try:
        sender.send_bytes(_OK + encode(read_file(filename, content)))
    except ImportFileError as error:
        sender.send_bytes(_REFUSED + str(error).encode())
    except MemoryError:
        pass  # the parent answers for a file over the budget
    finally:
        sender.close()


def _address_space_bytes() -> int:
    """The virtual memory this process already has (inherited from the parent at the fork)."""
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
