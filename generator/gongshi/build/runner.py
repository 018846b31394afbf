"""The build runner: settings → validation → gate → Pelican → swap into place.

With the plugin, this is the only code that touches Pelican. Everything is
computed and checked before Pelican starts; Pelican writes into a staging
folder, and the public output is replaced only after a clean run.
"""

from __future__ import annotations

import datetime as dt
import logging
import os
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from pelican import Pelican
from pelican.log import LimitFilter, console
from pelican.settings import read_settings

from gongshi.build.manifest import write_manifest
from gongshi.build.search import SearchIndex, index_site
from gongshi.config.identity import gov_site_missing
from gongshi.config.settings import GongshiSettings, resolve
from gongshi.content.loader import Content, load_content
from gongshi.content.textfile import read_text
from gongshi.infra import atomic
from gongshi.infra.cache import FileCache, code_fingerprint, digest, tree_digest
from gongshi.infra.staging import OutputState, Stage
from gongshi.problems.errors import BuildError, ConfigError, ContentError, Problem, ProblemLog
from gongshi.rules.publication import Publication, check_record_against_content, decide
from gongshi.rules.record import Record, append_withdrawal, dumps, is_prefix, parse_record
from gongshi.site.markup import render_narrative
from gongshi.site.summary import BuildSummary, summarize
from gongshi.site.views import Page, RoundView, Site, build_site
from gongshi.surveys.exports import SurveyData, export_mapping, load_exports
from gongshi.surveys.links import SurveyLinks, survey_links, unchecked_links
from gongshi.surveys.posters import RoundPosters, build_posters
from gongshi.surveys.qr import QrCache, QrImage

RUNTIME_KEY = "_GONGSHI_RUNTIME"  # not a GONGSHI_* setting: the prepared build, handed to the plugin
PLUGIN_NAME = "gongshi_portal"


@dataclass
class Runtime:
    """Everything one build computed before Pelican runs, and what it wrote."""

    settings: GongshiSettings
    content: Content
    publication: Publication
    site: Site
    record_before: Record
    links: SurveyLinks
    surveys: SurveyData
    posters: tuple[RoundPosters, ...] = ()
    warnings: list[Problem] = field(default_factory=list)
    pages_written: int = 0
    qr_made: int = 0  # QR codes rendered in this build
    qr_reused: int = 0  # QR codes taken from the cache unchanged
    progress: Callable[[int, int], None] | None = None  # (pages done, pages total), for a progress bar
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the benchmark
    fingerprint: str = ""  # everything every page depends on; empty: pages are not cached
    pages_reused: int = 0
    searched: list[str] = field(default_factory=list)  # the public pages search indexes
    search: SearchIndex | None = None
    write_record: bool = True  # False for a preview: a batch it shows is not recorded
    fragments: bool = False  # also write each public report as a CMS fragment into the internal pack
    codes: Callable[[str], QrImage] | None = field(default=None, repr=False)  # survey link -> its code
    stage: Stage | None = field(default=None, repr=False)  # the public output being built
    internal_stage: Stage | None = field(default=None, repr=False)
    caches: list[FileCache | QrCache] = field(default_factory=list, repr=False)  # closed after the build

    @property
    def survey_signing(self) -> str | None:
        """Whether units have survey links and whether they are signed; staff are told which."""
        if self.links.default is None and not self.links.per_round:
            return None
        return "signed" if self.links.signed else "unsigned"

    @property
    def search_reused(self) -> bool:
        return self.search is not None and self.search.reused

    @property
    def record_kept(self) -> Record:
        """The record as the record file holds it after this build; the internal pack keeps a copy.

        A preview's next batch is not in it: the copy is what the next build checks
        the record file against, and must not claim entries the file never had.
        """
        return self.publication.record if self.write_record else self.record_before

    def page_key(self, page: Page) -> str | None:
        """A page that shows particular reports is keyed on them and on everything global."""
        if not self.fingerprint or not page.sources:
            return None
        return self._keyed(page.path, page.template, sources=page.sources)

    def round_data_key(self, view: RoundView) -> str | None:
        """A round's open-data files change with its public reports and with everything global."""
        if not self.fingerprint:
            return None
        return self._keyed("data", view.round.id, sources=[r.report.source for r in view.reports])

    def _keyed(self, *parts: str, sources: Iterable[str]) -> str:
        """Everything global, `parts`, and the bytes of the reports named by `sources`."""
        return digest(self.fingerprint, *parts, *(self.content.digests[s] for s in sources))

    def close(self) -> None:
        for cache in self.caches:
            cache.close()


