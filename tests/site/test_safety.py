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


@pytest.mark.slow
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


def test_a_control_character_pasted_from_word_is_an_error_with_file_and_line_everywhere(tmp_path):
    """What `check` passes, `build` builds: a U+000B in a title or a round name stops both, with its line."""
    from gongshi.build.runner import check
    from gongshi.problems.errors import ContentError

    units = {"edu": "市教育局党组", "water": "市水务局党组"}
    rounds = {"2025-r1": round_text(units=units, name='"十四届市委\x0b第一轮巡察"')}
    reports = {"2025-r1/edu.md": report_text(Title="中共青岚市教育局党组关于\x0b巡察整改进展情况的通报")}
    config = make_project(tmp_path, rounds, reports)
    for run in (lambda: check(config, AS_OF), lambda: build(config, as_of=AS_OF, batch=True)):
        with pytest.raises(ContentError) as caught:
            run()
        found = {(p.path, p.line, p.code) for p in caught.value.problems if p.is_error}
        assert found == {
            ("content/rounds/2025-r1.toml", 2, "file.control"),
            ("content/reports/2025-r1/edu.md", 1, "file.control"),
        }
        assert "U+000B" in caught.value.problems[0].message
    assert not (tmp_path / "output").exists()


def test_a_withdrawal_reason_with_a_control_character_records_nothing(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    record = (tmp_path / "content" / "publication-record.jsonl").read_bytes()
    with pytest.raises(ConfigError) as caught:
        withdraw(config, "2025-r1", "edu", "报告有误\x0b已更正", AS_OF)
    assert caught.value.code == "withdraw.control" and "U+000B" in str(caught.value)
    assert (tmp_path / "content" / "publication-record.jsonl").read_bytes() == record
    build(config, as_of=AS_OF)  # and every later build still works


def test_open_data_csv_cells_cannot_run_as_formulas_but_the_json_keeps_the_text(tmp_path):
    """Excel runs a cell starting with = + - @ as a formula; a spreadsheet must read these as text."""
    import csv
    import json

    import openpyxl

    rows = '| 1 | =HYPERLINK("http://x.example","点此") | +1 违规 | @SUM(A1) | 立行立改 | -办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n'
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(rows)})
    build(config, as_of=AS_OF, batch=True)
    data = tmp_path / "output" / "data"
    with open(data / "items.csv", encoding="utf-8-sig", newline="") as handle:
        (item,) = list(csv.DictReader(handle))
    assert item["area"] == '\'=HYPERLINK("http://x.example","点此")'
    assert (
        item["problem"] == "'+1 违规"
        and item["measures"] == "'@SUM(A1)"
        and item["responsible"] == "'-办公室"
    )
    (row,) = json.loads((data / "items.json").read_text(encoding="utf-8"))
    assert row["area"].startswith("=HYPERLINK") and row["responsible"] == "-办公室"
    # opened the way a spreadsheet opens it (openpyxl, like Excel, takes a cell starting with = as a
    # formula): every cell is plain text
    book = openpyxl.Workbook()
    sheet = book.active
    with open(data / "items.csv", encoding="utf-8-sig", newline="") as handle:
        for line in csv.reader(handle):
            sheet.append(line)
    saved = tmp_path / "items.xlsx"
    book.save(saved)
    cells = [c for r in openpyxl.load_workbook(saved).active.iter_rows() for c in r]
    assert not [c.coordinate for c in cells if c.data_type == "f"]


def test_an_output_path_under_a_file_is_exit_3_with_its_path_not_a_traceback(tmp_path):
    """A folder the build cannot write (here: a path through a file; likewise read-only or full)."""
    from click.testing import CliRunner

    from gongshi.cli import main

    config = project(tmp_path)
    (tmp_path / "afile").write_text("x")
    target = tmp_path / "afile" / "site"
    result = CliRunner().invoke(
        main, ["build", "--config", str(config), "--as-of", "2025-10-01", "-o", str(target)]
    )
    assert result.exit_code == 3, result.output
    assert "Traceback" not in result.output and "无法写入" in result.output and str(tmp_path) in result.output
    assert (tmp_path / "afile").read_text() == "x"


