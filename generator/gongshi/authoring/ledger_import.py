"""Importing the 整改台账 that staff keep in Excel into a unit's report.

Ledgers live in spreadsheets: a title row above the header, 方面 merged down
several rows, dates typed as text, a 填表说明 under the table. This reads such
a sheet (.xlsx, or CSV in UTF-8 or GB18030), maps every row to a ledger item
or says why it cannot, and puts the canonical Markdown table in place of the
report's table, every other byte of the report untouched. Any error and
nothing is written. Staff guide: docs/import-ledger.md.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import Any, Protocol, TypeVar

from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel

from gongshi.authoring.workbook import Sheet as _Sheet
from gongshi.authoring.workbook import SheetRow as _Row
from gongshi.authoring.workbook import cell_text as _text
from gongshi.authoring.workbook import read_sheets
from gongshi.content.checks import Mismatch, stated_figures_mismatch
from gongshi.content.dates import DateError
from gongshi.content.ledger import COLUMNS, LEDGER_HEADING, REQUIRED, Line, parse_ledger, split_ledger
from gongshi.content.metrics import measure
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.content.reports import parse_report
from gongshi.content.textfile import UTF8_BOM
from gongshi.infra.atomic import write_file_atomically
from gongshi.problems.errors import Problem, ProblemLog
from gongshi.problems.messages import LANGUAGES, Phrase, Term, Verbatim

# field -> headers staff use, in order of preference when a sheet has several (责任部门 before 责任领导).
HEADERS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号", "问题序号", "问题编号"),
    "area": ("方面", "问题类别", "类别", "所属方面", "问题方面", "问题分类", "反馈问题类别"),
    "problem": ("反馈问题", "问题", "存在问题", "问题内容", "问题描述", "具体问题", "巡察反馈问题", "主要问题"),
    "measures": ("整改措施", "措施", "具体整改措施", "整改举措"),
    "kind": ("类型", "整改类型", "整改方式", "整改分类"),
    "responsible": ("责任部门", "责任单位", "牵头部门", "牵头单位", "责任科室", "责任处室", "责任主体", "责任领导", "责任人"),
    "deadline": ("整改时限", "完成时限", "时限", "整改期限", "完成期限", "计划完成时间", "计划完成时限"),
    "status": ("状态", "整改状态", "完成情况", "整改情况", "整改进度", "整改进展", "进展情况", "完成状态", "是否完成", "整改完成情况"),
    "completed_on": ("完成时间", "完成日期", "实际完成时间", "实际完成日期", "销号时间", "销号日期"),
}  # fmt: skip
_FIELD = {header: (name, rank) for name, headers in HEADERS.items() for rank, header in enumerate(headers)}
FIELDS = ("number", "area", *REQUIRED)  # the report's column order
# 完成时间 may be missing from a sheet where nothing is done yet; 已完成 rows then say what is missing.
NEEDED = tuple(name for name in REQUIRED if name != "completed_on")

KIND_WORDS: dict[str, Kind] = {
    **dict.fromkeys(("立行立改", "立即整改", "立查立改", "即知即改"), Kind.IMMEDIATE),
    **dict.fromkeys(("限期整改", "限时整改", "限期完成"), Kind.DEADLINE),
    **dict.fromkeys(("长期坚持", "长期整改", "长期推进", "持续整改", "持续推进", "长期"), Kind.LONG_TERM),
}
STATUS_WORDS: dict[str, Status] = {
    **dict.fromkeys(
        ("已完成", "完成", "已整改", "整改完成", "已完成整改", "已整改到位", "整改到位", "已办结", "办结", "已销号", "销号"),
        Status.DONE,
    ),
    **dict.fromkeys(
        ("推进中", "正在推进", "整改中", "正在整改", "进行中", "持续推进", "持续整改", "长期坚持"), Status.IN_PROGRESS
    ),
    **dict.fromkeys(("未启动", "未开始", "尚未启动", "尚未开始"), Status.NOT_STARTED),
}  # fmt: skip
# A 是否完成 column asks a question: 是 is done, 否 not yet, which the report writes 推进中 as it does
# every word for work not finished (整改中, 持续推进); 未启动 only where the cell says so. Elsewhere
# 是 and 否 answer nothing and are refused.
YES_NO_HEADER = "是否完成"
YES_NO_WORDS: dict[str, Status] = {"是": Status.DONE, "否": Status.IN_PROGRESS}
# A narrative status cell, 已完成。制定《公务用车管理办法》: a status word, punctuation, more words.
# Not 完成 alone: 完成：60% or 完成，剩余部分推进中 reports a share of the work, not the work done.
_LEADING_STATUS = re.compile(
    "^("
    + "|".join(sorted(map(re.escape, STATUS_WORDS.keys() - {"完成"}), key=len, reverse=True))
    + r")[\s。,;:、.!?()（）]+(\S.*)$"
)
# What follows a done word and takes it back: 已完成：60%, 已完成，部分措施推进中.
_PARTLY = re.compile(r"^(?:(?:约|近)?\d{1,2}(?:\.\d+)?%|部分|大部分|基本|初步)")
NONE_WORDS = frozenset({"", "—", "——", "-", "/", "无"})  # a cell left empty on purpose
LONG_TERM_DEADLINES = frozenset(
    {"长期", "长期坚持", "长期推进", "长期整改", "持续推进", "持续整改", "常态化", "长期有效"}
)

_E = TypeVar("_E", Kind, Status)


class _Fail(Protocol):
    """Logs the catalog's problem `code` as an error on the current row."""

    def __call__(self, code: str, /, **values: Any) -> None: ...


