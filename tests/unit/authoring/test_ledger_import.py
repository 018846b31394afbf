"""Importing the 整改台账 from Excel or CSV into a report, as staff really keep their ledgers."""

import csv
import datetime as dt
import re
from dataclasses import replace

import openpyxl
import openpyxl.styles
import pytest
from factories import REPO, report_text, round_text

from gongshi.authoring import ledger_import as ledgerimport
from gongshi.authoring.ledger_import import (
    ImportStatus,
    import_ledger,
    read_ledger,
    render_ledger_table,
    replace_ledger,
)
from gongshi.content.loader import load_content
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import CATALOG

D = dt.date
TITLE = "市教育局党组巡察整改台账"
HEADER = ["序号", "方面", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
NARRATIVE = (
    "根据市委统一部署，现将巡察整改进展情况予以公布。\n\n## 一、整改工作开展情况\n\n党组召开专题会议。\n"
)
AFTER = "\n## 三、下一步工作打算\n\n继续巩固整改成果。\n"


def item_row(number=1, area="党的建设", problem="公车管理不规范", measures="修订公务用车管理办法", kind="限期整改",
             responsible="办公室", deadline="2025-09-30", status="推进中", done=""):  # fmt: skip
    return [number, area, problem, measures, kind, responsible, deadline, status, done]


def write_xlsx(path, rows, merges=(), hidden=(), formatted=(), sheet="台账"):
    """`formatted`: rows given cells with a border and no value, as Excel keeps pre-formatted empty rows."""
    workbook = openpyxl.Workbook()
    ws = workbook.active
    ws.title = sheet
    for row in rows:
        ws.append(row)
    for number in formatted:
        for column in range(1, len(HEADER) + 1):
            ws.cell(number, column).border = openpyxl.styles.Border(bottom=openpyxl.styles.Side("thin"))
    for cells in merges:
        ws.merge_cells(cells)
    for number in hidden:
        ws.row_dimensions[number].hidden = True
    workbook.save(path)
    return path


def write_csv(path, rows, encoding="utf-8"):
    with open(path, "w", encoding=encoding, newline="") as handle:
        csv.writer(handle).writerows(rows)
    return path


def staff_workbook(path):
    """The quirks of a real ledger: title, header variants, merged 方面 and 责任单位, typed and text dates, notes."""
    rows = [
        [TITLE],  # 1, merged A1:J1
        ["序号", "方面", "问题描述", "整改措施", "整改类型", "责任单位", "完成时限", "整改情况", "完成日期", "备注"],
        [1, "落实全面从严治党", "意识形态工作责任制\n落实不到位", "修订责任清单", "立行立改", "办公室",
         dt.datetime(2025, 5, 31), "已完成", dt.datetime(2025, 5, 20), None],  # 3: 方面 B3:B5
        [2, None, "公车管理|不规范", "修订办法", "限期整改", None, "2025年6月30日", "完成", "2025.6.20", None],
        [3, None, "食堂经费使用不规范", "开展专项审计", "限期整改", "财务科", "2025/9/30", "已整改", "2025-09-15",
         None],
        [4, "选人用人", "干部档案审核不严", "开展专项审核", "限期整改", "组织人事科", "2025-12-31", "推进中", None,
         None],  # 6: 责任单位 F6:F7
        [5, "选人用人", "调查研究不深入", "建立常态化调研机制", "长期坚持", None, "长期坚持", "持续推进", None,
         "每季度报告"],
        [None] * 10,  # 8
        ["填表说明：1. 本表由党组办公室填写；2. 每月更新。"],  # 9, merged A9:J9
    ]  # fmt: skip
    merges = ("A1:J1", "B3:B5", "F3:F4", "F6:F7", "A9:J9")
    return write_xlsx(path, rows, merges=merges, formatted=(8, 10, 11))


STAFF_ITEMS = [
    LedgerItem(1, "落实全面从严治党", "意识形态工作责任制 落实不到位", "修订责任清单", Kind.IMMEDIATE, "办公室",
               D(2025, 5, 31), Status.DONE, D(2025, 5, 20), 3),
    LedgerItem(2, "落实全面从严治党", "公车管理|不规范", "修订办法", Kind.DEADLINE, "办公室", D(2025, 6, 30),
               Status.DONE, D(2025, 6, 20), 4),
    LedgerItem(3, "落实全面从严治党", "食堂经费使用不规范", "开展专项审计", Kind.DEADLINE, "财务科", D(2025, 9, 30),
               Status.DONE, D(2025, 9, 15), 5),
    LedgerItem(4, "选人用人", "干部档案审核不严", "开展专项审核", Kind.DEADLINE, "组织人事科", D(2025, 12, 31),
               Status.IN_PROGRESS, None, 6),
    LedgerItem(5, "选人用人", "调查研究不深入", "建立常态化调研机制", Kind.LONG_TERM, "组织人事科", None,
               Status.IN_PROGRESS, None, 7),
]  # fmt: skip


def without_lines(items):
    return [replace(item, line=0) for item in items]


def found(problems, errors=True):
    return sorted((p.code, p.line) for p in problems if p.is_error is errors)


def report_file(tmp_path, text=None, data=None):
    path = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data if data is not None else (text or report_text(body=NARRATIVE) + AFTER).encode())
    return path