@dataclass(frozen=True)
class BuildResult:
    runtime: Runtime
    output_path: Path
    files_written: int
    seconds: float

    def summary(self) -> BuildSummary:
        runtime = self.runtime
        found = summarize(runtime.content, runtime.publication, len(runtime.warnings))
        return replace(
            found,
            pages=runtime.pages_written,
            pages_reused=runtime.pages_reused,
            files=self.files_written,
            qr_made=runtime.qr_made,
            qr_reused=runtime.qr_reused,
            seconds=self.seconds,
            output=str(self.output_path),
            internal=str(runtime.settings.internal_path),
        )


def load_settings(config: Path, overrides: Mapping[str, Any] | None = None) -> dict[str, Any]:
    if not config.is_file():
        raise ConfigError.of("config.missing", config=str(config))
    try:
        settings = read_settings(str(config), override=dict(overrides or {}))
    except Exception as exc:  # a broken pelicanconf.py raises anything
        raise ConfigError.of("config.unloadable", config=str(config), error=str(exc)) from exc
    if PLUGIN_NAME not in [getattr(p, "__name__", p) for p in settings.get("PLUGINS") or []]:
        raise ConfigError.of("config.plugin", config=str(config), plugin=PLUGIN_NAME)
    return settings


def prepare(
    pelican_settings: Mapping[str, Any], batch: bool, today: dt.date | None = None, make_codes: bool = True
) -> Runtime:
    """Read, validate and decide; raises ContentError with every problem found, or a ConfigError
    carrying every configuration error of the survey settings and every content problem found.

    `make_codes=False` (for `gongshi check`) skips drawing QR codes and posters.
    """
    settings = resolve(pelican_settings, today=today)
    reports_cache = FileCache(settings.cache_path / "reports" if make_codes else None)
    try:
        content = load_content(
            settings.content_path, settings.as_of, frozenset(settings.privacy_allow), reports_cache
        )
    finally:  # commit and release: an open write transaction would block the next build for 30 s
        reports_cache.close()
    problems = list(content.problems)
    missing = gov_site_missing(settings)
    if missing:  # a warning: the footer is incomplete, but nothing wrong would be published
        ProblemLog("pelicanconf.py", problems).warning(None, "site.gov-missing", missing=missing)
    config_errors: list[ConfigError] = []  # reported with the content problems, not one run each
    links, surveys = _surveys(settings, content, problems, config_errors, make_codes)
    record = _load_record(settings, problems)
    if not any(p.is_error for p in problems):  # a report that failed to parse is not "gone"
        problems += check_record_against_content(content, record, settings)
    if config_errors:
        raise ConfigError.together(config_errors, problems)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    publication = decide(
        content, record, surveys.results(content.rounds, settings.as_of), settings, batch=batch
    )
    for key, found in publication.mismatches.items():
        if not found:
            continue
        log = ProblemLog(content.reports[key].source, problems)
        if settings.rule_consistency:  # the hint says whether the unit is held for it
            log.warning(None, "report.figures-mismatch", case="hold", mismatches=tuple(found))
        else:
            log.warning(None, "report.figures-mismatch", case="note", mismatches=tuple(found))
    cache = QrCache(settings.cache_path, settings.qr_error_correction) if make_codes else None
    codes = cache.get if cache is not None else None
    if cache is not None:  # every code the site and the posters need, drawn in parallel if new
        approved = [key for key, report in content.reports.items() if report.review.passed]
        started = time.perf_counter()
        cache.prefetch([url for key in approved if (url := links.url(*key)) is not None])
        timings = {"qr": time.perf_counter() - started}
    else:
        timings = {}
    site = build_site(content, publication, settings, render_narrative, links, codes)
    posters = build_posters(content, publication, links, codes) if codes is not None else ()
    if cache is not None:
        cache.close()  # commit; pages read the codes back through a fresh connection
    warnings = [p for p in problems if not p.is_error]
    runtime = Runtime(settings, content, publication, site, record, links, surveys, posters, warnings)
    runtime.timings.update(timings)
    runtime.codes = codes
    runtime.caches = [reports_cache, *([cache] if cache is not None else [])]
    if make_codes:
        runtime.fingerprint = _fingerprint(pelican_settings, settings, publication, links)
    if cache is not None:
        runtime.qr_made, runtime.qr_reused = cache.made, cache.reused
    return runtime


