"""One build at a time per project.

Two builds at once would delete each other's staging folders, and two
`--batch` runs would both append "the next batch" to the record. A build
(and a withdrawal) holds a lock in the cache folder from reading the record
to swapping in the site; a second one waits a little, then is refused with
the name of the process that holds it. filelock works on Windows too.
"""

from __future__ import annotations

import datetime as dt
import os
import socket
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from filelock import FileLock, Timeout

from gongshi.problems.errors import ConfigError

WAIT_SECONDS = 10.0  # long enough for a preview's rebuild to finish, short enough to say so


@contextmanager
def one_build_at_a_time(cache: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the project's build lock, or raise a ConfigError naming who holds it."""
    wait = WAIT_SECONDS if wait is None else wait
    try:
        cache.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ConfigError.of("lock.folder", folder=str(cache), error=str(exc)) from exc
    owner = cache / "build.lock.owner"
    lock = FileLock(cache / "build.lock", timeout=wait)
    try:
        lock.acquire()
    except Timeout as exc:
        raise ConfigError.of(
            "lock.busy", owner=_read(owner), lock=str(cache / "build.lock"), wait=int(wait)
        ) from exc
    try:
        owner.write_text(_me(), encoding="utf-8")
        yield
    finally:
        owner.unlink(missing_ok=True)
        lock.release()


def _me() -> str:
    started = dt.datetime.now().astimezone().isoformat(timespec="seconds")
    command = " ".join(os.path.basename(a) if i == 0 else a for i, a in enumerate(sys.argv))
    return f"pid {os.getpid()} on {socket.gethostname()}, since {started}: {command}"


def _read(owner: Path) -> str:
    try:
        return owner.read_text(encoding="utf-8").strip() or "?"
    except OSError:
        return "?"
