"""Mapping a sheet's rows to ledger items through the shared ledger grammar.

The header is found among the first rows and its columns named by the same
vocabulary the report parser reads (content/ledger_vocabulary.py); each row
below is an item, a group heading, a note or blank. What is wrong with a row
is logged with the row number Excel shows; every row is looked at in one run.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass
from typing import Any, Protocol

from gongshi.authoring.ledger_sheets import Row, Sheet, cell_date, cell_text, letter
from gongshi.content.dates import DateError
from gongshi.content.ledger_vocabulary import (
    COLUMNS,
    FIELDS,
    KIND_WORDS,
    NONE_WORDS,
    NOTE_ROW,
    REQUIRED,
    canonical_options,
    completion_problem,
    extension_problem,
    group_tasks,
    header_field,
    heading_area,
    is_long_term_deadline,
    read_kind,
    read_number,
    read_status,
    settle_columns,
    status_words,
    word,
)
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import Term, Verbatim

# 完成时间 may be missing from a sheet where nothing is done yet; 已完成 rows then say what is missing.
NEEDED = tuple(name for name in REQUIRED if name != "completed_on")
HEADER_SEARCH_ROWS = 30
_NUMBER = re.compile(r"^\d+(?:[-–—]\d+)?[.、]?$")


class _Fail(Protocol):
    """Logs the catalog's problem `code` as an error on the current row."""

    def __call__(self, code: str, /, **values: Any) -> None: ...


@dataclass(frozen=True)
class Table:
    columns: dict[str, int]  # field -> column index
    labels: dict[str, str]  # field -> the header as the sheet writes it
    headers: dict[int, str]  # column -> header text, for every labelled column
    header_row: int
    first: int  # index into the sheet's rows of the first row below the header
    left: int  # leftmost header column

    def status_words(self) -> dict[str, Status]:
        """The words the status column may hold: 是 and 否 too when the column asks 是否完成."""
        return status_words(self.labels["status"])

    def column(self, name: str) -> dict[str, str]:
        """How problems name field `name`: its header as the sheet writes it, and the standard one it means."""
        standard = COLUMNS[name][0]
        return {"label": self.labels.get(name, standard), "field": Term(standard)}


# --- the header ------------------------------------------------------------------------------


def header_fields(row: Row) -> set[str]:
    return {field[0] for _, label in row.own() if (field := header_field(label)) is not None}


def header_index(sheet: Sheet) -> int | None:
    for index, row in enumerate(sheet.rows[:HEADER_SEARCH_ROWS]):
        names = header_fields(row)
        if len(names) >= 3 and names & {"problem", "measures"}:
            return index
    return None


def _header_labels(sheet: Sheet, index: int) -> tuple[dict[int, str], int]:
    """Column -> header text, and the index of the first row below the header (one or two rows)."""
    header = sheet.rows[index]
    labels = dict(header.own())
    if index + 1 < len(sheet.rows):  # a second header row: 状态 | 完成时间 under a merged 整改情况
        below = sheet.rows[index + 1].own()
        known = [c for c, label in below if header_field(label) is not None]
        under = header.wide | header.inherited  # columns under a merged header cell
        if known and all(c in known or c in under for c, _ in below):
            # a sub-header the grammar does not know leaves the merged one above it in force
            kept = {c: label for c, label in below if header_field(label) is not None or c not in labels}
            return labels | kept, index + 2
    return labels, index + 1


def map_columns(sheet: Sheet, index: int, log: ProblemLog) -> Table | None:
    header = sheet.rows[index]
    labels, first = _header_labels(sheet, index)
    found: dict[str, list[tuple[int, int]]] = {}  # field -> (rank, column)
    for column, label in sorted(labels.items()):
        if (field := header_field(label)) is not None:
            name, rank = field
            found.setdefault(name, []).append((rank, column))
    ok = True
    columns: dict[str, int] = {}
    for name, options in found.items():
        options.sort()
        if len(options) > 1 and options[0][0] == options[1][0]:
            same = [letter(c) for rank, c in options if rank == options[0][0]]
            log.error(header.number, "import.duplicate-column", label=labels[options[0][1]], columns=same)
            ok = False
        columns[name] = options[0][1]
    columns = settle_columns(columns)
    read = [label for _, label in sorted(labels.items())]  # the cells taken as the header
    for name in NEEDED:
        if name not in columns:
            column, also = Verbatim(COLUMNS[name][0]), list(COLUMNS[name][1:5])
            log.error(header.number, "import.missing-column", column=column, also=also, read=read)
            ok = False
    if not ok:
        return None
    return Table(
        columns, {n: labels[c] for n, c in columns.items()}, labels, header.number, first, min(labels)
    )