HEADER_SEARCH_ROWS = 30
_NOTE = re.compile(
    r"^[*※]?(?:(?:填表说明|说明|备注|注\d*|填表人|填报人|制表人|审核人|负责人|联系人|联系电话|填报日期|填表日期|制表日期)"
    r"\s*(?::|$)|合计|总计|小计|共计|(?:单位)?\(?盖章)"
)
_ORDINAL = re.compile(r"^(?:[(（][一二三四五六七八九十百\d]+[)）]|[一二三四五六七八九十百\d]+[、.．])\s*")
_NUMBER = re.compile(r"^(\d+)[.、]?$")
_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_MONTH_END = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(?:底|末)$")
_YEAR_END = re.compile(r"^(\d{4})年?(?:底|末)$")


class ImportStatus(StrEnum):
    CREATED = "created"  # the report had no 整改台账 section; it was added at the end
    UPDATED = "updated"  # the table of the existing section was replaced
    UNCHANGED = "unchanged"  # the report already held exactly this table
    FAILED = "failed"  # there were errors; the report was not touched


@dataclass(frozen=True)
class ImportResult:
    """What `gongshi import-ledger` did: items written (0 when it failed) and every problem found."""

    items: int
    problems: list[Problem]
    status: ImportStatus
    mismatches: tuple[
        Mismatch, ...
    ] = ()  # figures the report's text states that the new ledger does not bear out
    table: str = ""  # the Markdown table written (or, with dry_run, that would be written)


@dataclass(frozen=True)
class _Table:
    columns: dict[str, int]  # field -> column index
    labels: dict[str, str]  # field -> the header as the sheet writes it
    headers: dict[int, str]  # column -> header text, for every labelled column
    header_row: int
    first: int  # index into the sheet's rows of the first row below the header
    left: int  # leftmost header column

    def status_words(self) -> dict[str, Status]:
        """The words the status column may hold: 是 and 否 too when the column asks 是否完成."""
        if _header_key(self.labels["status"]) == YES_NO_HEADER:
            return STATUS_WORDS | YES_NO_WORDS
        return STATUS_WORDS

    def column(self, name: str) -> dict[str, str]:
        """How problems name field `name`: its header as the sheet writes it, and the standard one it means."""
        standard = HEADERS[name][0]
        return {"label": self.labels.get(name, standard), "field": Term(standard)}


