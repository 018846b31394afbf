"""Importing the 整改台账 that staff keep in Excel into a unit's report.

Ledgers live in spreadsheets: a title row above the header, 方面 merged down
several rows, dates typed as text, a 填表说明 under the table. ledger_sheets.py
reads such a sheet (.xlsx, .xls, or CSV in UTF-8 or GB18030), ledger_rows.py maps every
row to a ledger item through the grammar the report parser uses, or says why it
cannot; this puts the canonical Markdown table in place of the report's table,
every other byte of the report untouched. Any error and nothing is written.
Staff guide: docs/import-ledger.md.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path

from gongshi.authoring.ledger_rows import HEADER_SEARCH_ROWS, NEEDED, header_index, map_columns, read_rows
from gongshi.authoring.ledger_sheets import Row, Sheet, cell_text, read_sheets
from gongshi.content.figures import Mismatch, stated_figures_mismatch
from gongshi.content.ledger import LEDGER_HEADING, Line, parse_ledger, split_ledger
from gongshi.content.ledger_vocabulary import COLUMNS, FIELDS, LONG_TERM_DEADLINE, OPTIONAL_FIELDS
from gongshi.content.metrics import as_reported, measure
from gongshi.content.model import Kind, LedgerItem
from gongshi.content.reports import parse_report
from gongshi.content.textfile import UTF8_BOM
from gongshi.infra.atomic import write_file_atomically
from gongshi.problems.errors import Problem, ProblemLog
from gongshi.problems.messages import LANGUAGES, Phrase, Verbatim

HEADERS = COLUMNS  # the headers a sheet may use: the report's own vocabulary


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
        chosen = [s for s in sheets if s.name.strip() == sheet_name.strip()]
        if not chosen:
            log.error(None, "import.sheet-unknown", sheet=sheet_name, sheets=[s.name for s in sheets])
            return [], problems
        sheets = chosen
    found = [(sheet, index) for sheet in sheets if (index := header_index(sheet)) is not None]
    if not found:
        wanted = [Verbatim(COLUMNS[name][0]) for name in NEEDED]
        log.error(None, "import.no-header", within=HEADER_SEARCH_ROWS, wanted=wanted)
        return [], problems
    if len(found) > 1:
        names = [s.name for s, _ in found]
        log.error(None, "import.choose-sheet", sheets=names, active=sheets[0].name, first=names[0])
        return [], problems
    sheet, index = found[0]
    return _read_table(sheet, index, log), problems


def _read_table(sheet: Sheet, index: int, log: ProblemLog) -> list[LedgerItem]:
    table = map_columns(sheet, index, log)
    items = read_rows(sheet, table, log) if table is not None else []
    log.problems.sort(key=lambda p: p.line or 0)  # in sheet order, as staff go through it
    return items


def read_grid(
    label: str, rows: list[list[object]], inherited: list[set[int]], wide: list[set[int]]
) -> tuple[list[LedgerItem], list[Problem]] | None:
    """The ledger in a table of text cells (a Word table: merged cells repeated, `inherited` marking
    the copies, `wide` the starts of merges across), mapped as a sheet's rows are; None when the
    table has no ledger header. Problems name `label` and the table's row numbers."""
    grid = [
        Row(number, list(values), set(inherited[number - 1]), set(wide[number - 1]))
        for number, values in enumerate(rows, start=1)
    ]
    sheet = Sheet(label, grid, excel=False)
    index = header_index(sheet)
    if index is None:
        return None
    problems: list[Problem] = []
    return _read_table(sheet, index, ProblemLog(label, problems)), problems


def render_ledger_table(items: Iterable[LedgerItem]) -> str:
    """The Markdown table of the report format, canonical headers and values, one line per item.

    问题序号 and 延期至 are written only when some item is grouped or extended, so a ledger
    without them reads as it always has."""
    items = list(items)
    names = table_fields(items)
    lines = [_table_row([COLUMNS[name][0] for name in names]), _table_row(["---"] * len(names))]
    for item in items:
        cells = _cells(item)
        lines.append(_table_row([cells[name] for name in names]))
    return "\n".join(lines) + "\n"


def table_fields(items: list[LedgerItem]) -> list[str]:
    """The report table's columns for `items`: 问题序号 and 延期至 only when some item needs them."""
    used = {"group": any(i.group for i in items), "extended_to": any(i.extended_to for i in items)}
    return [name for name in FIELDS if name not in OPTIONAL_FIELDS or used[name]]


