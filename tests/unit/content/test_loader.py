"""Loading a content tree: checks across files, and files editors mangle."""

import datetime as dt
import shutil

import pytest
from factories import DEFAULT_ROWS, report_text, round_text

from gongshi.content.loader import load_content
from gongshi.infra.cache import FileCache
from gongshi.problems.errors import BuildError

AS_OF = dt.date(2025, 10, 1)


def load(tmp_path, reports, rounds=None, as_of=AS_OF, cache=None):
    root = tmp_path / "content"
    (root / "rounds").mkdir(parents=True)
    for rid, text in (rounds or {"2025-r1": round_text()}).items():
        (root / "rounds" / f"{rid}.toml").write_text(text, encoding="utf-8")
    for name, data in reports.items():
        path = root / "reports" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return load_content(root, as_of, cache=cache)


def error_codes(content):
    return {p.code for p in content.errors}


def test_a_valid_tree_loads_without_problems(tmp_path):
    content = load(tmp_path, {"2025-r1/edu.md": report_text()})
    assert content.problems == [] and content.report("2025-r1", "edu").title.startswith("中共")


@pytest.mark.parametrize(
    ("data", "code"),
    [
        pytest.param(b"", "file.empty", id="empty"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00", "file.binary", id="binary"),
        pytest.param(report_text().encode("gb18030"), "file.gbk", id="gb18030"),
    ],
)
def test_unusable_files_are_named(tmp_path, data, code):
    content = load(tmp_path, {"2025-r1/edu.md": data})
    (problem,) = content.errors
    assert problem.code == code and problem.path == "content/reports/2025-r1/edu.md" and problem.hint


def test_bom_and_crlf_are_accepted_with_a_hint(tmp_path):
    data = b"\xef\xbb\xbf" + report_text().replace("\n", "\r\n").encode("utf-8")
    content = load(tmp_path, {"2025-r1/edu.md": data})
    assert content.errors == [] and {p.code for p in content.problems} == {"file.bom", "file.crlf"}
    assert content.report("2025-r1", "edu") is not None


def test_two_reports_for_one_unit_in_one_round(tmp_path):
    content = load(tmp_path, {"2025-r1/edu.md": report_text(), "2025-r1/edu-copy.md": report_text()})
    assert error_codes(content) == {"report.duplicate", "report.path"}  # the copy is also misplaced


def test_a_report_file_must_stand_where_its_header_says(tmp_path):
    """reports/2026-r2/anything.md saying 2025-r1/edu would be published as 2025-r1/edu."""
    content = load(tmp_path, {"2025-r1/anything.md": report_text()})
    (problem,) = [p for p in content.problems if p.is_error]
    assert (problem.path, problem.code) == ("content/reports/2025-r1/anything.md", "report.path")
    assert "content/reports/2025-r1/edu.md" in problem.message


def test_a_link_out_of_the_project_is_refused_unread(tmp_path):
    secret = tmp_path.parent / f"{tmp_path.name}-secret.md"
    secret.write_text("Title: 机密\n绝密第二行\n", encoding="utf-8")
    content = load(tmp_path, {"2025-r1/edu.md": report_text()})
    (tmp_path / "content/reports/2025-r1/water.md").symlink_to(secret)
    content = load_content(tmp_path / "content", AS_OF)
    (problem,) = [p for p in content.problems if p.is_error]
    assert problem.code == "file.outside" and problem.path == "content/reports/2025-r1/water.md"
    assert "绝密" not in problem.message and "机密" not in problem.message


def test_report_for_a_unit_the_round_does_not_list(tmp_path):
    content = load(tmp_path, {"2025-r1/x.md": report_text(Unit="hospital", Unit_Name="市医院党委")})
    assert error_codes(content) == {"report.unit-not-in-round"}


def test_report_copied_from_another_unit_is_caught_by_its_name(tmp_path):
    content = load(tmp_path, {"2025-r1/water.md": report_text(Unit="water")})
    assert error_codes(content) == {"report.unit-name"}


def test_report_for_an_unknown_round(tmp_path):
    content = load(tmp_path, {"x.md": report_text(Round="2099-r9")})
    assert error_codes(content) == {"report.round"}


def test_duplicate_unit_ids_in_a_round_file(tmp_path):
    text = round_text() + '\n[[units]]\nid = "edu"\nname = "重复"\n'
    content = load(tmp_path, {}, rounds={"2025-r1": text})
    (problem,) = content.errors
    assert problem.code == "round.duplicate-unit" and problem.line == 20


def test_deadline_before_feedback_date(tmp_path):
    rows = DEFAULT_ROWS.replace("2025-09-30 | 已完成 | 2025-09-15", "2024-09-30 | 推进中 | ")
    content = load(tmp_path, {"2025-r1/edu.md": report_text(rows=rows)})
    (problem,) = content.errors
    assert problem.code == "ledger.deadline-before-feedback" and problem.line == 21


def test_completion_and_report_dates_after_the_as_of_date(tmp_path):
    content = load(tmp_path, {"2025-r1/edu.md": report_text()}, as_of=dt.date(2025, 9, 1))
    assert error_codes(content) == {"ledger.completed-future"}
    content = load(tmp_path / "b", {"2025-r1/edu.md": report_text()}, as_of=dt.date(2025, 7, 9))
    assert error_codes(content) == {"ledger.completed-future", "report.future"}


@pytest.mark.parametrize(
    ("text", "code"),
    [
        pytest.param(round_text(type='"巡视"'), "round.type", id="type"),
        pytest.param(round_text(feedback_date='"2025-04-10"'), "round.date", id="quoted-date"),
        pytest.param(round_text(feedback_date="2025-04"), "round.syntax", id="partial-date"),
        pytest.param(round_text(extra='"x"'), "round.unknown-key", id="unknown-key"),
        pytest.param(round_text("2025-r2"), "round.id-file", id="id-not-file-name"),
        pytest.param(round_text(revisits='"2024-r9"'), "round.revisits-unknown", id="revisits-unknown"),
    ],
)
def test_round_file_problems(tmp_path, text, code):
    content = load(tmp_path, {}, rounds={"2025-r1": text})
    assert code in error_codes(content)


@pytest.mark.parametrize("cached", [False, True], ids=["no-cache", "parse-cache"])
@pytest.mark.parametrize("edit", ["rewritten", "deleted"])
def test_a_report_changed_after_it_was_checked_stops_the_build(tmp_path, edit, cached):
    """Pages read the report again; they must not show bytes that were never checked, nor cache a
    report that vanished as unreadable under the key of the bytes that were checked."""
    cache = FileCache(tmp_path / "cache" if cached else None)
    content = load(tmp_path, {"2025-r1/edu.md": report_text()}, cache=cache)
    path = tmp_path / "content/reports/2025-r1/edu.md"
    if cached:  # a parse cache that lost the entry: the page reads the file again
        cache.close()
        shutil.rmtree(tmp_path / "cache")
        content.store.cache = FileCache(tmp_path / "cache")
    if edit == "rewritten":
        path.write_text(report_text(Title="检查之后才改的标题"), encoding="utf-8")
    else:
        path.unlink()
    with pytest.raises(BuildError) as raised:
        content.whole(content.report("2025-r1", "edu"))
    assert raised.value.code == "build.changed" and "edu.md" in str(raised.value)
