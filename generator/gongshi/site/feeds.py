"""Atom feeds, sitemap.xml and robots.txt, made from the public site alone.

Feed dates are batch dates, never the time of the build: a rebuild after a
typo fix must not tell every reader that something new was published. A feed
with no entry yet (no batch published) is dated the as-of date.
"""

from __future__ import annotations

import datetime as dt
import io
from typing import Any
from xml.sax.saxutils import escape

from feedgenerator import Atom1Feed

from gongshi.content.dates import BEIJING
from gongshi.content.metrics import format_percent
from gongshi.site import urls
from gongshi.site.history import KIND_LABELS
from gongshi.site.views import RoundView, Site


def _moment(day: dt.date) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, tzinfo=BEIJING)


class _Feed(Atom1Feed):
    """An Atom feed that never reads the clock: feedgenerator dates a feed with no entry `now()`."""

    def __init__(self, *, empty_date: dt.date, **fields: Any):
        super().__init__(**fields)
        self.empty_date = empty_date

    def latest_post_date(self) -> dt.datetime:
        return super().latest_post_date() if self.items else _moment(self.empty_date)


class _Links:
    """Absolute links when the site's address is known; else relative to the feed's own folder."""

    def __init__(self, site_url: str | None, feed_path: str):
        self.site_url = site_url
        self.up = "../" * feed_path.count("/")

    def __call__(self, path: str) -> str:
        return f"{self.site_url}/{path}" if self.site_url else f"{self.up}{path}"


def _tag(site: Site, what: str) -> str:
    """A stable entry id (RFC 4151 tag URI) that does not change when the site moves."""
    authority = (site.settings.site_url or "gongshi.invalid").split("://", 1)[-1].split("/", 1)[0]
    return f"tag:{authority},2025:{what}"


def _write(feed: _Feed) -> bytes:
    buffer = io.StringIO()
    feed.write(buffer, "utf-8")
    return buffer.getvalue().encode("utf-8")


def batches_feed(site: Site) -> bytes:
    """One entry per batch (listing its units) and per withdrawal."""
    link = _Links(site.settings.site_url, urls.BATCHES_FEED)
    feed = _Feed(
        empty_date=site.as_of,
        title=f"{site.settings.site_name} · 公示批次",
        link=link(urls.BATCHES),
        description="每一批公示的单位；撤回公示也在此告知。",
        language="zh-CN",
        feed_url=link(urls.BATCHES_FEED),
        feed_guid=_tag(site, "batches"),
        author_name=site.settings.publisher,
    )
    for bv in site.batches:
        batch = bv.batch
        listed = "".join(
            f'<li><a href="{escape(link(e.view.url))}">{escape(e.unit.unit_name)}</a>（{escape(e.view.round.name)}）</li>'
            if e.view is not None
            else f"<li>{escape(e.unit.unit_name)}（已撤回）</li>"
            for e in bv.entries
        )
        updated = "".join(
            f'<li><a href="{escape(link(e.view.url))}">{escape(e.unit.unit_name)}</a>（{escape(e.view.round.name)}）'
            f"{'：' + escape('；'.join(e.unit.changes)) if e.unit.changes else ''}</li>"
            for e in bv.updates
            if e.view is not None  # a withdrawn unit's progress is no longer public
        )
        deferred = f"<p>延后公示 {batch.deferred} 个单位。</p>" if site.settings.show_deferred_count else ""
        updates = f"，进展更新 {len(bv.updates)} 个单位" if bv.updates else ""
        said = f"<p>{batch.date.isoformat()} 公示：</p><ul>{listed}</ul>" if listed else ""
        said += f"<p>进展更新：</p><ul>{updated}</ul>" if updated else ""
        feed.add_item(
            title=f"第{batch.number}批公示：{len(batch.published)} 个单位{updates}",
            link=link(bv.url),
            description=f"{said}{deferred}",
            unique_id=_tag(site, f"batch-{batch.number}"),
            updateddate=_moment(batch.date),
            pubdate=_moment(batch.date),
        )
    public = {(v.round.id, v.report.unit_id) for v in site.reports}
    for r in site.revisions:  # a correction is said publicly, as a withdrawal is
        shown = urls.report_page(r.round_id, r.unit_id) if r.key in public else urls.BATCHES
        feed.add_item(
            title=f"修订公示：{r.unit_name}",
            link=link(shown),
            description=f"<p>{r.date.isoformat()} 修订 {escape(r.unit_name)}（{escape(r.round_id)}）已公示的整改情况。原因：{escape(r.reason)}</p>",
            unique_id=_tag(site, f"revision-{r.hash[:16]}"),
            updateddate=_moment(r.date),
            pubdate=_moment(r.date),
        )
    for w in site.withdrawals:
        feed.add_item(
            title=f"撤回公示：{w.unit_name}",
            link=link(urls.BATCHES),
            description=f"<p>{w.date.isoformat()} 撤回 {escape(w.unit_name)}（{escape(w.round_id)}）的公示。原因：{escape(w.reason)}</p>",
            unique_id=_tag(site, f"withdrawal-{w.round_id}-{w.unit_id}-{w.date.isoformat()}"),
            updateddate=_moment(w.date),
            pubdate=_moment(w.date),
        )
    return _write(feed)


