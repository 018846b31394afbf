"""Everything a build knows before it writes a byte: read, validate, decide, assemble the views.

`prepare` is the one step that reads content, the record and the survey
exports. What it returns is a frozen value: writing, search, the staff pack
and the summary read it and never change it, and nothing flows back into it.
"""

from __future__ import annotations

import datetime as dt
import functools
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace
from pathlib import PurePosixPath
from typing import Any

from gongshi.build.keys import fingerprint
from gongshi.config.identity import gov_site_missing
from gongshi.config.settings import GongshiSettings, resolve
from gongshi.content.archive import check_archive, check_pinned_reports, read_version, shown_content
from gongshi.content.loader import REPORTS_DIR, Content, Key, load_content
from gongshi.content.textfile import read_text
from gongshi.infra.cache import FileCache, digest
from gongshi.problems.errors import ConfigError, ContentError, Problem, ProblemLog
from gongshi.rules.forecast import GateForecast, forecast
from gongshi.rules.publication import Publication, check_record_against_content, decide, figure_problems
from gongshi.rules.record import Record, is_prefix, parse_record
from gongshi.rules.signing import PUBLIC_KEY_FILE, PublicKey, Signer, read_public_key
from gongshi.rules.versions import Edit, Kind, find_edits
from gongshi.site import urls
from gongshi.site.markup import render_narrative
from gongshi.site.preview import PreviewBanner, PreviewMode, preview_banner, shown_publication
from gongshi.site.views import Site, build_site
from gongshi.surveys.exports import SurveyData, export_mapping, load_exports
from gongshi.surveys.links import SurveyLinks, survey_links, unchecked_links
from gongshi.surveys.mapping import round_mappings, unit_links
from gongshi.surveys.posters import RoundPosters, build_posters
from gongshi.surveys.qr import QrCache, QrImage, check_links_fit


@dataclass(frozen=True)
class PreparedBuild:
    """One build's inputs, checked and decided, as of one date."""

    config: Mapping[str, Any] = field(repr=False)  # the settings file as Pelican read it: theme, SITENAME...
    settings: GongshiSettings
    as_of: dt.date
    content: Content
    publication: Publication
    site: Site
    record_before: Record  # the record file as this build found it
    links: SurveyLinks
    surveys: SurveyData
    posters: tuple[RoundPosters, ...] = ()
    warnings: tuple[Problem, ...] = ()
    public_key: PublicKey | None = None  # the portal signs its record: published beside it
    fingerprint: str = ""  # everything every page depends on; empty: nothing is cached
    codes: Callable[[str], QrImage] | None = field(default=None, repr=False)  # survey link -> its code
    qr_made: int = 0  # QR codes drawn in this build
    qr_reused: int = 0  # taken from the cache unchanged
    qr_seconds: float = 0.0
    survey_can_sign: bool = True  # some round's link and export can carry a signature
    caches: tuple[FileCache | QrCache, ...] = field(default=(), repr=False)  # closed after the build

    @property
    def survey_signing(self) -> str | None:
        """Whether units have survey links and whether they are signed; staff are told which."""
        if not self.links.any_links:
            return None
        if self.links.signed:
            return "signed"
        return "unsigned" if self.survey_can_sign else None  # no word of a key the platforms cannot carry

    def close(self) -> None:
        for cache in self.caches:
            cache.close()


