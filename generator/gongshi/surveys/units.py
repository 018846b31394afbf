"""Where a sheet's columns are, and which unit a one-questionnaire-per-unit file belongs to.

问卷星 offices often make one questionnaire per unit: the question names the
unit (`1、您对市审计局党组巡察整改工作的总体评价`), so the answer column is found
by its question number or a pattern, and the file's unit by the round's
`files` mapping, or by the unit's name in the question, the sheet or the file name.
"""

from __future__ import annotations

import fnmatch
import re
from collections.abc import Iterable
from typing import Any

from gongshi.content.model import Round, UnitRef
from gongshi.surveys.mapping import ExportMapping
from gongshi.surveys.sheets import Sheet

_NAMED = ("unit", "round", "response_id", "submitted", "signature")


def question_pattern(number: int) -> re.Pattern[str]:
    """A header of question `number`: 1、题干, 1.题干, 1．题干, Q1.题干, 第1题, 1:题干 (not 10、 or 1.5)."""
    return re.compile(rf"^\s*(?:Q|第)?0*{number}(?:\s*[、．.:：)）]|题)(?!\d)", re.IGNORECASE)


def column_index(header: Iterable[str], mapping: ExportMapping, signed: bool) -> dict[str, int] | list[str]:
    """Each mapped column's index found in the header; or the columns missing, as staff would look for them.

    The unit column is not required here: a questionnaire of one unit needs none (see `unit_missing`).
    """
    header = list(header)
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    columns: dict[str, int] = {}
    missing: list[str] = []
    for key in _NAMED:
        name = getattr(mapping, key)
        if name is None:
            continue
        if name in index:
            columns[key] = index[name]
        elif key == "signature" and signed:
            missing.append(name)
    answer = _answer_column(header, mapping)
    if answer is None:  # no questionnaire to name a unit either: the unit column is missing too
        if mapping.unit is not None and mapping.unit not in index and not mapping.files:
            missing.insert(0, mapping.unit)
        missing.append(_answer_wanted(mapping))
    else:
        columns["answer"] = answer
    return missing or columns


def _answer_column(header: list[str], mapping: ExportMapping) -> int | None:
    if mapping.answer is not None:
        return header.index(mapping.answer) if mapping.answer in header else None
    pattern = (
        re.compile(mapping.answer_pattern)
        if mapping.answer_pattern is not None
        else question_pattern(mapping.question or 1)
    )
    return next((i for i, name in enumerate(header) if pattern.search(name)), None)


def _answer_wanted(mapping: ExportMapping) -> str:
    if mapping.answer is not None:
        return mapping.answer
    if mapping.answer_pattern is not None:
        return f"/{mapping.answer_pattern}/"
    return f"{mapping.question or 1}、…"


def file_unit(
    name: str, sheet: Sheet, columns: dict[str, int], round_: Round, mapping: ExportMapping
) -> tuple[str | None, tuple[str, dict[str, Any]] | None]:
    """The unit a file (or sheet) is the questionnaire of, or None for a questionnaire shared by units.

    The round's `files` mapping decides when it names the file; otherwise the unit's name in
    the answer column's question, then in the sheet name, then in the file name (the unit's id
    as a word of the file name counts too). A mapping to a unit the round does not list is an error.
    """
    for pattern, unit_id in mapping.files.items():
        if fnmatch.fnmatch(name, pattern) or (
            sheet.name and fnmatch.fnmatch(f"{name}#{sheet.name}", pattern)
        ):
            if round_.unit(unit_id) is None:
                known = [u.id for u in round_.units]
                return None, ("survey.file-unit", {"pattern": pattern, "unit": unit_id, "known": known})
            return unit_id, None
    question = sheet.header[columns["answer"]] if "answer" in columns else ""
    for text in (question, sheet.name, name):
        found = _named(text, round_.units)
        if found is not None:
            return found, None
    lower = name.lower()
    hits = [u.id for u in round_.units if re.search(rf"(?<![a-z0-9]){re.escape(u.id)}(?![a-z0-9])", lower)]
    hits = [h for h in hits if not any(h != other and h in other for other in hits)]  # bus-group, not bus
    return (hits[0] if len(hits) == 1 else None), None


def _named(text: str, units: Iterable[UnitRef]) -> str | None:
    """The unit whose name the text holds; the longest name wins (市民政局 inside 市民政局党组)."""
    hits = sorted((u for u in units if u.name and u.name in text), key=lambda u: -len(u.name))
    if not hits:
        # a questionnaire may name the body without its 党组/党委 suffix
        bare = [(u, re.sub(r"(党组|党委|党工委)$", "", u.name)) for u in units]
        hits = sorted((u for u, b in bare if len(b) >= 2 and b in text), key=lambda u: -len(u.name))
    return hits[0].id if hits else None
