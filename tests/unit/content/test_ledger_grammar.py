"""One ledger grammar: the report's table and the spreadsheet importer read the same words,
statuses as offices write them, extensions, and problems split into tasks."""

import csv
import datetime as dt

import pytest
from factories import report_text

from gongshi.authoring.ledger_import import read_ledger, render_ledger_table
from gongshi.content.ledger_vocabulary import COLUMNS, KIND_WORDS, STATUS_WORDS, YES_NO_WORDS
from gongshi.content.metrics import is_extended, is_overdue, measure
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.content.reports import parse_report
from gongshi.problems.errors import ProblemLog

D = dt.date
JUNE_30 = D(2025, 6, 30)
STANDARD = {
    "number": "序号", "area": "方面", "problem": "反馈问题", "measures": "整改措施", "kind": "类型",
    "responsible": "责任部门", "deadline": "整改时限", "status": "状态", "completed_on": "完成时间",
}  # fmt: skip
ROW = {
    "number": "1", "area": "党的建设", "problem": "公车管理不规范", "measures": "修订办法", "kind": "限期整改",
    "responsible": "办公室", "deadline": "2025-09-30", "status": "推进中", "completed_on": "",
}  # fmt: skip


def markdown(rows: list[dict[str, str]], headers: dict[str, str] = STANDARD) -> tuple[list[LedgerItem], list]:
    """Parse a report whose ledger has `headers` (field -> header) and `rows` (field -> cell)."""
    names = list(headers)
    lines = ["| " + " | ".join(headers.values()) + " |", "|" + " --- |" * len(names)]
    lines += ["| " + " | ".join(row.get(n, "") for n in names) + " |" for row in rows]
    text = report_text(rows="").split("| 序号")[0] + "\n".join(lines) + "\n"
    log = ProblemLog("r.md", [])
    report = parse_report(text, log)
    errors = [p for p in log.problems if p.is_error]
    return (list(report.ledger) if report else []), errors


def spreadsheet(tmp_path, rows: list[dict[str, str]], headers: dict[str, str] = STANDARD):
    path = tmp_path / "ledger.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(headers.values())
        writer.writerows([[row.get(n, "") for n in headers] for row in rows])
    items, problems = read_ledger(path)
    return items, [p for p in problems if p.is_error]


def same(items):
    return [
        (i.number, i.task, i.group, i.kind, i.status, i.deadline, i.extended_to, i.completed_on)
        for i in items
    ]


ALIASES = [(name, header) for name, headers in COLUMNS.items() for header in headers]


@pytest.mark.parametrize(("name", "header"), ALIASES, ids=[h for _, h in ALIASES])
def test_both_readers_accept_every_header_of_the_one_vocabulary(tmp_path, name, header):
    headers = dict(STANDARD, **{name: header})  # or an optional column (问题序号, 延期至) beside them
    row = dict(ROW, group="1", extended_to="2025-12-31")
    if header == "是否完成":
        row["status"] = "否"
    from_report, report_errors = markdown([row], headers)
    from_sheet, sheet_errors = spreadsheet(tmp_path, [row], headers)
    assert report_errors == [] and sheet_errors == []
    assert same(from_report) == same(from_sheet) and len(from_report) == 1


def test_a_header_outside_the_vocabulary_is_refused_by_both(tmp_path):
    headers = dict(STANDARD, measures="整改办法")
    _, report_errors = markdown([ROW], headers)
    _, sheet_errors = spreadsheet(tmp_path, [ROW], headers)
    assert "ledger.unknown-column" in {p.code for p in report_errors}
    assert {p.code for p in sheet_errors} == {"import.missing-column"}


STATUSES = [*STATUS_WORDS.items()]


@pytest.mark.parametrize(("word", "status"), STATUSES, ids=[w for w, _ in STATUSES])
def test_both_readers_read_every_status_word_alike(tmp_path, word, status):
    row = dict(ROW, status=word, completed_on="2025-06-01" if status.completed else "")
    from_report, report_errors = markdown([row])
    from_sheet, sheet_errors = spreadsheet(tmp_path, [row])
    assert report_errors == [] and sheet_errors == []
    assert [i.status for i in from_report] == [i.status for i in from_sheet] == [status]


@pytest.mark.parametrize(("word", "kind"), [*KIND_WORDS.items()], ids=list(KIND_WORDS))
def test_both_readers_read_every_kind_word_alike(tmp_path, word, kind):
    row = dict(ROW, kind=word)
    from_report, _ = markdown([row])
    from_sheet, _ = spreadsheet(tmp_path, [row])
    assert [i.kind for i in from_report] == [i.kind for i in from_sheet] == [kind]


