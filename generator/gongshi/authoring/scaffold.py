"""New round files and report skeletons, written the way the loaders read them.

A skeleton is meant to be filled in, never published as it stands: every
value staff must supply is the marker `【待填写】`, and a report that still
contains it is a content error on that line. So a half-filled report stops
`gongshi check` and the build instead of reaching the public site. Optional
header keys are written too, their marker followed by how to leave them out:
staff asked for every field, and a key they never see is a key they never fill.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from gongshi.content.ledger import COLUMNS, REQUIRED
from gongshi.content.model import Round, RoundType, UnitRef
from gongshi.content.placeholders import PLACEHOLDER
from gongshi.content.reports import HEADER_KEYS, ID_PATTERN
from gongshi.content.rounds import parse_round
from gongshi.problems.errors import Problem, ProblemLog

# Header keys whose value the round already knows; every other key gets the marker.
_FROM_ROUND = ("round", "unit", "unit-name")
# What to write in an optional key, or how to leave it out. Header lines hold no comments, so this
# follows the marker on the line itself; an optional key left empty is absent (reports.py).
_OPTIONAL = {
    "review-note": "选填，内部会审意见，不会公开；没有就留空或删去这一行",
    "rules-made": "选填：新建或修订的制度数，填整数；报告没写这一项就留空或删去这一行",
    "accountable": "选填：问责人数，填整数；报告没写这一项就留空或删去这一行",
    "funds-recovered": "选填：挽回或追缴的资金，单位万元，如 126.5；报告没写这一项就留空或删去这一行",
}
_LEDGER_COLUMNS = ("number", "area", *REQUIRED)


@dataclass(frozen=True)
class RoundDraft:
    """What `gongshi new round` was told."""

    id: str
    name: str
    type: RoundType
    feedback_date: dt.date
    report_due: dt.date
    units: tuple[UnitRef, ...]
    revisits: str | None = None
    survey_start: dt.date | None = None
    survey_end: dt.date | None = None


def round_file(draft: RoundDraft) -> str:
    """The TOML of a new round, with a comment saying what each key means."""
    lines = [
        f"id = {_toml(draft.id)}",
        f"name = {_toml(draft.name)}",
        f"type = {_toml(draft.type.value)}  # 常规 / 专项 / 回头看",
        f"feedback_date = {draft.feedback_date.isoformat()}  # 巡察反馈日期",
        f"report_due = {draft.report_due.isoformat()}  # 整改报告应报送日期",
    ]
    if draft.revisits:
        lines.append(f"revisits = {_toml(draft.revisits)}  # 回头看的原轮次")
    if draft.survey_start and draft.survey_end:
        lines.append(f"survey_start = {draft.survey_start.isoformat()}  # 满意度测评开始日期")
        lines.append(f"survey_end = {draft.survey_end.isoformat()}  # 满意度测评截止日期（含当天）")
    else:
        lines.append("# survey_start = YYYY-MM-DD  # 满意度测评期，可在测评开始前补上")
        lines.append("# survey_end = YYYY-MM-DD")
    for unit in draft.units:
        lines += ["", "[[units]]", f"id = {_toml(unit.id)}", f"name = {_toml(unit.name)}"]
    return "\n".join(lines) + "\n"


def check_round_draft(draft: RoundDraft, label: str) -> list[Problem]:
    """The problems the round loader would find in the file, said in terms of the command's options."""
    problems: list[Problem] = []
    log = ProblemLog(label, problems)
    if not ID_PATTERN.match(draft.id):
        log.error(None, "new.round-id", id=draft.id)
        return problems
    if not draft.units:
        log.error(None, "new.no-units")
    seen: set[str] = set()
    for unit in draft.units:
        if not ID_PATTERN.match(unit.id):
            log.error(None, "new.unit-id", id=unit.id)
        elif unit.id in seen:
            log.error(None, "new.unit-duplicate", id=unit.id)
        seen.add(unit.id)
    if problems:
        return problems
    parse_round(round_file(draft), draft.id, log)  # the loader's own rules, e.g. due before feedback
    return problems


def report_file(round_: Round, unit: UnitRef) -> str:
    """A report skeleton: every header key, the usual sections, and an empty ledger."""
    known = {"round": round_.id, "unit": unit.id, "unit-name": unit.name}
    header = [f"{key.name}: {known.get(name) or blank(name)}" for name, key in HEADER_KEYS.items()]
    header[0] = f"Title: {unit.name}关于{round_.name}整改进展情况的通报"
    columns = [COLUMNS[name][0] for name in _LEDGER_COLUMNS]
    return "\n".join(
        [
            *header,
            "",
            f"{PLACEHOLDER}（导语：巡察时间、巡察组、反馈日期。）",
            "",
            "## 一、整改工作开展情况",
            "",
            PLACEHOLDER,
            "",
            "## 二、巡察反馈问题整改落实情况",
            "",
            f"{PLACEHOLDER}（反馈问题数、已完成数、整改完成率，须与台账一致。）",
            "",
            "## 三、下一步工作打算",
            "",
            PLACEHOLDER,
            "",
            "## 整改台账",
            "",
            "| " + " | ".join(columns) + " |",
            "| " + " | ".join("---" for _ in columns) + " |",
            f"| 1 | {PLACEHOLDER} |" + " |" * (len(columns) - 2),
            "",
        ]
    )


def blank(name: str) -> str:
    """The marker of a header value to fill; an optional key's says how to leave it out."""
    key = HEADER_KEYS[name]
    if key.required:
        return PLACEHOLDER
    return f"{PLACEHOLDER}（{_OPTIONAL.get(name, f'选填：{key.label}；没有就删去这一行')}）"


def _toml(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
