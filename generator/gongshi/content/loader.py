"""Loading the content tree and checking what no single file can check alone.

Every report is read and checked on every build, but only its head and what
the build computes from it (figures as of the date, narrative-vs-ledger
mismatches) are kept; the whole report is read back from the cache when its
pages are written. Reports not seen before are parsed on all cores.
"""

from __future__ import annotations

import datetime as dt
import os
import pickle
from collections import OrderedDict
from dataclasses import dataclass, field
from pathlib import Path

from gongshi.content.checks import personal_data
from gongshi.content.figures import Mismatch, stated_figures_mismatch
from gongshi.content.metrics import LedgerMetrics, as_reported, measure
from gongshi.content.model import Report, ReportHead, Round
from gongshi.content.placeholders import PLACEHOLDER, find_placeholders
from gongshi.content.reports import parse_report
from gongshi.content.rounds import parse_round
from gongshi.content.textfile import decode_text, read_text
from gongshi.infra.cache import FileCache, code_fingerprint, digest, file_sha256
from gongshi.infra.parallel import parallel_map
from gongshi.problems.errors import BuildError, Problem, ProblemLog
from gongshi.problems.messages import Term

ROUNDS_DIR = "rounds"
REPORTS_DIR = "reports"
Key = tuple[str, str]


@dataclass(frozen=True)
class ReportFacts:
    """What a build keeps of one report file: its head and what is computed from its body."""

    problems: tuple[Problem, ...]  # parsing, privacy, placeholders
    head: ReportHead | None  # None when the file could not be parsed
    metrics: LedgerMetrics | None
    mismatches: tuple[Mismatch, ...]
    item_problems: tuple[Problem, ...]  # ledger items against the round and the as-of date


@dataclass
class ReportStore:
    """Gives a whole report back, by its head, after the build kept only the head.

    From the parse cache when it holds the report, else parsed again from the
    file, which must still be the file that was checked. The last few are kept:
    a page, its open-data rows and its unit page ask for the same report in turn.
    """

    base: Path  # labels are relative to this folder
    cache: FileCache
    digests: dict[str, str]  # label -> SHA-256 of the checked bytes
    parse_keys: dict[str, str] = field(default_factory=dict)  # label -> parse-cache key
    allowed: frozenset[str] = frozenset()
    _recent: OrderedDict[str, Report] = field(default_factory=OrderedDict, repr=False)

    def load(self, head: ReportHead) -> Report:
        label = head.source
        report = self._recent.get(label)
        if report is None:
            report = self._read(label)
            self._recent[label] = report
            if len(self._recent) > 8:
                self._recent.popitem(last=False)
        return report

    def _read(self, label: str) -> Report:
        key = self.parse_keys.get(label, "")
        cached = self.cache.get(key) if key else None
        if cached is not None and cached[1] is not None:
            return cached[1]
        report = self.parse_file(label)[1]
        if report is None:
            raise BuildError.of("build.unreadable", path=label)
        return report

    def parse_file(self, label: str) -> tuple[list[Problem], Report | None]:
        """Check and parse the file as it was when the build began; one changed or gone since stops it."""
        path = self.base / label
        try:
            data: bytes | None = path.read_bytes()
        except OSError:
            data = None
        checked = self.digests.get(label)
        if checked is not None and (data is None or file_sha256(data) != checked):
            raise BuildError.of("build.changed", path=label)
        return _parse(data, label, self.allowed, path)

    def parse_key(self, label: str, sha256: str) -> str:
        """Where the parse of these bytes under this label is cached ("" when nothing is cached)."""
        if self.cache.folder is None:
            return ""
        return digest(code_fingerprint(), label, "\0".join(sorted(self.allowed)), sha256)

    def parse_pinned(self, label: str, sha256: str) -> tuple[list[Problem], Report | None]:
        """An archived version (content/archive.py): its name is its hash, so its bytes never change
        and its parse is cached under them; every build reads every version the site shows."""
        key = self.parse_keys.get(label)
        if key is None:
            key = self.parse_keys[label] = self.parse_key(label, sha256)
        entry = self.cache.get(key) if key else None
        if entry is not None:
            return entry
        found = self.parse_file(label)
        if key:
            self.cache.put(key, found)
        return found


