"""gongshi import-report, and the ledger commands on the spreadsheets offices keep."""

from __future__ import annotations

import json

import pytest
import wordfactory as wf
from click.testing import CliRunner
from factories import make_project, round_text

from gongshi.authoring.scaffold import PLACEHOLDER
from gongshi.cli import EXIT_CONTENT, EXIT_OK, main

AS_OF = "2025-10-01"


def run(config, *args):
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def fill_review(text: str) -> str:
    """What staff type after the import: the review's outcome, date and reviewers."""
    values = {
        "Review": "会审通过",
        "Review-Date": "2025-07-28",
        "Reviewers": "市纪委监委、市委组织部、市委巡察办",
    }
    lines = []
    for line in text.split("\n"):
        key = line.split(":", 1)[0]
        if key == "Review-Note":
            lines.append("Review-Note:")
        else:
            lines.append(f"{key}: {values[key]}" if key in values and PLACEHOLDER in line else line)
    return "\n".join(lines)


def test_an_imported_report_passes_check_once_the_review_is_filled_in(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {})
    source = wf.make_docx(tmp_path / "通报.docx", other_table=True)
    result = run(config, "import-report", str(source), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == EXIT_OK, result.output
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    assert "台账 3 项" in result.output
    checked = run(config, "check", "--as-of", AS_OF, "--json")
    listed = json.loads(checked.output)
    assert checked.exit_code == EXIT_CONTENT
    assert [p["code"] for p in listed["problems"] if p["severity"] == "error"] == ["report.placeholder"]
    report.write_text(fill_review(report.read_text(encoding="utf-8")), encoding="utf-8")
    checked = run(config, "check", "--as-of", AS_OF)
    assert checked.exit_code == EXIT_OK, checked.output


def test_import_report_refuses_to_overwrite_and_exits_with_content_error(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": "kept\n"})
    source = wf.make_docx(tmp_path / "通报.docx")
    result = run(config, "import-report", str(source), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == EXIT_CONTENT and "--replace" in result.output
    assert (tmp_path / "content" / "reports" / "2025-r1" / "edu.md").read_text(encoding="utf-8") == "kept\n"


@pytest.mark.parametrize("make", [wf.with_macro, wf.zip_bomb, wf.encrypted, wf.corrupt])
def test_a_hostile_document_is_a_clear_error_without_a_traceback(tmp_path, make):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {})
    source = make(tmp_path / "通报.docx")
    result = run(config, "import-report", str(source), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == EXIT_CONTENT and "Traceback" not in result.output
    assert "没有写入报告" in result.output
    assert not (tmp_path / "content" / "reports").exists()


def two_sheet_workbook(path):
    import openpyxl

    header = ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    workbook = openpyxl.Workbook()
    workbook.active.title = "4月底"
    for row in [
        header,
        [1, "公车管理不规范", "修订办法", "立行立改", "办公室", "2025-05-31", "推进中", None],
    ]:
        workbook.active.append(row)
    may = workbook.create_sheet("5月底")
    for row in [
        header,
        [1, "公车管理不规范", "修订办法", "立行立改", "办公室", "2025-05-31", "已完成", "2025-05-20"],
    ]:
        may.append(row)
    workbook.save(path)
    return path


def test_import_ledger_asks_which_sheet_then_shows_it_with_dry_run(tmp_path):
    from factories import report_text

    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    before = report.read_bytes()
    source = two_sheet_workbook(tmp_path / "台账.xlsx")
    result = run(config, "import-ledger", str(source), "--round", "2025-r1", "--unit", "edu")
    assert (
        result.exit_code == EXIT_CONTENT
        and "“4月底”、“5月底”" in result.output
        and "--sheet" in result.output
    )
    args = ["import-ledger", str(source), "--round", "2025-r1", "--unit", "edu", "--sheet", "5月底"]
    result = run(config, *args, "--dry-run")
    assert result.exit_code == EXIT_OK, result.output
    assert (
        "| 1 | | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |"
        in result.output
    )
    assert "没有写入" in result.output and report.read_bytes() == before
    result = run(config, *args)
    assert result.exit_code == EXIT_OK and report.read_bytes() != before


def test_export_ledger_then_import_ledger_leaves_the_report_as_it_was(tmp_path):
    from factories import report_text

    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    before = report.read_bytes()
    target = tmp_path / "out" / "台账.xlsx"
    result = run(config, "export-ledger", "--round", "2025-r1", "--unit", "edu", "-o", str(target))
    assert result.exit_code == EXIT_OK, result.output
    again = run(config, "export-ledger", "--round", "2025-r1", "--unit", "edu", "-o", str(target))
    assert again.exit_code == 2 and "已存在" in again.output  # an existing file is kept unless --force
    result = run(config, "import-ledger", str(target), "--round", "2025-r1", "--unit", "edu")
    assert result.exit_code == EXIT_OK and "未改动" in result.output
    assert report.read_bytes() == before