# --- reading spreadsheets ----------------------------------------------------------------------


def test_a_staff_workbook_reads_into_items_with_their_row_numbers(tmp_path):
    items, problems = read_ledger(staff_workbook(tmp_path / "台账.xlsx"))
    assert items == STAFF_ITEMS
    assert found(problems) == []
    assert found(problems, errors=False) == [
        ("import.blank-rows", 8),
        ("import.column-ignored", 2),
        ("import.note-row", 9),
    ]
    blank = next(p for p in problems if p.code == "import.blank-rows")
    assert "第 8 行" in blank.message and "第 10–11 行" in blank.message
    ignored = next(p for p in problems if p.code == "import.column-ignored")
    assert "“备注”（J 列）" in ignored.message
    assert [p.line for p in problems] == [2, 8, 9]  # in sheet order, as staff go through it
    note = next(p for p in problems if p.code == "import.note-row")
    assert "填表说明" in note.message and note.path == str(tmp_path / "台账.xlsx")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-8", "gb18030"])
def test_csv_in_the_encodings_excel_writes_reads_like_the_workbook(tmp_path, encoding):
    rows = [
        [TITLE, "", "", "", "", "", "", "", ""],
        HEADER,
        item_row(1, problem="意识形态工作责任制落实不到位", kind="立行立改", deadline="2025年5月31日",
                 status="已完成", done="2025.5.20"),
        item_row(2, area="选人用人", problem="调查研究不深入", kind="长期坚持", deadline="长期", status="推进中"),
        ["合计", "", "共 2 项", "", "", "", "", "", ""],
        ["", "", "", "", "", "市教育局党组办公室", "2025年7月1日", "", ""],  # 落款
    ]  # fmt: skip
    path = write_csv(tmp_path / "台账.csv", rows, encoding)
    if encoding == "gb18030":
        with pytest.raises(UnicodeDecodeError):
            path.read_bytes().decode("utf-8")
    items, problems = read_ledger(path)
    assert [(i.number, i.problem, i.kind, i.deadline, i.completed_on, i.line) for i in items] == [
        (1, "意识形态工作责任制落实不到位", Kind.IMMEDIATE, D(2025, 5, 31), D(2025, 5, 20), 3),
        (2, "调查研究不深入", Kind.LONG_TERM, None, None, 4),
    ]
    assert found(problems) == []
    assert found(problems, errors=False) == [("import.note-row", 5), ("import.note-row", 6)]


@pytest.mark.parametrize("bom", ["\ufeff", ""], ids=["with BOM", "without"])
def test_a_gb18030_csv_whose_first_row_is_the_header_reads_its_first_column(tmp_path, bom):
    path = tmp_path / "台账.csv"
    path.write_bytes(
        (
            bom
            + "序号,反馈问题,整改措施,类型,责任部门,整改时限,状态\n7,问题,措施,立行立改,办公室,2025-06-30,推进中\n"
        ).encode("gb18030")
    )
    items, problems = read_ledger(path)
    assert problems == [] and [(i.number, i.problem) for i in items] == [(7, "问题")]