def round_feed(site: Site, rv: RoundView) -> bytes:
    """One round's feed; like its open data, it changes only with its reports and what all pages show."""
    path = urls.round_feed(rv.round.id)
    link = _Links(site.settings.site_url, path)
    gone = [w.withdrawal.date for w in rv.withdrawn]
    feed = _Feed(  # keyed like the round's open data: no date here that its key does not hold
        empty_date=max(gone, default=rv.round.feedback_date),
        title=f"{rv.round.name} · 整改情况公示",
        link=link(rv.url),
        description=f"{rv.round.name}各单位整改情况的公示。",
        language="zh-CN",
        feed_url=link(path),
        feed_guid=_tag(site, f"round-{rv.round.id}"),
        author_name=site.settings.publisher,
    )
    for view in sorted(
        rv.reports, key=lambda v: (v.first_batch.number if v.first_batch else 0, v.report.unit_id)
    ):
        day = view.first_batch.date if view.first_batch else view.report.review.date
        latest = view.versions[-1].version if view.versions else None  # an update or a revision since
        changed = (
            f"<p>{latest.date.isoformat()} {KIND_LABELS[latest.kind]}。</p>"
            if latest and latest.number > 1
            else ""
        )
        m = view.metrics
        feed.add_item(
            title=f"{view.report.unit_name}：{view.report.title}",
            link=link(view.url),
            description=(
                f"<p>反馈问题 {m.problems} 个，已完成 {m.problems_done} 个，整改完成率 {format_percent(m.completion_percent)}，"
                f"逾期未整改 {m.overdue_count} 项（截至 {view.figures_date.isoformat()}）。</p>{changed}"
            ),
            unique_id=_tag(site, f"report-{rv.round.id}-{view.report.unit_id}"),
            updateddate=_moment(latest.date if changed and latest else day),
            pubdate=_moment(day),
        )
    return _write(feed)


def sitemap(site_url: str, pages: list[str]) -> bytes:
    """Every public HTML page, and nothing else."""
    entries = "".join(f"<url><loc>{escape(site_url)}/{escape(p)}</loc></url>\n" for p in sorted(pages))
    text = (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        f"{entries}</urlset>\n"
    )
    return text.encode("utf-8")


def robots(site_url: str | None) -> bytes:
    """Everything public may be crawled; private paths are not named (naming them would point at them)."""
    lines = ["User-agent: *", "Allow: /"]
    if site_url:
        lines.append(f"Sitemap: {site_url}/{urls.SITEMAP}")
    return ("\n".join(lines) + "\n").encode("utf-8")
