"""One build, start to finish: settings → prepare → render → search → manifest → swap into place.

Everything is read, checked and decided before a byte is written (build/prepare.py).
Pages are rendered into staging folders (build/write.py, with Pelican's templates
through build/pelican_adapter.py), and the public output and the staff pack
are replaced only after a clean run, so a failed build leaves the site as it was.
"""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, TypeVar

from gongshi.build.folders import check_output_folders
from gongshi.build.lock import one_build_at_a_time
from gongshi.build.manifest import MANIFEST, read_manifest, write_manifest
from gongshi.build.pelican_adapter import PelicanRenderer, load_settings, logged_problems, theme_files
from gongshi.build.prepare import PreparedBuild, prepare
from gongshi.build.render import Renderer
from gongshi.build.search import SearchIndex, index_site
from gongshi.build.withdrawal import SiteUpdate, Withdrawn, append_the_withdrawal, published_tree
from gongshi.build.write import WriteResult, write_internal, write_public
from gongshi.config.settings import GongshiSettings, resolve
from gongshi.content.archive import archive_label, working_bytes, write_archive
from gongshi.content.dates import today
from gongshi.content.textfile import control_characters
from gongshi.infra import atomic
from gongshi.infra.cache import file_sha256
from gongshi.infra.staging import OutputState, Stage
from gongshi.problems.errors import BuildError, ConfigError, ContentError, GongshiError, Problem, ProblemLog
from gongshi.rules.record import Batch, PublishedUnit, Record, append_revision, dumps
from gongshi.rules.signing import PUBLIC_KEY_FILE, Signer, read_public_key, signer_from_environment
from gongshi.rules.versions import Kind
from gongshi.site.preview import PreviewMode
from gongshi.site.summary import BuildSummary, summarize

T = TypeVar("T")


@dataclass(frozen=True)
class BuildResult:
    prepared: PreparedBuild
    public: WriteResult
    internal: WriteResult
    search: SearchIndex
    output_path: Path
    files_written: int
    seconds: float
    timings: dict[str, float] = field(default_factory=dict)  # seconds per stage, for the benchmark

    @property
    def search_reused(self) -> bool:
        return self.search.reused

    @property
    def pages(self) -> int:
        """Pages of the site and the staff pack, made or linked."""
        return self.public.pages + self.internal.pages

    @property
    def pages_reused(self) -> int:
        return self.public.pages_reused + self.internal.pages_reused

    def summary(self) -> BuildSummary:
        prepared = self.prepared
        found = summarize(prepared.content, prepared.publication, len(prepared.warnings))
        return replace(
            found,
            pages=self.pages,
            pages_reused=self.pages_reused,
            files=self.files_written,
            qr_made=prepared.qr_made,
            qr_reused=prepared.qr_reused,
            seconds=self.seconds,
            output=str(self.output_path),
            internal=str(prepared.settings.internal_path),
        )


def as_of_or_today(as_of: dt.date | None) -> dt.date:
    """The one place a command's as-of date is settled: the date given, or today in Beijing."""
    return as_of if as_of is not None else today()


def check(config: Path, as_of: dt.date | None = None) -> PreparedBuild:
    """Validate everything a build would, and decide, without drawing or writing anything."""
    return prepare(load_settings(config), as_of_or_today(as_of), batch=False, make_codes=False)


