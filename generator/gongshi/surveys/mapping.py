"""How one survey platform's export is laid out: presets, and a mapping checked all at once.

A mapping says which column holds the unit code, the answer, the answer id,
the submission time and the signature, and which answer values count as
satisfied. The portal's GONGSHI_SURVEY_EXPORT is the default; a round file's
`[survey]` table names its own platform, so a new round's 问卷星 files never
change how an older round's export is read.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from gongshi.content.model import Round
from gongshi.problems.errors import ConfigError, Problem, ProblemLog
from gongshi.problems.messages import Verbatim
from gongshi.rules.satisfaction import Answer, Formula


@dataclass(frozen=True)
class ExportMapping:
    """Which column holds what, and which answer values mean what."""

    unit: str | None  # None: every file is one unit's questionnaire (see `files`)
    answer: str | None  # the answer column's exact header; or `question` / `answer_pattern`
    answers: Mapping[Answer, tuple[str, ...]]
    round: str | None = None  # if present, must equal the file's round
    response_id: str | None = None  # if present, a repeat within one file is skipped
    submitted: str | None = None  # if present, rows outside the survey window are skipped
    signature: str | None = None  # a column of its own, checked when signing is on
    delimiter: str | None = None  # None: detect , ; or tab
    question: int | None = None  # the answer column by question number: 1 matches "1、…", "1.…", "Q1…"
    answer_pattern: str | None = None  # the answer column by a regular expression searched in the header
    excluded: tuple[str, ...] = ()  # answers left out of the sample (不了解)
    signed_code: bool = False  # the signature travels inside the unit code as <unit>.<signature>
    files: Mapping[str, str] = field(default_factory=dict)  # file name or glob -> unit id
    platform: str = "plain"  # the preset it started from, for messages and docs
    global_ids: bool = (
        False  # answer ids unique across the platform (a uuid), not only within a questionnaire
    )

    @property
    def can_sign(self) -> bool:
        """Whether a signature can reach the export: in a column of its own or inside the unit code."""
        return self.signature is not None or self.signed_code

    def formula(self) -> Formula:
        """The satisfaction formula these answers make, for the method page and the unit pages."""
        a = self.answers
        return Formula(a[Answer.SATISFIED], a[Answer.BASICALLY], a[Answer.DISSATISFIED], self.excluded)


CHINESE_ANSWERS = {
    Answer.SATISFIED: ("满意",),
    Answer.BASICALLY: ("基本满意",),
    Answer.DISSATISFIED: ("不满意",),
}

PRESETS: dict[str, ExportMapping] = {
    # Formbricks: hidden fields become columns named after the field id. Timestamps without an
    # offset are taken as Beijing time (the workspace's time zone must be Asia/Shanghai).
    "formbricks": ExportMapping(
        unit="unit", answer="总体满意度", answers=CHINESE_ANSWERS, round="round",
        response_id="Response ID", submitted="Timestamp", signature="sig", platform="formbricks",
        global_ids=True,
    ),
    # LimeSurvey, "answer codes" export: URL parameters saved into hidden questions. submitdate
    # is in the server's time zone, without an offset: taken as Beijing time.
    "limesurvey": ExportMapping(
        unit="unit", answer="satisfaction",
        answers={Answer.SATISFIED: ("A1",), Answer.BASICALLY: ("A2",), Answer.DISSATISFIED: ("A3",)},
        round="round", response_id="id", submitted="submitdate", signature="sig", platform="limesurvey",
        global_ids=True,
    ),
    # KoboToolbox, "XML values" export with ; as separator. _submission_time is UTC, written
    # with its offset (2025-07-14T23:30:00+00:00 is 15 July in Beijing) and converted.
    "kobotoolbox": ExportMapping(
        unit="unit", answer="satisfaction",
        answers={
            Answer.SATISFIED: ("satisfied",),
            Answer.BASICALLY: ("basically_satisfied",),
            Answer.DISSATISFIED: ("dissatisfied",),
        },
        round="round", response_id="_uuid", submitted="_submission_time", signature="sig", delimiter=";",
        platform="kobotoolbox", global_ids=True,
    ),
    # 问卷星 (wjx.cn): 序号 restarts at 1 in every questionnaire; the one custom link value
    # (sojumpparm) lands in 自定义字段; questions are headed "1、题干" or "1.题干".
    "wjx": ExportMapping(
        unit="自定义字段", answer=None, question=1, answers=CHINESE_ANSWERS, response_id="序号",
        submitted="提交答卷时间", signed_code=True, platform="wjx",
    ),
    # 腾讯问卷 (wj.qq.com): 编号 carries a leading tab; the custom link value lands in 自定义字段.
    "tencent": ExportMapping(
        unit="自定义字段", answer=None, question=1, answers=CHINESE_ANSWERS, response_id="编号",
        submitted="结束答题时间", signed_code=True, platform="tencent",
    ),
    # A plain two-column sheet typed or pasted by staff.
    "plain": ExportMapping(unit="单位编号", answer="测评结果", answers=CHINESE_ANSWERS),
}  # fmt: skip

COLUMNS = ("unit", "answer", "round", "response_id", "submitted", "signature", "answer_pattern")
KEYS = (
    "preset",
    "answers",
    "excluded",
    "question",
    "delimiter",
    "signed_code",
    "global_ids",
    "files",
    *COLUMNS,
)
ROUND_KEYS = ("export", "links", *KEYS[1:])  # as a round file's [survey] table names them
_ANSWER_KEYS = {a.value: a for a in Answer}
# TOML bare keys are ASCII: a round file may write these rather than quote "满意" = [...]
_ANSWER_ALIASES = {"satisfied": "满意", "basically": "基本满意", "dissatisfied": "不满意"}
ExportProblem = tuple[str, dict[str, Any]]  # (code in catalog EXPORT_PROBLEMS, its values)


def export_mapping(value: str | Mapping[str, Any], setting: str = "GONGSHI_SURVEY_EXPORT") -> ExportMapping:
    """A preset name, or a dict of a preset plus overrides, as a mapping.

    Raises one ConfigError naming every problem (catalog EXPORT_PROBLEMS) at once.
    """
    mapping, problems = read_mapping(value)
    if mapping is None:
        raise ConfigError.of("survey.export", setting=setting, problems=problems)
    return mapping


def round_mapping(
    table: Mapping[str, Any], default: str | Mapping[str, Any]
) -> tuple[ExportMapping | None, list[ExportProblem]]:
    """A round file's `[survey]` table: with `export` (or `preset`) it stands alone; without, it
    overrides the portal's GONGSHI_SURVEY_EXPORT."""
    own = {k: v for k, v in table.items() if k != "links"}  # a unit's own link: see unit_links
    if "export" in own:
        own["preset"] = own.pop("export")
    if "preset" not in own:
        base = {"preset": default} if isinstance(default, str) else dict(default)
        own = {**base, **own}
    return read_mapping(own, ROUND_KEYS)