@pytest.mark.parametrize("word", ["大体完成", "完成了", "待定", "部分完成"])
def test_both_readers_refuse_the_same_unknown_status(tmp_path, word):
    _, report_errors = markdown([dict(ROW, status=word)])
    _, sheet_errors = spreadsheet(tmp_path, [dict(ROW, status=word)])
    assert [p.code for p in report_errors] == ["ledger.status"] and [p.code for p in sheet_errors] == [
        "import.status"
    ]


def test_yes_and_no_answer_only_a_column_that_asks_whether_it_is_done_in_both_readers(tmp_path):
    for word, status in YES_NO_WORDS.items():
        row = dict(ROW, status=word, completed_on="2025-06-01" if status.completed else "")
        asked = dict(STANDARD, status="是否完成")
        assert [i.status for i in markdown([row], asked)[0]] == [status]
        assert [i.status for i in spreadsheet(tmp_path, [row], asked)[0]] == [status]
        assert markdown([row])[1] and spreadsheet(tmp_path, [row])[1]


# --- statuses as offices write them ----------------------------------------------------------


def item(number=1, status=Status.IN_PROGRESS, deadline=JUNE_30, extended_to=None, task=None, group="",
         completed_on=None, kind=Kind.DEADLINE) -> LedgerItem:  # fmt: skip
    return LedgerItem(number, "", f"问题{number}", "措施", kind, "办公室", deadline, status, completed_on, number,
                      task=task, group=group, extended_to=extended_to)  # fmt: skip


def test_partial_statuses_are_kept_as_written_and_count_as_done_only_when_the_setting_says_so():
    from_report, errors = markdown(
        [dict(ROW, status="基本完成"), dict(ROW, number="2", problem="问题二", status="阶段性完成")]
    )
    assert errors == [] and [i.status.value for i in from_report] == ["基本完成", "阶段性完成"]
    ledger = (*from_report, item(3, Status.DONE, completed_on=D(2025, 6, 1)))
    official = measure(ledger, D(2025, 12, 1))
    assert (official.done, official.problems_done, str(official.completion_percent)) == (1, 1, "33.33")
    assert official.overdue_count == 2  # not done, past the deadline
    counted = measure(ledger, D(2025, 12, 1), partial_done=True)
    assert (counted.done, counted.problems_done, str(counted.completion_percent)) == (3, 3, "100.00")
    assert counted.overdue_count == 0


def test_done_and_ongoing_is_done_and_needs_its_completion_date():
    from_report, errors = markdown([dict(ROW, status="已完成并长期坚持", completed_on="2025-05-20")])
    assert errors == [] and from_report[0].is_done and from_report[0].status is Status.DONE_ONGOING
    assert measure(tuple(from_report), D(2025, 12, 1)).done == 1
    _, errors = markdown([dict(ROW, status="已完成并长期坚持")])
    assert [p.code for p in errors] == ["ledger.completed-missing"]


# --- extensions ------------------------------------------------------------------------------


def test_overdue_is_judged_against_the_extended_deadline_only_when_one_is_recorded():
    extended = item(status=Status.EXTENSION, extended_to=D(2025, 12, 31))
    asked = item(status=Status.EXTENSION)  # asked for, no new deadline recorded
    within = D(2025, 9, 1)
    assert (
        not is_overdue(extended, within)
        and is_extended(extended, within)
        and extended.deadline == D(2025, 6, 30)
    )
    assert is_overdue(asked, within) and not is_extended(asked, within)
    assert measure((extended, asked), within).overdue[0].days == (within - D(2025, 6, 30)).days
    after = D(2026, 1, 5)
    assert measure((extended,), after).overdue[0].days == 5  # five days past the extended deadline
    assert not is_extended(extended, D(2025, 6, 30))  # the original deadline day itself is still on time


def test_an_extension_written_in_the_status_cell_is_read_alike_by_both_readers(tmp_path):
    from_report, report_errors = markdown([dict(ROW, status="申请延期至2025-12-31")])
    from_sheet, sheet_errors = spreadsheet(tmp_path, [dict(ROW, status="申请延期至2025年12月31日")])
    assert report_errors == [] and sheet_errors == []
    assert same(from_report) == same(from_sheet)
    assert (from_sheet[0].status, from_sheet[0].deadline, from_sheet[0].extended_to) == (
        Status.EXTENSION, D(2025, 9, 30), D(2025, 12, 31),
    )  # fmt: skip


def test_an_extension_must_come_after_the_original_deadline(tmp_path):
    headers = dict(STANDARD, extended_to="延期至")
    row = dict(ROW, status="申请延期", extended_to="2025-08-31")
    assert [p.code for p in markdown([row], headers)[1]] == ["ledger.extension-order"]
    assert [p.code for p in spreadsheet(tmp_path, [row], headers)[1]] == ["import.extension-order"]


