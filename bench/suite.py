"""Wall and processor time of the test suite, before and after tests shared one schema.

Before, every test built the database schema anew; now the schema is built once per session
and each test rolls back to a savepoint (tests/conftest.py). The target is a suite at least
twice as fast. To compare like with like, the script checks out two commits side by side in
temporary git worktrees (sharing this project's virtualenv):

- base: the parent of the first commit whose tests/conftest.py uses
  `join_transaction_mode="create_savepoint"` (found with `git log -S`), or `--base REV`;
- head: HEAD, or `--head REV`;

collects the non-browser tests of each, and runs the tests both have (the same node ids) in
each checkout, one after the other, `--repeat` times, alternating. Printed per run: tests,
outcome, wall time and processor time (user + system of the pytest process) and the load
average before the run; at the end the medians and the ratio base/head. `--own-suites` runs
each checkout's whole non-browser suite instead of the common tests.

Other processes inflate wall time, not processor time much: on a shared machine quote both,
with the load average, and judge the target on a quiet one.

    .venv/bin/python bench/suite.py [--repeat 1] [--base REV] [--head REV] [--own-suites]
"""
from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
SAVEPOINT_MARK = 'join_transaction_mode="create_savepoint"'
TARGET_RATIO = 2.0


def git(*args: str) -> str:
    return subprocess.run(["git", "-C", str(PROJECT_ROOT), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


def default_base() -> str:
    """The parent of the first commit that put the savepoint into tests/conftest.py."""
    commits = git("log", "--format=%H", "--reverse", "-S", SAVEPOINT_MARK, "--", "tests/conftest.py").split()
    if not commits:
        sys.exit("no commit introduces the savepoint in tests/conftest.py: give --base")
    return git("rev-parse", f"{commits[0]}^")


def checkout(rev: str, folder: Path) -> Path:
    """A worktree of `rev` with this project's virtualenv and compiled translations."""
    git("worktree", "add", "--detach", str(folder), rev)
    (folder / ".venv").symlink_to(VENV_BIN.parent)
    subprocess.run([str(VENV_BIN / "pybabel"), "compile", "--use-fuzzy", "-d", "coordination/translations"],
                   cwd=folder, check=True, capture_output=True)
    return folder


def pytest_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-m", "not browser", *args]


def environment() -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key != "TEST_DATABASE_URL"}
    env.pop("PYTEST_ADDOPTS", None)
    return env


def collect(folder: Path) -> list[str]:
    result = subprocess.run(pytest_command("--collect-only"), cwd=folder, capture_output=True, text=True,
                            env=environment())
    return [line for line in result.stdout.splitlines() if "::" in line]


def children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def run(folder: Path, node_ids: list[str]) -> tuple[float, float, str]:
    """(wall seconds, processor seconds, pytest's summary and failures) of one run of `node_ids`."""
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as args_file:
        args_file.write("\n".join(node_ids))
    cpu, wall = children_cpu(), time.perf_counter()
    result = subprocess.run(pytest_command(f"@{args_file.name}"), cwd=folder, capture_output=True, text=True,
                            env=environment())
    wall, cpu = time.perf_counter() - wall, children_cpu() - cpu
    os.unlink(args_file.name)
    lines = result.stdout.strip().splitlines()
    failed = [line for line in lines if line.startswith(("FAILED", "ERROR"))]
    outcome = lines[-1] if lines else result.stderr.strip()[-200:]
    return wall, cpu, "\n    ".join([outcome, *failed])


def load_average() -> str:
    return ", ".join(f"{value:.2f}" for value in os.getloadavg())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", help="the commit before the shared schema (default: found by git log -S)")
    parser.add_argument("--head", default="HEAD")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--own-suites", action="store_true",
                        help="run each checkout's whole non-browser suite, not the tests both have")
    args = parser.parse_args()
    revs = {"base": args.base or default_base(), "head": args.head}
    with tempfile.TemporaryDirectory(prefix="suite-bench-") as temporary:
        folders = {}
        try:
            for name, rev in revs.items():
                folders[name] = checkout(rev, Path(temporary) / name)
                print(f"{name}: {git('log', '-1', '--format=%h %ad %s', '--date=iso', rev)[:100]}")
            collected = {name: collect(folder) for name, folder in folders.items()}
            common = sorted(set(collected["base"]) & set(collected["head"]))
            print(f"non-browser tests: base {len(collected['base'])}, head {len(collected['head'])}, "
                  f"both {len(common)}")
            selection = collected if args.own_suites else {"base": common, "head": common}
            times: dict[str, list[tuple[float, float]]] = {"base": [], "head": []}
            for round_ in range(1, args.repeat + 1):
                for name, folder in folders.items():
                    before = load_average()
                    wall, cpu, outcome = run(folder, selection[name])
                    times[name].append((wall, cpu))
                    print(f"run {round_} {name}: {len(selection[name])} tests, wall {wall:6.1f} s, "
                          f"processor {cpu:6.1f} s, load average before {before} | {outcome}")
        finally:
            for folder in folders.values():
                git("worktree", "remove", "--force", str(folder))
    wall = {name: statistics.median(t[0] for t in runs) for name, runs in times.items()}
    cpu = {name: statistics.median(t[1] for t in runs) for name, runs in times.items()}
    print(f"median wall: base {wall['base']:.1f} s, head {wall['head']:.1f} s, "
          f"{wall['base'] / wall['head']:.2f}x faster (target {TARGET_RATIO:.0f}x)")
    print(f"median processor: base {cpu['base']:.1f} s, head {cpu['head']:.1f} s, "
          f"{cpu['base'] / cpu['head']:.2f}x less")
    print(f"load average now: {load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