def build(
    config: Path,
    as_of: dt.date | None = None,
    batch: bool = False,
    output: Path | None = None,
    internal: Path | None = None,
    progress: Callable[[int, int], None] | None = None,
    write_record: bool = True,
    renderer: Callable[[PreparedBuild], Renderer] | None = None,
    indexer: Callable[[Stage, tuple[str, ...], dict[str, int]], SearchIndex] = index_site,
    future_date: bool = False,
    record_reset: str | None = None,
    rounds: frozenset[str] = frozenset(),
    preview: PreviewMode | None = None,
    fragments: bool = False,
    quick: bool = False,
    memo: dict[str, Any] | None = None,
) -> BuildResult:
    """Build the site; with `write_record=False` a batch is shown but not recorded (for previews).

    `renderer` makes the renderer for a prepared build (default: the theme's templates through
    Pelican) and `indexer` indexes the searched pages (default: Pagefind); tests pass
    build.render.FakeRenderer and a stand-in indexer to build without Pelican or Pagefind.
    `future_date`: a batch may be recorded with an as-of date later than today.
    `record_reset`: why the record may replace a site whose last entry it does not hold.
    `rounds`: the next batch takes units of these rounds only (`--round`); empty: of every round.
    `preview`: a `gongshi serve` preview (site/preview.py); its record is never written.
    `fragments`: also write each public report as a fragment for a CMS into the staff pack.
    `quick`: a preview showing an edit at once: a changed search shard is left as the last build
    indexed it (`BuildResult.search.pending`), so are the open-data files for all rounds, and the
    staff pack is not written; the next build without `quick` catches up.
    `memo`: reports' facts already read, kept between the builds of one preview (infra/cache.py).
    """
    if preview is not None:
        write_record = False
    started = time.perf_counter()
    overrides: dict[str, str] = {}
    if output is not None:
        overrides["OUTPUT_PATH"] = str(output.resolve())
    if internal is not None:
        overrides["GONGSHI_INTERNAL_PATH"] = str(internal.resolve())
    config_values = load_settings(config, overrides)
    settings = resolve(config_values)
    check_output_folders(config, config_values, settings, output_given=output is not None)
    day = as_of_or_today(as_of)
    if batch and write_record and not future_date:
        refuse_a_future_date(day)
    signer = _signer(settings) if batch and write_record else None  # before anything is read or written
    if quick and preview is None:
        raise ValueError("a quick build is a preview's")
    run = _Run(
        batch, write_record, progress, renderer, indexer, signer, record_reset, started, rounds, preview,
        fragments, quick, memo,
    )  # fmt: skip
    with one_build_at_a_time(settings.cache_path):  # from reading the record to the swap
        try:
            return _build(config_values, day, run)
        except OSError as exc:  # a read-only folder, a full disk, an output path under a file
            raise _filesystem_error(exc, settings.output_path) from exc


def _filesystem_error(exc: OSError, where: Path) -> BuildError:
    """A folder that cannot be written, a full disk: exit 3 naming the path, never a traceback."""
    return BuildError.of("build.filesystem", path=str(exc.filename or where), error=exc.strerror or str(exc))


def refuse_a_future_date(as_of: dt.date) -> None:
    """A date recorded by mistake (2062 for 2026) would fail every build until that day."""
    if as_of > today():
        raise ConfigError.of("as-of.future", as_of=as_of, today=today())


@dataclass(frozen=True)
class _Run:
    """How one build runs, beside its settings and date."""

    batch: bool
    write_record: bool
    progress: Callable[[int, int], None] | None
    renderer: Callable[[PreparedBuild], Renderer] | None
    indexer: Callable[[Stage, tuple[str, ...], dict[str, int]], SearchIndex]
    signer: Signer | None
    record_reset: str | None
    started: float
    rounds: frozenset[str] = frozenset()
    preview: PreviewMode | None = None
    fragments: bool = False
    quick: bool = False
    memo: dict[str, Any] | None = None


def _signer(settings: GongshiSettings) -> Signer | None:
    """The office's key, when the portal signs its record (a broken key file is prepare's to say)."""
    path = settings.content_path / PUBLIC_KEY_FILE
    public = read_public_key(path.read_text(encoding="utf-8", errors="replace")) if path.is_file() else None
    return signer_from_environment(public) if public is not None else None