def prepare(
    config: Mapping[str, Any],
    as_of: dt.date,
    batch: bool,
    make_codes: bool = True,
    signer: Signer | None = None,
    rounds: frozenset[str] = frozenset(),
    preview: PreviewMode | None = None,
    revising: Key | None = None,
    memo: dict[str, Any] | None = None,
) -> PreparedBuild:
    """Read, validate and decide (`rounds`: the next batch only from these rounds; `preview`: what
    `gongshi serve` shows, with its banner, site/preview.py); raises ContentError with every problem found, or a ConfigError
    carrying every configuration error of the survey settings and every content problem found.

    `make_codes=False` (for `gongshi check`) skips drawing QR codes and posters and caches nothing.
    `signer` signs the batch this build appends (rules/signing.py).
    `revising`: the unit `gongshi revise` publishes anew, whose published version need not read.
    `memo`: reports' facts already read, kept by a process that builds many times (infra/cache.py).
    """
    settings = resolve(config)
    reports_cache = FileCache(settings.cache_path / "reports" if make_codes else None, memo)
    try:
        content = load_content(
            settings.content_path,
            as_of,
            frozenset(settings.privacy_allow),
            reports_cache,
            settings.partial_counts_as_done,
        )
    finally:  # commit and release: an open write transaction would block the next build for 30 s
        reports_cache.close()
    problems = list(content.problems)
    # the internal preview shows every report that can be rendered: one with errors is set aside
    broken = _set_aside_broken(content, problems) if preview is PreviewMode.ALL else {}
    config_errors: list[ConfigError] = []  # reported with the content problems, not one run each
    links, surveys, can_sign = _surveys(settings, content, problems, config_errors, make_codes)
    public_key = load_public_key(settings, problems)
    record = load_record(settings, problems, public_key)
    check_archive(settings.content_path, record.all_pins(), problems)
    if not any(p.is_error for p in problems):  # the versions the site shows must read as reports
        shown_pins = {k: sha for k in record.public_keys() if (sha := record.pin(k)) and k != revising}
        check_pinned_reports(content, shown_pins, problems)
    edits: dict[Key, Edit] = {}
    if not any(p.is_error for p in problems):  # a report that failed to parse is not "gone"
        found = check_record_against_content(content, record, settings, as_of)
        problems += [p for p in found if (p.args.get("round"), p.args.get("unit")) not in broken]
        edits = find_edits(content, record, as_of)
        problems += _edit_problems(edits, batch and preview is None)
    problems += figure_problems(content, settings.rule_consistency)  # beside the errors, in one run
    missing = gov_site_missing(settings)
    if missing:  # a warning: the footer is incomplete, but nothing wrong would be published
        ProblemLog("pelicanconf.py", problems).warning(None, "site.gov-missing", missing=missing)
    unknown = sorted(rounds - set(content.rounds))
    if unknown:
        config_errors.append(
            ConfigError.of(
                "batch.unknown-round", rounds=", ".join(unknown), known=", ".join(sorted(content.rounds))
            )
        )
    if config_errors:
        raise ConfigError.together(config_errors, problems)
    if any(p.is_error for p in problems):
        raise ContentError(problems)
    results = surveys.results(content.rounds, as_of)
    publication = decide(content, record, results, settings, as_of, batch, rounds, edits)
    if publication.batch_written:
        publication = replace(publication, record=publication.record.signed(signer))
    # the site shows each public report as the record pins it, never the working copy; the internal
    # preview (`serve --all`, never public) shows working copies, edits since publication included
    pins = {k: sha for k in publication.public if (sha := publication.record.pin(k))}
    pins = {} if preview is PreviewMode.ALL else pins
    pinned = shown_content(content, pins, as_of, settings.partial_counts_as_done)
    cache = QrCache(settings.cache_path, settings.qr_error_correction) if make_codes else None
    codes = cache.get if cache is not None else None
    started = time.perf_counter()
    if cache is not None:  # every code the site and the posters need, drawn in parallel if new
        approved = [key for key, report in content.reports.items() if report.review.passed]
        cache.prefetch([url for key in approved if (url := links.url(*key)) is not None])
    qr_seconds = time.perf_counter() - started
    shown = shown_publication(preview, content, publication) if preview else publication
    shown = replace(shown, metrics=pinned.metrics, mismatches=pinned.mismatches)

    @functools.cache  # asked for the link, then for the page
    def earlier(key: Key, sha: str) -> Any:
        return read_version(pinned, key, sha, as_of, settings.partial_counts_as_done)

    site = build_site(pinned, shown, settings, render_narrative, links, codes, surveys.formulas, earlier)
    banner = preview_banner(preview, content, publication, shown.public, broken) if preview else None
    if banner is not None:
        site = replace(site, preview=banner)
    posters = build_posters(content, publication, links, codes, urls.report_page) if codes is not None else ()
    if cache is not None:
        cache.close()  # commit; pages read the codes back through a fresh connection
    return PreparedBuild(
        config=config,
        settings=settings,
        as_of=as_of,
        content=content,
        publication=publication,
        site=site,
        record_before=record,
        links=links,
        surveys=surveys,
        posters=posters,
        warnings=tuple(p for p in problems if not p.is_error),
        fingerprint=_fingerprint(config, settings, shown, links, banner) if make_codes else "",
        codes=codes,
        qr_made=cache.made if cache is not None else 0,
        qr_reused=cache.reused if cache is not None else 0,
        qr_seconds=qr_seconds,
        survey_can_sign=can_sign,
        public_key=public_key,
        caches=(reports_cache, *([cache] if cache is not None else [])),
    )


def gate_forecast(config: Mapping[str, Any], as_of: dt.date, problems: list[Problem]) -> GateForecast:
    """For `gongshi check` when content errors stopped `prepare`: the gate's decisions at the as-of
    date over the reports that could be read, with the units whose report files have errors
    (`problems`) set apart, so check says who would be held all the same. Reads the content again."""
    settings = resolve(config)
    content = load_content(
        settings.content_path, as_of, frozenset(settings.privacy_allow), None, settings.partial_counts_as_done
    )
    ignored: list[Problem] = []
    _links, surveys, _can_sign = _surveys(settings, content, ignored, [], cached=False)
    record = load_record(settings, ignored, load_public_key(settings, ignored))
    results = surveys.results(content.rounds, as_of)
    return forecast(content, decide(content, record, results, settings, as_of, batch=False), problems)


