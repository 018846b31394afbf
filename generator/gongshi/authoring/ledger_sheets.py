"""Reading the workbook or CSV a ledger is kept in: its sheets, rows and cells.

Offices keep ledgers in whatever Excel or WPS saved: an .xlsx, an old .xls (or one
renamed to .xlsx, which openpyxl calls "not a zip file"), a CSV in GBK. Each becomes a
list of `Sheet`s, the active sheet first, so the row mapper sees one shape. What is
about spreadsheets lives here (file formats, merged cells copied into every cell they
cover, hidden rows, Excel date cells and day numbers, CSV encodings and delimiters);
what a row means is ledger_rows.py, through the shared grammar in
content/ledger_vocabulary.py. This is the one spreadsheet reader of the package.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import warnings
import zipfile
from dataclasses import dataclass, field
from pathlib import Path

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import from_excel
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from gongshi.content.dates import DateError
from gongshi.content.ledger_vocabulary import word
from gongshi.content.textfile import csv_text, sniff_delimiter
from gongshi.problems.errors import ProblemLog

_DAY = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?(?:\s*\d{1,2}:\d{2}(?::\d{2})?)?$")
_MONTH_END = re.compile(r"^(\d{4})[-/.年](\d{1,2})月?(?:底|末)$")
_YEAR_END = re.compile(r"^(\d{4})年?(?:底|末)$")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, and a password-protected .xlsx
ZIP_MAGIC = b"PK\x03\x04"


@dataclass
class Row:
    """One spreadsheet row; `number` is the row number Excel shows."""

    number: int
    values: list[object]
    inherited: set[int] = field(default_factory=set)  # columns whose value comes from a merge above or left
    wide: set[int] = field(default_factory=set)  # columns starting a merge two or more columns wide
    hidden: bool = False

    def own(self) -> list[tuple[int, str]]:
        return [(c, t) for c, v in enumerate(self.values) if c not in self.inherited and (t := cell_text(v))]


@dataclass(frozen=True)
class Sheet:
    name: str
    rows: list[Row]
    excel: bool  # values are typed cells (dates, numbers), not CSV text


def read_sheets(path: Path, log: ProblemLog) -> list[Sheet]:
    """Every sheet of the file, the one active when it was saved first; a CSV file is one sheet;
    [] after logging why not. Which sheet holds the ledger is the caller's choice."""
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm", ".xls"):
        head = _head(path, log)
        if head is None:
            return []
        if head == OLE_MAGIC:
            return _read_xls(path, log, renamed=suffix != ".xls")
        if suffix == ".xls" and head.startswith(ZIP_MAGIC):
            return _read_xlsx(path, log)  # an .xlsx saved with the old name: read it as what it is
        if suffix == ".xls":
            log.error(None, "import.unreadable", case="xls", error="not an Excel 97-2003 workbook")
            return []
        return _read_xlsx(path, log)
    if suffix in (".csv", ".txt"):
        return _read_csv(path, log)
    log.error(None, "import.format", case="other", suffix=suffix or path.name)
    return []


def _head(path: Path, log: ProblemLog) -> bytes | None:
    try:
        with path.open("rb") as handle:
            return handle.read(8)
    except OSError as exc:
        log.error(None, "import.unreadable", case="csv", error=str(exc.strerror))
        return None


def _read_xlsx(path: Path, log: ProblemLog) -> list[Sheet]:
    try:
        with warnings.catch_warnings():  # openpyxl warns about Excel features it skips (data validation ...)
            warnings.simplefilter("ignore")
            with path.open("rb") as handle:  # by content, not name: an .xlsx saved as .xls reads too
                workbook = openpyxl.load_workbook(handle, data_only=True)
    except (OSError, zipfile.BadZipFile, InvalidFileException, KeyError, ValueError, TypeError) as exc:
        log.error(None, "import.unreadable", case="xlsx", error=str(exc))
        return []
    first = workbook.active
    sheets = [first, *(ws for ws in workbook.worksheets if ws is not first)]
    return [_grid(ws) for ws in sheets if isinstance(ws, Worksheet)]


def _grid(ws: Worksheet) -> Sheet:
    """The sheet's rows, each merged range's value copied into every cell it covers."""
    rows = []
    for number, values in enumerate(ws.iter_rows(min_row=1, values_only=True), start=1):
        dimension = ws.row_dimensions.get(number)
        rows.append(Row(number, list(values), hidden=bool(dimension and dimension.hidden)))
    spread_merges(
        rows, [(m.min_row - 1, m.max_row, m.min_col - 1, m.max_col) for m in ws.merged_cells.ranges]
    )
    return Sheet(ws.title, rows, excel=True)


