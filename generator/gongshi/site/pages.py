"""Everything the public output holds, as one plan: pages to render and files to write.

The plugin renders the pages and writes the files; the sitemap is made
from the same list, so it names every public page and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from gongshi.site import urls
from gongshi.site.feeds import batches_feed, robots, sitemap
from gongshi.site.opendata import TABLES, DataFile
from gongshi.site.views import WITHDRAWN, Page, RoundView, Site


@dataclass(frozen=True)
class PublicOutput:
    pages: list[Page]  # the data page comes on top, once the data files are written
    files: dict[str, bytes]  # path relative to the site root → exact bytes, made on every build
    codes: list[tuple[str, str]]  # (PNG path, survey link) of every public unit with a survey
    round_feeds: list[tuple[str, RoundView]]  # made only when their round changed (see feeds.round_feed)


def public_output(site: Site) -> PublicOutput:
    settings = site.settings
    pages = site.pages()
    files: dict[str, bytes] = {urls.BATCHES_FEED: batches_feed(site)}
    if settings.site_url:
        # a withdrawal is a notice, not a page to find; the preview's list is for staff
        listed = [p.path for p in pages if p.template != WITHDRAWN and p.path != urls.PREVIEW]
        files[urls.SITEMAP] = sitemap(settings.site_url, [*listed, urls.DATA])
    files[urls.ROBOTS] = robots(settings.site_url)
    codes = [
        (view.survey.png_path, view.survey.url)
        for view in site.reports
        if view.survey is not None and view.survey.png_path and view.survey.url
    ]
    feeds = [(urls.round_feed(rv.round.id), rv) for rv in site.rounds]
    return PublicOutput(pages, files, codes, feeds)


def data_page(files: list[DataFile]) -> Page:
    return Page(urls.DATA, "data.html", {"data_files": files, "tables": TABLES})