# --- the rows --------------------------------------------------------------------------------


def read_rows(sheet: Sheet, table: Table, log: ProblemLog) -> list[LedgerItem]:
    """Each row below the header is an item, a group heading, a note, or blank; only items are kept."""
    rows = sheet.rows[table.first :]
    # The table ends at the last row with its own 反馈问题 or 整改措施: a 落款 below may fill other columns.
    content = {table.columns["problem"], table.columns["measures"]}
    last = max((i for i, row in enumerate(rows) if any(c in content for c, _ in row.own())), default=-1)
    blank: list[int] = []
    item_rows: list[Row] = []
    items: list[LedgerItem] = []
    narrated: list[tuple[int, str, Status]] = []  # status cells that say more than the status
    area = ""
    for position, row in enumerate(rows):
        own = row.own()
        if not own:
            blank.append(row.number)
        elif position > last or NOTE_ROW.match(unicodedata.normalize("NFKC", own[0][1])):
            _note(row, own, log)
        elif len(header_fields(row)) >= 3:
            log.warning(row.number, "import.repeated-header")
        elif _is_group(own, row, table):
            area = heading_area(own[0][1])
        else:
            item_rows.append(row)
            item = _item(row, table, area, len(item_rows), sheet.excel, log, narrated)
            items += [item] if item is not None else []
    if last < 0:
        log.error(table.header_row, "import.no-items")
    _report_skipped(blank, [row.number for row in item_rows if row.hidden], log)
    _report_narrated(narrated, table, log)
    _report_unused_columns(item_rows, table, log)
    items = group_tasks(items)
    _report_duplicate_numbers(items, log)
    return items


def _report_skipped(blank: list[int], hidden: list[int], log: ProblemLog) -> None:
    """Blank rows skipped and hidden rows imported, each kind in one warning listing every row."""
    if blank:
        log.warning(blank[0], "import.blank-rows", rows=blank)
    if hidden:
        log.warning(hidden[0], "import.hidden-rows", rows=hidden)


def _report_narrated(narrated: list[tuple[int, str, Status]], table: Table, log: ProblemLog) -> None:
    """Status cells read as the status word they start with: one warning naming every row."""
    if narrated:
        row, text, status = narrated[0]
        example = text if len(text) <= 30 else text[:30] + "……"
        rows = [number for number, _, _ in narrated]
        column = table.column("status")
        log.warning(
            row, "import.status-narrative", rows=rows, example=example, status=Verbatim(status), **column
        )


def _report_unused_columns(rows: list[Row], table: Table, log: ProblemLog) -> None:
    """Item cells in a column the report has no place for are named, not dropped without a word."""
    used = set(table.columns.values())
    unused = sorted({c for row in rows for c, _ in row.own() if c not in used})
    if unused:
        columns = [(table.headers.get(c, ""), letter(c)) for c in unused]
        published = [Verbatim(COLUMNS[n][0]) for n in FIELDS]
        log.warning(table.header_row, "import.column-ignored", columns=columns, published=published)


def _report_duplicate_numbers(items: list[LedgerItem], log: ProblemLog) -> None:
    """Two rows with one 序号 are two items, unless they are tasks of one problem (repeated text)."""
    rows: dict[tuple[int, int | None], list[LedgerItem]] = {}
    for item in items:
        rows.setdefault((item.number, item.task), []).append(item)
    for (number, _), same in rows.items():
        keys = {item.problem_key for item in same}
        if len(same) > 1 and (len(keys) > 1 or None in keys):
            log.warning(same[1].line, "import.duplicate-number", number=number, rows=[i.line for i in same])


def _note(row: Row, own: list[tuple[int, str]], log: ProblemLog) -> None:
    text = " ".join(t for _, t in own)
    shown = text if len(text) <= 30 else text[:30] + "……"
    log.warning(row.number, "import.note-row", text=shown)


def _is_group(own: list[tuple[int, str]], row: Row, table: Table) -> bool:
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


