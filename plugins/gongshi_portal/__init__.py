"""Pelican adapter for Gongshi: writes the portal's pages from the core's Site.

Reports never enter Pelican as articles: the core reads, validates and
gates them, and only the public ones reach this generator. Pelican's own
article, page and static readers have nothing to read (see pelicanconf.py),
so its drafts folder, hidden pages and copied sources cannot leak a report.
The internal staff pack is written with a second writer into its own folder.

Pages are written with Pelican's writer, on every core when there are many
(the workers are forked, so each has this generator and its templates); a
page made under the same key by the last build is linked, not rendered.
"""

from __future__ import annotations

import json

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from gongshi.build.runner import RUNTIME_KEY, Runtime, prepare
from gongshi.infra.cache import digest
from gongshi.infra.parallel import fork_map
from gongshi.infra.staging import Stage, Written, written
from gongshi.rules.record import dumps
from gongshi.site.feeds import round_feed
from gongshi.site.filters import FILTERS
from gongshi.site.identity import identity_files
from gongshi.site.opendata import write_data_files
from gongshi.site.pages import data_page, public_output
from gongshi.site.staffpack import build_staff_pack, hold_report_json
from gongshi.site.urls import fragment_path
from gongshi.site.views import SEARCHED, Page
from gongshi.surveys.qr import cache_key


class PortalGenerator(Generator):
    """Writes every public page, then the internal pack, with the theme's templates."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.env.filters.update(FILTERS)
        self.runtime: Runtime | None = None

    def generate_context(self):
        runtime = self.settings.get(RUNTIME_KEY)
        if runtime is None:  # a plain `pelican` run: do what `gongshi build` does first
            runtime = prepare(self.settings, batch=False)
        self.runtime = runtime
        self.context["site"] = runtime.site

    def generate_output(self, writer):
        runtime = self.runtime
        stage = runtime.stage
        public = public_output(runtime.site)
        settings = runtime.settings
        package = {
            "name": settings.data_name,
            "license": settings.data_license,
            "contact": settings.data_contact,
        }
        base_key = digest(runtime.fingerprint, "data") if runtime.fingerprint else None
        data = write_data_files(
            runtime.site, stage, package, round_key=runtime.round_data_key, base_key=base_key
        )
        pages = [*public.pages, data_page(data)]
        self._write_pages(writer, stage, pages, runtime.progress)
        runtime.searched = [page.path for page in pages if page.template in SEARCHED]
        for path, url in public.codes:  # the PNG beside each page's inline code; none without runtime.codes
            key = digest("qr", cache_key(url, settings.qr_error_correction))
            if stage.reuse(path, key) is None:
                stage.write(path, runtime.codes(url).png, key)
        for path, rv in public.round_feeds:
            round_key = runtime.round_data_key(rv)
            key = round_key and digest(round_key, path)
            if stage.reuse(path, key) is None:
                stage.write(path, round_feed(runtime.site, rv), key)
        for path, data_bytes in public.files.items():  # batches feed, sitemap, robots.txt: exact bytes
            stage.write(path, data_bytes)
        for path, source in identity_files(settings).items():  # the office's badges and share image
            stage.write(path, source.read_bytes())
        if runtime.internal_stage is not None:
            self._write_internal(runtime.internal_stage)

    def _write_pages(self, writer, stage: Stage, pages: list[Page], progress=None) -> None:
        """Link the pages made under the same key last time; render the rest, on every core."""
        runtime = self.runtime
        todo = []
        for page in pages:
            key = runtime.page_key(page)
            if stage.reuse(page.path, key) is None:
                todo.append((page, key))
        runtime.pages_written += len(pages)
        runtime.pages_reused += len(pages) - len(todo)
        done = len(pages) - len(todo)

        def render(index: int) -> tuple[str, Written]:  # runs in a forked worker: only results go back
            return self._render(writer, stage, *todo[index])

        for path, made in fork_map(render, range(len(todo))):
            stage.add(path, made)
            done += 1
            if progress is not None:
                progress(done, len(pages))

    def _render(self, writer, stage: Stage, page: Page, key: str | None) -> tuple[str, Written]:
        target = stage.fresh(page.path)
        self._write(writer, page.path, page.template, page.values)
        return page.path, written(target, key or "")

    def _write(self, writer, path, template, values):
        writer.write_file(
            path,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=True,
            page_path=path,
            searched=template in SEARCHED,  # base.html marks the page's <main> for the search index
            **values,
        )

    def _write_internal(self, stage: Stage):
        runtime = self.runtime
        pack = build_staff_pack(runtime.content, runtime.publication)
        writer = Writer(str(stage.root), settings=self.settings)
        page = Page("index.html", "internal/hold-report.html", {"pack": pack, "runtime": runtime})
        stage.add(*self._render(writer, stage, page, runtime.page_key(page)))
        report = json.dumps(hold_report_json(pack), ensure_ascii=False, indent=2, sort_keys=True)
        stage.write("hold-report.json", (report + "\n").encode("utf-8"))
        content = runtime.content
        pages = []
        for round_posters in runtime.posters:
            sources = {p.unit_id: content.report(p.round.id, p.unit_id).source for p in round_posters.posters}
            values = {"round_posters": round_posters}
            pages.append(Page(round_posters.path, "internal/posters.html", values, tuple(sources.values())))
            pages += [
                Page(
                    poster.path,
                    "internal/posters.html",
                    dict(values, only=poster),
                    (sources[poster.unit_id],),
                )
                for poster in round_posters.posters
            ]
        if runtime.fragments:  # gongshi build --fragments: a report to paste into a CMS article
            pages += [
                Page(
                    fragment_path(v.round.id, v.report.unit_id),
                    "internal/fragment.html",
                    {"view": v},
                    (v.report.source,),
                )
                for v in runtime.site.reports
            ]
        self._write_pages(writer, stage, pages)
        stage.write(runtime.settings.record_file, dumps(runtime.record_kept).encode("utf-8"))


def get_generators(pelican):
    return PortalGenerator


def register():
    signals.get_generators.connect(get_generators)