def round_mappings(
    rounds: Mapping[str, Round],
    setting: str | Mapping[str, Any],
    default: ExportMapping,
    problems: list[Problem],
) -> dict[str, ExportMapping]:
    """Each round's mapping: its `[survey]` table, else the portal's; a refused table is an error
    on the round file, and that round's exports are read with no mapping (the round is left out)."""
    mappings: dict[str, ExportMapping] = {}
    for round_id, round_ in rounds.items():
        if round_.survey_export is None:
            mappings[round_id] = default
            continue
        mapping, found = round_mapping(round_.survey_export, setting)
        if mapping is None:
            ProblemLog(round_.source, problems).error(None, "survey.round-export", problems=found)
        else:
            mappings[round_id] = mapping
    return mappings


def unit_links(rounds: Mapping[str, Round], problems: list[Problem]) -> dict[tuple[str, str], str]:
    """Units' own survey links from the round files' [survey.links] (unit id = its questionnaire's
    link): one questionnaire per unit has one address per unit, which no template can make."""
    found: dict[tuple[str, str], str] = {}
    for round_id, round_ in rounds.items():
        given = (round_.survey_export or {}).get("links")
        if given is None:
            continue
        log = ProblemLog(round_.source, problems)
        if not isinstance(given, dict):
            log.error(None, "survey.round-links", case="table", value=repr(given))
            continue
        for unit_id, url in given.items():
            if round_.unit(unit_id) is None:
                log.error(
                    None, "survey.round-links", case="unit", value=unit_id, known=[u.id for u in round_.units]
                )
            elif not isinstance(url, str) or not url.strip():
                log.error(None, "survey.round-links", case="url", value=repr(url), unit=unit_id)
            else:
                found[(round_id, unit_id)] = url.strip()
    return found


