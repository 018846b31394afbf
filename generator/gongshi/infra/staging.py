"""Filling a staging folder, linking every file the last build already made the same way.

A rebuild after one report changed should not pay for the thousands of files
that did not. Each file is made under a key covering everything that shapes
its bytes; the state kept in the cache remembers, per output folder, each
file's key, SHA-256 and identity (inode, size, modification time). A file
whose key has not changed, and whose published copy is still the very file
written then, is hard-linked into the staging folder instead of being made
again; its SHA-256 comes from the state, so the manifest costs nothing either.

A published file edited or replaced since fails the identity check and is
made again. Without a state, or across file systems, everything is made.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from gongshi.infra.cache import digest

FORMAT = "1"  # bump when the state's shape changes


@dataclass(frozen=True, slots=True)
class Written:
    """One file of a build: the key it was made under, its SHA-256, and its identity on disk."""

    key: str  # "" for a file made on every build
    sha256: str
    size: int
    mtime_ns: int
    inode: int
    rows: int = 0  # for open-data files: how many records they hold


def written(path: Path, key: str = "", data: bytes | None = None, rows: int = 0) -> Written:
    """Describe a file just made; `data` saves reading it back."""
    if data is None:
        data = path.read_bytes()
    st = path.stat()
    return Written(key, hashlib.sha256(data).hexdigest(), st.st_size, st.st_mtime_ns, st.st_ino, rows)


def hashed(path: Path, sha256: str, key: str = "", rows: int = 0) -> Written:
    """Describe a file just made whose SHA-256 was computed while writing it."""
    st = path.stat()
    return Written(key, sha256, st.st_size, st.st_mtime_ns, st.st_ino, rows)


class OutputState:
    """What the last successful build wrote into one output folder (None: remember nothing)."""

    def __init__(self, cache: Path | None, target: Path, memo: dict[str, Any] | None = None):
        """`memo`: kept by a process that builds many times (`gongshi serve`): the state it saved
        last, used while the file is as it left it (reading 13,000 rows was a twentieth of a
        preview rebuild at 5,000 units)."""
        self.path = (
            None if cache is None else cache / "outputs" / f"{digest(str(target.resolve()))[:24]}.sqlite3"
        )
        self._loaded: dict[str, Written] | None = None  # the state as `load` read it from its file
        self._memo = memo

    def _stamp(self) -> tuple[int, int, int] | None:
        try:
            st = os.stat(self.path) if self.path is not None else None
        except OSError:
            return None
        return (st.st_ino, st.st_size, st.st_mtime_ns) if st is not None else None

    def _remember(self) -> None:
        if self._memo is not None and self._loaded is not None:
            self._memo[f"state\0{self.path}"] = (self._stamp(), self._loaded)

    def load(self) -> dict[str, Written]:
        if self.path is None or not self.path.is_file():
            return {}
        known = self._memo.get(f"state\0{self.path}") if self._memo is not None else None
        if known is not None and known[0] == self._stamp():
            self._loaded = known[1]
            return dict(known[1])
        try:
            with contextlib.closing(sqlite3.connect(self.path)) as db:
                if db.execute("SELECT value FROM meta WHERE name = 'format'").fetchone() != (FORMAT,):
                    return {}
                rows = db.execute("SELECT path, key, sha256, size, mtime_ns, inode, rows FROM files")
                self._loaded = {path: Written(*rest) for path, *rest in rows}
                return dict(self._loaded)
        except sqlite3.Error:
            return {}  # a damaged state costs a full build, never a wrong one

    def save(self, files: dict[str, Written]) -> None:
        """Replace the state in one go; called only after the build was swapped into place.

        A state read by `load` is changed in one transaction, only where the build changed it: a
        preview rebuild at 5,000 units links 13,000 files and makes a dozen.
        """
        if self.path is None:
            return
        if self._loaded is not None and self._update(self._loaded, files):
            self._remember()
            return
        with contextlib.suppress(OSError, sqlite3.Error):
            self.path.parent.mkdir(parents=True, exist_ok=True)
            fresh = self.path.with_name(f".{self.path.name}.{os.getpid()}")
            fresh.unlink(missing_ok=True)
            with contextlib.closing(sqlite3.connect(fresh)) as db:
                db.execute("CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT)")
                db.execute("INSERT INTO meta VALUES ('format', ?)", (FORMAT,))
                db.execute(
                    "CREATE TABLE files (path TEXT PRIMARY KEY, key TEXT, sha256 TEXT, size INTEGER,"
                    " mtime_ns INTEGER, inode INTEGER, rows INTEGER)"
                )
                db.executemany(
                    "INSERT INTO files VALUES (?, ?, ?, ?, ?, ?, ?)",
                    [(p, w.key, w.sha256, w.size, w.mtime_ns, w.inode, w.rows) for p, w in files.items()],
                )
                db.commit()
            os.replace(fresh, self.path)
            self._loaded = dict(files)
            self._remember()

    def _update(self, loaded: dict[str, Written], files: dict[str, Written]) -> bool:
        assert self.path is not None
        gone = [(path,) for path in loaded.keys() - files.keys()]
        changed = [
            (p, w.key, w.sha256, w.size, w.mtime_ns, w.inode, w.rows)
            for p, w in files.items()
            if loaded.get(p) != w
        ]
        try:
            with contextlib.closing(sqlite3.connect(self.path)) as db, db:
                db.executemany("DELETE FROM files WHERE path = ?", gone)
                db.executemany("INSERT OR REPLACE INTO files VALUES (?, ?, ?, ?, ?, ?, ?)", changed)
        except sqlite3.Error:
            return False  # written afresh instead
        self._loaded = dict(files)
        return True


class Stage:
    """A staging folder being filled: every file that went into it, made or linked."""

    def __init__(self, root: Path, published: Path, previous: dict[str, Written]):
        self.root = root
        self.published = published
        self.previous = previous
        self.files: dict[str, Written] = {}
        self._folders: set[str] = set()  # made already
        self._root, self._published = str(root), str(published)

    def reuse(self, path: str, key: str | None) -> Written | None:
        """Link the published file if it was made under this key and is untouched since."""
        old = self.previous.get(path)
        if not key or old is None or old.key != key:
            return None
        source = os.path.join(self._published, path)  # strings, not Paths: this runs for every file
        try:
            st = os.lstat(source)
        except OSError:
            return None
        if (st.st_ino, st.st_size, st.st_mtime_ns) != (old.inode, old.size, old.mtime_ns):
            return None
        target = os.path.join(self._root, path)
        self._folder(os.path.dirname(target))
        try:
            os.link(source, target)
        except OSError:
            return None
        self.files[path] = old
        return old

    def write(self, path: str, data: bytes, key: str = "", rows: int = 0) -> Written:
        target = self.fresh(path)
        target.write_bytes(data)
        return self.add(path, written(target, key, data, rows))

    def fresh(self, path: str) -> Path:
        """Where to write `path`: never into a linked file, which is also the published one."""
        target = self.root / path
        self._folder(str(target.parent))
        target.unlink(missing_ok=True)
        return target

    def add(self, path: str, made: Written) -> Written:
        """Record a file made by someone else (Pelican's writer, a worker)."""
        self.files[path] = made
        return made

    def _folder(self, path: str) -> None:
        if path not in self._folders:  # strings, not Paths: this runs for every file
            os.makedirs(path, exist_ok=True)
            self._folders.add(path)

    def complete(self) -> dict[str, Written]:
        """Every file in the folder, hashing those nobody recorded (theme files, the search index)."""
        start = len(self._root) + 1
        for folder, _, names in os.walk(self._root):
            prefix = folder[start:].replace(os.sep, "/")
            for name in names:
                path = f"{prefix}/{name}" if prefix else name
                if path not in self.files:
                    self.files[path] = written(Path(folder, name))
        return self.files