def _edit_problems(edits: dict[Key, Edit], batch: bool) -> list[Problem]:
    """A warning for each published report changed since; for a batch, an error for each changed
    beyond progress: only `gongshi revise` publishes that."""
    problems: list[Problem] = []
    for key, edit in sorted(edits.items()):
        log = ProblemLog(edit.source, problems)
        names = {"round": key[0], "unit": key[1]}
        if edit.diff.kind is Kind.REVISION and batch:
            log.error(None, "report.edited-batch", changes=edit.diff.revision_phrases, **names)
        elif edit.diff.kind is Kind.REVISION:  # the changes to correct or to publish with a reason
            log.warning(None, "report.edited", case="revision", changes=edit.diff.revision_phrases, **names)
        else:
            log.warning(None, "report.edited", case="progress", changes=edit.diff.phrases, **names)
    return problems


def _set_aside_broken(content: Content, problems: list[Problem]) -> dict[Key, tuple[Problem, ...]]:
    """Take every report file with errors out of `content` and its errors out of `problems`
    (for `gongshi serve --all`); errors anywhere else still stop the preview."""
    broken: dict[Key, list[Problem]] = {}
    for problem in problems:
        path = PurePosixPath(problem.path)
        if problem.is_error and path.suffix == ".md" and path.parent.parent.name == REPORTS_DIR:
            broken.setdefault((path.parent.name, path.stem), []).append(problem)
    if not broken:
        return {}
    problems[:] = [p for p in problems if not any(p in found for found in broken.values())]
    for key in broken:
        content.reports.pop(key, None)
        content.metrics.pop(key, None)
        content.mismatches.pop(key, None)
    return {key: tuple(found) for key, found in broken.items()}


def _fingerprint(
    config: Mapping[str, Any],
    settings: GongshiSettings,
    shown: Publication,
    links: SurveyLinks,
    banner: PreviewBanner | None,
) -> str:
    """Every page of a preview shows its banner: a changed banner changes every page."""
    found = fingerprint(config, settings, links)
    return digest(found, repr(banner)) if banner is not None else found


def _surveys(
    settings: GongshiSettings,
    content: Content,
    problems: list[Problem],
    errors: list[ConfigError],
    cached: bool,
) -> tuple[SurveyLinks, SurveyData, bool]:
    """Survey links, the exports' counts, and whether any round's link and export can carry a
    signature; a wrong survey setting goes to `errors`, and the exports are still read when
    they can be (a wrong link template does not stop the import)."""
    key = os.environ.get(settings.survey_key_env) or None
    own = unit_links(content.rounds, problems)
    try:
        links = survey_links(
            settings.survey_url, settings.survey_round_urls, settings.survey_hosts,
            settings.survey_signature_param, key, content.rounds, own,
        )  # fmt: skip
    except ConfigError as error:
        errors.append(error)
        links = unchecked_links({}, settings.survey_signature_param, key)  # signatures are still checked
    try:
        default = export_mapping(settings.survey_export)
    except ConfigError as error:
        errors.append(error)
        return links, SurveyData(), True  # the exports cannot be read without knowing their columns
    check_links_fit(content.rounds.values(), links, settings.qr_error_correction, problems)
    mappings = round_mappings(content.rounds, settings.survey_export, default, problems)
    can_sign = any(
        links.has_link(r) and (links.carries_code(r) or not m.signed_code)  # one-value platforms need {code}
        for r, m in mappings.items()
    )
    folder = settings.content_path / settings.survey_path
    cache = FileCache(settings.cache_path / "surveys" if cached else None)
    try:
        data = load_exports(
            folder, settings.content_path.parent, content.rounds, mappings, links, problems, cache,
            settings.survey_skip_limit,
        )  # fmt: skip
    finally:
        cache.close()
    return links, data, can_sign


def load_public_key(settings: GongshiSettings, problems: list[Problem]) -> PublicKey | None:
    """The office's public key (content/record-key.pub), if the portal signs its record."""
    path = settings.content_path / PUBLIC_KEY_FILE
    if not path.is_file():
        return None
    log = ProblemLog(f"{settings.content_path.name}/{PUBLIC_KEY_FILE}", problems)
    text = read_text(path, log)
    key = read_public_key(text) if text is not None else None
    if text is not None and key is None:
        log.error(1, "record.public-key")
    return key


def load_record(settings: GongshiSettings, problems: list[Problem], public_key: PublicKey | None) -> Record:
    path = settings.record_path
    if not path.exists():
        return Record()
    log = ProblemLog(settings.record_label, problems)
    text = read_text(path, log) if path.stat().st_size else ""
    if text is None:
        return Record()
    record = parse_record(text, log, public_key) if text.strip() else Record()
    if record is None:
        return Record()
    kept = settings.internal_path / settings.record_file
    if kept.is_file():
        kept_log = ProblemLog(str(kept), [])
        kept_text = read_text(kept, kept_log)
        previous = parse_record(kept_text, kept_log, public_key) if kept_text else None
        if previous is not None and not is_prefix(previous, record):
            log.error(
                None,
                "record.truncated",
                kept=str(kept),
                before=len(previous.entries),
                now=len(record.entries),
            )
    return record