def read_mapping(
    value: str | Mapping[str, Any], known: tuple[str, ...] = KEYS
) -> tuple[ExportMapping | None, list[ExportProblem]]:
    """The mapping and no problems, or None and every problem."""
    if isinstance(value, str):
        value = {"preset": value}
    problems: list[ExportProblem] = []
    preset_name = value.get("preset", "plain")
    preset = PRESETS.get(preset_name) if isinstance(preset_name, str) else None
    if preset is None:
        problems.append(("preset", {"preset": str(preset_name), "presets": list(PRESETS)}))
    overrides: dict[str, Any] = {}
    for key, given in value.items():
        if key == "preset":
            continue
        if key == "answers":
            answers = _answers(given, problems)
            if answers is not None:
                overrides["answers"] = answers
        elif key == "excluded":
            values = [given] if isinstance(given, str) else given
            if not isinstance(values, list | tuple) or not all(
                isinstance(v, str) and v.strip() for v in values
            ):
                problems.append(("excluded", {}))
            else:
                overrides[key] = tuple(v.strip() for v in values)
        elif key == "question":
            if given is not None and (isinstance(given, bool) or not isinstance(given, int) or given < 1):
                problems.append(("question", {"value": repr(given)}))
            else:
                overrides[key] = given
        elif key in ("signed_code", "global_ids"):
            if not isinstance(given, bool):
                problems.append(("flag", {"key": key, "value": repr(given)}))
            else:
                overrides[key] = given
        elif key == "files":
            if not isinstance(given, dict) or not all(
                isinstance(k, str) and isinstance(v, str) and v for k, v in given.items()
            ):
                problems.append(("files", {}))
            else:
                overrides[key] = dict(given)
        elif key == "delimiter":
            if given is not None and not _is_delimiter(given):
                problems.append(("delimiter", {"value": repr(given)}))
            else:
                overrides[key] = given
        elif key in COLUMNS:
            if given is not None and not (isinstance(given, str) and given.strip()):
                problems.append(("column", {"key": key, "value": repr(given)}))
            elif key == "answer_pattern" and given is not None and _bad_pattern(given):
                problems.append(("pattern", {"value": given, "error": _bad_pattern(given)}))
            else:
                overrides[key] = given
        else:
            problems.append(("key", {"key": str(key), "known": list(known)}))
    if "unit" in overrides and overrides["unit"] is None and not overrides.get("files"):
        problems.append(("required", {"key": "unit"}))
    if overrides.get("answer") is not None:  # an exact header given by staff wins over the preset's number
        overrides.setdefault("question", None)
    if preset is not None:
        merged = replace(preset, **overrides)
        if merged.answer is None and merged.question is None and merged.answer_pattern is None:
            problems.append(("required", {"key": "answer"}))
        taken = set(merged.excluded) & {v for vs in merged.answers.values() for v in vs}
        for v in sorted(taken):
            problems.append(("excluded-counted", {"value": v}))
    if problems or preset is None:
        return None, problems
    return merged, []


def _bad_pattern(given: str) -> str:
    try:
        re.compile(given)
    except re.error as exc:
        return str(exc)
    return ""


def _is_delimiter(given: Any) -> bool:
    """One character the csv module can split on: not a quote, which it quotes with, nor a line break."""
    return isinstance(given, str) and len(given) == 1 and given not in '"\r\n'


def _answers(given: Any, problems: list[ExportProblem]) -> dict[Answer, tuple[str, ...]] | None:
    if isinstance(given, dict):
        named = [_ANSWER_ALIASES.get(k, k) for k in given]
        given = dict(zip(named, given.values(), strict=True)) if len(set(named)) == len(named) else None
    if not isinstance(given, dict) or set(given) != set(_ANSWER_KEYS):
        problems.append(("answers", {}))
        return None
    result: dict[Answer, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for label, values in given.items():
        values = [values] if isinstance(values, str) else values
        # 基本满意 may be empty: a place where only 满意 counts maps its 基本满意 to 不满意
        empty_ok = label == Answer.BASICALLY.value
        if (
            not isinstance(values, list | tuple)
            or (not values and not empty_ok)
            or not all(isinstance(v, str) for v in values)
        ):
            problems.append(("answer-values", {"label": Verbatim(label)}))
            continue
        for v in values:
            if v.strip() in seen and seen[v.strip()] != label:
                first, second = Verbatim(seen[v.strip()]), Verbatim(label)
                problems.append(("answer-twice", {"value": v.strip(), "first": first, "second": second}))
            seen[v.strip()] = label
        result[_ANSWER_KEYS[label]] = tuple(v.strip() for v in values)
    return result