@pytest.mark.parametrize(
    "text",
    ["2025-06-30", "2025-6-30", "2025年6月30日", "2025.6.30", "2025/6/30", "２０２５年６月３０日",
     "2025年6月30日前", "2025年6月底前", "2025-06-30 00:00:00"],
)  # fmt: skip
def test_text_dates_staff_type_are_understood(tmp_path, text):
    path = write_csv(tmp_path / "l.csv", [HEADER, item_row(deadline=text)])
    items, problems = read_ledger(path)
    assert found(problems) == [] and items[0].deadline == D(2025, 6, 30)


@pytest.mark.parametrize(
    ("text", "expected"),
    [("2025年2月底", D(2025, 2, 28)), ("2024年2月末", D(2024, 2, 29)), ("2025年12月底前", D(2025, 12, 31)),
     ("2025年底前", D(2025, 12, 31))],
)  # fmt: skip
def test_the_end_of_a_month_or_year_is_its_last_day(tmp_path, text, expected):
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", [HEADER, item_row(deadline=text)]))
    assert found(problems) == [] and items[0].deadline == expected


@pytest.mark.parametrize(
    ("text", "message"),
    [("2025年6月", "日期不完整"), ("25.6.30", "无法识别"), ("年内", "无法识别"), ("2025-02-30", "不是有效日期"),
     ("2025年13月底", "不是有效日期")],
)  # fmt: skip
def test_dates_that_name_no_single_day_are_errors_on_their_row(tmp_path, text, message):
    rows = [[TITLE], HEADER, item_row(deadline=text)]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert items == [] and found(problems) == [("import.deadline", 3)]
    assert message in problems[0].message and text in problems[0].message and problems[0].hint


def test_a_date_cell_that_lost_its_format_is_read_as_excels_day_number(tmp_path):
    path = write_xlsx(tmp_path / "l.xlsx", [HEADER, item_row(deadline=45838)])  # 2025-06-30
    items, problems = read_ledger(path)
    assert found(problems) == [] and items[0].deadline == D(2025, 6, 30)


@pytest.mark.parametrize(
    ("field", "written", "expected"),
    [
        pytest.param("status", "已完成", Status.DONE, id="已完成"),
        pytest.param("status", "完成", Status.DONE, id="完成"),
        pytest.param("status", "已整改", Status.DONE, id="已整改"),
        pytest.param("status", "已办结。", Status.DONE, id="trailing-stop"),
        pytest.param("status", "正在推进", Status.IN_PROGRESS, id="正在推进"),
        pytest.param("status", "未开始", Status.NOT_STARTED, id="未开始"),
        pytest.param("kind", "立即整改", Kind.IMMEDIATE, id="立即整改"),
        pytest.param("kind", "限时整改", Kind.DEADLINE, id="限时整改"),
        pytest.param("kind", " 长期 坚持 ", Kind.LONG_TERM, id="spaced"),
    ],
)
def test_status_and_kind_as_staff_write_them(tmp_path, field, written, expected):
    values = {field: written}
    if expected is Status.DONE:
        values["done"] = "2025-06-01"
    if expected is Kind.LONG_TERM:
        values["deadline"] = "长期"
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", [HEADER, item_row(**values)]))
    assert found(problems) == [] and getattr(items[0], field) is expected


@pytest.mark.parametrize("header", ["完成状态", "是否完成", "整改完成情况"])
def test_more_status_headers_staff_use(tmp_path, header):
    rows = [[*HEADER[:7], header, "完成时间"], item_row(status="已完成", done="2025-06-01"), item_row(2)]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert problems == [] and [i.status for i in items] == [Status.DONE, Status.IN_PROGRESS]


def test_yes_and_no_are_statuses_only_in_a_column_that_asks_whether_it_is_done(tmp_path):
    answers = [
        item_row(1, status="是", done="2025-06-01"),
        item_row(2, status="否"),
        item_row(3, status=" 是。", done="2025-06-02"),
    ]
    items, problems = read_ledger(
        write_csv(tmp_path / "yes-no.csv", [[*HEADER[:7], "是否完成", "完成时间"], *answers])
    )
    assert problems == [] and [i.status for i in items] == [Status.DONE, Status.IN_PROGRESS, Status.DONE]
    items, problems = read_ledger(
        write_csv(tmp_path / "status.csv", [[*HEADER[:7], "完成情况", "完成时间"], *answers])
    )
    assert items == [] and found(problems) == [
        ("import.status", 2),
        ("import.status", 3),
        ("import.status", 4),
    ]
    assert (
        "完成情况“是”无法识别" in problems[0].message
        and "基本完成、阶段性完成、申请延期、推进中、未启动" in problems[0].hint
    )


