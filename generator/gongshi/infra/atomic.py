"""Putting a freshly built folder in place of the published one in one step.

A build writes everything into a staging folder beside the target; only a
complete build is swapped in. On Linux the swap is a single
renameat2(RENAME_EXCHANGE); elsewhere two renames leave a window of a few
microseconds in which the target is missing, but never a half-written tree.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import os
import shutil
import threading
import time
from pathlib import Path

_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def staging_dir(target: Path, purpose: str = "staging") -> Path:
    """A fresh, empty folder on the same file system as `target`."""
    path = target.parent / f".{target.name}.{purpose}-{os.getpid()}"
    if path.exists():
        shutil.rmtree(path)
    path.mkdir(parents=True)
    return path


def swap_in(staging: Path, target: Path, remove_later: bool = False) -> None:
    """Make `staging` the new `target`; the old target is removed afterwards.

    `remove_later`: the old tree is removed by a thread while the caller goes on (a preview showing
    an edit need not wait for it); a build killed meanwhile leaves it for `remove_stale_staging`.
    """
    if not target.exists():
        os.rename(staging, target)
        return
    old = target.parent / f".{target.name}.old-{os.getpid()}-{time.monotonic_ns()}"
    if _exchange(staging, target):
        os.rename(staging, old)  # now holds the old tree
    else:
        os.rename(target, old)
        os.rename(staging, target)
    if remove_later:
        threading.Thread(target=shutil.rmtree, args=(old,), kwargs={"ignore_errors": True}).start()
    else:
        shutil.rmtree(old)


def _exchange(a: Path, b: Path) -> bool:
    name = ctypes.util.find_library("c")
    if not name:
        return False
    libc = ctypes.CDLL(name, use_errno=True)
    renameat2 = getattr(libc, "renameat2", None)
    if renameat2 is None:
        return False
    result = renameat2(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    return result == 0


def write_file_atomically(path: Path, data: str | bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}")
    tmp.write_bytes(data.encode() if isinstance(data, str) else data)
    with open(tmp, "rb") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)


def remove_stale_staging(target: Path) -> None:
    """Clear staging folders left by a build that was killed."""
    for leftover in target.parent.glob(f".{target.name}.*-*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)