@dataclass
class Content:
    """Everything read from `content/`, with every problem found on the way."""

    root: Path
    store: ReportStore = field(repr=False)
    rounds: dict[str, Round] = field(default_factory=dict)
    reports: dict[Key, ReportHead] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)
    digests: dict[str, str] = field(default_factory=dict)  # SHA-256 of every report file, by its label
    metrics: dict[Key, LedgerMetrics] = field(default_factory=dict)  # as of the build's date
    mismatches: dict[Key, tuple[Mismatch, ...]] = field(default_factory=dict)  # narrative vs ledger

    @property
    def errors(self) -> list[Problem]:
        return [p for p in self.problems if p.is_error]

    def rounds_newest_first(self) -> list[Round]:
        return sorted(self.rounds.values(), key=lambda r: (r.feedback_date, r.id), reverse=True)

    def report(self, round_id: str, unit_id: str) -> ReportHead | None:
        return self.reports.get((round_id, unit_id))

    def whole(self, head: ReportHead) -> Report:
        """The report with its narrative and ledger, read back for its pages."""
        return self.store.load(head)


def load_content(
    root: Path,
    as_of: dt.date,
    privacy_allow: frozenset[str] = frozenset(),
    cache: FileCache | None = None,
    partial_done: bool = False,
) -> Content:
    """Read and check everything; `cache` keeps parsed reports between builds (keyed on their bytes).

    `partial_done`: whether 基本完成 and 阶段性完成 count as done in the figures."""
    digests: dict[str, str] = {}
    store = ReportStore(root.parent, cache or FileCache(None), digests=digests, allowed=privacy_allow)
    content = Content(root=root, store=store, digests=digests)
    if not root.is_dir():
        ProblemLog(str(root), content.problems).error(None, "content.missing")
        return content
    rounds_digest = _load_rounds(content)
    for round_ in content.rounds.values():
        if round_.revisits is not None and round_.revisits not in content.rounds:
            ProblemLog(round_.source, content.problems).error(
                None, "round.revisits-unknown", revisits=round_.revisits, known=list(content.rounds)
            )
    item_problems = _load_reports(content, as_of, rounds_digest, partial_done)
    for key, report in content.reports.items():
        _check_against_round(report, content, as_of)
        content.problems += item_problems[key]
    return content


def _relative(content: Content, path: Path) -> str:
    return path.relative_to(content.root.parent).as_posix()


def _load_rounds(content: Content) -> str:
    """Load every round file; returns a digest of them all (report checks depend on rounds)."""
    folder = content.root / ROUNDS_DIR
    if not folder.is_dir():
        ProblemLog(_relative(content, folder), content.problems).error(None, "content.no-rounds")
        return ""
    texts: list[str] = []
    for path in sorted(folder.iterdir()):
        log = ProblemLog(_relative(content, path), content.problems)
        if _leaves_the_project(content, path):
            continue
        if path.suffix != ".toml" or not path.is_file():
            log.warning(None, "content.ignored", case="round")
            continue
        text = read_text(path, log)
        texts += [log.path, text or ""]
        parsed = _parse_round(content, text, path.stem, log) if text is not None else None
        if parsed is None:
            continue
        if parsed.id in content.rounds:
            log.error(None, "round.duplicate", id=parsed.id)
            continue
        content.rounds[parsed.id] = parsed
    return digest(*texts)


def _parse_round(content: Content, text: str, stem: str, log: ProblemLog) -> Round | None:
    """A round file read through the parse cache: a province's 100 round files take a preview
    (`gongshi serve`) a quarter of a second to parse, on every edit."""
    cache = content.store.cache
    key = digest(code_fingerprint(), "round", log.path, stem, text) if cache.folder is not None else ""
    entry = cache.get(key) if key else None
    if entry is None:
        found: list[Problem] = []
        entry = (found, parse_round(text, stem, ProblemLog(log.path, found)))
        if key:
            cache.put(key, entry)
    problems, parsed = entry
    log.problems.extend(problems)
    return parsed