def _build(config_values: dict[str, Any], as_of: dt.date, run: _Run) -> BuildResult:
    batch, write_record, progress, renderer, indexer = (
        run.batch, run.write_record, run.progress, run.renderer, run.indexer
    )  # fmt: skip
    started = run.started
    prepared = prepare(
        config_values,
        as_of,
        batch=batch,
        signer=run.signer,
        rounds=run.rounds,
        preview=run.preview,
        memo=run.memo,
    )
    timings = {"prepare": time.perf_counter() - started, "qr": prepared.qr_seconds}
    settings = prepared.settings
    target, pack_folder = settings.output_path, settings.internal_path
    for folder in (target, pack_folder):
        atomic.remove_stale_staging(folder)
    cache = settings.cache_path if prepared.fingerprint else None
    states = (OutputState(cache, target, run.memo), OutputState(cache, pack_folder, run.memo))
    stage = Stage(atomic.staging_dir(target), target, states[0].load())
    pack = Stage(atomic.staging_dir(pack_folder), pack_folder, states[1].load())
    publication = prepared.publication
    record_kept = publication.record if write_record else prepared.record_before
    resets = _check_site_head(target, record_kept, run.record_reset, as_of, settings.record_label)
    try:
        with _timed(timings, "render"), logged_problems() as logged:
            try:
                draw = (renderer or _theme_renderer)(prepared)
                theme = list(theme_files(config_values)) if renderer is None else []
                public = write_public(prepared, draw, stage, record_kept, theme, progress, run.quick)
                internal_made = (
                    WriteResult(0, 0)
                    if run.quick
                    else write_internal(prepared, draw, pack, record_kept, run.fragments)
                )
            except GongshiError:
                raise
            except Exception as exc:  # a template or theme error: the site is left as it was
                raise BuildError.of("build.pelican", error=str(exc)) from exc
        if logged:
            raise BuildError.of("build.pelican-log", problems="\n  ".join(logged))
        with _timed(timings, "search"):  # the public output only: held units are never in it
            weights = {r.id: len(r.units) for r in prepared.content.rounds.values()}
            search = (
                indexer(stage, public.searched, weights, later=True)  # type: ignore[call-arg]
                if run.quick
                else indexer(stage, public.searched, weights)
            )
        files = stage.complete()
        hashes = {path: made.sha256 for path, made in files.items()}
        record = publication.record
        kept = (
            record_kept  # a preview's next batch is not recorded: neither the manifest nor the site claims it
        )
        write_manifest(stage.root, prepared.as_of, len(kept.batches) or None, kept.head, hashes, resets)
        if publication.batch_written and write_record:
            _archive_batch(prepared, record.batches[-1])  # before the record that pins them
            atomic.write_file_atomically(settings.record_path, dumps(record))
        pack_files = pack.complete()
        atomic.swap_in(stage.root, target, remove_later=run.quick)
        states[0].save(files)
        if not run.quick:  # the pack a quick preview skipped stays as the last full build left it
            atomic.swap_in(pack.root, pack_folder)
            states[1].save(pack_files)
    finally:
        prepared.close()
        for leftover in (stage.root, pack.root):
            if leftover.exists():
                shutil.rmtree(leftover, ignore_errors=True)
    seconds = time.perf_counter() - started
    return BuildResult(prepared, public, internal_made, search, target, len(files) + 1, seconds, timings)


def _archive_batch(prepared: PreparedBuild, batch: Batch) -> None:
    """Keep the bytes of every report the batch pins, as they were when the build read them."""
    for unit in (*batch.published, *batch.updated, *batch.pinned):
        if not unit.sha256:
            continue
        data = working_bytes(prepared.content, unit.key)
        if data is None or file_sha256(data) != unit.sha256:  # edited while the build ran
            raise BuildError.of("build.changed", path=prepared.content.reports[unit.key].source)
        write_archive(prepared.settings.content_path, unit.key, data)


def _check_site_head(
    target: Path, record: Record, reset: str | None, as_of: dt.date, label: str
) -> tuple[dict[str, str], ...]:
    """A site may only be replaced by a build whose record holds the site's last entry: a record cut
    short or rewritten would silently unpublish. Returns the resets the site's manifest keeps."""
    previous = read_manifest(target)
    resets = tuple(previous.get("record_resets") or ())
    head = previous.get("record_head") or ""
    if not head or head in {entry.hash for entry in record.entries}:
        return resets
    if reset is None or not reset.strip():
        problems: list[Problem] = []
        ProblemLog(label, problems).error(None, "record.behind-site", head=head[:12], site=str(target))
        raise ContentError(problems)
    return (*resets, {"date": as_of.isoformat(), "previous_head": head, "reason": reset.strip()})


def _theme_renderer(prepared: PreparedBuild) -> Renderer:
    compiled = prepared.settings.cache_path / "templates" if prepared.fingerprint else None
    return PelicanRenderer(prepared.config, {"site": prepared.site}, compiled)


@contextmanager
def _timed(timings: dict[str, float], stage: str) -> Iterator[None]:
    started = time.perf_counter()
    try:
        yield
    finally:
        timings[stage] = time.perf_counter() - started


def withdraw(
    config: Path,
    round_id: str,
    unit_id: str,
    reason: str,
    as_of: dt.date | None = None,
    future_date: bool = False,
) -> Withdrawn:
    """Append a withdrawal (撤回) of a published report to the record, with its reason, then take the
    report off the deployed site at once (build/withdrawal.py): by a full build, or when the content
    does not build, from the record and the archive alone."""

    def append(values: dict[str, Any], day: dt.date, signer: Signer | None) -> Withdrawn:
        record = append_the_withdrawal(values, day, round_id, unit_id, reason, signer)
        return _take_down(config, values, day, record)

    return _on_the_record(config, as_of, future_date, append)


