"""Reading survey exports as the survey tool wrote them, into counts per unit.

Exports live under `content/<GONGSHI_SURVEY_PATH>/` as `<round id>.csv` or
`<round id>/*.csv`: the round comes from the file's place, the unit from a
hidden-field column carried over from the QR link. Every row is either
counted, or skipped and reported with its line: junk from the public
(unknown codes, forged signatures, repeats) is skipped and counted; rows a
wrong mapping would misread (unknown answers) stop the build.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from gongshi.content.dates import BEIJING
from gongshi.content.model import Round, SurveyPhase
from gongshi.content.textfile import NotText, decode_csv
from gongshi.infra.cache import FileCache, code_fingerprint, digest
from gongshi.problems.errors import ConfigError, Problem, ProblemLog
from gongshi.problems.messages import Verbatim
from gongshi.rules.satisfaction import Answer, SurveyResult
from gongshi.surveys.links import SurveyLinks

Key = tuple[str, str]


@dataclass(frozen=True)
class ExportMapping:
    """Which column holds what, and which answer values mean what."""

    unit: str
    answer: str
    answers: Mapping[Answer, tuple[str, ...]]
    round: str | None = None  # if present, must equal the file's round
    response_id: str | None = None  # if present, repeats are skipped
    submitted: str | None = None  # if present, rows outside the survey window are skipped
    signature: str | None = None  # checked when signing is on
    delimiter: str | None = None  # None: detect , ; or tab


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
        response_id="Response ID", submitted="Timestamp", signature="sig",
    ),
    # LimeSurvey, "answer codes" export: URL parameters saved into hidden questions. submitdate
    # is in the server's time zone, without an offset: taken as Beijing time.
    "limesurvey": ExportMapping(
        unit="unit", answer="satisfaction",
        answers={Answer.SATISFIED: ("A1",), Answer.BASICALLY: ("A2",), Answer.DISSATISFIED: ("A3",)},
        round="round", response_id="id", submitted="submitdate", signature="sig",
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
    ),
    # A plain two-column sheet typed or pasted by staff.
    "plain": ExportMapping(unit="单位编号", answer="测评结果", answers=CHINESE_ANSWERS),
}  # fmt: skip

_FIELDS = ("unit", "answer", "round", "response_id", "submitted", "signature", "delimiter")
_ANSWER_KEYS = {a.value: a for a in Answer}


def export_mapping(value: str | Mapping[str, Any]) -> ExportMapping:
    """GONGSHI_SURVEY_EXPORT as a mapping: a preset name, or a dict of a preset plus overrides.

    Raises one ConfigError naming every problem (messages.EXPORT_PROBLEMS) at once.
    """
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
        elif key == "delimiter":
            if given is not None and not _is_delimiter(given):
                problems.append(("delimiter", {"value": repr(given)}))
            else:
                overrides[key] = given
        elif key in _FIELDS:
            if given is not None and not (isinstance(given, str) and given.strip()):
                problems.append(("column", {"key": key, "value": repr(given)}))
            else:
                overrides[key] = given
        else:
            problems.append(("key", {"key": str(key), "known": ["preset", "answers", *_FIELDS]}))
    for required in ("unit", "answer"):
        if required in overrides and overrides[required] is None:
            problems.append(("required", {"key": required}))
    if problems or preset is None:
        raise ConfigError.of("survey.export", problems=problems)
    return replace(preset, **overrides)


ExportProblem = tuple[str, dict[str, Any]]  # (code in messages.EXPORT_PROBLEMS, its values)


def _is_delimiter(given: Any) -> bool:
    """One character the csv module can split on: not a quote, which it quotes with, nor a line break."""
    return isinstance(given, str) and len(given) == 1 and given not in '"\r\n'


def _answers(given: Any, problems: list[ExportProblem]) -> dict[Answer, tuple[str, ...]] | None:
    if not isinstance(given, dict) or set(given) != set(_ANSWER_KEYS):
        problems.append(("answers", {}))
        return None
    result: dict[Answer, tuple[str, ...]] = {}
    seen: dict[str, str] = {}
    for label, values in given.items():
        values = [values] if isinstance(values, str) else values
        if not isinstance(values, list | tuple) or not values or not all(isinstance(v, str) for v in values):
            problems.append(("answer-values", {"label": Verbatim(label)}))
            continue
        for v in values:
            if v.strip() in seen and seen[v.strip()] != label:
                first, second = Verbatim(seen[v.strip()]), Verbatim(label)
                problems.append(("answer-twice", {"value": v.strip(), "first": first, "second": second}))
            seen[v.strip()] = label
        result[_ANSWER_KEYS[label]] = tuple(v.strip() for v in values)
    return result


@dataclass
class ExportSummary:
    """What one export file contributed, for the staff pack and the build summary."""

    path: str
    round_id: str
    rows: int = 0
    counted: int = 0
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class SurveyData:
    counts: dict[Key, Counter[Answer]] = field(default_factory=dict)
    files: list[ExportSummary] = field(default_factory=list)

    def results(self, rounds: Mapping[str, Round], as_of: dt.date) -> dict[Key, SurveyResult]:
        """Counts as results; `closed` only once the round's window is over."""
        results: dict[Key, SurveyResult] = {}
        for key, counts in self.counts.items():
            window = rounds[key[0]].survey
            closed = window is not None and window.phase(as_of) is SurveyPhase.CLOSED
            results[key] = SurveyResult(
                counts[Answer.SATISFIED], counts[Answer.BASICALLY], counts[Answer.DISSATISFIED], closed
            )
        return results