@pytest.mark.parametrize(
    ("header", "written"),
    [
        ("完成情况", "完成：60%"),
        ("完成情况", "完成，剩余部分推进中"),
        ("完成情况", "已完成：60%"),
        ("整改进度", "已完成 80％"),
        ("整改情况", "已完成，部分措施仍在推进"),
        ("整改情况", "已整改，基本到位"),
        ("是否完成", "是，部分完成"),
        ("是否完成", "是（完成60%）"),
        ("状态", "是，部分完成"),
    ],
)
def test_a_status_cell_that_reports_part_of_the_work_is_an_error_never_done(tmp_path, header, written):
    rows = [[*HEADER[:7], header, "完成时间"], item_row(1), item_row(2, status=written, done="2025-06-01")]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert [i.line for i in items] == [2] and found(problems) == [("import.status", 3)]
    assert not [p for p in problems if p.code == "import.status-narrative"]  # refused, not read as done
    (error,) = problems
    assert error.message == f"{header}“{written}”无法识别。" and error.location().endswith(":3")


def test_a_status_cell_written_as_a_sentence_is_read_as_its_leading_status_with_one_warning(tmp_path):
    rows = [
        ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "整改情况", "完成时间"],
        [1, "公车管理不规范", "修订办法", "立行立改", "办公室", "2025-05-31", "已完成。制定《公务用车管理办法》", "2025-05-20"],
        [2, "食堂经费", "专项审计", "限期整改", "财务科", "2025-12-31", "推进中，预计年底完成", ""],
        [3, "档案", "专项审核", "限期整改", "组织人事科", "2025-12-31", "未启动", ""],
        [4, "调研", "建立机制", "限期整改", "办公室", "2025-12-31", "已完成整改 制度已印发", "2025-06-01"],
        [5, "作风", "整治", "限期整改", "办公室", "2025-12-31", "部分完成，剩余部分推进中", ""],
    ]  # fmt: skip
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert [i.status for i in items] == [Status.DONE, Status.IN_PROGRESS, Status.NOT_STARTED, Status.DONE]
    assert found(problems) == [("import.status", 6)]  # a sentence that does not start with a status
    (warning,) = [p for p in problems if not p.is_error]
    assert (warning.code, warning.line) == ("import.status-narrative", 2)
    assert warning.message == (
        "第 2–3 行、第 5 行的“整改情况”以状态开头、后面还有说明文字，只按状态导入"
        "（如“已完成。制定《公务用车管理办法》”导入为“已完成”）；后面的文字没有导入。"
    )
    assert warning.text("en")[0].startswith(
        'In rows 2–3, row 5, the "整改情况" (status) cell starts with a status followed by more text;'
    )


def test_every_row_that_cannot_be_mapped_is_named_with_its_row_and_reason(tmp_path):
    rows = [
        [TITLE],
        HEADER,
        item_row(1),  # 3: fine
        item_row(2, kind="尽快整改"),  # 4
        item_row(3, deadline="2025年6月"),  # 5: no day
        item_row(4, measures=None, responsible=""),  # 6
        item_row(5, status="已完成", done=""),  # 7
        item_row(6, status="推进中", done="2025-06-01"),  # 8
        item_row("一", deadline="2025-02-30"),  # 9: two problems on one row
        item_row(8, kind="限期整改", deadline="长期"),  # 10
        item_row(9, status="大体完成"),  # 11: never guessed upwards
        item_row(10, done="明年"),  # 12
        ["合计", None, "10 项"],  # 13
    ]
    items, problems = read_ledger(write_xlsx(tmp_path / "l.xlsx", rows))
    assert [i.line for i in items] == [3]
    assert found(problems) == [
        ("import.blank", 6),
        ("import.completed", 12),
        ("import.completed-missing", 7),
        ("import.completed-not-done", 8),
        ("import.deadline", 5),
        ("import.deadline", 9),
        ("import.deadline-missing", 10),
        ("import.kind", 4),
        ("import.number", 9),
        ("import.status", 11),
    ]
    blank = next(p for p in problems if p.code == "import.blank")
    assert "“整改措施”" in blank.message and "“责任部门”" in blank.message and blank.hint
    assert all(p.hint for p in problems)
    assert found(problems, errors=False) == [("import.note-row", 13)]