@dataclass(frozen=True)
class _Job:
    label: str
    parse_key: str  # "" without a cache, or for a file that could not be read
    facts_key: str


def _load_reports(
    content: Content, as_of: dt.date, rounds_digest: str, partial_done: bool = False
) -> dict[Key, tuple[Problem, ...]]:
    """Every report's facts, from the cache or worked out on all cores; returns item problems by key."""
    folder = content.root / REPORTS_DIR
    if not folder.is_dir():
        return {}
    store = content.store
    cache = store.cache
    found: list[tuple[str, ReportFacts | _Job]] = []
    inside: dict[str, bool] = {}  # whether each folder is in the project: a file that is no link is too
    for path, label, entry, where in _files_under(folder, _relative(content, folder)):
        known = inside.get(str(where))
        if known is None:
            known = inside[str(where)] = _within(content, where.resolve())
        if (entry.is_symlink() or not known) and _leaves_the_project(content, path):
            continue
        if path.suffix != ".md":
            ProblemLog(label, content.problems).warning(None, "content.ignored", case="report")
            continue
        try:
            sha = cache.file_digest(path, entry.stat())
        except OSError:
            sha = None
        if sha is not None:
            content.digests[label] = sha
        parse_key = store.parse_key(label, sha) if sha else ""
        facts_key = (
            digest(parse_key, as_of.isoformat(), rounds_digest, str(partial_done)) if parse_key else ""
        )
        store.parse_keys[label] = parse_key
        facts = cache.get(facts_key) if facts_key else None
        if not isinstance(facts, ReportFacts):
            facts = _Job(label, parse_key, facts_key)
        found.append((label, facts))

    jobs = [job for _, job in found if isinstance(job, _Job)]
    work = _Worker(store, content.rounds, as_of, partial_done)
    made: dict[str, ReportFacts] = {}
    for job, (blob, facts) in zip(jobs, parallel_map(work, jobs), strict=True):
        if blob is not None and job.parse_key:
            cache.put_bytes(job.parse_key, blob)
        if job.facts_key:
            cache.put(job.facts_key, facts)
        made[job.label] = facts
    cache.flush()

    item_problems: dict[Key, tuple[Problem, ...]] = {}
    for label, entry in found:
        facts = made[label] if isinstance(entry, _Job) else entry
        content.problems += facts.problems
        head = facts.head
        if head is None or facts.metrics is None:
            continue
        other = content.reports.get(head.key)
        if other is not None:
            ProblemLog(label, content.problems).error(
                head.header_lines.get("unit"), "report.duplicate",
                unit=head.unit_id, round=head.round_id, other=other.source,
            )  # fmt: skip
            continue
        content.reports[head.key] = head
        content.metrics[head.key] = facts.metrics
        content.mismatches[head.key] = facts.mismatches
        item_problems[head.key] = facts.item_problems
    return item_problems


@dataclass(frozen=True)
class _Worker:
    """Works out one report's facts; runs in a forked worker, so it opens its own cache."""

    store: ReportStore
    rounds: dict[str, Round]
    as_of: dt.date
    partial_done: bool = False

    def __call__(self, job: _Job) -> tuple[bytes | None, ReportFacts]:
        """(the parse-cache entry if it was parsed here, the facts)."""
        cached = self.store.cache.get(job.parse_key) if job.parse_key else None
        blob = None
        if cached is not None:  # only the facts are out of date (another as-of date or round file)
            problems, report = cached
        else:
            problems, report = self.store.parse_file(job.label)
            if job.parse_key:
                blob = _pickle_entry(problems, report)
        if report is None:
            return blob, ReportFacts(tuple(problems), None, None, (), ())
        metrics = measure(report.ledger, self.as_of, self.partial_done)
        reported = measure(as_reported(report.ledger, report.date), report.date, self.partial_done)
        mismatches = tuple(  # the narrative speaks for the report's date, not the build's
            stated_figures_mismatch(report.narrative, reported, report.figures, report.narrative_lines)
        )
        items = _check_items(report, self.rounds.get(report.round_id), self.as_of)
        return blob, ReportFacts(tuple(problems), report.head(), metrics, mismatches, items)


