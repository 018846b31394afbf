"""What a rebuild may reuse: parsed reports and rendered pages, keyed on everything that shapes them.

A stale page is a defect, so keys are deliberately coarse: a page's key
covers the code (gongshi, the plugin, the theme and library versions), the
configuration, the as-of date, the record, every round file and survey
export, and the bytes of the reports the page shows. Change any of those
and the page is rendered again. Deleting the cache folder is always safe.
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import pickle
import sys
from collections.abc import Iterable
from dataclasses import dataclass
from importlib.metadata import version
from pathlib import Path
from typing import Any

from .atomic import write_file_atomically

LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "qrcode", "pillow", "markupsafe")
FORMAT = "1"  # bump when what is stored changes shape


def digest(*parts: str | bytes) -> str:
    hasher = hashlib.sha256()
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        hasher.update(len(data).to_bytes(8, "big"))
        hasher.update(data)
    return hasher.hexdigest()


def tree_digest(folders: Iterable[Path]) -> str:
    """Every file's path and bytes under the folders (caches and bytecode excluded)."""
    parts: list[str | bytes] = []
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and "__pycache__" not in p.parts):
            parts += [path.relative_to(folder).as_posix(), path.read_bytes()]
    return digest(*parts)


@functools.cache
def code_fingerprint(*folders: Path) -> str:
    """The code that turns content into output: gongshi itself, the given folders, library versions."""
    versions = "|".join(f"{name}={version(name)}" for name in LIBRARIES)
    return digest(FORMAT, sys.version, versions, tree_digest([Path(__file__).parent, *folders]))


@dataclass(frozen=True)
class FileCache:
    """Values by key under one folder; `folder=None` stores nothing."""

    folder: Path | None

    def _path(self, key: str) -> Path:
        assert self.folder is not None
        return self.folder / key[:2] / key

    def get_bytes(self, key: str) -> bytes | None:
        if self.folder is None:
            return None
        try:
            return self._path(key).read_bytes()
        except OSError:
            return None

    def put_bytes(self, key: str, data: bytes) -> None:
        if self.folder is None:
            return
        with contextlib.suppress(OSError):  # a read-only cache costs time, never correctness
            write_file_atomically(self._path(key), data)

    def get(self, key: str) -> Any | None:
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            return pickle.loads(data)
        except Exception:  # a damaged entry is a miss
            return None

    def put(self, key: str, value: Any) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