def test_group_heading_rows_give_the_area_to_the_items_below(tmp_path):
    header = ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    item = ["公车管理不规范", "修订办法", "限期整改", "办公室", "2025-09-30", "推进中", None]
    rows = [
        header,
        ["一、党的政治建设方面（1个）"],
        [1, *item],
        ["（二）作风建设"],
        [2, *item],
        ["三、选人用人"],
        [3, *item],
    ]
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=("A2:H2", "A4:H4"))  # the third is not merged
    items, problems = read_ledger(path)
    # the heading's ordinal, count and 方面 are how the sheet writes it, not the area
    assert [(i.number, i.area) for i in items] == [(1, "党的政治建设"), (2, "作风建设"), (3, "选人用人")]
    assert found(problems) == [] and found(problems, errors=False) == []


def test_text_alone_in_a_problem_column_is_an_unfinished_item_not_a_heading(tmp_path):
    header = ["反馈问题", "整改措施", "类型", "责任部门", "整改时限", "状态", "完成时间"]
    rows = [
        header,
        ["公车管理不规范"],
        ["食堂经费", "开展审计", "限期整改", "财务科", "2025-09-30", "推进中", None],
    ]
    _, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert ("import.blank", 2) in found(problems)


def test_a_two_row_header_under_merged_group_cells(tmp_path):
    rows = [
        [TITLE],
        ["序号", "反馈问题", "整改措施", "类型", "责任部门", "整改时限", "整改进展", None],
        [None, None, None, None, None, None, "状态", "完成时间"],
        [1, "公车管理不规范", "修订办法", "立行立改", "办公室", "2025-05-31", "已完成", "2025-05-20"],
    ]
    path = write_xlsx(tmp_path / "l.xlsx", rows, merges=("A1:H1", "A2:A3", "B2:B3", "C2:C3", "D2:D3", "E2:E3",
                                                          "F2:F3", "G2:H2"))  # fmt: skip
    items, problems = read_ledger(path)
    assert found(problems) == [] and [(i.status, i.completed_on, i.line) for i in items] == [
        (Status.DONE, D(2025, 5, 20), 4)
    ]


def test_a_department_column_wins_over_a_leader_column_and_the_leader_column_is_named(tmp_path):
    header = ["序号", "反馈问题", "整改措施", "类型", "责任领导", "责任部门", "整改时限", "状态", "完成时间"]
    row = [1, "公车管理不规范", "修订办法", "限期整改", "王某某", "办公室", "2025-09-30", "推进中", None]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", [header, row]))
    assert items[0].responsible == "办公室"
    ignored = [p for p in problems if p.code == "import.column-ignored"]
    assert ignored and "“责任领导”（E 列）" in ignored[0].message and not ignored[0].is_error


def test_hidden_rows_and_repeated_numbers_are_imported_with_a_warning(tmp_path):
    rows = [HEADER, item_row(1), item_row(1, problem="食堂经费"), item_row(2, problem="档案")]
    items, problems = read_ledger(write_xlsx(tmp_path / "l.xlsx", rows, hidden=(4,)))
    assert [i.line for i in items] == [2, 3, 4]
    assert found(problems) == []
    assert found(problems, errors=False) == [("import.duplicate-number", 3), ("import.hidden-rows", 4)]


def test_several_ledger_sheets_are_named_and_one_is_chosen_with_sheet(tmp_path):
    path = write_xlsx(tmp_path / "l.xlsx", [HEADER, item_row(1)])
    workbook = openpyxl.load_workbook(path)
    other = workbook.create_sheet("旧台账")
    for row in [HEADER, item_row(1), item_row(2)]:
        other.append(row)
    workbook.active = 1  # saved with last month's sheet active
    workbook.save(path)
    items, problems = read_ledger(path)
    # not the active sheet without a word: nothing is read, every ledger sheet is named
    assert items == [] and [(p.code, p.is_error) for p in problems] == [("import.choose-sheet", True)]
    assert "“旧台账”、“台账”" in problems[0].message and "--sheet" in problems[0].hint
    items, problems = read_ledger(path, "台账")
    assert len(items) == 1 and problems == []
    items, problems = read_ledger(path, "旧台账")
    assert len(items) == 2 and problems == []
    items, problems = read_ledger(path, "5月")
    assert [p.code for p in problems] == ["import.sheet-unknown"] and "旧台账" in problems[0].message