def _cells(item: LedgerItem) -> dict[str, str]:
    deadline = (
        item.deadline.isoformat()
        if item.deadline
        else LONG_TERM_DEADLINE
        if item.kind is Kind.LONG_TERM
        else ""
    )
    return {
        "number": item.label, "group": item.group, "area": item.area, "problem": item.problem,
        "measures": item.measures, "kind": item.kind.value, "responsible": item.responsible, "deadline": deadline,
        "extended_to": item.extended_to.isoformat() if item.extended_to else "", "status": item.status.value,
        "completed_on": item.completed_on.isoformat() if item.completed_on else "",
    }  # fmt: skip


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
    `sheet_name` chooses the workbook's sheet; `dry_run`: everything but the writing, the result's
    `table` being what would be written."""
    items, problems = read_ledger(source, sheet_name)
    log = ProblemLog(str(report), problems)
    original = _read_report(report, log)
    span = _check_section(original[1], log) if original is not None else None
    if original is None or any(p.is_error for p in problems):
        return ImportResult(0, problems, ImportStatus.FAILED)
    bom, text = original
    table = render_ledger_table(items)
    updated = _put_table(text, span, table)
    narrative, lines, day = _check_round_trip(updated, items, log)
    if any(p.is_error for p in problems):
        return ImportResult(0, problems, ImportStatus.FAILED)
    # The narrative speaks for the report's date: a ledger updated since is read as it stood then
    # (an unfinished header has no date yet: all of it). Total, done and rate need no as-of day.
    then = as_reported(tuple(items), day) if day is not None else tuple(items)
    mismatches = tuple(stated_figures_mismatch(narrative, measure(then, dt.date.min), lines=lines))
    if mismatches:  # the report's text still states the old ledger's figures
        log.warning(None, "import.figures-mismatch", mismatches=mismatches)
    if updated == text:
        return ImportResult(len(items), problems, ImportStatus.UNCHANGED, mismatches, table)
    if not dry_run:
        write_file_atomically(report, bom + updated.encode("utf-8"))
    status = ImportStatus.UPDATED if span is not None else ImportStatus.CREATED
    return ImportResult(len(items), problems, status, mismatches, table)


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


def _check_round_trip(
    updated: str, items: list[LedgerItem], log: ProblemLog
) -> tuple[str, tuple[int, ...], dt.date | None]:
    """The report parser must read back exactly the imported items; anything else is a bug, never written.

    Returns the narrative as the parser reads it, the file line of each of its lines, and the report's
    date (None while its header is unfinished), for the figures it states.
    """
    ledger, narrative, problems, day = _read_back(updated.replace("\r\n", "\n"), log.path)
    errors = [p for p in problems if p.is_error]
    if errors:
        detail = Phrase(*(errors[0].text(lang)[0] for lang in LANGUAGES))
        log.error(errors[0].line, "import.round-trip", case="parse", detail=detail)
    elif [replace(i, line=0) for i in ledger] != [replace(i, line=0) for i in items]:
        log.error(None, "import.round-trip", case="mismatch")
    return (*narrative, day)


def report_ledger(text: str, path: str) -> tuple[tuple[LedgerItem, ...], list[Problem]]:
    """The ledger of a report's `text` as the build reads it (its header may still be unfinished),
    and the ledger's problems."""
    ledger, _, problems, _ = _read_back(text.replace("\r\n", "\n"), path)
    return ledger, problems


def _read_back(
    text: str, path: str
) -> tuple[tuple[LedgerItem, ...], tuple[str, tuple[int, ...]], list[Problem], dt.date | None]:
    """The ledger, the narrative as the build reads it from `text` (with the file line of each of its
    lines), the ledger's problems, and the report's date (None while the header is unfinished)."""
    check = ProblemLog(path, [])
    report = parse_report(text, check)
    problems = [p for p in check.problems if p.code.startswith("ledger.")]  # the header is not imported
    if report is not None:
        return report.ledger, (report.narrative, report.narrative_lines), problems, report.date
    # No report while the header is unfinished, as it often is when a ledger is imported (a skeleton's
    # 【待填写】, no 会审 yet): the body is then read as parse_report reads it, after the first blank line.
    lines = text.split("\n")
    start = next((index + 1 for index, line in enumerate(lines) if not line.strip()), len(lines))
    body = [Line(number, line) for number, line in enumerate(lines[start:], start=start + 1)]
    scratch = ProblemLog(path, [])
    narrative, section = split_ledger(body, scratch)
    ledger = parse_ledger(section, scratch) if section is not None else ()
    return (
        ledger,
        ("\n".join(line.text for line in narrative), tuple(line.number for line in narrative)),
        problems,
        None,
    )


def _table_row(cells: list[str]) -> str:
    return "|" + "|".join(f" {_escape(c)} " if c else " " for c in cells) + "|"


def _escape(text: str) -> str:
    return cell_text(text).replace("|", "\\|")
