"""Everything the public output holds, as one plan: pages to render and files to write.

The plugin renders the pages and writes the files; the sitemap is made
from the same list, so it names every public page and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from . import urls
from .feeds import batches_feed, robots, round_feeds, sitemap
from .opendata import TABLES, DataFile, Encoder, write_data_files
from .site import Page, Site


@dataclass(frozen=True)
class PublicOutput:
    pages: list[Page]
    files: dict[str, bytes]  # path relative to the site root → exact bytes
    data: list[DataFile]  # already written


def public_output(site: Site, root: Path, encode: Encoder | None = None) -> PublicOutput:
    """Write the open-data files under root (streamed), and plan the rest."""
    settings = site.settings
    package = {"name": settings.data_name, "license": settings.data_license, "contact": settings.data_contact}
    data = write_data_files(site, root, package, encode)
    pages = [*site.pages(), Page(urls.DATA, "data.html", {"data_files": data, "tables": TABLES})]
    files: dict[str, bytes] = {}
    for view in site.reports:
        if view.survey is not None and view.survey.qr is not None and view.survey.png_path:
            files[view.survey.png_path] = view.survey.qr.png
    files[urls.BATCHES_FEED] = batches_feed(site)
    files.update(round_feeds(site))
    if settings.site_url:
        files[urls.SITEMAP] = sitemap(settings.site_url, [p.path for p in pages])
    files[urls.ROBOTS] = robots(settings.site_url)
    return PublicOutput(pages, files, data)