def spread_merges(rows: list[Row], ranges: list[tuple[int, int, int, int]]) -> None:
    """Copy each merged range's value (rows top..bottom-1, columns left..right-1, from 0) into every
    cell it covers, marking the copies `inherited` and the start of a merge across `wide`."""
    for top, bottom, left, right in ranges:
        if top >= len(rows) or left >= len(rows[top].values):
            continue
        value = rows[top].values[left]
        if right - left > 1:
            rows[top].wide.add(left)
        for row in rows[top:bottom]:
            for column in range(left, min(right, len(row.values))):
                if (row.number - 1, column) != (top, left):
                    row.values[column] = value
                    row.inherited.add(column)


def _read_xls(path: Path, log: ProblemLog, renamed: bool) -> list[Sheet]:
    """An Excel 97-2003 workbook through xlrd; `renamed`: it came with an .xlsx name (or is encrypted)."""
    import xlrd  # only for the old format

    try:
        book = xlrd.open_workbook(str(path), formatting_info=True, on_demand=False)
    except Exception as exc:  # xlrd raises XLRDError, CompDocError, struct and index errors on bad files
        if renamed:
            log.error(None, "import.unreadable", case="ole", error=type(exc).__name__)
        else:
            log.error(None, "import.unreadable", case="xls", error=type(exc).__name__)
        return []
    sheets = []
    for sheet in book.sheets():
        rows = []
        for r in range(sheet.nrows):
            values = [_xls_value(cell, book.datemode, xlrd) for cell in sheet.row(r)]
            info = sheet.rowinfo_map.get(r)
            rows.append(Row(r + 1, values, hidden=bool(info and info.hidden)))
        spread_merges(rows, list(sheet.merged_cells))
        sheets.append(Sheet(sheet.name, rows, excel=True))
    active = next((i for i, s in enumerate(book.sheets()) if s.sheet_selected), 0)
    return [sheets[active], *(s for i, s in enumerate(sheets) if i != active)] if sheets else []


def _xls_value(cell: object, datemode: int, xlrd: object) -> object:
    kind, value = cell.ctype, cell.value  # type: ignore[attr-defined]
    if kind == xlrd.XL_CELL_DATE:  # type: ignore[attr-defined]
        try:
            return xlrd.xldate_as_datetime(value, datemode)  # type: ignore[attr-defined]
        except (ValueError, OverflowError):
            return value
    if kind in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):  # type: ignore[attr-defined]
        return None
    if kind == xlrd.XL_CELL_BOOLEAN:  # type: ignore[attr-defined]
        return bool(value)
    return value


def _read_csv(path: Path, log: ProblemLog) -> list[Sheet]:
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error(None, "import.unreadable", case="csv", error=str(exc.strerror))
        return []
    text = csv_text(data, log, "ledger")
    if text is None:
        return []
    reader = csv.reader(
        io.StringIO(text, newline=""), delimiter=sniff_delimiter(text), strict=True
    )  # no runaway quote
    rows: list[Row] = []
    try:
        for number, values in enumerate(reader, start=1):
            rows.append(Row(number, list(values)))
    except csv.Error as exc:
        log.error(len(rows) + 1, "import.csv", error=str(exc))
        return []
    return [Sheet(path.name, rows, excel=False)]


def cell_date(raw: object, excel: bool) -> dt.date:
    """A date cell, an Excel day number, or text such as 2025年6月30日, 2025.6.30, 2025年6月底前."""
    if isinstance(raw, dt.datetime):
        return raw.date()
    if isinstance(raw, dt.date):
        return raw
    if excel and isinstance(raw, int | float) and not isinstance(raw, bool) and 1 <= raw < 2958466:
        return from_excel(raw).date()  # a date cell whose format was lost: Excel's day number
    shown = cell_text(raw)
    text = re.sub(r"(?:之前|以前|前)$", "", word(shown))
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


def cell_text(value: object) -> str:
    """A cell as one line of text: line breaks inside a cell (Alt+Enter) become spaces."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return " ".join(part.strip() for part in str(value).replace("\xa0", " ").splitlines() if part.strip())


def letter(column: int) -> str:
    return get_column_letter(column + 1)
