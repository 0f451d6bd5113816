"""Files that hold personal data or secrets are readable by their owner only.

The SQLite database and its backups hold password hashes and contact persons, exports hold
everything, the instance folder holds the secret key: each is created with mode 0600 (folders
0700), whatever the umask of the process, and an existing one owned by this process is narrowed
to that mode.
"""
from __future__ import annotations

import os
import sys
from pathlib import Path

OWNER_ONLY_FILE = 0o600
OWNER_ONLY_FOLDER = 0o700


def _narrow(path: Path, mode: int) -> None:
    if path.stat().st_uid == os.getuid():
        path.chmod(mode)


def private_folder(path: str | Path) -> Path:
    """The folder `path` (and missing parents), owner-only."""
    path = Path(path)
    path.mkdir(parents=True, exist_ok=True, mode=OWNER_ONLY_FOLDER)
    _narrow(path, OWNER_ONLY_FOLDER)
    return path


def create_private(path: str | Path) -> Path:
    """The file `path`, created empty if missing, owner-only."""
    path = Path(path)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT, OWNER_ONLY_FILE))
    _narrow(path, OWNER_ONLY_FILE)
    return path


def write_private(path: str | Path, content: bytes) -> Path:
    """Write `content` to `path` (replacing it), owner-only."""
    path = create_private(path)
    with open(path, "wb") as handle:
        handle.write(content)
    return path


def write_output(output: str, content: bytes) -> bool:
    """What a command produced: to standard output when `output` is "-" (for a pipe), else to
    the file `output`, owner-only. True when it wrote a file (the command then says where)."""
    if output == "-":
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
        return False
    write_private(output, content)
    return True