def read_ledger(path: Path, sheet_name: str | None = None) -> tuple[list[LedgerItem], list[Problem]]:
    """Every item of the ledger in `path` (item.line = its spreadsheet row), and every problem found.

    `sheet_name` chooses the sheet; without it a workbook must hold one sheet that looks like a
    ledger: the sheet active when it was saved is often last month's, so several are an error.
    """
    problems: list[Problem] = []
    log = ProblemLog(str(path), problems)
    sheets = read_sheets(path, log)
    if any(p.is_error for p in problems):
        return [], problems
    if sheet_name is not None:
        sheets = [s for s in sheets if s.name.strip() == sheet_name.strip()] or _no_sheet(
            sheets, sheet_name, log
        )
    found = [(sheet, index) for sheet in sheets if (index := _header_index(sheet)) is not None]
    if not found:
        if sheets:
            wanted = [Verbatim(HEADERS[name][0]) for name in NEEDED]
            log.error(None, "import.no-header", within=HEADER_SEARCH_ROWS, wanted=wanted)
        return [], problems
    if len(found) > 1:
        names = [s.name for s, _ in found]
        log.error(None, "import.choose-sheet", sheets=names, active=sheets[0].name, first=names[0])
        return [], problems
    sheet, index = found[0]
    return _read_table(sheet, index, log), problems


def _no_sheet(sheets: list[_Sheet], name: str, log: ProblemLog) -> list[_Sheet]:
    log.error(None, "import.sheet-unknown", sheet=name, sheets=[s.name for s in sheets])
    return []


def _read_table(sheet: _Sheet, index: int, log: ProblemLog) -> list[LedgerItem]:
    table = _map_columns(sheet, index, log)
    items = _read_rows(sheet, table, log) if table is not None else []
    log.problems.sort(key=lambda p: p.line or 0)  # in sheet order, as staff go through it
    return items


def read_grid(
    label: str, rows: list[list[object]], inherited: list[set[int]], wide: list[set[int]]
) -> tuple[list[LedgerItem], list[Problem]] | None:
    """The ledger in a table of text cells (a Word table: merged cells repeated, `inherited` marking
    the copies, `wide` the starts of merges across), mapped as a sheet's rows are; None when the
    table has no ledger header. Problems name `label` and the table's row numbers."""
    grid = [
        _Row(number, list(values), set(inherited[number - 1]), set(wide[number - 1]))
        for number, values in enumerate(rows, start=1)
    ]
    sheet = _Sheet(label, grid, excel=False)
    index = _header_index(sheet)
    if index is None:
        return None
    problems: list[Problem] = []
    return _read_table(sheet, index, ProblemLog(label, problems)), problems


def render_ledger_table(items: Iterable[LedgerItem]) -> str:
    """The Markdown table of the report format, canonical headers and values, one line per item."""
    names = [COLUMNS[name][0] for name in FIELDS]
    lines = [_table_row(names), _table_row(["---"] * len(names))]
    for item in items:
        deadline = (
            item.deadline.isoformat() if item.deadline else "长期" if item.kind is Kind.LONG_TERM else ""
        )
        completed = item.completed_on.isoformat() if item.completed_on else ""
        cells = [str(item.number), item.area, item.problem, item.measures, item.kind.value]
        lines.append(_table_row([*cells, item.responsible, deadline, item.status.value, completed]))
    return "\n".join(lines) + "\n"


def replace_ledger(report_text: str, table: str) -> str:
    """Put `table` in place of the ledger table, or add the section at the end; nothing else changes."""
    return _put_table(report_text, _ledger_span(_lines(report_text), ProblemLog("", [])), table)