def _take_down(config: Path, values: dict[str, Any], as_of: dt.date, record: Record) -> Withdrawn:
    """Rebuild the deployed site without the withdrawn report; the withdrawal is recorded already."""
    settings = resolve(values)
    output = settings.output_path
    if not (output / MANIFEST).is_file():
        return Withdrawn(record, SiteUpdate.NO_SITE, output)
    run = _Run(False, True, None, None, index_site, None, None, time.perf_counter())
    try:
        _build(values, as_of, run)
        return Withdrawn(record, SiteUpdate.REBUILT, output)
    except ContentError as exc:  # the content does not build: the record and the archive still do
        stopped = tuple(exc.problems)
    except GongshiError as exc:
        return Withdrawn(record, SiteUpdate.FAILED, output, error=exc)
    except OSError as exc:
        return Withdrawn(record, SiteUpdate.FAILED, output, error=_filesystem_error(exc, output))
    with tempfile.TemporaryDirectory(prefix="gongshi-withdraw-") as scratch:
        try:
            content = published_tree(settings, record, Path(scratch))
            overrides = _beside(settings, content, Path(scratch) / "internal")
            _build(load_settings(config, overrides), as_of, replace(run, started=time.perf_counter()))
        except GongshiError as exc:
            return Withdrawn(record, SiteUpdate.FAILED, output, stopped, exc)
        except OSError as exc:
            return Withdrawn(record, SiteUpdate.FAILED, output, stopped, _filesystem_error(exc, output))
    return Withdrawn(record, SiteUpdate.FROM_RECORD, output, stopped)


def _beside(settings: GongshiSettings, content: Path, pack: Path) -> dict[str, str]:
    """Settings that build the real site from another content folder: the same output, cache and
    images (each relative to the project, which would otherwise move with the content folder);
    the staff pack into `pack`, thrown away (it waits for a full build)."""
    found = {"PATH": str(content), "OUTPUT_PATH": str(settings.output_path)}
    found |= {"GONGSHI_CACHE_PATH": str(settings.cache_path), "GONGSHI_INTERNAL_PATH": str(pack)}
    for name in ("police_badge", "gov_badge", "share_image"):
        if (path := getattr(settings, name)) is not None:
            found[f"GONGSHI_{name.upper()}"] = str(path)
    return found


def _on_the_record(
    config: Path,
    as_of: dt.date | None,
    future_date: bool,
    append: Callable[[dict[str, Any], dt.date, Signer | None], T],
) -> T:
    """What every command that appends to the record does first: settings, safe folders, a true date,
    the office's key when the portal signs, and the project's lock while it reads and writes."""
    config_values = load_settings(config)
    settings = resolve(config_values)
    check_output_folders(config, config_values, settings, output_given=False)  # the lock goes in the cache
    day = as_of_or_today(as_of)
    if not future_date:
        refuse_a_future_date(day)
    signer = _signer(settings)
    with one_build_at_a_time(settings.cache_path):
        return append(config_values, day, signer)


def revise(
    config: Path,
    round_id: str,
    unit_id: str,
    reason: str,
    as_of: dt.date | None = None,
    future_date: bool = False,
) -> tuple[Record, str]:
    """Publish a published report's working copy as a revision (修订), with its reason; returns the
    record and the archived file's label. Takes effect at the next build."""
    return _on_the_record(
        config,
        as_of,
        future_date,
        lambda values, day, signer: _revise(values, day, round_id, unit_id, reason, signer),
    )


def _revise(
    config_values: dict[str, Any],
    as_of: dt.date,
    round_id: str,
    unit_id: str,
    reason: str,
    signer: Signer | None,
) -> tuple[Record, str]:
    key = (round_id, unit_id)
    prepared = prepare(config_values, as_of, batch=False, make_codes=False, revising=key)
    record = prepared.record_before
    if key not in record.public_keys():
        raise ConfigError.of("revise.not-published", round=round_id, unit=unit_id)
    if not reason.strip():
        raise ConfigError.of("revise.no-reason")
    for _line, chars in control_characters(reason)[:1]:  # shown publicly, and kept in the record
        raise ConfigError.of("revise.control", chars=chars)
    content = prepared.content
    data = working_bytes(content, key)
    source = content.reports[key].source
    if data is None or file_sha256(data) == record.pin(key):
        raise ConfigError.of("revise.unchanged", round=round_id, unit=unit_id, path=source)
    edit = prepared.publication.edits.get(key)
    changes = edit.diff.texts if edit is not None and edit.diff.kind is not Kind.SAME else ()
    name = content.rounds[round_id].unit(unit_id).name  # type: ignore[union-attr]  # public: listed
    unit = PublishedUnit(round_id, unit_id, name, file_sha256(data))
    record = append_revision(record, prepared.as_of, unit, reason.strip(), changes).signed(signer)
    write_archive(prepared.settings.content_path, key, data)
    atomic.write_file_atomically(prepared.settings.record_path, dumps(record))
    return record, archive_label(content, key, unit.sha256)
