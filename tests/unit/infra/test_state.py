"""What a rebuild trusts from the last one: the output state, and the files' hashes a preview keeps."""

from __future__ import annotations

import os
import sqlite3

from gongshi.infra.cache import FileCache, file_sha256
from gongshi.infra.staging import OutputState, Written


def _w(key: str, inode: int = 1) -> Written:
    return Written(key, "ab" * 32, 10, 1_000, inode)


def test_state_updated_in_place_is_what_a_fresh_state_would_hold(tmp_path):
    target = tmp_path / "output"
    first = {"a.html": _w("k1"), "b.html": _w("k2"), "gone.html": _w("k3")}
    OutputState(tmp_path / "cache", target).save(first)

    state = OutputState(tmp_path / "cache", target)
    assert state.load() == first
    second = {"a.html": first["a.html"], "b.html": _w("k2", inode=7), "new.html": _w("k4")}
    state.save(second)

    assert OutputState(tmp_path / "cache", target).load() == second
    state.save({**second, "c.html": _w("k5")})  # a second build of one preview process
    assert OutputState(tmp_path / "cache", target).load() == {**second, "c.html": _w("k5")}


def test_a_state_file_gone_or_damaged_since_it_was_read_is_written_afresh(tmp_path):
    target = tmp_path / "output"
    OutputState(tmp_path / "cache", target).save({"a.html": _w("k1")})
    state = OutputState(tmp_path / "cache", target)
    state.load()
    assert state.path is not None
    with sqlite3.connect(state.path) as db:
        db.execute("DROP TABLE files")
    state.save({"b.html": _w("k2")})
    assert OutputState(tmp_path / "cache", target).load() == {"b.html": _w("k2")}


def test_a_preview_hashes_a_file_again_only_when_it_changed(tmp_path):
    path = tmp_path / "r.md"
    path.write_bytes(b"one")
    memo: dict = {}
    cache = FileCache(None, memo)
    assert cache.file_digest(path, path.stat()) == file_sha256(b"one")

    path.write_bytes(b"two")  # same size, a new modification time
    assert cache.file_digest(path, path.stat()) == file_sha256(b"two")

    stat = path.stat()
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # only read again: nothing moved
    assert cache.file_digest(path, path.stat()) == file_sha256(b"two")


def test_without_a_memo_every_file_is_read(tmp_path):
    path = tmp_path / "r.md"
    path.write_bytes(b"one")
    stat = path.stat()
    path.write_bytes(b"two")
    # the stamp taken before the edit: with nothing remembered, the bytes are what count
    assert FileCache(None).file_digest(path, stat) == file_sha256(b"two")
    assert FileCache(None).file_digest(tmp_path / "missing.md", stat) is None


def test_a_preview_trusts_the_state_it_saved_only_while_the_file_is_as_it_left_it(tmp_path):
    target, memo = tmp_path / "output", {}
    OutputState(tmp_path / "cache", target, memo).save({"a.html": _w("k1")})
    preview = OutputState(tmp_path / "cache", target, memo)
    assert preview.load() == {"a.html": _w("k1")}
    preview.save({"a.html": _w("k1"), "b.html": _w("k2")})
    assert OutputState(tmp_path / "cache", target, memo).load() == {"a.html": _w("k1"), "b.html": _w("k2")}

    OutputState(tmp_path / "cache", target).save({"c.html": _w("k3")})  # another build, no memo
    assert OutputState(tmp_path / "cache", target, memo).load() == {"c.html": _w("k3")}