@pytest.mark.parametrize(
    ("name", "data", "code"),
    [
        pytest.param("l.xls", b"\xd0\xcf\x11\xe0", "import.unreadable", id="broken-xls"),
        pytest.param(
            "l.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(600), "import.unreadable", id="ole-as-xlsx"
        ),
        pytest.param("l.ods", b"PK", "import.format", id="other-format"),
        pytest.param("l.xlsx", b"not a zip", "import.unreadable", id="broken-xlsx"),
        pytest.param("l.csv", b"", "import.empty", id="empty-csv"),
        pytest.param("l.csv", b"\xff\xfe\x00\x00", "import.format", id="binary-csv"),
        pytest.param("l.csv", "标题\n甲,乙,丙\n".encode(), "import.no-header", id="no-header"),
        pytest.param(
            "l.csv", '序号,反馈问题\n1,"未闭合的引号\n2,问题\n'.encode(), "import.csv", id="unclosed-quote"
        ),
    ],
)
def test_files_that_cannot_be_read_are_one_error(tmp_path, name, data, code):
    (tmp_path / name).write_bytes(data)
    items, problems = read_ledger(tmp_path / name)
    assert items == [] and [p.code for p in problems if p.is_error] == [code]


def test_a_missing_column_is_named_on_the_header_row(tmp_path):
    header = ["序号", "反馈问题", "整改措施", "责任部门", "整改时限", "状态"]  # no 类型
    rows = [[TITLE], header, [1, "问题", "措施", "办公室", "2025-09-30", "推进中"]]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert items == [] and found(problems) == [("import.missing-column", 2)]
    assert "类型" in problems[0].message and "整改类型" in problems[0].hint


def test_a_header_with_nothing_below_it_is_an_error(tmp_path):
    _, problems = read_ledger(write_csv(tmp_path / "l.csv", [HEADER, [""] * 9]))
    assert found(problems) == [("import.no-items", 1)]


def test_a_done_item_without_a_completion_column_says_the_column_is_missing(tmp_path):
    header = HEADER[:-1]
    rows = [header, item_row(1)[:-1], item_row(2, status="已完成")[:-1]]
    items, problems = read_ledger(write_csv(tmp_path / "l.csv", rows))
    assert [i.number for i in items] == [1] and found(problems) == [("import.completed-missing", 3)]
    assert "完成时间" in problems[0].hint


# --- the report ----------------------------------------------------------------------------------


def test_import_replaces_only_the_table_and_the_report_loader_reads_the_same_items(tmp_path):
    report = report_file(tmp_path)
    before = report.read_text(encoding="utf-8")
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.UPDATED and result.items == 5
    assert not [p for p in result.problems if p.is_error]
    after = report.read_text(encoding="utf-8")
    head = before[: before.index("| 序号 |")]
    assert after.startswith(head) and after.endswith(AFTER)
    assert "公车管理\\|不规范" in after
    (tmp_path / "content" / "rounds").mkdir()
    (tmp_path / "content" / "rounds" / "2025-r1.toml").write_text(round_text(), encoding="utf-8")
    content = load_content(tmp_path / "content", dt.date(2025, 10, 1))
    assert content.problems == []
    report = content.whole(content.report("2025-r1", "edu"))  # the head is kept; the rest is read back
    assert without_lines(report.ledger) == without_lines(STAFF_ITEMS)
    assert "继续巩固整改成果" in report.narrative