def _surveys(
    settings: GongshiSettings,
    content: Content,
    problems: list[Problem],
    errors: list[ConfigError],
    cached: bool,
) -> tuple[SurveyLinks, SurveyData]:
    """Survey links and the exports' counts; a wrong survey setting goes to `errors`, and the
    exports are still read when they can be (a wrong link template does not stop the import)."""
    key = os.environ.get(settings.survey_key_env) or None
    try:
        links = survey_links(
            settings.survey_url, settings.survey_round_urls, settings.survey_hosts,
            settings.survey_signature_param, key, content.rounds,
        )  # fmt: skip
    except ConfigError as error:
        errors.append(error)
        links = unchecked_links({}, settings.survey_signature_param, key)  # signatures are still checked
    try:
        mapping = export_mapping(settings.survey_export)
    except ConfigError as error:
        errors.append(error)
        return links, SurveyData()  # the exports cannot be read without knowing their columns
    folder = settings.content_path / settings.survey_path
    cache = FileCache(settings.cache_path / "surveys" if cached else None)
    try:
        data = load_exports(
            folder, settings.content_path.parent, content.rounds, mapping, links, problems, cache
        )
    finally:
        cache.close()
    return links, data


def _fingerprint(
    pelican_settings: Mapping[str, Any],
    settings: GongshiSettings,
    publication: Publication,
    links: SurveyLinks,
) -> str:
    """What every page depends on besides the reports it shows. Coarse on purpose: a miss costs a render."""
    theme = Path(str(pelican_settings.get("THEME", "")))
    plugins = [Path(str(p)) for p in pelican_settings.get("PLUGIN_PATHS") or []]
    content = settings.content_path
    # reports are keyed one by one; the record by its head (the file changes during a --batch build)
    skip = {"reports", settings.record_path.name}
    shared = [p for p in sorted(content.iterdir()) if p.name not in skip] if content.is_dir() else []
    visible = {
        k: v for k, v in vars(settings).items() if k not in ("output_path", "internal_path", "cache_path")
    }
    fixed = {
        k: repr(pelican_settings.get(k))
        for k in sorted(pelican_settings)
        if k.isupper() and not k.startswith("_")
    }
    for unstable in ("OUTPUT_PATH", "GONGSHI_INTERNAL_PATH", "PATH", "THEME", "PLUGIN_PATHS"):
        fixed.pop(unstable, None)
    return digest(
        code_fingerprint(*(p for p in (theme, *plugins) if p.is_dir())),
        repr(sorted(visible.items(), key=lambda kv: kv[0])),
        repr(fixed),
        publication.record.head or "",
        tree_digest(p for p in shared if p.is_dir()),
        *(f"{p.name}:{p.read_bytes().hex()}" for p in shared if p.is_file()),
        digest(links.key) if links.key else "unsigned",
    )


def _load_record(settings: GongshiSettings, problems: list[Problem]) -> Record:
    path = settings.record_path
    if not path.exists():
        return Record()
    log = ProblemLog(settings.record_label, problems)
    text = read_text(path, log) if path.stat().st_size else ""
    if text is None:
        return Record()
    record = parse_record(text, log) if text.strip() else Record()
    if record is None:
        return Record()
    kept = settings.internal_path / settings.record_file
    if kept.is_file():
        kept_log = ProblemLog(str(kept), [])
        kept_text = read_text(kept, kept_log)
        previous = parse_record(kept_text, kept_log) if kept_text else None
        if previous is not None and not is_prefix(previous, record):
            log.error(
                None,
                "record.truncated",
                kept=str(kept),
                before=len(previous.entries),
                now=len(record.entries),
            )
    return record


