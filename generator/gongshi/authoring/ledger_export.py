"""A unit's ledger as the spreadsheet offices keep (`gongshi export-ledger`), to update and import back.

Units update their 整改台账 in Excel month by month. Handing them the
published ledger in the layout they know (a title row, a note on how to fill
it, the header, one row per item, 方面 merged down its items, dates as Excel
dates, drop-down lists for 类型 and 状态) lets them change statuses in place;
`gongshi import-ledger` reads the file back, and an unchanged file leaves
the report byte for byte as it was. The note sits above the header, where
the importer looks past it without a word.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from pathlib import Path

import openpyxl
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.worksheet.datavalidation import DataValidation

from gongshi.authoring.ledger_import import report_ledger, table_fields
from gongshi.content.ledger_vocabulary import COLUMNS, LONG_TERM_DEADLINE
from gongshi.content.model import Kind, LedgerItem, Status
from gongshi.infra.atomic import write_file_atomically
from gongshi.problems.errors import Problem, ProblemLog

SHEET = "整改台账"
NOTE = (
    "填表说明：“状态”从下拉列表选（" + "、".join(s.value for s in Status) + "）；"
    "状态改为已完成的，在“完成时间”填写销号日期；长期坚持事项的整改时限填“长期”。"
    "不要改动表头和序号；改好后用 gongshi import-ledger 导入。"
)
WIDTHS = {
    "number": 6, "group": 8, "area": 14, "problem": 36, "measures": 40, "kind": 10, "responsible": 14,
    "deadline": 12, "extended_to": 12, "status": 10, "completed_on": 12,
}  # characters  # fmt: skip
_CENTRED = frozenset({"number", "group", "kind", "deadline", "extended_to", "status", "completed_on"})
DATE_FORMAT = "yyyy-mm-dd"
_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="center")
_CENTRE = Alignment(horizontal="center", vertical="center", wrap_text=True)
HEADER_ROW = 3  # title, note, header


def export_ledger(report: Path, target: Path, unit_name: str) -> list[Problem]:
    """Write the ledger of `report` to `target` (.xlsx); the problems that kept it from being written."""
    problems: list[Problem] = []
    log = ProblemLog(str(report), problems)
    try:
        text = report.read_bytes().decode("utf-8-sig")
    except FileNotFoundError:
        log.error(None, "import.report-missing")
        return problems
    except OSError as exc:
        log.error(None, "import.report-unreadable", error=str(exc.strerror))
        return problems
    except UnicodeDecodeError:
        log.error(None, "import.report-encoding")
        return problems
    items, ledger_problems = report_ledger(text, str(report))
    errors = [p for p in ledger_problems if p.is_error]  # no section, or an empty table, is one too
    if errors:
        problems += errors
        return problems
    try:
        write_file_atomically(target, workbook_bytes(items, unit_name))
    except OSError as exc:
        ProblemLog(str(target), problems).error(None, "export.unwritable", error=str(exc.strerror))
    return problems


def workbook_bytes(items: Sequence[LedgerItem], unit_name: str) -> bytes:
    """The .xlsx file of `items`."""
    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = SHEET
    fields = table_fields(items)  # the columns the report's table has, so an unchanged file reads back
    width = len(fields)
    sheet.cell(1, 1, f"{unit_name}巡察整改台账").font = Font(bold=True, size=14)
    sheet.cell(1, 1).alignment = _CENTRE
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=width)
    _text_cell(sheet.cell(2, 1), NOTE).alignment = Alignment(wrap_text=True, vertical="top")
    sheet.merge_cells(start_row=2, start_column=1, end_row=2, end_column=width)
    sheet.row_dimensions[2].height = 48
    for column, name in enumerate(fields, start=1):
        cell = _text_cell(sheet.cell(HEADER_ROW, column), COLUMNS[name][0])
        cell.font, cell.alignment, cell.border = Font(bold=True), _CENTRE, _BORDER
        sheet.column_dimensions[openpyxl.utils.get_column_letter(column)].width = WIDTHS[name]
    for row, item in enumerate(items, start=HEADER_ROW + 1):
        _item_row(sheet, row, item, fields)
    _merge_areas(sheet, items, fields)
    _choices(sheet, len(items), fields)
    sheet.freeze_panes = sheet.cell(HEADER_ROW + 1, 1)
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _item_row(sheet, row: int, item: LedgerItem, fields: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    deadline: object = item.deadline or (LONG_TERM_DEADLINE if item.kind is Kind.LONG_TERM else None)
    values: dict[str, object] = {
        "number": item.number if item.task is None else item.label, "group": item.group, "area": item.area,
        "problem": item.problem, "measures": item.measures, "kind": item.kind.value,
        "responsible": item.responsible, "deadline": deadline, "extended_to": item.extended_to,
        "status": item.status.value, "completed_on": item.completed_on,
    }  # fmt: skip
    for column, name in enumerate(fields, start=1):
        value = values[name]
        cell = sheet.cell(row, column)
        if isinstance(value, dt.date):
            cell.value = value
            cell.number_format = DATE_FORMAT
        elif isinstance(value, str):
            _text_cell(cell, value)
        else:
            cell.value = value
        cell.border = _BORDER
        cell.alignment = _CENTRE if name in _CENTRED else _WRAP


def _text_cell(cell, text: str):  # type: ignore[no-untyped-def]
    """Text kept as text: a problem that starts with = is not a formula."""
    cell.value = text
    cell.data_type = "s"
    return cell


def _merge_areas(sheet, items: Sequence[LedgerItem], fields: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    """方面 merged down each run of items that share it, as offices lay the ledger out."""
    start = 0
    for index in range(1, len(items) + 1):
        if index < len(items) and items[index].area == items[start].area:
            continue
        if index - start > 1 and items[start].area:
            column = fields.index("area") + 1
            sheet.merge_cells(
                start_row=HEADER_ROW + 1 + start,
                start_column=column,
                end_row=HEADER_ROW + index,
                end_column=column,
            )
        start = index


def _choices(sheet, count: int, fields: Sequence[str]) -> None:  # type: ignore[no-untyped-def]
    """Drop-down lists for 类型 and 状态, so an update uses the words the import knows."""
    last = HEADER_ROW + max(count, 1)
    for name, words in (("kind", [k.value for k in Kind]), ("status", [s.value for s in Status])):
        letter = openpyxl.utils.get_column_letter(fields.index(name) + 1)
        validation = DataValidation(type="list", formula1='"' + ",".join(words) + '"', allow_blank=False)
        validation.add(f"{letter}{HEADER_ROW + 1}:{letter}{last}")
        sheet.add_data_validation(validation)
