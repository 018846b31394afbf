"""The 整改台账 table inside a report: found, split off the narrative, parsed.

The ledger is parsed into items once and rendered from them by the theme,
so Markdown's table extension never sees it (it is the slowest part of a
Python-Markdown build, and the portal needs typed items anyway).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from gongshi.content.dates import DateError, parse_date
from gongshi.content.ledger_vocabulary import (
    COLUMNS,
    KIND_WORDS,
    REQUIRED,
    STATUS_WORDS,
    canonical_options,
    completion_problem,
    extension_problem,
    group_tasks,
    header_field,
    is_long_term_deadline,
    is_none,
    read_kind,
    read_number,
    read_status,
    settle_columns,
    status_words,
)
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import Verbatim

__all__ = ["COLUMNS", "LEDGER_HEADING", "REQUIRED", "Line", "parse_ledger", "split_cells", "split_ledger"]

LEDGER_HEADING = "整改台账"
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")


@dataclass(frozen=True)
class Line:
    number: int
    text: str


def split_ledger(body: list[Line], log: ProblemLog) -> tuple[list[Line], list[Line] | None]:
    """Return (narrative lines, ledger section lines or None if there is no ledger)."""
    start = None
    fence = False
    for index, line in enumerate(body):
        if line.text.lstrip().startswith(("```", "~~~")):
            fence = not fence
        match = None if fence else _HEADING.match(line.text)
        if match and match.group(2) == LEDGER_HEADING:
            if start is not None:
                log.error(line.number, "ledger.duplicate")
                continue
            if len(match.group(1)) != 2:
                log.error(line.number, "ledger.heading-level")
            start = index
    if start is None:
        return body, None
    end = start + 1
    while end < len(body):
        match = _HEADING.match(body[end].text)
        if match and len(match.group(1)) <= 2:
            break
        end += 1
    return body[:start] + body[end:], body[start + 1 : end]


def split_cells(text: str) -> list[str]:
    """Split a Markdown table row on unescaped pipes; `\\|` stays a literal pipe."""
    row = text.strip()
    if row.startswith("|"):
        row = row[1:]
    if row.endswith("|") and not row.endswith("\\|"):
        row = row[:-1]
    cells = re.split(r"(?<!\\)\|", row)
    return [cell.strip().replace("\\|", "|") for cell in cells]


def parse_ledger(section: list[Line], log: ProblemLog) -> tuple[LedgerItem, ...]:
    rows = [line for line in section if line.text.strip()]
    stray = [line for line in rows if not line.text.lstrip().startswith("|")]
    for line in stray:
        log.error(line.number, "ledger.stray-text")
    rows = [line for line in rows if line not in stray]
    if len(rows) < 2 or not all(_SEPARATOR_CELL.match(c) for c in split_cells(rows[1].text)):
        at = rows[0].number if rows else None
        log.error(at, "ledger.no-table")
        return ()
    mapped = _map_columns(rows[0], log)
    if mapped is None:
        return ()
    columns, words = mapped
    if len(rows) == 2:
        log.error(rows[0].number, "ledger.empty")
        return ()
    items = []
    for position, line in enumerate(rows[2:], start=1):
        cells = split_cells(line.text)
        if len(cells) != len(columns):
            log.error(line.number, "ledger.cells", cells=len(cells), columns=len(columns))
            continue
        item = _parse_row(dict(zip(columns, cells, strict=True)), position, line.number, words, log)
        if item is not None:
            items.append(item)
    return tuple(group_tasks(items))


def _map_columns(header: Line, log: ProblemLog) -> tuple[list[str], dict[str, Status]] | None:
    """Field of each column (any header of the shared vocabulary), and the words its status column takes."""
    labels = split_cells(header.text)
    found: dict[str, int] = {}
    ok = True
    for index, cell in enumerate(labels):
        field = header_field(cell)
        if field is None:
            known = [Verbatim(headers[0]) for headers in COLUMNS.values()]
            log.error(header.number, "ledger.unknown-column", cell=cell, known=known)
            ok = False
        elif field[0] in found:
            log.error(header.number, "ledger.duplicate-column", cell=Verbatim(cell))
            ok = False
        else:
            found[field[0]] = index
    settled = settle_columns(found)
    for name in REQUIRED:
        if name not in settled:
            log.error(header.number, "ledger.missing-column", column=Verbatim(COLUMNS[name][0]))
            ok = False
    if not ok:
        return None
    columns = [""] * len(labels)
    for name, index in settled.items():
        columns[index] = name
    return columns, status_words(labels[settled["status"]])


def _parse_row(
    row: dict[str, str], position: int, line: int, words: dict[str, Status], log: ProblemLog
) -> LedgerItem | None:
    ok = True

    def fail(code: str, /, **args: Any) -> None:
        nonlocal ok
        ok = False
        log.error(line, code, **args)

    for name in ("problem", "measures", "responsible"):
        if not row[name]:
            fail("ledger.blank", column=Verbatim(COLUMNS[name][0]))
    kind = read_kind(row["kind"])
    if kind is None:
        fail("ledger.kind", value=row["kind"], options=_options(KIND_WORDS))
    reading = read_status(row["status"], words)
    if reading is None or reading.narrated:
        fail("ledger.status", value=row["status"], options=_options(STATUS_WORDS))
        reading = None
    status = reading.status if reading is not None else None
    number, task = position, None
    if row.get("number"):
        parsed = read_number(row["number"])
        if parsed is None:
            fail("ledger.number", value=row["number"])
        else:
            number, task = parsed
    deadline = None
    if kind is Kind.LONG_TERM and is_long_term_deadline(row["deadline"]):
        pass
    elif not row["deadline"]:
        fail("ledger.deadline-missing")
    else:
        deadline = _date(row["deadline"], "ledger.deadline", fail)
    extended = row.get("extended_to", "") or (reading.extended_to if reading is not None else "")
    extended_to = None if is_none(extended) else _date(extended, "ledger.extension", fail)
    wrong = extension_problem(deadline, extended_to)
    if wrong == "no-deadline":
        fail("ledger.extension-order", case="no-deadline", extended=extended_to)
    elif wrong == "before":
        fail("ledger.extension-order", case="before", extended=extended_to, deadline=deadline)
    dated = not is_none(row["completed_on"])
    completed_on = _date(row["completed_on"], "ledger.completed", fail) if dated else None
    wrong = completion_problem(status, dated) if status is not None else None
    if wrong == "missing":
        fail("ledger.completed-missing")
    elif wrong == "not-done":
        fail("ledger.completed-not-done", status=Verbatim(status))
    if not ok or kind is None or status is None:
        return None
    return LedgerItem(
        number=number,
        area=row.get("area", ""),
        problem=row["problem"],
        measures=row["measures"],
        kind=kind,
        responsible=row["responsible"],
        deadline=deadline,
        status=status,
        completed_on=completed_on,
        line=line,
        task=task,
        group=row.get("group", ""),
        extended_to=extended_to,
    )


def _date(text: str, code: str, fail: Any) -> dt.date | None:
    try:
        return parse_date(text)
    except DateError as exc:
        fail(code, **exc.details)
        return None


def _options(words: dict[str, Kind] | dict[str, Status]) -> list[Verbatim]:
    return [Verbatim(value) for value in canonical_options(words)]
