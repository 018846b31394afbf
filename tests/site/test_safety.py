"""Nothing lost: a build replaces only its own output folders, one build at a time, on true dates."""

from __future__ import annotations

import datetime as dt
import multiprocessing
import time

import pytest
from factories import make_project, report_text, round_text

from gongshi.build import lock
from gongshi.build.runner import build, withdraw
from gongshi.content.dates import today
from gongshi.problems.errors import ConfigError

AS_OF = dt.date(2025, 10, 1)


def project(tmp_path, **settings):
    return make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()}, **settings)


def tree(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


def refused(code, **call):
    with pytest.raises(ConfigError) as caught:
        build(**call)
    assert code in {e.code for e in caught.value.errors}, [e.code for e in caught.value.errors]
    return caught.value


@pytest.mark.parametrize("name", ["content", ".", ".git", "content/reports", ".."])
def test_a_build_never_replaces_the_project_or_what_it_holds(tmp_path, name):
    config = project(tmp_path / "p")
    (tmp_path / "p" / ".git").mkdir()
    before = tree(tmp_path)
    refused("output.protected", config=config, as_of=AS_OF, output=tmp_path / "p" / name)
    assert tree(tmp_path) == before


def test_an_internal_folder_set_to_the_project_is_refused_before_anything_is_touched(tmp_path):
    config = project(tmp_path, GONGSHI_INTERNAL_PATH=".")
    before = tree(tmp_path)
    error = refused("output.protected", config=config, as_of=AS_OF)
    assert "GONGSHI_INTERNAL_PATH" in str(error)
    assert tree(tmp_path) == before


def test_a_folder_of_other_files_is_refused_and_a_previous_output_is_replaced(tmp_path):
    config = project(tmp_path)
    other = tmp_path / "photos"
    other.mkdir()
    (other / "holiday.jpg").write_bytes(b"\xff\xd8")
    refused("output.foreign", config=config, as_of=AS_OF, output=other)
    assert (other / "holiday.jpg").read_bytes() == b"\xff\xd8"
    build(config, as_of=AS_OF, batch=True)  # output/ is new: accepted
    build(config, as_of=AS_OF)  # output/ is now a previous Gongshi output: accepted
    empty = tmp_path / "empty"
    empty.mkdir()
    build(config, as_of=AS_OF, output=empty)  # an empty folder: accepted
    (tmp_path / "afile").write_text("x")
    refused("output.file", config=config, as_of=AS_OF, output=tmp_path / "afile")


def _hold_the_lock(cache, ready, release):
    with lock.one_build_at_a_time(cache):
        ready.set()
        release.wait(30)


def test_a_second_build_waits_then_is_refused_naming_the_first(tmp_path, monkeypatch):
    config = project(tmp_path)
    ready, release = multiprocessing.Event(), multiprocessing.Event()
    holder = multiprocessing.get_context("fork").Process(
        target=_hold_the_lock, args=(tmp_path / "cache", ready, release)
    )
    holder.start()
    try:
        assert ready.wait(30)
        monkeypatch.setattr(lock, "WAIT_SECONDS", 0.3)
        started = time.monotonic()
        error = refused("lock.busy", config=config, as_of=AS_OF, batch=True)
        assert time.monotonic() - started >= 0.3
        assert f"pid {holder.pid}" in str(error)
        assert not (tmp_path / "content" / "publication-record.jsonl").exists()
    finally:
        release.set()
        holder.join(30)
    build(config, as_of=AS_OF, batch=True)  # free again: the lock went with its holder
    assert not (tmp_path / "cache" / "build.lock.owner").exists()


def test_a_batch_or_withdrawal_dated_after_today_is_refused_unless_meant(tmp_path):
    config = project(tmp_path)
    future = today() + dt.timedelta(days=365 * 36)  # 2062 typed for 2026
    refused("as-of.future", config=config, as_of=future, batch=True)
    assert not (tmp_path / "content" / "publication-record.jsonl").exists()
    build(config, as_of=future)  # a preview at a future date records nothing: allowed
    build(config, as_of=AS_OF, batch=True)
    with pytest.raises(ConfigError) as caught:
        withdraw(config, "2025-r1", "edu", "报告有误", future)
    assert caught.value.code == "as-of.future"
    withdraw(config, "2025-r1", "edu", "报告有误", today() + dt.timedelta(days=1), future_date=True)
