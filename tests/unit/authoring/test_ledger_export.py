"""export-ledger: the ledger as offices keep it, and back through import-ledger without a byte changed."""

from __future__ import annotations

import datetime as dt
import shutil

import openpyxl
import pytest
from factories import REPO, report_text

from gongshi.authoring.ledger_export import HEADER_ROW, NOTE, export_ledger
from gongshi.authoring.ledger_import import ImportStatus, import_ledger

DEMO = sorted((REPO / "content" / "reports").glob("*/*.md"))


@pytest.mark.parametrize("report", DEMO, ids=[f"{p.parent.name}/{p.stem}" for p in DEMO])
def test_every_demo_ledger_comes_back_byte_for_byte(tmp_path, report):
    copy = tmp_path / "report.md"
    shutil.copyfile(report, copy)
    assert export_ledger(copy, tmp_path / "台账.xlsx", "某单位") == []
    result = import_ledger(tmp_path / "台账.xlsx", copy)
    assert [p for p in result.problems if p.is_error] == []
    assert [p.code for p in result.problems] in ([], ["import.figures-mismatch"])  # as the demo states them
    assert result.status is ImportStatus.UNCHANGED
    assert copy.read_bytes() == report.read_bytes()


def test_the_sheet_is_laid_out_as_offices_keep_it(tmp_path):
    (tmp_path / "r.md").write_text(report_text(), encoding="utf-8")
    assert export_ledger(tmp_path / "r.md", tmp_path / "l.xlsx", "市教育局党组") == []
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert sheet["A1"].value == "市教育局党组巡察整改台账" and "A1:I1" in {
        str(r) for r in sheet.merged_cells.ranges
    }
    assert sheet["A2"].value == NOTE
    assert [c.value for c in sheet[HEADER_ROW]][:3] == ["序号", "方面", "反馈问题"]
    first = HEADER_ROW + 1
    assert sheet.cell(first, 7).value == dt.datetime(2025, 5, 31) and sheet.cell(first, 7).is_date
    assert sheet.cell(first + 2, 7).value == "长期" and sheet.cell(first + 2, 9).value is None
    statuses = [v for v in sheet.data_validations.dataValidation if "推进中" in v.formula1]
    assert statuses and f"H{first}" in str(statuses[0].sqref)


def test_one_area_over_several_items_is_merged(tmp_path):
    rows = (
        "| 1 | 党的建设 | 甲 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
        "| 2 | 党的建设 | 乙 | 措施 | 限期整改 | 财务科 | 2025-09-30 | 推进中 | |\n"
        "| 3 | 选人用人 | 丙 | 措施 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"
    )
    (tmp_path / "r.md").write_text(report_text(rows=rows), encoding="utf-8")
    export_ledger(tmp_path / "r.md", tmp_path / "l.xlsx", "市教育局党组")
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert f"B{HEADER_ROW + 1}:B{HEADER_ROW + 2}" in {str(r) for r in sheet.merged_cells.ranges}


def test_an_updated_status_changes_only_that_item(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(report_text(), encoding="utf-8")
    before = report.read_text(encoding="utf-8").split("\n")
    export_ledger(report, tmp_path / "l.xlsx", "市教育局党组")
    workbook = openpyxl.load_workbook(tmp_path / "l.xlsx")
    sheet = workbook.active
    row = HEADER_ROW + 3  # item 3, 推进中
    sheet.cell(row, 8).value = "已完成"
    sheet.cell(row, 9).value = dt.datetime(2025, 9, 20)
    workbook.save(tmp_path / "l.xlsx")
    result = import_ledger(tmp_path / "l.xlsx", report)
    assert result.status is ImportStatus.UPDATED
    after = report.read_text(encoding="utf-8").split("\n")
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |",
            "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 已完成 | 2025-09-20 |",
        )
    ]


def test_text_that_looks_like_a_formula_stays_text(tmp_path):
    rows = "| 1 | 党的建设 | =1+1 问题 | 措施 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    report = tmp_path / "r.md"
    report.write_text(report_text(rows=rows), encoding="utf-8")
    export_ledger(report, tmp_path / "l.xlsx", "x")
    assert openpyxl.load_workbook(tmp_path / "l.xlsx").active.cell(HEADER_ROW + 1, 3).data_type == "s"
    assert import_ledger(tmp_path / "l.xlsx", report).status is ImportStatus.UNCHANGED


def test_a_report_whose_ledger_does_not_parse_is_not_exported(tmp_path):
    report = tmp_path / "r.md"
    report.write_text(
        report_text(rows="| 1 | 方面 | 问题 | 措施 | 马上改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"),
        encoding="utf-8",
    )
    problems = export_ledger(report, tmp_path / "l.xlsx", "x")
    assert problems and all(p.is_error for p in problems) and not (tmp_path / "l.xlsx").exists()
    assert [p.code for p in export_ledger(tmp_path / "none.md", tmp_path / "l.xlsx", "x")] == [
        "import.report-missing"
    ]


def test_tasks_extensions_and_every_status_come_back_byte_for_byte(tmp_path):
    ledger = (
        "| 序号 | 方面 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 延期至 | 状态 | 完成时间 |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
        "| 1-1 | 党的建设 | 甲 | 措施一 | 限期整改 | 办公室 | 2025-09-30 | | 推进中 | |\n"
        "| 1-2 | 党的建设 | 甲 | 措施二 | 限期整改 | 财务科 | 2025-09-30 | 2025-12-31 | 申请延期 | |\n"
        "| 2 | 选人用人 | 乙 | 措施 | 立行立改 | 组织人事科 | 2025-05-31 | | 基本完成 | |\n"
    )
    text = report_text()
    report = tmp_path / "r.md"
    report.write_text(text[: text.index("## 整改台账")] + "## 整改台账\n\n" + ledger, encoding="utf-8")
    before = report.read_bytes()
    assert export_ledger(report, tmp_path / "l.xlsx", "x") == []
    sheet = openpyxl.load_workbook(tmp_path / "l.xlsx").active
    assert [c.value for c in sheet[HEADER_ROW]][7] == "延期至" and sheet.cell(
        HEADER_ROW + 2, 1
    ).value == "1-2"
    statuses = [v for v in sheet.data_validations.dataValidation if "推进中" in v.formula1]
    assert "基本完成" in statuses[0].formula1 and "基本完成" in NOTE
    result = import_ledger(tmp_path / "l.xlsx", report)
    assert [p for p in result.problems if p.is_error] == [] and result.status is ImportStatus.UNCHANGED
    assert report.read_bytes() == before
