"""Loading the content tree and checking what no single file can check alone."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path

from .buildcache import FileCache, code_fingerprint, digest
from .errors import Problem, ProblemLog
from .lint import personal_data
from .messages import Term
from .model import Report, Round
from .reports import parse_report
from .rounds import parse_round
from .scaffold import PLACEHOLDER, find_placeholders
from .textfile import decode_text, read_text

ROUNDS_DIR = "rounds"
REPORTS_DIR = "reports"


@dataclass
class Content:
    """Everything read from `content/`, with every problem found on the way."""

    root: Path
    rounds: dict[str, Round] = field(default_factory=dict)
    reports: dict[tuple[str, str], Report] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of every report file, by its label

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def rounds_newest_first(self) -> list[Round]:
        return sorted(self.rounds.values(), key=lambda r: (r.feedback_date, r.id), reverse=True)

    def report(self, round_id: str, unit_id: str) -> Report | None:
        return self.reports.get((round_id, unit_id))


def load_content(
    root: Path, as_of: dt.date, privacy_allow: frozenset[str] = frozenset(), cache: FileCache | None = None
) -> Content:
    """Read and check everything; `cache` keeps parsed reports between builds (keyed on their bytes)."""
    content = Content(root=root)
    if not root.is_dir():
        ProblemLog(str(root), content.problems).error(None, "content.missing")
        return content
    _load_rounds(content)
    for round_ in content.rounds.values():
        if round_.revisits is not None and round_.revisits not in content.rounds:
            ProblemLog(round_.source, content.problems).error(
                None, "round.revisits-unknown", revisits=round_.revisits, known=list(content.rounds)
            )
    _load_reports(content, privacy_allow, cache or FileCache(None))
    for report in content.reports.values():
        _check_against_round(report, content, as_of)
    return content


def _relative(content: Content, path: Path) -> str:
    return path.relative_to(content.root.parent).as_posix()


def _load_rounds(content: Content) -> None:
    folder = content.root / ROUNDS_DIR
    if not folder.is_dir():
        ProblemLog(_relative(content, folder), content.problems).error(None, "content.no-rounds")
        return
    for path in sorted(folder.iterdir()):
        log = ProblemLog(_relative(content, path), content.problems)
        if path.suffix != ".toml" or not path.is_file():
            log.warning(None, "content.ignored", case="round")
            continue
        text = read_text(path, log)
        parsed = parse_round(text, path.stem, log) if text is not None else None
        if parsed is None:
            continue
        if parsed.id in content.rounds:
            log.error(None, "round.duplicate", id=parsed.id)
            continue
        content.rounds[parsed.id] = parsed


def _load_reports(content: Content, privacy_allow: frozenset[str], cache: FileCache) -> None:
    folder = content.root / REPORTS_DIR
    if not folder.is_dir():
        return
    code = code_fingerprint() if cache.folder is not None else ""
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        label = _relative(content, path)
        log = ProblemLog(label, content.problems)
        if path.suffix != ".md":
            log.warning(None, "content.ignored", case="report")
            continue
        report = _read_report(path, label, privacy_allow, cache, code, content)
        if report is None:
            continue
        other = content.reports.get(report.key)
        if other is not None:
            log.error(
                report.header_lines.get("unit"),
                "report.duplicate",
                unit=report.unit_id,
                round=report.round_id,
                other=other.source,
            )
            continue
        content.reports[report.key] = report


def _read_report(
    path: Path, label: str, allowed: frozenset[str], cache: FileCache, code: str, content: Content
) -> Report | None:
    """Parse one report file, or take the result of parsing the very same bytes last time."""
    try:
        data = path.read_bytes()
    except OSError:
        data = None
    if data is not None:
        content.digests[label] = digest(data)
    key = digest(code, label, "\0".join(sorted(allowed)), data) if data is not None and cache.folder else ""
    cached = cache.get(key) if key else None
    if cached is not None:
        problems, report = cached
        content.problems += problems
        return report
    problems: list[Problem] = []
    log = ProblemLog(label, problems)
    text = decode_text(data, log) if data is not None else read_text(path, log)
    if text is not None and PLACEHOLDER in text:  # an unfilled skeleton: say what to fill, not how it fails
        find_placeholders(text, log)
        text = None
    if text is not None:
        _check_privacy(text, allowed, log)
    report = parse_report(text, log) if text is not None else None
    content.problems += problems
    if key:
        cache.put(key, (problems, report))
    return report


def _check_privacy(text: str, allowed: frozenset[str], log: ProblemLog) -> None:
    lines = list(enumerate(text.split("\n"), start=1))
    for finding in personal_data(lines, allowed):
        log.error(finding.line, "privacy", kind=Term(finding.kind), value=finding.value)


def _check_against_round(report: Report, content: Content, as_of: dt.date) -> None:
    log = ProblemLog(report.source, content.problems)
    lines = report.header_lines
    round_ = content.rounds.get(report.round_id)
    if round_ is None:
        known = list(content.rounds) or Term("（无）")
        log.error(lines.get("round"), "report.round", round=report.round_id, known=known)
        return
    unit = round_.unit(report.unit_id)
    if unit is None:
        log.error(
            lines.get("unit"),
            "report.unit-not-in-round",
            round=round_.id,
            unit=report.unit_id,
            source=round_.source,
        )
    elif unit.name != report.unit_name:
        log.error(lines.get("unit-name"), "report.unit-name", name=report.unit_name, expected=unit.name)
    for label, key, day in (
        ("报告日期", "date", report.date),
        ("会审日期", "review-date", report.review.date),
    ):
        if day > as_of:
            log.error(lines.get(key), "report.future", label=Term(label), day=day, as_of=as_of)
    if report.review.date < report.date:
        log.error(lines.get("review-date"), "report.review-before-report")
    if report.date < round_.feedback_date:
        log.error(lines.get("date"), "report.before-feedback", feedback=round_.feedback_date)
    for item in report.ledger:
        if item.deadline is not None and item.deadline < round_.feedback_date:
            log.error(
                item.line,
                "ledger.deadline-before-feedback",
                number=item.number,
                deadline=item.deadline,
                feedback=round_.feedback_date,
            )
        if item.completed_on is not None and item.completed_on > as_of:
            log.error(
                item.line,
                "ledger.completed-future",
                number=item.number,
                completed=item.completed_on,
                as_of=as_of,
            )