def _put_table(report_text: str, span: tuple[int, int] | None, table: str) -> str:
    """`replace_ledger`, the ledger section's `span` found already."""
    newline = "\r\n" if "\r\n" in report_text else "\n"  # keep the file's line ends
    end = newline.removesuffix("\n")  # lines split on LF keep their CR
    table_lines = table.rstrip("\n").split("\n")
    lines = report_text.split("\n")
    if span is None:
        text = report_text
        if text and not text.endswith("\n"):
            text += newline
        if text.strip() and not text.endswith(newline * 2):
            text += newline
        return text + newline.join([f"## {LEDGER_HEADING}", "", *table_lines]) + newline
    rows = [row + end for row in table_lines]
    heading, stop = span
    block = _table_block(lines, heading + 1, stop)
    if block is not None:
        lines[block[0] : block[1]] = rows
        return "\n".join(lines)
    after = heading + 1
    tail = [end] if after == len(lines) or lines[after].strip() else []
    lines[after:after] = [end, *rows, *tail]
    return "\n".join(lines)


def import_ledger(
    source: Path, report: Path, sheet_name: str | None = None, dry_run: bool = False
) -> ImportResult:
    """Read `source`, then write its ledger into `report`; with any error the report stays as it was.
    `dry_run`: everything but the writing; the result's `table` is what would be written."""
    items, problems = read_ledger(source, sheet_name)
    log = ProblemLog(str(report), problems)
    original = _read_report(report, log)
    span = _check_section(original[1], log) if original is not None else None
    if original is None or any(p.is_error for p in problems):
        return ImportResult(0, problems, ImportStatus.FAILED)
    bom, text = original
    updated = _put_table(text, span, render_ledger_table(items))
    narrative = _check_round_trip(updated, items, log)
    if any(p.is_error for p in problems):
        return ImportResult(0, problems, ImportStatus.FAILED)
    # as of no day at all: the figures compared (total, done, rate) do not depend on it
    mismatches = tuple(stated_figures_mismatch(narrative, measure(tuple(items), dt.date.min)))
    if mismatches:  # the report's text still states the old ledger's figures
        log.warning(None, "import.figures-mismatch", mismatches=mismatches)
    table = render_ledger_table(items)
    if updated == text:
        return ImportResult(len(items), problems, ImportStatus.UNCHANGED, mismatches, table)
    if not dry_run:
        write_file_atomically(report, bom + updated.encode("utf-8"))
    status = ImportStatus.UPDATED if span is not None else ImportStatus.CREATED
    return ImportResult(len(items), problems, status, mismatches, table)


# --- the header ------------------------------------------------------------------------------


def _header_key(label: str) -> str:
    """整改时限（年月日）, *反馈问题, 整改\\n时限 all name a known header."""
    key = re.sub(r"\s+", "", unicodedata.normalize("NFKC", label))
    return re.sub(r"\(.*\)$", "", key).strip("*※:")


def _fields(row: _Row) -> set[str]:
    return {_FIELD[key][0] for _, label in row.own() if (key := _header_key(label)) in _FIELD}


def _header_index(sheet: _Sheet) -> int | None:
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        names = _fields(row)
        if len(names) >= 3 and names & {"problem", "measures"}:
            return index
    return None


def _header_labels(sheet: _Sheet, index: int) -> tuple[dict[int, str], int]:
    """Column -> header text, and the index of the first row below the header (one or two rows)."""
    header = sheet.rows[index]
    labels = dict(header.own())
    if index + 1 < len(sheet.rows):  # a second header row: 状态 | 完成时间 under a merged 整改情况
        below = sheet.rows[index + 1].own()
        known = [c for c, label in below if _header_key(label) in _FIELD]
        under = header.wide | header.inherited  # columns under a merged header cell
        if known and all(c in known or c in under for c, _ in below):
            # 进展 under 整改情况: a sub-header the map does not know leaves the merged one above in force
            kept = {c: label for c, label in below if _header_key(label) in _FIELD or c not in labels}
            return labels | kept, index + 2
    return labels, index + 1


