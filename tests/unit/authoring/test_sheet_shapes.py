"""Sheet shapes offices produce that the ledger import must read: two-row headers, section rows,
files in the old format or renamed."""

from __future__ import annotations

import openpyxl
import pytest

from gongshi.authoring.ledger_import import read_ledger


def workbook(path, rows, merges=()):
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    for merge in merges:
        book.active.merge_cells(merge)
    book.save(path)
    return path


def test_a_two_row_header_with_progress_under_a_merged_heading(tmp_path):
    rows = [
        ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "整改情况", None],
        [None, None, None, None, None, None, "进展", "完成时间"],
        [1, "公车管理不规范", "修订办法", "立行立改", "办公室", "2025-05-31", "已完成", "2025-05-20"],
    ]
    merges = ["G1:H1", *(f"{c}1:{c}2" for c in "ABCDEF")]
    items, problems = read_ledger(workbook(tmp_path / "l.xlsx", rows, merges))
    assert [p.code for p in problems if p.is_error] == []
    assert [(i.status.value, str(i.completed_on)) for i in items] == [("已完成", "2025-05-20")]


@pytest.mark.parametrize(
    ("title", "area"),
    [
        ("一、政治建设方面（3个）", "政治建设"),
        ("（二）关于全面从严治党方面(2项)", "全面从严治党"),
        ("三、选人用人方面存在的问题（共4个）", "选人用人"),
        ("四、作风建设", "作风建设"),
    ],
)
def test_a_section_row_gives_its_area_without_ordinal_count_or_the_word_area(tmp_path, title, area):
    header = ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    rows = [header, [title], [1, "问题", "措施", "限期整改", "办公室", "2025-09-30", "推进中", None]]
    items, problems = read_ledger(workbook(tmp_path / "l.xlsx", rows, ["A2:H2"]))
    assert [i.area for i in items] == [area] and [p for p in problems if p.is_error] == []


def test_a_missing_column_names_the_cells_read_as_the_header(tmp_path):
    header = ["序号", "问题清单", "整改措施", "类型", "责任部门", "完成时限", "状态", "完成时间"]
    rows = [header, [1, "问题", "措施", "限期整改", "办公室", "2025-09-30", "推进中", None]]
    _, problems = read_ledger(workbook(tmp_path / "l.xlsx", rows))
    assert [p.code for p in problems] == ["import.missing-column"]
    assert "“问题清单”" in problems[0].message and "“完成时限”" in problems[0].message


def test_a_total_row_is_skipped(tmp_path):
    header = ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    rows = [
        header,
        [1, "问题", "措施", "限期整改", "办公室", "2025-09-30", "推进中", None],
        ["合计", "共1个问题"],
    ]
    items, problems = read_ledger(workbook(tmp_path / "l.xlsx", rows))
    assert len(items) == 1 and [p.code for p in problems] == ["import.note-row"]


def test_an_xlsx_that_is_really_an_encrypted_file_says_so(tmp_path):
    path = tmp_path / "台账.xlsx"
    path.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(1024))
    _, problems = read_ledger(path)
    assert [p.code for p in problems] == ["import.unreadable"]
    assert ".xls" in problems[0].message and "zip" not in problems[0].message


def test_a_workbook_named_for_the_other_format_is_read_as_what_it_is(tmp_path):
    header = ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    rows = [header, [1, "问题", "措施", "限期整改", "办公室", "2025-09-30", "推进中", None]]
    saved = workbook(tmp_path / "l.xlsx", rows)
    renamed = saved.rename(tmp_path / "台账.xls")  # an .xlsx saved under the old name
    items, problems = read_ledger(renamed)
    assert len(items) == 1 and problems == []