@pytest.mark.parametrize(
    "name, value",
    [
        pytest.param(
            "GONGSHI_DATA_LICENSE", {"name": "x", "path": "javascript:alert(1)"}, id="javascript-link"
        ),
        pytest.param("GONGSHI_DATA_CONTACT", {"title": "x", "path": "data:text/html,hi"}, id="data-link"),
        pytest.param("GONGSHI_SITE_URL", "http://xczg.example.gov.cn", id="http-site"),
        pytest.param("GONGSHI_SURVEY_PATH", "../../etc", id="survey-path-out"),
        pytest.param("GONGSHI_SURVEY_PATH", "/etc", id="survey-path-absolute"),
        pytest.param("GONGSHI_RECORD_FILE", "../record.jsonl", id="record-out"),
    ],
)
def test_settings_that_would_reach_outside_or_run_script_are_refused(tmp_path, name, value):
    config = project(tmp_path, **{name: value})
    before = tree(tmp_path)
    with pytest.raises(ConfigError) as caught:
        build(config, as_of=AS_OF, batch=True)
    assert caught.value.code == "setting.value" and name in str(caught.value)
    assert tree(tmp_path) == before


BAD_SETTINGS = {
    "GONGSHI_INTERNAL_PATH": [".", "content", "output/inside", "/", "..", "internal"],
    "GONGSHI_CACHE_PATH": ["output/cache", ".", "cache"],
    "GONGSHI_RECORD_FILE": ["", "a/b.jsonl", "publication-record.jsonl"],
    "GONGSHI_SURVEY_PATH": ["..", "surveys", 3],
    "GONGSHI_SITE_URL": ["javascript:x", None, "https://ok.example.gov.cn"],
    "GONGSHI_RULE_COMPLETION_MIN": ["60", -5, 60, None],
    "GONGSHI_PRIVACY_ALLOW": [["13912345678"], "x", None],
    "GONGSHI_SURVEY_EXPORT": ["nope", {"preset": "wjx"}, 7],
}
OUTPUTS = [None, "output", "content", ".", "site", "content/reports", "afile/site", ".git"]
AS_OFS = ["2025-10-01", "2024-01-01", "2999-01-01", "2025-02-30", "yesterday"]


def _snapshot(root):
    """Every file of the project outside the folders a build may write (output, internal, cache)."""
    skip = ("output", "internal", "cache", "site")
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file()
        and not p.relative_to(root).parts[0].startswith((*skip, ".output", ".internal", ".site"))
    }


@pytest.mark.slow
def test_mutated_settings_and_options_never_give_a_traceback_nor_touch_the_project(tmp_path_factory):
    """Property: whatever settings and command options, a documented exit code and a message; nothing
    outside the output folders written or removed; on failure, the previous site as it was."""
    from click.testing import CliRunner
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from gongshi.cli import main

    @settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
    @given(
        st.dictionaries(st.sampled_from(sorted(BAD_SETTINGS)), st.just(None), max_size=3).flatmap(
            lambda keys: st.fixed_dictionaries({k: st.sampled_from(BAD_SETTINGS[k]) for k in keys})
        ),
        st.sampled_from(OUTPUTS),
        st.sampled_from(AS_OFS),
        st.booleans(),
    )
    def run(changed, output, as_of, batch):
        root = tmp_path_factory.mktemp("mutated")
        config = project(root, **changed) if changed else project(root)
        (root / ".git").mkdir()
        (root / "afile").write_text("x")
        first = CliRunner().invoke(main, ["build", "--config", str(config), "--as-of", "2025-10-01"])
        site = root / "output"
        published = tree(site) if first.exit_code == 0 and site.is_dir() else None
        before = _snapshot(root)
        args = ["build", "--config", str(config), "--as-of", as_of]
        args += ["--batch"] if batch else []
        args += ["--output", str(root / output)] if output else []
        result = CliRunner().invoke(main, args)
        assert result.exit_code in (0, 1, 2, 3), result.output
        assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
        assert "Traceback" not in result.output
        after = _snapshot(root)
        record = "content/publication-record.jsonl"

        def kept(path: str) -> bool:  # the record and the archive of what it pins
            return path == record or path.startswith("content/published/")

        assert {k: v for k, v in after.items() if not kept(k)} == {
            k: v for k, v in before.items() if not kept(k)
        }
        if {k for k in after if kept(k)} != {k for k in before if kept(k)}:
            assert batch and result.exit_code == 0  # only a batch that succeeded writes the record
        assert all(after[k] == v for k, v in before.items() if kept(k) and k != record)  # write-once
        if result.exit_code != 0 and published is not None:
            assert tree(site) == published

    run()