def _map_columns(sheet: _Sheet, index: int, log: ProblemLog) -> _Table | None:
    header = sheet.rows[index]
    labels, first = _header_labels(sheet, index)
    found: dict[str, list[tuple[int, int]]] = {}  # field -> (rank, column)
    for column, label in sorted(labels.items()):
        if (key := _header_key(label)) in _FIELD:
            name, rank = _FIELD[key]
            found.setdefault(name, []).append((rank, column))
    ok = True
    columns: dict[str, int] = {}
    for name, options in found.items():
        options.sort()
        if len(options) > 1 and options[0][0] == options[1][0]:
            same = [_letter(c) for rank, c in options if rank == options[0][0]]
            log.error(header.number, "import.duplicate-column", label=labels[options[0][1]], columns=same)
            ok = False
        columns[name] = options[0][1]
    read = [f"“{label}”" for _, label in sorted(labels.items())]  # the cells taken as the header
    for name in NEEDED:
        if name not in columns:
            column, also = Verbatim(HEADERS[name][0]), list(HEADERS[name][1:5])
            log.error(header.number, "import.missing-column", column=column, also=also, read=read)
            ok = False
    if not ok:
        return None
    return _Table(
        columns, {n: labels[c] for n, c in columns.items()}, labels, header.number, first, min(labels)
    )


def _report_unused_columns(rows: list[_Row], table: _Table, log: ProblemLog) -> None:
    """Item cells in a column the report has no place for are named, not dropped without a word."""
    used = set(table.columns.values())
    unused = sorted({c for row in rows for c, _ in row.own() if c not in used})
    if unused:
        columns = [(table.headers.get(c, ""), _letter(c)) for c in unused]
        published = [Verbatim(HEADERS[n][0]) for n in FIELDS]
        log.warning(table.header_row, "import.column-ignored", columns=columns, published=published)


# --- the rows --------------------------------------------------------------------------------


def _read_rows(sheet: _Sheet, table: _Table, log: ProblemLog) -> list[LedgerItem]:
    """Each row below the header is an item, a group heading, a note, or blank; only items are kept."""
    rows = sheet.rows[table.first :]
    # The table ends at the last row with its own 反馈问题 or 整改措施: a 落款 below may fill other columns.
    content = {table.columns["problem"], table.columns["measures"]}
    last = max((i for i, row in enumerate(rows) if any(c in content for c, _ in row.own())), default=-1)
    blank: list[int] = []
    item_rows: list[_Row] = []
    items: list[LedgerItem] = []
    narrated: list[tuple[int, str, Status]] = []  # status cells that say more than the status
    area = ""
    for position, row in enumerate(rows):
        own = row.own()
        if not own:
            blank.append(row.number)
        elif position > last or _NOTE.match(unicodedata.normalize("NFKC", own[0][1])):
            _note(row, own, log)
        elif len(_fields(row)) >= 3:
            log.warning(row.number, "import.repeated-header")
        elif _is_group(own, row, table):
            area = _group_area(own[0][1])
        else:
            item_rows.append(row)
            item = _item(row, table, area, len(item_rows), sheet.excel, log, narrated)
            items += [item] if item is not None else []
    if last < 0:
        log.error(table.header_row, "import.no-items")
    _report_skipped(blank, [row.number for row in item_rows if row.hidden], log)
    _report_narrated(narrated, table, log)
    _report_unused_columns(item_rows, table, log)
    _report_duplicate_numbers(items, log)
    return items


def _report_skipped(blank: list[int], hidden: list[int], log: ProblemLog) -> None:
    """Blank rows skipped and hidden rows imported, each kind in one warning listing every row."""
    if blank:
        log.warning(blank[0], "import.blank-rows", rows=blank)
    if hidden:
        log.warning(hidden[0], "import.hidden-rows", rows=hidden)


def _report_narrated(narrated: list[tuple[int, str, Status]], table: _Table, log: ProblemLog) -> None:
    """Status cells read as the status word they start with: one warning naming every row."""
    if narrated:
        row, text, status = narrated[0]
        example = text if len(text) <= 30 else text[:30] + "……"
        rows = [number for number, _, _ in narrated]
        column = table.column("status")
        log.warning(
            row, "import.status-narrative", rows=rows, example=example, status=Verbatim(status), **column
        )