# Why a row is not counted; each is reported as the warning survey.skip.<reason>.
SKIP_REASONS = ("unknown-unit", "other-round", "no-answer", "unsigned", "bad-signature", "duplicate", "outside-window")  # fmt: skip
SHOWN_ROWS = 8  # a problem names this many rows, then says how many there are in all
# A date, then optionally a time (seconds and fractions optional) and a UTC offset; what follows is ignored.
_SUBMITTED = re.compile(
    r"\s*(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
# Survey windows are Beijing days. China Standard Time has had no daylight saving since 1991,
# so a fixed offset needs no time-zone database. The feeds date batches in it too.


def load_exports(
    folder: Path, relative_to: Path, rounds: Mapping[str, Round], mapping: ExportMapping, links: SurveyLinks,
    problems: list[Problem], cache: FileCache | None = None,
) -> SurveyData:  # fmt: skip
    """Every export's counts, and every problem in the order of the files.

    A round's files are read together (a response id repeated across them is
    a duplicate); with a `cache`, a round whose files, units, window, links and
    mapping are the same as last time costs one lookup instead of every row.
    """
    data = SurveyData()
    if not folder.is_dir():
        return data
    found: dict[str, list[Problem]] = {}  # by file, in order: problems are reported file by file
    by_round: dict[str, list[tuple[Path, str]]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        label = path.relative_to(relative_to).as_posix()
        log = ProblemLog(label, found.setdefault(label, []))
        inside = path.relative_to(folder)
        if path.suffix.lower() != ".csv":
            log.warning(None, "survey.ignored")
            continue
        round_id = inside.parts[0] if len(inside.parts) > 1 else inside.stem
        round_ = rounds.get(round_id)
        if round_ is None:
            log.error(None, "survey.round", round=round_id, known=list(rounds))
            continue
        if round_.survey is None:
            log.error(None, "survey.no-window", round=round_id, source=round_.source)
            continue
        by_round.setdefault(round_id, []).append((path, label))
    store = cache or FileCache(None)
    for round_id, files in by_round.items():
        round_ = rounds[round_id]
        contents = [path.read_bytes() for path, _ in files]
        parts = [
            part for (_, label), content in zip(files, contents, strict=True) for part in (label, content)
        ]
        key = _round_key(round_, mapping, links, parts) if store.folder is not None else ""
        read = store.get(key) if key else None
        if not isinstance(read, _RoundRead):
            read = _read_round(files, contents, round_, mapping, links)
            if key:
                store.put(key, read)
        for summary, file_problems in read.files:
            data.files.append(summary)
            found[summary.path] += file_problems
        for unit_id, counts in read.counts.items():
            data.counts[(round_id, unit_id)] = counts
    store.flush()
    for file_problems in found.values():
        problems += file_problems
    return data


def _round_key(round_: Round, mapping: ExportMapping, links: SurveyLinks, parts: list[str | bytes]) -> str:
    """The cache key of a round's read: its files, units, window, mapping, link template and signing key.

    The key enters as a mark derived from it (never the key itself): with another key, the same
    signatures are forged, so a round must be read again even when it has no link template.
    """
    template = links.template(round_.id)
    return digest(
        code_fingerprint(), repr(mapping), repr(round_), repr(template), links.signature_param,
        links.key_mark(), *parts,
    )  # fmt: skip


@dataclass(frozen=True)
class _RoundRead:
    """What a round's export files gave: each file's summary and problems, and counts by unit."""

    files: tuple[tuple[ExportSummary, tuple[Problem, ...]], ...]
    counts: dict[str, Counter[Answer]]


def _read_round(
    files: list[tuple[Path, str]], contents: list[bytes], round_: Round, mapping: ExportMapping,
    links: SurveyLinks,
) -> _RoundRead:  # fmt: skip
    data = SurveyData()
    seen_ids: set[str] = set()  # a response id counted in one of the round's files is a repeat in all
    read = []
    for (_, label), content in zip(files, contents, strict=True):
        file_problems: list[Problem] = []
        summary = ExportSummary(label, round_.id)
        log = ProblemLog(label, file_problems)
        _read_file(content, round_, mapping, links, log, data, summary, seen_ids)
        read.append((summary, tuple(file_problems)))
    return _RoundRead(tuple(read), {unit: counts for (_, unit), counts in data.counts.items()})


def _read_file(
    content: bytes, round_: Round, mapping: ExportMapping, links: SurveyLinks, log: ProblemLog,
    data: SurveyData, summary: ExportSummary, seen_ids: set[str],
) -> None:  # fmt: skip
    text = _decode(content, log)
    if text is None:
        return
    delimiter = mapping.delimiter or _sniff(text)
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = [h.strip() for h in next(_rows(reader, log))]
    except StopIteration:
        log.error(None, "survey.empty")
        return
    columns = _columns(header, mapping, links, log)
    if columns is None:
        return
    skipped: dict[str, list[tuple[int, str]]] = {}
    unknown_answers: dict[str, list[int]] = {}
    answers = {value: answer for answer, values in mapping.answers.items() for value in values}
    units = {u.id for u in round_.units}
    line = reader.line_num + 1
    for row in _rows(reader, log):
        start, line = line, reader.line_num + 1
        if not any(cell.strip() for cell in row):
            continue
        summary.rows += 1

        def cell(name: str, row: list[str] = row) -> str:
            index = columns.get(name)
            return row[index].strip() if index is not None and index < len(row) else ""

        reason = _skip_reason(cell, "round" in columns, round_, units, links, seen_ids)
        if reason is not None:
            skipped.setdefault(reason, []).append((start, cell("unit")))
            continue
        value = cell("answer")
        if not value:
            skipped.setdefault("no-answer", []).append((start, cell("unit")))
            continue
        answer = answers.get(value)
        if answer is None:
            unknown_answers.setdefault(value, []).append(start)
            continue
        data.counts.setdefault((round_.id, cell("unit")), Counter())[answer] += 1
        summary.counted += 1
        if cell("response_id"):  # only a counted response makes a later one with its id a repeat
            seen_ids.add(cell("response_id"))
    for reason, rows in skipped.items():
        summary.skipped[reason] = len(rows)
        shown = [(n, unit if reason == "unknown-unit" else "") for n, unit in rows[:SHOWN_ROWS]]
        log.warning(rows[0][0], f"survey.skip.{reason}", rows=shown, count=len(rows))
    known = [v for values in mapping.answers.values() for v in values]
    for value, lines in unknown_answers.items():
        log.error(
            lines[0],
            "survey.unknown-answer",
            value=value,
            lines=lines[:SHOWN_ROWS],
            count=len(lines),
            known=known,
        )


def _rows(reader: Any, log: ProblemLog) -> Iterator[list[str]]:
    """The reader's rows; a row the csv module cannot read ends the file with an error on its line."""
    while True:
        try:
            yield next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            log.error(reader.line_num or None, "survey.csv", error=str(exc))
            return


def _skip_reason(
    cell: Any, has_round: bool, round_: Round, units: set[str], links: SurveyLinks, seen_ids: set[str]
) -> str | None:
    unit = cell("unit")
    if has_round and cell("round") != round_.id:
        return "other-round"
    if unit not in units:
        return "unknown-unit"
    if links.signed:
        code = cell("signature")
        if not code:
            return "unsigned"
        if not links.verify(round_.id, unit, code):
            return "bad-signature"
    submitted = cell("submitted")
    if submitted and round_.survey is not None:
        day = submission_day(submitted)
        if day is None or not (round_.survey.start <= day <= round_.survey.end):
            return "outside-window"
    if cell("response_id") in seen_ids:
        return "duplicate"
    return None


def submission_day(text: str) -> dt.date | None:
    """The day in Beijing a response was sent, from the tool's timestamp; None if it is not one.

    A timestamp with a UTC offset or Z (KoboToolbox's _submission_time is UTC:
    2025-07-14T23:30:00+00:00 is 15 July in Beijing) is converted to Beijing time;
    one without (Formbricks, LimeSurvey) is taken as Beijing time already.
    """
    match = _SUBMITTED.match(text)
    if match is None:
        return None
    year, month, day, hour, minute, second, offset = match.groups()
    try:
        moment = dt.datetime(
            int(year), int(month), int(day), int(hour or 0), int(minute or 0), int(second or 0)
        )
        if offset is not None:  # +24:00 is no offset; 9999-12-31 late in UTC-5 is past the last day there is
            moment = moment.replace(tzinfo=_zone(offset)).astimezone(BEIJING)
    except (ValueError, OverflowError):
        return None
    return moment.date()


def _zone(offset: str) -> dt.timezone:
    """Z, +08, +0800 or +08:00."""
    if offset.upper() == "Z":
        return dt.UTC
    digits = offset[1:].replace(":", "")
    delta = dt.timedelta(hours=int(digits[:2]), minutes=int(digits[2:] or 0))
    return dt.timezone(-delta if offset[0] == "-" else delta)


def _columns(
    header: list[str], mapping: ExportMapping, links: SurveyLinks, log: ProblemLog
) -> dict[str, int] | None:
    index = {name: i for i, name in reversed(list(enumerate(header)))}
    wanted = {
        "unit": mapping.unit, "answer": mapping.answer, "round": mapping.round,
        "response_id": mapping.response_id, "submitted": mapping.submitted, "signature": mapping.signature,
    }  # fmt: skip
    columns: dict[str, int] = {}
    missing: list[str] = []
    for key, name in wanted.items():
        if name is None:
            continue
        if name in index:
            columns[key] = index[name]
        elif key in ("unit", "answer") or (key == "signature" and links.signed):
            missing.append(name)
    if missing:
        log.error(1, "survey.columns", missing=missing, header=header[:12], total=len(header))
        return None
    return columns


def _decode(data: bytes, log: ProblemLog) -> str | None:
    text = decode_csv(data)
    if isinstance(text, NotText):
        log.error(None, _NOT_TEXT[text])
        return None
    return text


_NOT_TEXT = {
    NotText.EMPTY: "survey.empty",
    NotText.BINARY: "survey.binary",
    NotText.ENCODING: "survey.encoding",
}


def _sniff(text: str) -> str:
    first = text.split("\n", 1)[0]
    return max((",", ";", "\t"), key=first.count)