def test_figures_the_narrative_states_are_checked_against_the_new_ledger(tmp_path):
    stated = "反馈问题共 5 个，已完成 5 个，整改完成率 100%。\n"
    report = report_file(tmp_path, report_text(body=stated))
    # 5 items, 3 done, one of them (2025-09-15) after the report's date (2025-07-08): 2 done then
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.UPDATED and stated in report.read_text(encoding="utf-8")
    (warning,) = [p for p in result.problems if p.code == "import.figures-mismatch"]
    assert not warning.is_error and warning.path == str(report)
    assert (
        warning.message
        == "台账已导入，但报告正文中的数字与新台账不一致：第 14 行“反馈问题共 5 个，已完成 5 个，整改完成率 100%。”："
        "已完成报告称 5，台账为 2；整改完成率报告称 100%，台账为 40%。"
    )
    assert [m.figure for m in result.mismatches] == ["已完成", "整改完成率"]
    again = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert again.status is ImportStatus.UNCHANGED and again.mismatches == result.mismatches
    agreeing = report_file(tmp_path / "b", report_text(body="反馈问题共 5 个，已完成 2 个。\n"))
    assert import_ledger(staff_workbook(tmp_path / "台账.xlsx"), agreeing).mismatches == ()


@pytest.mark.parametrize("newline", ["\n", "\r\n"])
def test_a_report_whose_header_is_not_finished_is_imported_into_and_its_figures_checked(tmp_path, newline):
    """Ledgers are imported before 会审: the header still says 【待填写】, so the report does not parse yet."""
    stated = "反馈问题共 5 个，已完成 5 个。\n"
    text = report_text(body=stated, Review="【待填写】", Review_Date="【待填写】").replace("\n", newline)
    assert parse_report(text, ProblemLog("edu.md", [])) is None
    report = report_file(tmp_path, text)
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.UPDATED and not [p for p in result.problems if p.is_error]
    assert [(m.figure, m.stated, m.ledger) for m in result.mismatches] == [("已完成", "5", "3")]
    after = report.read_text(encoding="utf-8").replace(newline, "\n")
    assert after.startswith(text.replace(newline, "\n")[: text.index("| 序号 |")])
    log = ProblemLog("edu.md", [])
    finished = parse_report(
        after.replace("Review: 【待填写】", "Review: 会审通过").replace("【待填写】", "2025-08-01"), log
    )
    assert without_lines(finished.ledger) == without_lines(STAFF_ITEMS)


def test_importing_the_same_ledger_again_leaves_the_report_unchanged(tmp_path):
    report = report_file(tmp_path)
    source = staff_workbook(tmp_path / "台账.xlsx")
    import_ledger(source, report)
    written = report.read_bytes()
    result = import_ledger(source, report)
    assert result.status is ImportStatus.UNCHANGED and result.items == 5 and report.read_bytes() == written


def test_a_report_without_a_ledger_gets_the_section_appended(tmp_path):
    text = report_text(body=NARRATIVE)
    text = text[: text.index("\n## 整改台账")]  # ends "会议。\n"
    report = report_file(tmp_path, text)
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.CREATED
    after = report.read_text(encoding="utf-8")
    assert after.startswith(text) and after[len(text) :].startswith("\n## 整改台账\n\n| 序号 |")
    log = ProblemLog("edu.md", [])
    parsed = parse_report(after, log)
    assert log.problems == [] and without_lines(parsed.ledger) == without_lines(STAFF_ITEMS)


def test_crlf_and_a_bom_in_the_report_are_kept(tmp_path):
    text = (report_text(body=NARRATIVE) + AFTER).replace("\n", "\r\n")
    report = report_file(tmp_path, data=b"\xef\xbb\xbf" + text.encode())
    import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    data = report.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf" + text[: text.index("| 序号 |")].encode())
    assert data.endswith(AFTER.replace("\n", "\r\n").encode())
    assert b"\n" not in data.replace(b"\r\n", b"")


def test_with_any_error_the_report_is_left_untouched(tmp_path):
    report = report_file(tmp_path)
    original = report.read_bytes()
    source = write_xlsx(tmp_path / "l.xlsx", [[TITLE], HEADER, item_row(1), item_row(2, kind="尽快整改")])
    result = import_ledger(source, report)
    assert result.status is ImportStatus.FAILED and result.items == 0
    assert found(result.problems) == [("import.kind", 4)]
    assert report.read_bytes() == original


def test_a_missing_report_says_to_create_it_first_and_creates_nothing(tmp_path):
    report = tmp_path / "content" / "reports" / "2025-r1" / "edu.md"
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.FAILED
    assert [(p.code, p.path) for p in result.problems if p.is_error] == [
        ("import.report-missing", str(report))
    ]
    assert "gongshi new report" in result.problems[-1].hint and not report.exists()