def _note(row: _Row, own: list[tuple[int, str]], log: ProblemLog) -> None:
    text = " ".join(t for _, t in own)
    shown = text if len(text) <= 30 else text[:30] + "……"
    log.warning(row.number, "import.note-row", text=shown)


def _is_group(own: list[tuple[int, str]], row: _Row, table: _Table) -> bool:
    """一、党的政治建设方面 alone on a row heads a group: merged across, or in a first column such as 序号.

    Text alone in the first column when that column is 反馈问题 is an unfinished item, not a heading.
    """
    if len(own) != 1 or _NUMBER.match(own[0][1]):
        return False
    column = own[0][0]
    leading = column == table.left and column not in {
        table.columns[n] for n in REQUIRED if n in table.columns
    }
    return leading or column in row.wide


def _group_area(title: str) -> str:
    """The 方面 a group row names: 一、政治建设方面（3个） is 政治建设; its ordinal, its count and the
    word 方面 are how the sheet writes the heading, not the area."""
    area = _ORDINAL.sub("", title.strip())
    area = re.sub(r"\s*[(（]\s*(?:共|计)?\s*\d+\s*(?:个|项|条|件)(?:问题)?\s*[)）]\s*$", "", area)
    area = re.sub(r"(?:方面)(?:存在的?|的)?(?:问题)?[:：]?$", "", area.strip())
    return re.sub(r"^关于", "", area).strip() or title.strip()


def _item(
    row: _Row, table: _Table, area: str, position: int, excel: bool, log: ProblemLog,
    narrated: list[tuple[int, str, Status]],
) -> LedgerItem | None:  # fmt: skip
    """The row as a ledger item, or None after logging every reason it is not one."""

    def value(name: str) -> object:
        column = table.columns.get(name)
        return row.values[column] if column is not None and column < len(row.values) else None

    before = len(log.problems)

    def fail(code: str, /, **values: Any) -> None:
        log.error(row.number, code, **values)

    texts = {name: _text(value(name)) for name in ("problem", "measures", "responsible")}
    empty = [(table.labels[name], Term(HEADERS[name][0])) for name, text in texts.items() if not text]
    if empty:
        fail("import.blank", cells=empty)
    number = _number(_text(value("number")), position, fail)
    kind = _choice(KIND_WORDS, _text(value("kind")), table.column("kind"), "import.kind", fail)
    status_text = _text(value("status"))
    words = table.status_words()
    status = _leading_status(status_text, words)
    if status is not None:
        narrated.append((row.number, status_text, status))
    else:
        status = _choice(words, status_text, table.column("status"), "import.status", fail)
    deadline = _deadline(value("deadline"), kind, excel, table, fail)
    completed = _completed(value("completed_on"), status, excel, table, fail)
    if len(log.problems) > before or kind is None or status is None:
        return None
    return LedgerItem(
        number=number,
        area=_text(value("area")) or area,
        problem=texts["problem"],
        measures=texts["measures"],
        kind=kind,
        responsible=texts["responsible"],
        deadline=deadline,
        status=status,
        completed_on=completed,
        line=row.number,
    )


def _number(text: str, position: int, fail: _Fail) -> int:
    match = _NUMBER.match(text)
    if text and match is None:
        fail("import.number", value=text)
    return int(match.group(1)) if match else position


def _leading_status(text: str, words: dict[str, Status]) -> Status | None:
    """The status a narrative cell starts with (已完成。制定《…》), or None if the cell is not one.

    A done word taken back by what follows it (已完成：60%) is not one: the cell is then refused
    as unknown, never imported as done.
    """
    if _word(text) in words:
        return None  # a plain status
    match = _LEADING_STATUS.match(unicodedata.normalize("NFKC", text).strip())
    if match is None:
        return None
    status = STATUS_WORDS[match.group(1)]
    return None if status is Status.DONE and _PARTLY.match(match.group(2)) else status


