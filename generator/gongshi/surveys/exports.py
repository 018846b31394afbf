"""Reading survey exports as the survey platform wrote them, into counts per unit.

Exports live under `content/<GONGSHI_SURVEY_PATH>/` as `<round id>.<ext>` or
`<round id>/*.<ext>` (.csv, .xlsx, .xls): the round comes from the file's
place and names the mapping (its `[survey]` table, else GONGSHI_SURVEY_EXPORT).
The unit comes from the code carried over from the QR link, or, with one
questionnaire per unit, from the file itself. Every row is either counted, or
skipped and reported with its line and value: junk from the public (unknown
codes, forged signatures, repeats) is skipped and counted; rows a wrong
mapping would misread (unknown answers, or skips that remove too much of a
unit's answers) stop the build. Only the mapped columns are read: IP, UA,
Referrer and the like never reach a count, a cache or a page.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import re
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from gongshi.content.dates import BEIJING
from gongshi.content.model import Round, SurveyPhase
from gongshi.infra.cache import FileCache, code_fingerprint, digest
from gongshi.problems.errors import Problem, ProblemLog
from gongshi.rules.satisfaction import Answer, Formula, SurveyResult
from gongshi.surveys.links import SurveyLinks
from gongshi.surveys.mapping import ExportMapping, export_mapping
from gongshi.surveys.sheets import SUFFIXES, Sheet, read_sheets
from gongshi.surveys.units import column_index, file_unit

__all__ = ["SKIP_REASONS", "SurveyData", "export_mapping", "load_exports", "submission_day"]

Key = tuple[str, str]
SKIP_LIMIT = 0.2  # default GONGSHI_SURVEY_SKIP_LIMIT
SKIP_LIMIT_ROWS = (
    5  # fewer skipped rows than this never stop a build: 1 forged answer of 3 is the public, not a mapping
)


@dataclass
class ExportSummary:
    """What one export file contributed, for the staff pack and the build summary."""

    path: str
    round_id: str
    rows: int = 0
    counted: int = 0
    excluded: int = 0  # answers such as 不了解 left out of the sample
    skipped: Counter[str] = field(default_factory=Counter)


@dataclass
class SurveyData:
    counts: dict[Key, Counter[Answer]] = field(default_factory=dict)
    files: list[ExportSummary] = field(default_factory=list)
    formulas: dict[str, Formula] = field(default_factory=dict)  # by round: what its mapping counts

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
SKIP_REASONS = (
    "no-unit", "unknown-unit", "other-unit", "other-round", "no-answer", "unsigned", "bad-signature",
    "duplicate", "outside-window",
)  # fmt: skip
NOT_A_LOSS = {"no-answer"}  # a question left blank is the respondent's choice, not a misread export
SHOWN_ROWS = 8  # a problem names this many rows, then says how many there are in all
MULTI_CHOICE = "┋"  # how 问卷星 joins the choices of a multiple-choice answer
SKIPPED_ANSWERS = {"", "(跳过)", "（跳过）", "(空)", "（空）"}  # 问卷星 writes these for a skipped question
# A date, then optionally a time (seconds and fractions optional) and a UTC offset; what follows is ignored.
_SUBMITTED = re.compile(
    r"\s*(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?"
    r"(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?",
    re.IGNORECASE,
)
# Survey windows are Beijing days. China Standard Time has had no daylight saving since 1991,
# so a fixed offset needs no time-zone database. The feeds date batches in it too.


def load_exports(
    folder: Path, relative_to: Path, rounds: Mapping[str, Round],
    mapping: ExportMapping | Mapping[str, ExportMapping], links: SurveyLinks,
    problems: list[Problem], cache: FileCache | None = None, skip_limit: float = SKIP_LIMIT,
) -> SurveyData:  # fmt: skip
    """Every export's counts, and every problem in the order of the files.

    `mapping` is one for every round, or one per round id. A round's files are
    read together; with a `cache`, a round whose files, units, window, links
    and mapping are the same as last time costs one lookup instead of every row.
    """
    data = SurveyData()
    for round_id in rounds:
        used = mapping if isinstance(mapping, ExportMapping) else mapping.get(round_id)
        if used is not None:
            data.formulas[round_id] = used.formula()
    if not folder.is_dir():
        return data
    found: dict[str, list[Problem]] = {}  # by file, in order: problems are reported file by file
    by_round: dict[str, list[tuple[Path, str]]] = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        label = path.relative_to(relative_to).as_posix()
        log = ProblemLog(label, found.setdefault(label, []))
        inside = path.relative_to(folder)
        if path.name.startswith((".", "~$")):  # editor and Excel lock files
            continue
        if path.suffix.lower() not in SUFFIXES:
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
        used = mapping if isinstance(mapping, ExportMapping) else mapping.get(round_id)
        if used is None:  # its [survey] table was refused, and said so on the round file
            continue
        contents = [path.read_bytes() for path, _ in files]
        parts = [
            part for (_, label), content in zip(files, contents, strict=True) for part in (label, content)
        ]
        key = _round_key(round_, used, links, skip_limit, parts) if store.folder is not None else ""
        read = store.get(key) if key else None
        if not isinstance(read, _RoundRead):
            read = _read_round(files, contents, round_, used, links, skip_limit)
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


def _round_key(
    round_: Round, mapping: ExportMapping, links: SurveyLinks, skip_limit: float, parts: list[str | bytes]
) -> str:
    """The cache key of a round's read: its files, units, window, mapping, link template and signing key.

    The key enters as a mark derived from it (never the key itself): with another key, the same
    signatures are forged, so a round must be read again even when it has no link template.
    """
    template = (links.template(round_.id), links.unit_templates(round_.id))
    return digest(
        code_fingerprint(), repr(mapping), repr(round_), repr(template), links.signature_param,
        links.key_mark(), repr(skip_limit), *parts,
    )  # fmt: skip


@dataclass(frozen=True)
class _RoundRead:
    """What a round's export files gave: each file's summary and problems, and counts by unit."""

    files: tuple[tuple[ExportSummary, tuple[Problem, ...]], ...]
    counts: dict[str, Counter[Answer]]


def _read_round(
    files: list[tuple[Path, str]], contents: list[bytes], round_: Round, mapping: ExportMapping,
    links: SurveyLinks, skip_limit: float,
) -> _RoundRead:  # fmt: skip
    counts: dict[str, Counter[Answer]] = {}
    seen_ids: dict[object, set[str]] = {}  # answer ids counted, by where they are unique
    seen_files: dict[str, str] = {}  # a file's digest -> the first file with those bytes
    read = []
    for (path, label), content in zip(files, contents, strict=True):
        file_problems: list[Problem] = []
        summary = ExportSummary(label, round_.id)
        log = ProblemLog(label, file_problems)
        same = hashlib.sha256(content).hexdigest()
        if same in seen_files:
            log.warning(None, "survey.same-export", first=seen_files[same])
        else:
            seen_files[same] = label
            for sheet in read_sheets(content, path.suffix.lower(), mapping.delimiter, log):
                _read_sheet(
                    path.name, sheet, round_, mapping, links, log, counts, summary, seen_ids, skip_limit
                )
        read.append((summary, tuple(file_problems)))
    return _RoundRead(tuple(read), counts)


@dataclass
class _Tally:
    """A sheet's skipped rows by reason, and each unit's rows, for the share rule."""

    skipped: dict[str, list[tuple[int, str]]] = field(default_factory=dict)
    unknown: dict[str, list[int]] = field(default_factory=dict)
    rows: Counter[str] = field(default_factory=Counter)  # by unit ("" for rows of no known unit)
    lost: Counter[str] = field(default_factory=Counter)

    def skip(self, reason: str, line: int, value: str, unit: str) -> None:
        self.skipped.setdefault(reason, []).append((line, value))
        if reason not in NOT_A_LOSS:
            self.lost[unit] += 1


def _read_sheet(
    name: str, sheet: Sheet, round_: Round, mapping: ExportMapping, links: SurveyLinks, log: ProblemLog,
    counts: dict[str, Counter[Answer]], summary: ExportSummary, seen_ids: dict[object, set[str]],
    skip_limit: float,
) -> None:  # fmt: skip
    columns = column_index(sheet.header, mapping, links.signed and mapping.signature is not None)
    owner: str | None = None
    if isinstance(columns, dict):
        owner, problem = file_unit(name, sheet, columns, round_, mapping)
        if problem is not None:
            log.error(None, problem[0], **problem[1])
            return
        if owner is None and "unit" not in columns:  # a shared questionnaire: the code tells the unit
            columns = [mapping.unit or "unit"]
    if isinstance(columns, list):
        header = list(sheet.header)
        log.error(1, "survey.columns", missing=columns, header=header[:12], total=len(header))
        return
    units = {u.id for u in round_.units}
    scope: object = (
        "round" if mapping.global_ids else (("unit", owner) if owner else ("file", log.path, sheet.name))
    )
    seen = seen_ids.setdefault(scope, set())
    answers = {value: answer for answer, values in mapping.answers.items() for value in values}
    signing = links.signed and mapping.can_sign  # a plain sheet carries none: its platform checks the link
    tally = _Tally()
    for line, row in sheet.rows:

        def cell(key: str, row: tuple[str, ...] = row) -> str:
            index = columns.get(key)
            return row[index].strip() if index is not None and index < len(row) else ""

        summary.rows += 1
        code, sig = cell("unit"), cell("signature")
        if mapping.signed_code and "." in code:
            code, _, sig = code.partition(".")
        unit = owner or (code if code in units else "")
        tally.rows[unit] += 1
        reason, value = _skip_reason(
            cell, "round" in columns, code, sig, owner, round_, units, links, signing, seen
        )
        if reason is not None:
            tally.skip(reason, line, value, unit)
            continue
        value = cell("answer")
        if value in SKIPPED_ANSWERS:
            tally.skip("no-answer", line, "", unit)
            continue
        if value in mapping.excluded:
            summary.excluded += 1
            continue
        answer = answers.get(value)
        if answer is None:
            tally.unknown.setdefault(value, []).append(line)
            continue
        counts.setdefault(unit, Counter())[answer] += 1
        summary.counted += 1
        if cell("response_id"):  # only a counted response makes a later one with its id a repeat
            seen.add(cell("response_id"))
    _report(tally, summary, mapping, log, skip_limit, round_)


def _skip_reason(
    cell: object,
    has_round: bool,
    code: str,
    sig: str,
    owner: str | None,
    round_: Round,
    units: set[str],
    links: SurveyLinks,
    signing: bool,
    seen: set[str],
) -> tuple[str | None, str]:
    """Why a row is not counted, and the value that shows it; (None, "") for a row that counts."""
    assert callable(cell)
    if has_round and cell("round") != round_.id:
        return "other-round", cell("round")
    if owner is None:
        if not code:
            return "no-unit", ""
        if code not in units:
            return "unknown-unit", code
    elif code and code != owner:  # a code for another unit in this unit's questionnaire: an edited link
        return ("other-unit" if code in units else "unknown-unit"), code
    unit = owner or code
    if signing:
        if not sig:
            return "unsigned", code
        if not links.verify(round_.id, unit, sig):
            return "bad-signature", code
    submitted = cell("submitted")
    if submitted and round_.survey is not None:
        day = submission_day(submitted)
        if day is None or not (round_.survey.start <= day <= round_.survey.end):
            return "outside-window", submitted
    if cell("response_id") and cell("response_id") in seen:
        return "duplicate", cell("response_id")
    return None, ""


def _report(
    tally: _Tally, summary: ExportSummary, mapping: ExportMapping, log: ProblemLog, skip_limit: float,
    round_: Round,
) -> None:  # fmt: skip
    for reason, rows in tally.skipped.items():
        summary.skipped[reason] += len(rows)
        log.warning(rows[0][0], f"survey.skip.{reason}", rows=rows[:SHOWN_ROWS], count=len(rows))
    for unit, total in tally.rows.items():
        lost = tally.lost[unit]
        if not unit:  # rows no unit can claim (no code, unknown code) weigh against the whole sheet
            total = sum(tally.rows.values())
        if lost >= SKIP_LIMIT_ROWS and lost / total > skip_limit:
            reasons = Counter(
                r for r, rows in tally.skipped.items() if r not in NOT_A_LOSS for _ in rows
            )  # over the sheet: the reasons staff must look at
            log.error(
                None, "survey.skip-share", unit=unit or "（无）", lost=lost, total=total,
                share=round(100 * skip_limit), reasons=sorted(reasons), source=round_.source,
            )  # fmt: skip
    known = [v for values in mapping.answers.values() for v in values] + list(mapping.excluded)
    for value, lines in tally.unknown.items():
        if MULTI_CHOICE in value:  # 问卷星 joins a multiple choice with ┋: the wrong question is mapped
            log.error(
                lines[0], "survey.multi-answer", value=value, lines=lines[:SHOWN_ROWS], count=len(lines)
            )
            continue
        log.error(
            lines[0], "survey.unknown-answer", value=value, lines=lines[:SHOWN_ROWS], count=len(lines),
            known=known,
        )  # fmt: skip


def submission_day(text: str) -> dt.date | None:
    """The day in Beijing a response was sent, from the tool's timestamp; None if it is not one.

    A timestamp with a UTC offset or Z (KoboToolbox's _submission_time is UTC:
    2025-07-14T23:30:00+00:00 is 15 July in Beijing) is converted to Beijing time;
    one without (Formbricks, LimeSurvey, 问卷星 `2026/09/03 12:00:00`, an Excel date
    cell) is taken as Beijing time already.
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