def test_a_table_the_parser_would_read_differently_is_never_written(tmp_path, monkeypatch):
    report = report_file(tmp_path)
    original = report.read_bytes()
    render = ledgerimport.render_ledger_table
    monkeypatch.setattr(ledgerimport, "render_ledger_table", lambda items: render(items[:-1]))
    result = ledgerimport.import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    assert result.status is ImportStatus.FAILED and found(result.problems) == [("import.round-trip", None)]
    assert report.read_bytes() == original


def test_text_besides_the_table_in_the_ledger_section_stops_the_import(tmp_path):
    text = report_text(body=NARRATIVE) + "\n注：以上为第一批。\n" + AFTER
    report = report_file(tmp_path, text)
    result = import_ledger(staff_workbook(tmp_path / "台账.xlsx"), report)
    line = text.split("\n").index("注：以上为第一批。") + 1
    assert found(result.problems) == [("import.report-section", line)]
    assert report.read_bytes() == text.encode()


# --- pure pieces -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("report", "expected"),
    [
        pytest.param("A: b\n\n正文\n\n## 整改台账\n\n| x |\n| --- |\n| 1 |\n\n## 后记\n\n完\n",
                     "A: b\n\n正文\n\n## 整改台账\n\n<T>\n\n## 后记\n\n完\n", id="replace"),
        pytest.param("A: b\n\n正文\n\n## 整改台账\n\n## 后记\n", "A: b\n\n正文\n\n## 整改台账\n\n<T>\n\n## 后记\n",
                     id="heading-only"),
        pytest.param("A: b\n\n正文\n\n## 整改台账", "A: b\n\n正文\n\n## 整改台账\n\n<T>\n", id="heading-at-end"),
        pytest.param("A: b\n\n正文", "A: b\n\n正文\n\n## 整改台账\n\n<T>\n", id="append-no-newline"),
        pytest.param("A: b\n\n正文\n\n", "A: b\n\n正文\n\n## 整改台账\n\n<T>\n", id="append-blank-line"),
        pytest.param("```\n## 整改台账\n```\n", "```\n## 整改台账\n```\n\n## 整改台账\n\n<T>\n", id="fenced"),
        pytest.param("A: b\r\n\r\n## 整改台账\r\n\r\n| x |\r\n| - |\r\n", "A: b\r\n\r\n## 整改台账\r\n\r\n<T>\r\n",
                     id="crlf"),
    ],
)  # fmt: skip
def test_replace_ledger_touches_only_the_table(report, expected):
    table = "| 序号 |\n| --- |\n| 1 |\n"
    newline = "\r\n" if "\r\n" in report else "\n"
    assert replace_ledger(report, table) == expected.replace("<T>", table.rstrip("\n").replace("\n", newline))


def test_rendered_cells_escape_pipes_and_flatten_line_breaks():
    item = LedgerItem(
        7, "a|b", "第一行\n第二行", "措施\\", Kind.LONG_TERM, "办公室", None, Status.IN_PROGRESS, None, 0
    )
    table = render_ledger_table([item])
    assert (
        table.splitlines()[2]
        == "| 7 | a\\|b | 第一行 第二行 | 措施\\ | 长期坚持 | 办公室 | 长期 | 推进中 | |"
    )
    log = ProblemLog("r.md", [])
    report = parse_report(report_text(rows="").split("| 序号")[0] + table, log)
    assert log.problems == [] and report.ledger[0].area == "a|b" and report.ledger[0].measures == "措施\\"


def test_every_problem_code_is_documented_for_staff():
    folder = REPO / "generator" / "gongshi" / "authoring"
    shared = REPO / "generator" / "gongshi" / "content" / "textfile.py"  # what a CSV with no text is called
    source = "".join(
        path.read_text(encoding="utf-8") for path in [*sorted(folder.glob("ledger_*.py")), shared]
    )
    codes = {code for code in CATALOG if code.startswith("import.")}
    assert len(codes) > 20 and set(re.findall(r'"(import\.[a-z-]+)"', source)) == codes
    docs = (REPO / "docs" / "import-ledger.md").read_text(encoding="utf-8")
    assert [code for code in sorted(codes) if f"`{code}`" not in docs] == []