def _choice(words: dict[str, _E], text: str, column: dict[str, str], code: str, fail: _Fail) -> _E | None:
    found = words.get(_word(text))
    if found is None:
        options = [Verbatim(word) for word in dict.fromkeys(words.values())]
        fail(code, case="unknown" if text else "empty", value=text, options=options, **column)
    return found


def _deadline(raw: object, kind: Kind | None, excel: bool, table: _Table, fail: _Fail) -> dt.date | None:
    word = _word(_text(raw))
    if not isinstance(raw, dt.date) and (word in NONE_WORDS or word in LONG_TERM_DEADLINES):
        if kind is not None and kind is not Kind.LONG_TERM:
            case = "empty" if word in NONE_WORDS else "word"
            column = table.column("deadline")
            fail("import.deadline-missing", case=case, kind=Verbatim(kind), value=_text(raw), **column)
        return None
    try:
        return _date(raw, excel)
    except DateError as exc:
        fail("import.deadline", **table.column("deadline"), **exc.details)
        return None


def _completed(raw: object, status: Status | None, excel: bool, table: _Table, fail: _Fail) -> dt.date | None:
    column = table.column("completed_on")
    if not isinstance(raw, dt.date) and _word(_text(raw)) in NONE_WORDS:
        if status is Status.DONE:
            case = "cell" if "completed_on" in table.columns else "no-column"
            fail("import.completed-missing", case=case, **column)
        return None
    try:
        day = _date(raw, excel)
    except DateError as exc:
        fail("import.completed", **column, **exc.details)
        return None
    if status is not None and status is not Status.DONE:
        fail("import.completed-not-done", status=Verbatim(status), **column)
    return day