def test_the_imported_table_keeps_the_original_deadline_and_the_extension(tmp_path):
    items, _ = spreadsheet(tmp_path, [dict(ROW, status="申请延期至2025年12月31日"), dict(ROW, number="2")])
    table = render_ledger_table(items)
    assert table.splitlines()[0].split("|")[8:10] == [" 整改时限 ", " 延期至 "]
    assert "| 2025-09-30 | 2025-12-31 | 申请延期 |" in table
    assert same(markdown_table(table)) == same(items)


def markdown_table(table: str) -> list[LedgerItem]:
    log = ProblemLog("r.md", [])
    report = parse_report(report_text(rows="").split("| 序号")[0] + table, log)
    assert [p for p in log.problems if p.is_error] == []
    return list(report.ledger)


# --- problems and tasks ----------------------------------------------------------------------


def test_tasks_numbered_1_1_make_one_problem_done_only_when_every_task_is(tmp_path):
    rows = [
        dict(ROW, number="1-1", status="已完成", completed_on="2025-06-01"),
        dict(ROW, number="1-2"),
        dict(ROW, number="2", problem="另一个问题", status="已完成", completed_on="2025-06-01"),
    ]
    from_report, errors = markdown(rows)
    from_sheet, _ = spreadsheet(tmp_path, rows)
    assert errors == [] and same(from_report) == same(from_sheet)
    assert [i.label for i in from_report] == ["1-1", "1-2", "2"]
    metrics = measure(tuple(from_report), D(2025, 7, 1))
    assert (metrics.problems, metrics.problems_done, metrics.total, metrics.done) == (2, 1, 3, 2)
    assert str(metrics.completion_percent) == "50.00"  # by problem, as notices count


def test_a_problem_column_and_repeated_problem_text_group_tasks_alike_in_both_readers(tmp_path):
    repeated = [
        dict(ROW, number="1", status="已完成", completed_on="2025-06-01"),
        dict(ROW, number="2", measures="另一条措施", status="已完成", completed_on="2025-06-02"),
        dict(ROW, number="3", problem="另一个问题"),
    ]
    column = [dict(row, group=group) for row, group in zip(repeated, ["1", "1", "2"], strict=True)]
    with_column = dict(STANDARD, group="问题序号")
    for rows, headers in ((repeated, STANDARD), (column, with_column)):
        from_report, errors = markdown(rows, headers)
        from_sheet, sheet_errors = spreadsheet(tmp_path, rows, headers)
        assert errors == sheet_errors == [] and same(from_report) == same(from_sheet)
        metrics = measure(tuple(from_report), D(2025, 7, 1))
        assert (metrics.problems, metrics.problems_done, metrics.total) == (2, 1, 3), headers


def test_rows_that_repeat_the_problem_are_grouped_by_the_import_and_read_back_the_same(tmp_path):
    rows = [
        dict(ROW, number="2"),
        dict(ROW, number="2", measures="第二项任务"),
        dict(ROW, number="3", problem="其他"),
    ]
    items, problems = read_ledger(spreadsheet_path(tmp_path, rows))
    assert [p.code for p in problems] == []  # tasks of one problem, not a duplicated number
    assert [i.group for i in items] == ["2", "2", ""]
    assert same(markdown_table(render_ledger_table(items))) == same(items)


def spreadsheet_path(tmp_path, rows):
    path = tmp_path / "tasks.csv"
    with open(path, "w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerows(
            [list(STANDARD.values()), *([r.get(n, "") for n in STANDARD] for r in rows)]
        )
    return path


def test_one_number_on_rows_of_different_problems_is_still_a_warning(tmp_path):
    rows = [dict(ROW, number="2"), dict(ROW, number="2", problem="另一个问题")]
    _, problems = read_ledger(spreadsheet_path(tmp_path, rows))
    assert [p.code for p in problems] == ["import.duplicate-number"]


def test_an_ungrouped_ledger_counts_every_row_as_a_problem():
    ledger = (item(1, Status.DONE, completed_on=D(2025, 6, 1)), item(2), item(3))
    metrics = measure(ledger, D(2025, 6, 1))
    assert (metrics.problems, metrics.problems_done, metrics.grouped) == (3, 1, False)
    grouped = measure((ledger[0], item(2, group="2"), item(3, group="2", status=Status.DONE)), D(2025, 6, 1))
    assert (grouped.problems, grouped.problems_done, grouped.total, grouped.grouped) == (2, 1, 3, True)