def build(
    config: Path,
    as_of: dt.date | None = None,
    batch: bool = False,
    output: Path | None = None,
    internal: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    write_record: bool = True,
    fragments: bool = False,
) -> BuildResult:
    """Build the site; with `write_record=False` a batch is shown but not recorded (for previews)."""
    started = time.perf_counter()
    overrides: dict[str, Any] = {}
    if as_of is not None:
        overrides["GONGSHI_AS_OF"] = as_of
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    if internal is not None:
        overrides["GONGSHI_INTERNAL_PATH"] = str(internal.resolve())
    settings = load_settings(config, overrides)
    prepared = time.perf_counter()
    runtime = prepare(settings, batch=batch)
    runtime.timings["prepare"] = time.perf_counter() - prepared
    runtime.progress = progress
    runtime.write_record = write_record
    runtime.fragments = fragments
    target = runtime.settings.output_path
    internal = runtime.settings.internal_path
    for folder in (target, internal):
        atomic.remove_stale_staging(folder)
    cache = runtime.settings.cache_path if runtime.fingerprint else None
    states = (OutputState(cache, target), OutputState(cache, internal))
    runtime.stage = Stage(atomic.staging_dir(target), target, states[0].load())
    runtime.internal_stage = Stage(atomic.staging_dir(internal), internal, states[1].load())
    staging = runtime.stage.root
    try:
        with _timed(runtime, "pelican"):
            _run_pelican(settings, runtime, staging)
        with _timed(runtime, "search"):  # the public output only: held units are never in it
            weights = {r.id: len(r.units) for r in runtime.content.rounds.values()}
            runtime.search = index_site(runtime.stage, runtime.searched, weights)
        record = runtime.publication.record
        public = runtime.stage.complete()
        hashes = {path: made.sha256 for path, made in public.items()}
        write_manifest(staging, runtime.settings.as_of, len(record.batches) or None, record.head, hashes)
        files = len(public) + 1
        if runtime.publication.batch_written and write_record:
            atomic.write_file_atomically(runtime.settings.record_path, dumps(runtime.publication.record))
        pack = runtime.internal_stage.complete()
        atomic.swap_in(staging, target)
        atomic.swap_in(runtime.internal_stage.root, internal)
        states[0].save(public)
        states[1].save(pack)
    finally:
        runtime.close()
        for leftover in (staging, runtime.internal_stage.root):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
    return BuildResult(runtime, target, files, time.perf_counter() - started)


@contextmanager
def _timed(runtime: Runtime, stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        runtime.timings[stage] = time.perf_counter() - started


def _run_pelican(settings: dict[str, Any], runtime: Runtime, staging: Path) -> None:
    run_settings = dict(settings, OUTPUT_PATH=str(staging), DELETE_OUTPUT_DIRECTORY=False)
    run_settings[RUNTIME_KEY] = runtime
    with _counting_log_problems() as logged:
        try:
            pelican = Pelican(run_settings)
            if not any(getattr(p, "__name__", "").endswith(PLUGIN_NAME) for p in pelican.plugins):
                raise BuildError.of("build.plugin", plugin=PLUGIN_NAME)
            console.quiet = True  # Pelican's own "Done: ..." line; gongshi prints its summary
            try:
                pelican.run()
            finally:
                console.quiet = False
        except BuildError:
            raise
        except Exception as exc:
            raise BuildError.of("build.pelican", error=str(exc)) from exc
    if logged:
        raise BuildError.of("build.pelican-log", problems="\n  ".join(logged))
    if runtime.pages_written == 0 and runtime.site.pages():
        raise BuildError.of("build.no-pages")


@contextmanager
def _counting_log_problems() -> Iterator[list[str]]:
    """Pelican logs errors and still exits 0; every WARNING+ record fails the build."""
    messages: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record: logging.LogRecord) -> None:
            messages.append(f"{record.levelname}: {record.getMessage()}")

    handler = Collect(level=logging.WARNING)
    root = logging.getLogger()
    # Pelican's de-duplication filter keeps class-level state across builds in one process.
    LimitFilter._ignore = set()
    LimitFilter._raised_messages = set()
    LimitFilter._group_count.clear()
    root.addHandler(handler)
    try:
        yield messages
    finally:
        root.removeHandler(handler)


def withdraw(config: Path, round_id: str, unit_id: str, reason: str, as_of: dt.date | None = None) -> Record:
    """Append a withdrawal (撤回) of a published report to the record, with its reason."""
    overrides = {"GONGSHI_AS_OF": as_of} if as_of else {}
    runtime = prepare(load_settings(config, overrides), batch=False)
    record = runtime.record_before
    key = (round_id, unit_id)
    if key not in record.public_keys():
        raise ConfigError.of("withdraw.not-published", round=round_id, unit=unit_id)
    if not reason.strip():
        raise ConfigError.of("withdraw.no-reason")
    unit = next(u for b in record.batches for u in b.published if u.key == key)
    record = append_withdrawal(record, runtime.settings.as_of, unit, reason.strip())
    atomic.write_file_atomically(runtime.settings.record_path, dumps(record))
    return record
