"""An export file as sheets of text rows, whatever the platform saved: CSV, .xlsx or legacy .xls.

问卷星 downloads Excel by default, some offices save CSV in GBK, 腾讯问卷 writes long
numbers with a leading tab. Every cell comes out as the text staff see: an Excel date
cell as `2026-09-03 12:00:00`, a whole number without `.0`; the reader of counts never
meets a workbook.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import warnings
import zipfile
from dataclasses import dataclass
from typing import Any

from gongshi.content.textfile import csv_text, sniff_delimiter
from gongshi.problems.errors import ProblemLog

SUFFIXES = (".csv", ".xlsx", ".xls")


@dataclass(frozen=True)
class Sheet:
    """One table of an export: its name ("" for a CSV), header, and (line, cells) rows."""

    name: str
    header: tuple[str, ...]
    rows: tuple[tuple[int, tuple[str, ...]], ...]


def read_sheets(content: bytes, suffix: str, delimiter: str | None, log: ProblemLog) -> list[Sheet]:
    """The file's tables; a file that cannot be read at all is one error and no sheets."""
    if suffix == ".csv":
        return _csv(content, delimiter, log)
    if suffix == ".xlsx":
        return _xlsx(content, log)
    return _xls(content, log)


def _csv(content: bytes, delimiter: str | None, log: ProblemLog) -> list[Sheet]:
    text = csv_text(content, log, "survey")
    if text is None:
        return []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter or sniff_delimiter(text))
    rows: list[tuple[int, tuple[str, ...]]] = []
    line = 1
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as exc:
            log.error(reader.line_num or None, "survey.csv", error=str(exc))
            break
        rows.append((line, tuple(row)))
        line = reader.line_num + 1
    return _sheet("", rows, log)


def _sheet(name: str, rows: list[tuple[int, tuple[str, ...]]], log: ProblemLog) -> list[Sheet]:
    filled = [(n, r) for n, r in rows if any(c.strip() for c in r)]
    if not filled:
        log.error(None, "survey.empty")
        return []
    (_, header), *body = filled
    return [Sheet(name, tuple(h.strip() for h in header), tuple(body))]


def _xlsx(content: bytes, log: ProblemLog) -> list[Sheet]:
    import openpyxl  # only when a workbook is there: it is slow to import

    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel features it skips
            warnings.simplefilter("ignore")
            book = openpyxl.load_workbook(io.BytesIO(content), read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        log.error(None, "survey.workbook", error=str(exc) or type(exc).__name__)
        return []
    sheets: list[Sheet] = []
    for ws in book.worksheets:
        rows = [
            (n, tuple(_text(v) for v in values))
            for n, values in enumerate(ws.iter_rows(values_only=True), start=1)
        ]
        if any(any(c.strip() for c in r) for _, r in rows):
            sheets += _sheet(ws.title, rows, log)
    book.close()
    if not sheets:
        log.error(None, "survey.empty")
    return sheets


def _xls(content: bytes, log: ProblemLog) -> list[Sheet]:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=content)
    except (xlrd.XLRDError, OSError, ValueError, AssertionError, IndexError) as exc:
        log.error(None, "survey.workbook", error=str(exc) or type(exc).__name__)
        return []
    sheets: list[Sheet] = []
    for ws in book.sheets():
        rows = []
        for r in range(ws.nrows):
            cells = []
            for c in range(ws.ncols):
                cell = ws.cell(r, c)
                if cell.ctype == xlrd.XL_CELL_DATE:
                    cells.append(_text(xlrd.xldate.xldate_as_datetime(cell.value, book.datemode)))
                else:
                    cells.append(_text(cell.value))
            rows.append((r + 1, tuple(cells)))
        if any(any(c.strip() for c in r) for _, r in rows):
            sheets += _sheet(ws.name, rows, log)
    if not sheets:
        log.error(None, "survey.empty")
    return sheets


def _text(value: Any) -> str:
    """A cell as the export shows it: dates as 2026-09-03 12:00:00, 3.0 as 3, None as ""."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)