def _pickle_entry(problems: list[Problem], report: Report | None) -> bytes:
    return pickle.dumps((problems, report), protocol=pickle.HIGHEST_PROTOCOL)


def _parse(
    data: bytes | None, label: str, allowed: frozenset[str], path: Path
) -> tuple[list[Problem], Report | None]:
    """Check and parse one report file's bytes (None: read `path` to say why it cannot be read)."""
    problems: list[Problem] = []
    log = ProblemLog(label, problems)
    text = decode_text(data, log) if data is not None else read_text(path, log)
    if text is not None and PLACEHOLDER in text:  # an unfilled skeleton: say what to fill, not how it fails
        find_placeholders(text, log)
        text = None
    if text is not None:
        _check_privacy(text, allowed, log)
    return problems, parse_report(text, log) if text is not None else None


def _check_privacy(text: str, allowed: frozenset[str], log: ProblemLog) -> None:
    lines = list(enumerate(text.split("\n"), start=1))
    for finding in personal_data(lines, allowed):
        log.error(finding.line, "privacy", kind=Term(finding.kind), value=finding.value)


def _files_under(folder: Path, label: str) -> list[tuple[Path, str, os.DirEntry[str], Path]]:
    """Every file below `folder` (a link to a file counts; a linked folder is not entered), with
    its label and the folder it is in, in the order of their paths' parts; one `scandir` a folder,
    where a path walk asked the disk about each file again (a fifth of a preview rebuild at 5,000
    reports)."""
    found: list[tuple[tuple[str, ...], Path, str, os.DirEntry[str], Path]] = []
    todo: list[tuple[Path, tuple[str, ...]]] = [(folder, ())]
    while todo:
        where, parts = todo.pop()
        try:
            entries = list(os.scandir(where))
        except OSError:
            continue
        for entry in entries:
            named = (*parts, entry.name)
            try:
                if entry.is_dir(follow_symlinks=False):
                    todo.append((where / entry.name, named))
                elif entry.is_file():
                    found.append((named, where / entry.name, "/".join((label, *named)), entry, where))
            except OSError:
                continue
    found.sort(key=lambda item: item[0])
    return [(path, name, entry, where) for _, path, name, entry, where in found]


def _leaves_the_project(content: Content, path: Path) -> bool:
    """A link (or a file inside a linked folder) that points outside the project is refused unread:
    its lines would be echoed in problems and its text published."""
    target = path.resolve() if path.is_symlink() else path.parent.resolve() / path.name
    if _within(content, target):
        return False
    ProblemLog(_relative(content, path), content.problems).error(None, "file.outside", target=str(target))
    return True


def _within(content: Content, target: Path) -> bool:
    project = content.root.resolve().parent
    return target == project or str(target).startswith(os.path.join(str(project), ""))


def _check_against_round(report: ReportHead, content: Content, as_of: dt.date) -> None:
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
    else:
        expected = f"{content.root.name}/{REPORTS_DIR}/{report.round_id}/{report.unit_id}.md"
        if report.source != expected:  # reports/2026-r2/anything.md saying 2025-r1/edu
            log.error(lines.get("unit"), "report.path", round=round_.id, unit=unit.id, expected=expected)
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


def _check_items(report: Report, round_: Round | None, as_of: dt.date) -> tuple[Problem, ...]:
    """Ledger items against the round's feedback date and the as-of date."""
    if round_ is None:
        return ()
    problems: list[Problem] = []
    log = ProblemLog(report.source, problems)
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
    return tuple(problems)
