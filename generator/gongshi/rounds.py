"""Parsing a round file (TOML): the round's facts and the units it inspected."""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from typing import Any

from .errors import ProblemLog
from .model import Round, RoundType, SurveyWindow, UnitRef
from .reports import ID_HINT, ID_PATTERN

ROUND_KEYS = {
    "id": "轮次编号",
    "name": "轮次名称",
    "type": "巡察类型",
    "feedback_date": "反馈日期",
    "report_due": "整改报告报送期限",
    "revisits": "回头看的原轮次",
    "survey_start": "满意度测评开始日期",
    "survey_end": "满意度测评截止日期",
    "units": "被巡察单位",
}
OPTIONAL = {"revisits", "survey_start", "survey_end"}
UNIT_KEYS = {"id", "name"}
_TOML_LINE = re.compile(r"at line (\d+)")


def parse_round(text: str, stem: str, log: ProblemLog) -> Round | None:
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = _TOML_LINE.search(str(exc))
        log.error(
            int(match.group(1)) if match else None,
            "round.syntax",
            f"TOML 格式错误：{exc}",
            "检查引号、等号和方括号；日期不加引号，如 feedback_date = 2025-04-10。",
        )
        return None
    start = len(log.problems)
    for key in data:
        if key not in ROUND_KEYS:
            log.error(
                _line_of(text, key),
                "round.unknown-key",
                f"不认识的键“{key}”。",
                f"可用的键：{'、'.join(ROUND_KEYS)}。",
            )
    for key, label in ROUND_KEYS.items():
        if key not in data and key not in OPTIONAL:
            log.error(None, "round.missing-key", f"缺少“{key}”（{label}）。", f"加上一行 {key} = …")
    round_id = _string(data, "id", text, log)
    if round_id is not None and round_id != stem:
        log.error(
            _line_of(text, "id"),
            "round.id-file",
            f"编号“{round_id}”与文件名“{stem}.toml”不一致。",
            "把文件重命名为“编号.toml”。",
        )
    if round_id is not None and not ID_PATTERN.match(round_id):
        log.error(_line_of(text, "id"), "round.id", f"轮次编号“{round_id}”不合规。", ID_HINT)
    name = _string(data, "name", text, log)
    kind = None
    type_text = _string(data, "type", text, log)
    if type_text is not None:
        try:
            kind = RoundType(type_text)
        except ValueError:
            log.error(
                _line_of(text, "type"),
                "round.type",
                f"巡察类型“{type_text}”无法识别。",
                "只能是：常规、专项、回头看。",
            )
    feedback = _date(data, "feedback_date", text, log)
    due = _date(data, "report_due", text, log)
    if feedback and due and due < feedback:
        log.error(
            _line_of(text, "report_due"),
            "round.due-before-feedback",
            "整改报告报送期限早于反馈日期。",
            "检查两个日期。",
        )
    revisits = data.get("revisits")
    if revisits is not None and not isinstance(revisits, str):
        log.error(
            _line_of(text, "revisits"),
            "round.revisits",
            "revisits 应为轮次编号字符串。",
            '写成 revisits = "2025-r1"。',
        )
    survey = _survey_window(data, feedback, text, log)
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
        log.error(
            _line_of(text, given),
            "round.survey-window",
            f"只写了 {given}，缺少 {missing}：满意度测评期要有开始和截止两个日期。",
            f"加上一行 {missing} = …，或两行都删掉（本轮不做满意度测评）。",
        )
        return None
    if start is None or end is None:
        return None
    if end < start:
        log.error(
            _line_of(text, "survey_end"),
            "round.survey-window",
            "满意度测评截止日期早于开始日期。",
            "检查两个日期。",
        )
        return None
    if feedback is not None and start < feedback:
        log.error(
            _line_of(text, "survey_start"),
            "round.survey-window",
            f"满意度测评开始日期 {start} 早于巡察反馈日期 {feedback}。",
            "测评的是反馈之后的整改，开始日期应不早于反馈日期。",
        )
        return None
    return SurveyWindow(start, end)


def _line_of(text: str, key: str, value: str | None = None, occurrence: int = 1) -> int | None:
    """Best-effort line of `key = value` (tomllib reports no positions after parsing)."""
    pattern = re.compile(rf"^\s*{re.escape(key)}\s*=" + (rf"\s*\"{re.escape(value)}\"" if value else ""))
    seen = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            seen += 1
            if seen == occurrence:
                return number
    return None


def _string(data: dict[str, Any], key: str, text: str, log: ProblemLog) -> str | None:
    value = data.get(key)
    if value is None:
        return None
    if not isinstance(value, str) or not value.strip():
        log.error(_line_of(text, key), "round.type-error", f"“{key}”应为非空字符串。", f'写成 {key} = "…"。')
        return None
    return value.strip()


def _date(data: dict[str, Any], key: str, text: str, log: ProblemLog) -> dt.date | None:
    value = data.get(key)
    if value is None:
        return None
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    log.error(
        _line_of(text, key),
        "round.date",
        f"“{key}”应为日期，实际为“{value}”。",
        f"写成 {key} = 2025-04-10（不加引号，不带时间）。",
    )
    return None


def _units(value: Any, text: str, log: ProblemLog) -> tuple[UnitRef, ...]:
    if value is None:
        return ()
    if not isinstance(value, list) or not value:
        log.error(
            _line_of(text, "units"),
            "round.units",
            "被巡察单位列表为空或格式不对。",
            "每个单位写一个 [[units]] 段，含 id 和 name。",
        )
        return ()
    units: list[UnitRef] = []
    seen: dict[str, int] = {}
    for entry in value:
        if not isinstance(entry, dict) or set(entry) != UNIT_KEYS:
            log.error(
                None,
                "round.unit-entry",
                f"单位条目格式不对：{entry}",
                '每个 [[units]] 段只含 id = "…" 和 name = "…"。',
            )
            continue
        unit_id, name = entry["id"], entry["name"]
        if not isinstance(unit_id, str) or not isinstance(name, str) or not name.strip():
            log.error(None, "round.unit-entry", f"单位条目格式不对：{entry}", "id 和 name 都应为非空字符串。")
            continue
        seen[unit_id] = seen.get(unit_id, 0) + 1
        line = _line_of(text, "id", unit_id, seen[unit_id])
        if not ID_PATTERN.match(unit_id):
            log.error(line, "round.unit-id", f"单位编号“{unit_id}”不合规。", ID_HINT)
        elif seen[unit_id] > 1:
            log.error(
                line,
                "round.duplicate-unit",
                f"单位编号“{unit_id}”在本轮重复出现。",
                "每个单位只列一次；不同单位使用不同编号。",
            )
        else:
            units.append(UnitRef(unit_id, name.strip(), line))
    return tuple(units)
