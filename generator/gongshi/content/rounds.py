"""Parsing a round file (TOML): the round's facts and the units it inspected."""

from __future__ import annotations

import datetime as dt
import functools
import re
import tomllib
from typing import Any

from gongshi.content.model import Round, RoundType, SurveyWindow, UnitRef
from gongshi.content.reports import ID_PATTERN
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import Term

ROUND_KEYS = {
    "id": "轮次编号",
    "name": "轮次名称",
    "type": "巡察类型",
    "feedback_date": "反馈日期",
    "report_due": "整改报告报送期限",
    "revisits": "回头看的原轮次",
    "survey_start": "满意度测评开始日期",
    "survey_end": "满意度测评截止日期",
    "survey": "满意度测评导出设置",
    "units": "被巡察单位",
}
OPTIONAL = {"revisits", "survey_start", "survey_end", "survey"}
UNIT_KEYS = {"id", "name"}
_TOML_LINE = re.compile(r"at line (\d+)")


def parse_round(text: str, stem: str, log: ProblemLog) -> Round | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        log.error(int(match.group(1)) if match else None, "round.syntax", error=str(exc))
        return None
    start = len(log.problems)
    for key in data:
        if key not in ROUND_KEYS:
            log.error(_line_of(text, key), "round.unknown-key", key=key, known=list(ROUND_KEYS))
    for key, label in ROUND_KEYS.items():
        if key not in data and key not in OPTIONAL:
            log.error(None, "round.missing-key", key=key, label=Term(label))
    round_id = _string(data, "id", text, log)
    if round_id is not None and round_id != stem:
        log.error(_line_of(text, "id"), "round.id-file", id=round_id, stem=stem)
    if round_id is not None and not ID_PATTERN.match(round_id):
        log.error(_line_of(text, "id"), "round.id", id=round_id)
    name = _string(data, "name", text, log)
    kind = None
    type_text = _string(data, "type", text, log)
    if type_text is not None:
        try:
            kind = RoundType(type_text)
        except ValueError:
            log.error(_line_of(text, "type"), "round.type", value=type_text)
    feedback = _date(data, "feedback_date", text, log)
    due = _date(data, "report_due", text, log)
    if feedback and due and due < feedback:
        log.error(_line_of(text, "report_due"), "round.due-before-feedback")
    revisits = data.get("revisits")
    if revisits is not None and not isinstance(revisits, str):
        log.error(_line_of(text, "revisits"), "round.revisits")
    survey = _survey_window(data, feedback, text, log)
    export = data.get("survey")
    if export is not None and not isinstance(export, dict):  # its keys are checked with the survey settings
        log.error(_line_of(text, "survey"), "survey.round-table", value=repr(export))
    units = _units(data.get("units"), text, log)
    if len(log.problems) > start and any(p.is_error for p in log.problems[start:]):
        return None
    return Round(
        id=round_id,
        name=name,
        type=kind,
        feedback_date=feedback,
        report_due=due,
        units=units,
        source=log.path,
        revisits=revisits,
        survey=survey,
        survey_export=export,
    )


def _survey_window(
    data: dict[str, Any], feedback: dt.date | None, text: str, log: ProblemLog
) -> SurveyWindow | None:
    start = _date(data, "survey_start", text, log)
    end = _date(data, "survey_end", text, log)
    if ("survey_start" in data) != ("survey_end" in data):
        given, missing = (
            ("survey_start", "survey_end") if "survey_start" in data else ("survey_end", "survey_start")
        )
        log.error(_line_of(text, given), "round.survey-window", case="one-date", given=given, missing=missing)
        return None
    if start is None or end is None:
        return None
    if end < start:
        log.error(_line_of(text, "survey_end"), "round.survey-window", case="end-before-start")
        return None
    if feedback is not None and start < feedback:
        log.error(
            _line_of(text, "survey_start"),
            "round.survey-window",
            case="before-feedback",
            start=start,
            feedback=feedback,
        )
        return None
    return SurveyWindow(start, end)


_KEY_LINE = re.compile(r"^\s*([A-Za-z0-9_-]+)\s*=\s*(.*?)\s*$")


def _line_of(text: str, key: str, value: str | None = None, occurrence: int = 1) -> int | None:
    """Best-effort line of `key = value` (tomllib reports no positions after parsing)."""
    lines = _key_lines(text).get((key, value) if value else (key, None), ())
    return lines[occurrence - 1] if len(lines) >= occurrence else None


@functools.lru_cache(maxsize=4)
def _key_lines(text: str) -> dict[tuple[str, str | None], tuple[int, ...]]:
    """Every `key = …` line of a round file by key, and by key and quoted value, in one pass:
    a round lists hundreds of units, each found by its line."""
    found: dict[tuple[str, str | None], list[int]] = {}
    for number, line in enumerate(text.split("\n"), start=1):
        match = _KEY_LINE.match(line)
        if match is None:
            continue
        key, rest = match.groups()
        found.setdefault((key, None), []).append(number)
        value = re.match(r'"((?:[^"\\]|\\.)*)"', rest)
        if value:
            found.setdefault((key, value.group(1)), []).append(number)
    return {k: tuple(v) for k, v in found.items()}


def _string(data: dict[str, Any], key: str, text: str, log: ProblemLog) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        log.error(_line_of(text, key), "round.type-error", key=key)
        return None
    return value.strip()


def _date(data: dict[str, Any], key: str, text: str, log: ProblemLog) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    log.error(_line_of(text, key), "round.date", key=key, value=str(value))
    return None


def _units(value: Any, text: str, log: ProblemLog) -> tuple[UnitRef, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        log.error(_line_of(text, "units"), "round.units")
        return ()
    units: list[UnitRef] = []
    seen: dict[str, int] = {}
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != UNIT_KEYS:
            log.error(None, "round.unit-entry", case="keys", entry=str(entry))
            continue
        unit_id, name = entry["id"], entry["name"]
        if not isinstance(unit_id, str) or not isinstance(name, str) or not name.strip():
            log.error(None, "round.unit-entry", case="values", entry=str(entry))
            continue
        seen[unit_id] = seen.get(unit_id, 0) + 1
        line = _line_of(text, "id", unit_id, seen[unit_id])
        if not ID_PATTERN.match(unit_id):
            log.error(line, "round.unit-id", id=unit_id)
        elif seen[unit_id] > 1:
            log.error(line, "round.duplicate-unit", id=unit_id)
        else:
            units.append(UnitRef(unit_id, name.strip(), line))
    return tuple(units)
