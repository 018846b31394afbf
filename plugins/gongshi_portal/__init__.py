"""Pelican adapter for Gongshi: writes the portal's pages from the core's Site.

Reports never enter Pelican as articles: the core reads, validates and
gates them, and only the public ones reach this generator. Pelican's own
article, page and static readers have nothing to read (see pelicanconf.py),
so its drafts folder, hidden pages and copied sources cannot leak a report.
The internal staff pack is written with a second writer into its own folder.
"""

from __future__ import annotations

import json
from pathlib import Path

from pelican import signals
from pelican.generators import Generator
from pelican.writers import Writer

from gongshi.formatting import FILTERS
from gongshi.public import public_output
from gongshi.record import dumps
from gongshi.runner import RUNTIME_KEY, Runtime, prepare
from gongshi.site import Page
from gongshi.staffpack import build_staff_pack, hold_report_json


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
        root = Path(self.output_path)
        public = public_output(self.runtime.site, root, self.runtime.encode_rows)
        pages = public.pages
        for done, page in enumerate(pages, start=1):
            self._write_page(writer, root, page)
            if self.runtime.progress is not None:
                self.runtime.progress(done, len(pages))
        for path, data in public.files.items():  # open data, feeds, sitemap, QR PNGs: exact bytes
            target = root / path
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        if self.runtime.internal_staging is not None:
            self._write_internal()

    def _write_page(self, writer, root, page):
        """Render a page, or reuse the bytes rendered from exactly the same inputs last time."""
        self.runtime.pages_written += 1  # public pages and internal posters alike
        key = self.runtime.page_key(page)
        cache = self.runtime.page_cache
        cached = cache.get_bytes(key) if key else None
        target = root / page.path
        if cached is not None:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(cached)
            self.runtime.pages_reused += 1
            return
        self._write(writer, page.path, page.template, page.values)
        if key:
            cache.put_bytes(key, target.read_bytes())

    def _write(self, writer, path, template, values):
        writer.write_file(
            path,
            self.get_template(template.removesuffix(".html")),
            self.context,
            relative_urls=True,
            page_path=path,
            **values,
        )

    def _write_internal(self):
        folder = self.runtime.internal_staging
        pack = build_staff_pack(self.runtime.content, self.runtime.publication)
        writer = Writer(str(folder), settings=self.settings)
        self._write(
            writer,
            "index.html",
            "internal/hold-report.html",
            {"pack": pack, "runtime": self.runtime},
        )
        report = json.dumps(hold_report_json(pack), ensure_ascii=False, indent=2, sort_keys=True)
        (folder / "hold-report.json").write_text(report + "\n", encoding="utf-8")
        content = self.runtime.content
        for round_posters in self.runtime.posters:
            sources = {p.unit_id: content.report(p.round.id, p.unit_id).source for p in round_posters.posters}
            values = {"round_posters": round_posters}
            whole = Page(round_posters.path, "internal/posters.html", values, tuple(sources.values()))
            self._write_page(writer, folder, whole)
            for poster in round_posters.posters:
                one = Page(
                    poster.path,
                    "internal/posters.html",
                    dict(values, only=poster),
                    (sources[poster.unit_id],),
                )
                self._write_page(writer, folder, one)
        record = self.runtime.record_kept
        (folder / self.runtime.settings.record_file).write_text(dumps(record), encoding="utf-8")


def get_generators(pelican):
    return PortalGenerator


def register():
    signals.get_generators.connect(get_generators)