def _date(raw: object, excel: bool) -> dt.date:
    """A date cell, an Excel day number, or text such as 2025年6月30日, 2025.6.30, 2025年6月底前."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if excel and isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return from_excel(raw).date()  # a date cell whose format was lost: Excel's day number
    shown = _text(raw)
    text = re.sub(r"(?:之前|以前|前)$", "", _word(shown))
    for pattern, make in ((_DAY, dt.date), (_MONTH_END, _month_end), (_YEAR_END, _year_end)):
        match = pattern.match(text)
        if match:
            try:
                return make(*map(int, match.groups()))
            except ValueError as exc:
                raise DateError.because("invalid", shown) from exc
    if re.match(r"^\d{4}[-/.年]\d{1,2}月?$", text):
        raise DateError.because("cell-partial", shown)
    raise DateError.because("cell-unknown", shown)


def _month_end(year: int, month: int) -> dt.date:
    if not 1 <= month <= 12:
        raise ValueError(month)
    return dt.date(year + month // 12, month % 12 + 1, 1) - dt.timedelta(days=1)


def _year_end(year: int) -> dt.date:
    return dt.date(year, 12, 31)


def _report_duplicate_numbers(items: list[LedgerItem], log: ProblemLog) -> None:
    rows: dict[int, list[int]] = {}
    for item in items:
        rows.setdefault(item.number, []).append(item.line)
    for number, lines in rows.items():
        if len(lines) > 1:
            log.warning(lines[1], "import.duplicate-number", number=number, rows=lines)


# --- the report ------------------------------------------------------------------------------


def _read_report(report: Path, log: ProblemLog) -> tuple[bytes, str] | None:
    if not report.is_file():
        log.error(None, "import.report-missing")
        return None
    try:
        data = report.read_bytes()
    except OSError as exc:
        log.error(None, "import.report-unreadable", error=str(exc.strerror))
        return None
    bom = UTF8_BOM if data.startswith(UTF8_BOM) else b""
    try:
        return bom, data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        log.error(None, "import.report-encoding")
        return None


def _lines(text: str) -> list[Line]:
    return [Line(n, line.removesuffix("\r")) for n, line in enumerate(text.split("\n"), start=1)]


def _ledger_span(body: list[Line], log: ProblemLog) -> tuple[int, int] | None:
    """Index of the 整改台账 heading and the end of its section, found the way the report parser finds it;
    what is wrong with the headings (two of them, the wrong level) goes to `log`."""
    narrative, section = split_ledger(body, log)
    if section is None:
        return None
    kept = {line.number for line in narrative}
    gone = [line.number for line in body if line.number not in kept]
    return gone[0] - 1, gone[-1]


def _table_block(lines: list[str], start: int, stop: int) -> tuple[int, int] | None:
    rows = [i for i in range(start, stop) if lines[i].lstrip().startswith("|")]
    if not rows:
        return None
    end = rows[0]
    while end < stop and lines[end].lstrip().startswith("|"):
        end += 1
    return rows[0], end


def _check_section(text: str, log: ProblemLog) -> tuple[int, int] | None:
    """The ledger section's span; it must hold one table and nothing else, or replacing it would lose
    or keep the wrong text."""
    body = _lines(text)
    span = _ledger_span(body, log)
    if span is None:
        return None
    lines = [line.text for line in body]
    block = _table_block(lines, span[0] + 1, span[1]) or (span[1], span[1])
    for index in range(span[0] + 1, span[1]):
        if lines[index].strip() and not block[0] <= index < block[1]:
            log.error(index + 1, "import.report-section")
            break
    return span


def _check_round_trip(updated: str, items: list[LedgerItem], log: ProblemLog) -> str:
    """The report parser must read back exactly the imported items; anything else is a bug, never written.

    Returns the narrative as the parser reads it, for the figures it states.
    """
    ledger, narrative, problems = _read_back(updated.replace("\r\n", "\n"), log.path)
    errors = [p for p in problems if p.is_error]
    if errors:
        detail = Phrase(*(errors[0].text(lang)[0] for lang in LANGUAGES))
        log.error(errors[0].line, "import.round-trip", case="parse", detail=detail)
    elif [replace(i, line=0) for i in ledger] != [replace(i, line=0) for i in items]:
        log.error(None, "import.round-trip", case="mismatch")
    return narrative


def report_ledger(text: str, path: str) -> tuple[tuple[LedgerItem, ...], list[Problem]]:
    """The ledger of a report's `text` as the build reads it (its header may still be unfinished),
    and the ledger's problems."""
    ledger, _, problems = _read_back(text.replace("\r\n", "\n"), path)
    return ledger, problems


def _read_back(text: str, path: str) -> tuple[tuple[LedgerItem, ...], str, list[Problem]]:
    """The ledger and the narrative as the build reads them from `text`, and the ledger's problems."""
    check = ProblemLog(path, [])
    report = parse_report(text, check)
    problems = [p for p in check.problems if p.code.startswith("ledger.")]  # the header is not imported
    if report is not None:
        return report.ledger, report.narrative, problems
    # No report while the header is unfinished, as it often is when a ledger is imported (a skeleton's
    # 【待填写】, no 会审 yet): the body is then read as parse_report reads it, after the first blank line.
    lines = text.split("\n")
    start = next((index + 1 for index, line in enumerate(lines) if not line.strip()), len(lines))
    body = [Line(number, line) for number, line in enumerate(lines[start:], start=start + 1)]
    scratch = ProblemLog(path, [])
    narrative, section = split_ledger(body, scratch)
    ledger = parse_ledger(section, scratch) if section is not None else ()
    return ledger, "\n".join(line.text for line in narrative), problems


# --- cells -----------------------------------------------------------------------------------


def _word(text: str) -> str:
    """A short value as staff may type it: full-width, spaced, with a trailing 。 or ；."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text)).rstrip("。;,.!")


def _table_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {_escape(c)} " if c else " " for c in cells) + "|"


def _escape(text: str) -> str:
    return _text(text).replace("|", "\\|")


def _letter(column: int) -> str:
    return get_column_letter(column + 1)
