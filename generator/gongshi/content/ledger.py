"""The 整改台账 table inside a report: found, split off the narrative, parsed.

The ledger is parsed into items once and rendered from them by the theme,
so Markdown's table extension never sees it (it is the slowest part of a
Python-Markdown build, and the portal needs typed items anyway).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, TypeVar

from gongshi.content.dates import DateError, parse_date
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import Verbatim

_E = TypeVar("_E", Kind, Status)

LEDGER_HEADING = "整改台账"
_HEADING = re.compile(r"^(#{1,6})\s*(.*?)\s*#*\s*$")
_SEPARATOR_CELL = re.compile(r"^:?-{3,}:?$")
_LONG_TERM_WORDS = {"长期", "长期坚持", "持续推进", "—", "-", ""}

# field name -> accepted column headers (the first is the canonical one)
COLUMNS: dict[str, tuple[str, ...]] = {
    "number": ("序号", "编号"),
    "area": ("方面", "问题类别", "类别"),
    "problem": ("反馈问题", "问题", "存在问题", "问题内容"),
    "measures": ("整改措施", "措施"),
    "kind": ("类型", "整改类型"),
    "responsible": ("责任部门", "责任单位", "责任领导", "责任人"),
    "deadline": ("整改时限", "完成时限", "时限"),
    "status": ("状态", "整改状态", "完成情况", "整改情况"),
    "completed_on": ("完成时间", "完成日期"),
}
REQUIRED = ("problem", "measures", "kind", "responsible", "deadline", "status", "completed_on")
_HEADER_TO_FIELD = {header: name for name, headers in COLUMNS.items() for header in headers}


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
    columns = _map_columns(rows[0], log)
    if columns is None:
        return ()
    if len(rows) == 2:
        log.error(rows[0].number, "ledger.empty")
        return ()
    items = []
    for position, line in enumerate(rows[2:], start=1):
        cells = split_cells(line.text)
        if len(cells) != len(columns):
            log.error(line.number, "ledger.cells", cells=len(cells), columns=len(columns))
            continue
        item = _parse_row(dict(zip(columns, cells, strict=True)), position, line.number, log)
        if item is not None:
            items.append(item)
    return tuple(items)


def _map_columns(header: Line, log: ProblemLog) -> list[str] | None:
    columns: list[str] = []
    ok = True
    for cell in split_cells(header.text):
        name = _HEADER_TO_FIELD.get(cell)
        if name is None:
            known = [Verbatim(headers[0]) for headers in COLUMNS.values()]
            log.error(header.number, "ledger.unknown-column", cell=cell, known=known)
            ok = False
        elif name in columns:
            log.error(header.number, "ledger.duplicate-column", cell=Verbatim(cell))
            ok = False
        columns.append(name or "")
    for name in REQUIRED:
        if name not in columns:
            log.error(header.number, "ledger.missing-column", column=Verbatim(COLUMNS[name][0]))
            ok = False
    return columns if ok else None


def _parse_row(row: dict[str, str], position: int, line: int, log: ProblemLog) -> LedgerItem | None:
    ok = True

    def fail(code: str, /, **args: Any) -> None:
        nonlocal ok
        ok = False
        log.error(line, code, **args)

    for name in ("problem", "measures", "responsible"):
        if not row[name]:
            fail("ledger.blank", column=Verbatim(COLUMNS[name][0]))
    kind = _enum(Kind, row["kind"])
    if kind is None:
        fail("ledger.kind", value=row["kind"])
    status = _enum(Status, row["status"])
    if status is None:
        fail("ledger.status", value=row["status"])
    number = position
    if row.get("number"):
        if row["number"].isdigit():
            number = int(row["number"])
        else:
            fail("ledger.number", value=row["number"])
    deadline = None
    if kind is Kind.LONG_TERM and row["deadline"] in _LONG_TERM_WORDS:
        pass
    elif not row["deadline"]:
        fail("ledger.deadline-missing")
    else:
        try:
            deadline = parse_date(row["deadline"])
        except DateError as exc:
            fail("ledger.deadline", **exc.details)
    completed_on = None
    if row["completed_on"] not in ("", "—", "-"):
        try:
            completed_on = parse_date(row["completed_on"])
        except DateError as exc:
            fail("ledger.completed", **exc.details)
        if status is not None and status is not Status.DONE:
            fail("ledger.completed-not-done", status=Verbatim(status))
    elif status is Status.DONE:
        fail("ledger.completed-missing")
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
    )


def _enum(enum: type[_E], value: str) -> _E | None:
    try:
        return enum(value)
    except ValueError:
        return None
