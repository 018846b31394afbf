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
import os
import pickle
import sqlite3
import sys
from collections.abc import Iterable
from importlib.metadata import version
from pathlib import Path
from typing import Any

LIBRARIES = ("pelican", "jinja2", "markdown", "nh3", "qrcode", "pillow", "markupsafe")
FORMAT = "1"  # bump when what is stored changes shape


def file_sha256(data: bytes) -> str:
    """The plain SHA-256 of a file's bytes, as `sha256sum` prints it: what the record pins, so anyone
    can check a published version without Gongshi. (`digest` frames its parts: a key, not a file's hash.)"""
    return hashlib.sha256(data).hexdigest()


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
def _own_code() -> str:
    """gongshi's own source and the libraries' versions: fixed for the life of a process."""
    versions = "|".join(f"{name}={version(name)}" for name in LIBRARIES)
    return digest(
        FORMAT, sys.version, versions, tree_digest([Path(__file__).parents[1]])
    )  # the whole gongshi package


def code_fingerprint(*folders: Path) -> str:
    """The code that turns content into output: gongshi, the libraries, and the given folders.

    The folders (theme, plugins) are hashed on every call: Pelican reads them
    afresh on every build, and `gongshi serve` builds many times in one process.
    """
    return digest(_own_code(), tree_digest(folders))


class FileCache:
    """Values by key in one SQLite file under `folder`; `folder=None` stores nothing.

    One file rather than one per entry: a cold build writes thousands of
    entries, and on most file systems a file each costs more than the work saved.
    Entries become durable at `flush()`; a failed build still leaves correct ones.
    """

    def __init__(self, folder: Path | None, memo: dict[str, Any] | None = None):
        """`memo`: values already read, by key, kept by a process that builds many times
        (`gongshi serve`); a key is a digest of everything its value was made from, so a
        value found there is never stale. It also keeps the files' hashes (`file_digest`)."""
        self.folder = folder
        self._memo = memo
        self._db: sqlite3.Connection | None = None
        self._broken = False
        self._pid = os.getpid()
        self._inherited: list[sqlite3.Connection] = []

    def __getstate__(self) -> dict[str, object]:
        """Sent to a spawned worker without its connection: the worker opens its own."""
        state = dict(self.__dict__)
        state.update(_db=None, _inherited=[], _pid=None, _memo=None)
        return state

    def _connect(self) -> sqlite3.Connection | None:
        if self.folder is None or self._broken:
            return None
        if self._pid != os.getpid():  # a forked worker: SQLite connections must not cross a fork
            if self._db is not None:
                self._inherited.append(self._db)  # never used nor closed here; the parent owns it
            self._db, self._pid = None, os.getpid()
        if self._db is None:
            try:
                self.folder.mkdir(parents=True, exist_ok=True)
                self._db = sqlite3.connect(self.folder / "cache.sqlite3", timeout=30)
                # Workers read while the build writes what they already sent back: in WAL mode
                # readers never wait for a writer. An entry lost in a crash is only a miss.
                self._db.execute("PRAGMA journal_mode=WAL")
                self._db.execute("PRAGMA synchronous=NORMAL")
                self._db.execute(
                    "CREATE TABLE IF NOT EXISTS entries (key TEXT PRIMARY KEY, value BLOB NOT NULL)"
                )
            except (OSError, sqlite3.Error):
                self._broken = True  # an unusable cache costs time, never correctness
                return None
        return self._db

    def file_digest(self, path: Path, stat: os.stat_result) -> str | None:
        """The file's `file_sha256`, None if it cannot be read.

        With a memo, a file is read and hashed again only when its inode, size or times moved
        (as make and Hugo decide): at 5,000 reports, reading and hashing every one was a fifth
        of each preview rebuild. Bytes changed after `stat` was taken leave a stamp that no
        longer matches, so the next build hashes them again.
        """
        stamp = (stat.st_ino, stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns)
        known = self._memo.get(f"stat\0{path}") if self._memo is not None else None
        if known is not None and known[0] == stamp:
            return str(known[1])
        try:
            sha = file_sha256(path.read_bytes())
        except OSError:
            return None
        if self._memo is not None:
            self._memo[f"stat\0{path}"] = (stamp, sha)
        return sha

    def get_bytes(self, key: str) -> bytes | None:
        db = self._connect()
        if db is None:
            return None
        try:
            row = db.execute("SELECT value FROM entries WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error:
            return None
        return bytes(row[0]) if row else None

    def has(self, key: str) -> bool:
        db = self._connect()
        if db is None:
            return False
        try:
            return db.execute("SELECT 1 FROM entries WHERE key = ?", (key,)).fetchone() is not None
        except sqlite3.Error:
            return False

    def put_bytes(self, key: str, data: bytes) -> None:
        db = self._connect()
        if db is not None:
            with contextlib.suppress(sqlite3.Error):
                db.execute("INSERT OR REPLACE INTO entries (key, value) VALUES (?, ?)", (key, data))

    def get(self, key: str) -> Any | None:
        if self._memo is not None and key in self._memo:
            return self._memo[key]
        data = self.get_bytes(key)
        if data is None:
            return None
        try:
            value = pickle.loads(data)
        except Exception:  # a damaged entry is a miss
            return None
        if self._memo is not None:
            self._memo[key] = value
        return value

    def put(self, key: str, value: Any) -> None:
        self.put_bytes(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
        if self._memo is not None:
            self._memo[key] = value

    def flush(self) -> None:
        if self._db is not None and self._pid == os.getpid():
            with contextlib.suppress(sqlite3.Error):
                self._db.commit()

    def close(self) -> None:
        if self._pid != os.getpid():
            return
        self.flush()
        if self._db is not None:
            self._db.close()
            self._db = None
