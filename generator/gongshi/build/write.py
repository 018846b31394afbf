"""Writing a prepared build into staging folders: the public site, then the staff pack.

Every file is made under a key (build/keys.py); one whose key is unchanged
is linked from the last build instead. Pages are drawn by a renderer
(build/render.py), on every core when there are many. What was written is
returned as a value; the prepared build is only read.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from gongshi.build import manifest
from gongshi.build.keys import Keys
from gongshi.build.prepare import PreparedBuild
from gongshi.build.render import Renderer
from gongshi.content.archive import pinned_bytes
from gongshi.infra.cache import digest
from gongshi.infra.parallel import parallel_map
from gongshi.infra.staging import Stage, Written, written
from gongshi.rules.record import Record, dumps
from gongshi.site.feeds import round_feed
from gongshi.site.identity import identity_files
from gongshi.site.opendata import write_data_files
from gongshi.site.pages import data_page, public_output
from gongshi.site.staffpack import build_staff_pack, hold_report_json
from gongshi.site.urls import fragment_path
from gongshi.site.views import SEARCHED, Page, date_states
from gongshi.surveys.qr import cache_key

Progress = Callable[[int, int], None]
# (pages done, pages in all), for a progress bar


@dataclass(frozen=True)
class WriteResult:
    """What writing one folder did."""

    pages: int  # pages in the folder, made or linked
    pages_reused: int  # linked from the last build
    searched: tuple[str, ...] = ()  # the public pages search indexes


def write_public(
    prepared: PreparedBuild,
    renderer: Renderer,
    stage: Stage,
    record: Record,
    theme: Sequence[tuple[str, Path]] = (),
    progress: Progress | None = None,
    quick: bool = False,
) -> WriteResult:
    """Every public page and file: pages, open data, QR images, feeds, sitemap, theme files, and the
    publication record as the record file holds it, with the office's public key, so anyone can
    check the record (`gongshi verify`).

    `quick`: a preview showing an edit at once; the open-data files for all rounds may be left as
    the last build made them (`write_data_files`), for the next build to catch up."""
    site, settings = prepared.site, prepared.settings
    keys = Keys(prepared.fingerprint, prepared.content, prepared.publication.record)
    public = public_output(site)
    package = {"name": settings.data_name, "license": settings.data_license, "contact": settings.data_contact}
    data = write_data_files(site, stage, package, keys.round_data, keys.data(), later=quick)
    pages = [*public.pages, data_page(data)]
    made = _write_pages(renderer, stage, keys, pages, progress)
    for path, url in public.codes:  # the PNG beside each page's inline code
        key = digest("qr", cache_key(url, settings.qr_error_correction))
        if stage.reuse(path, key) is None and prepared.codes is not None:
            stage.write(path, prepared.codes(url).png, key)
    for path, view in public.round_feeds:
        round_key = keys.round_data(view)
        key = round_key and digest(round_key, path)
        if stage.reuse(path, key) is None:
            stage.write(path, round_feed(site, view), key)
    _write_archive(prepared, stage)
    for path, data_bytes in public.files.items():  # batches feed, sitemap, robots.txt: exact bytes
        stage.write(path, data_bytes)
    if settings.show_deferred_count and record.entries:  # the record holds each batch's deferred count
        stage.write(manifest.RECORD, dumps(record).encode("utf-8"))
    if prepared.public_key is not None:
        stage.write(manifest.KEY, (prepared.public_key.text + "\n").encode("ascii"))
    for path, source in theme:
        stage.write(path, source.read_bytes())
    for path, source in identity_files(settings).items():  # the office's badges and share image
        stage.write(path, source.read_bytes())
    searched = tuple(page.path for page in pages if page.template in SEARCHED)
    return WriteResult(made.pages, made.pages_reused, searched)


def _write_archive(prepared: PreparedBuild, stage: Stage) -> None:
    """Every version of every public report, as the record pins it: never a withdrawn unit's."""
    for view in prepared.site.reports:
        key = (view.round.id, view.report.unit_id)
        for version in view.versions:
            if version.archive is None or stage.reuse(version.archive, digest("archive", version.archive)):
                continue
            data = pinned_bytes(prepared.content, key, version.version.sha256)
            if data is not None:  # check_archive has said why it is not
                stage.write(version.archive, data, digest("archive", version.archive))


def write_internal(
    prepared: PreparedBuild, renderer: Renderer, stage: Stage, record_kept: Record, fragments: bool = False
) -> WriteResult:
    """The staff pack: the hold report (HTML and JSON), the posters, a copy of the record, and with
    `fragments` each public report as a fragment to paste into a CMS article (`build --fragments`).

    `record_kept` is the record as the record file holds it after this build: the
    next build checks the record file against this copy.
    """
    keys = Keys(prepared.fingerprint, prepared.content, prepared.publication.record)
    pack = build_staff_pack(prepared.content, prepared.publication)
    index = Page("index.html", "internal/hold-report.html", {"pack": pack, "build": prepared})
    pages = [index]
    for round_posters in prepared.posters:
        sources = {
            p.unit_id: prepared.content.reports[(p.round.id, p.unit_id)].source for p in round_posters.posters
        }
        values = {"round_posters": round_posters}
        pages.append(Page(round_posters.path, "internal/posters.html", values, tuple(sources.values())))
        pages += [
            Page(poster.path, "internal/posters.html", dict(values, only=poster), (sources[poster.unit_id],))
            for poster in round_posters.posters
        ]
    if fragments:
        pages += [
            Page(
                fragment_path(v.round.id, v.report.unit_id),
                "internal/fragment.html",
                {"view": v},
                (v.report.source,),
                date_states([v]),
            )
            for v in prepared.site.reports
        ]
    made = _write_pages(renderer, stage, keys, pages)
    report = json.dumps(hold_report_json(pack), ensure_ascii=False, indent=2, sort_keys=True)
    stage.write("hold-report.json", (report + "\n").encode("utf-8"))
    stage.write(prepared.settings.record_file, dumps(record_kept).encode("utf-8"))
    return made


def _write_pages(
    renderer: Renderer, stage: Stage, keys: Keys, pages: list[Page], progress: Progress | None = None
) -> WriteResult:
    """Link the pages made under the same key last time; render the rest, on every core."""
    todo: list[tuple[Page, str | None]] = []
    for page in pages:
        key = keys.page(page)
        if stage.reuse(page.path, key) is None:
            todo.append((page, key))
    done = len(pages) - len(todo)

    def render(index: int) -> tuple[str, Written]:  # may run in a forked worker: only results go back
        page, key = todo[index]
        target = stage.fresh(page.path)
        data = renderer.render(page)
        target.write_bytes(data)
        return page.path, written(target, key or "", data)

    for path, made in parallel_map(render, range(len(todo))):
        stage.add(path, made)
        done += 1
        if progress is not None:
            progress(done, len(pages))
    return WriteResult(len(pages), len(pages) - len(todo))