def _item(
    row: Row, table: Table, area: str, position: int, excel: bool, log: ProblemLog,
    narrated: list[tuple[int, str, Status]],
) -> LedgerItem | None:  # fmt: skip
    """The row as a ledger item, or None after logging every reason it is not one."""

    def value(name: str) -> object:
        column = table.columns.get(name)
        return row.values[column] if column is not None and column < len(row.values) else None

    before = len(log.problems)

    def fail(code: str, /, **values: Any) -> None:
        log.error(row.number, code, **values)

    texts = {name: cell_text(value(name)) for name in ("problem", "measures", "responsible")}
    empty = [(table.labels[name], Term(COLUMNS[name][0])) for name, text in texts.items() if not text]
    if empty:
        fail("import.blank", cells=empty)
    number, task = _number(cell_text(value("number")), position, fail)
    kind_text = cell_text(value("kind"))
    kind = read_kind(kind_text)
    if kind is None:
        _unknown(KIND_WORDS, kind_text, table.column("kind"), "import.kind", fail)
    status_text = cell_text(value("status"))
    words = table.status_words()
    reading = read_status(status_text, words)
    if reading is None:
        _unknown(words, status_text, table.column("status"), "import.status", fail)
    elif reading.narrated:
        narrated.append((row.number, status_text, reading.status))
    status = reading.status if reading is not None else None
    deadline = _deadline(value("deadline"), kind, excel, table, fail)
    extended = value("extended_to")
    if _blank(extended) and reading is not None and reading.extended_to:
        extended = reading.extended_to
    extended_to = _extension(extended, deadline, kind, excel, table, fail)
    completed = _completed(value("completed_on"), status, excel, table, fail)
    if len(log.problems) > before or kind is None or status is None:
        return None
    return LedgerItem(
        number=number,
        area=cell_text(value("area")) or area,
        problem=texts["problem"],
        measures=texts["measures"],
        kind=kind,
        responsible=texts["responsible"],
        deadline=deadline,
        status=status,
        completed_on=completed,
        line=row.number,
        task=task,
        group=word(cell_text(value("group"))),
        extended_to=extended_to,
    )


def _number(text: str, position: int, fail: _Fail) -> tuple[int, int | None]:
    parsed = read_number(text)
    if text and parsed is None:
        fail("import.number", value=text)
    return parsed if parsed is not None else (position, None)


def _unknown(
    words: dict[str, Kind] | dict[str, Status], text: str, column: dict[str, str], code: str, fail: _Fail
) -> None:
    options = [Verbatim(option) for option in canonical_options(words)]
    fail(code, case="unknown" if text else "empty", value=text, options=options, **column)


def _blank(raw: object) -> bool:
    return not isinstance(raw, dt.date) and word(cell_text(raw)) in NONE_WORDS


def _deadline(raw: object, kind: Kind | None, excel: bool, table: Table, fail: _Fail) -> dt.date | None:
    if not isinstance(raw, dt.date) and is_long_term_deadline(cell_text(raw)):
        if kind is not None and kind is not Kind.LONG_TERM:
            case = "empty" if _blank(raw) else "word"
            column = table.column("deadline")
            fail("import.deadline-missing", case=case, kind=Verbatim(kind), value=cell_text(raw), **column)
        return None
    try:
        return cell_date(raw, excel)
    except DateError as exc:
        fail("import.deadline", **table.column("deadline"), **exc.details)
        return None


def _extension(
    raw: object, deadline: dt.date | None, kind: Kind | None, excel: bool, table: Table, fail: _Fail
) -> dt.date | None:
    """The extended deadline (延期至 column, or 申请延期至… in the status cell); after the original one."""
    if _blank(raw):
        return None
    column = table.column("extended_to")
    try:
        day = cell_date(raw, excel)
    except DateError as exc:
        fail("import.extension", **column, **exc.details)
        return None
    wrong = extension_problem(deadline, day)
    if wrong is not None and (
        deadline is not None or kind is Kind.LONG_TERM
    ):  # else the deadline is at fault
        fail("import.extension-order", case=wrong, extended=day, deadline=deadline, **column)
    return day


def _completed(raw: object, status: Status | None, excel: bool, table: Table, fail: _Fail) -> dt.date | None:
    column = table.column("completed_on")
    dated = not _blank(raw)
    wrong = completion_problem(status, dated) if status is not None else None
    if wrong == "missing":
        case = "cell" if "completed_on" in table.columns else "no-column"
        fail("import.completed-missing", case=case, **column)
    if not dated:
        return None
    try:
        day = cell_date(raw, excel)
    except DateError as exc:
        fail("import.completed", **column, **exc.details)
        return None
    if wrong == "not-done":
        fail("import.completed-not-done", status=Verbatim(status), **column)
    return day
