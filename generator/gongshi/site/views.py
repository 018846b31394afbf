"""The public site as data: every page to write, with the values its template shows.

Only public reports ever enter these views, and totals are summed over them
alone, so nothing about a held unit (not even a figure in a total) can reach
a template.
"""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from gongshi.config.settings import GongshiSettings
from gongshi.content.dates import format_cn
from gongshi.content.loader import Content
from gongshi.content.metrics import (
    LedgerMetrics,
    OverdueItem,
    as_reported,
    days_overdue,
    format_percent,
    is_extended,
    is_overdue,
    measure,
)
from gongshi.content.model import LedgerItem, Report, ReportHead, Round, SurveyPhase, SurveyWindow
from gongshi.rules.publication import Key, Publication
from gongshi.rules.record import Batch, PublishedUnit, Revision, Withdrawal
from gongshi.rules.satisfaction import Answer, Formula, SurveyResult
from gongshi.site import urls
from gongshi.site.history import Earlier, VersionView, versions_of
from gongshi.site.identity import Identity, identity
from gongshi.site.markup import sections
from gongshi.site.preview import PreviewBanner
from gongshi.surveys.links import SurveyLinks
from gongshi.surveys.qr import QrImage


@dataclass(frozen=True, slots=True)
class ItemView:
    item: LedgerItem
    overdue: bool
    days_overdue: int
    extended: bool = False  # past its original deadline, within a recorded extension
    done: bool = False  # as the figures count it (基本完成 only when the setting says so)


@dataclass(frozen=True)
class SurveyPanel:
    """A unit's satisfaction survey as the public sees it: how to rate, and the final result."""

    window: SurveyWindow | None
    phase: SurveyPhase | None
    url: str | None
    png_path: str | None
    result: SurveyResult | None  # only once the window has closed and the sample is large enough
    min_responses: int
    codes: Callable[[str], QrImage] | None = field(default=None, repr=False, compare=False)
    formula: Formula = field(
        default_factory=Formula
    )  # which answers the round's questionnaire counts as satisfied

    @property
    def counts(self) -> list[tuple[str, int]]:
        """The result's counts named by the answers they hold (非常满意、满意 31 份), empty ones left out."""
        r = self.result
        if r is None:
            return []
        parts = [
            (Answer.SATISFIED, r.satisfied),
            (Answer.BASICALLY, r.basically),
            (Answer.DISSATISFIED, r.dissatisfied),
        ]
        return [(self.formula.label(a), n) for a, n in parts if self.formula.label(a)]

    @property
    def qr(self) -> QrImage | None:
        """Drawn (or taken from the cache) on each read, not held for every unit: read it once a page."""
        return self.codes(self.url) if self.codes is not None and self.url is not None else None

    @property
    def closed_without_result(self) -> bool:
        return self.phase is SurveyPhase.CLOSED and self.result is None


@dataclass(frozen=True)
class Narrative:
    html: str
    sections: tuple[tuple[str, str], ...]  # (anchor, heading) of each h2


@dataclass(frozen=True)
class ReportView:
    """A public report as its pages show it. The narrative and the ledger are read back
    when a page asks for them and not kept, so memory stays flat as units grow."""

    report: ReportHead
    round: Round
    metrics: LedgerMetrics
    first_batch: Batch | None
    as_of: dt.date
    render: Callable[[str], str] = field(repr=False, compare=False)
    whole: Callable[[ReportHead], Report] = field(repr=False, compare=False)
    survey: SurveyPanel | None = None
    versions: tuple[VersionView, ...] = ()  # first publication, updates, revisions; oldest first
    earlier: VersionView | None = None  # this view shows that earlier version, not the current one

    @property
    def current_url(self) -> str:
        return urls.report_page(self.round.id, self.report.unit_id)

    @property
    def narrative_html(self) -> str:
        return self.render(self.whole(self.report).narrative)

    @property
    def narrative(self) -> Narrative:
        """The narrative with its sections, for the contents list: read it once a page."""
        html = self.narrative_html
        return Narrative(html, tuple(sections(html)))

    @property
    def items(self) -> tuple[ItemView, ...]:
        as_of, partial = self.as_of, self.metrics.partial_done
        ledger = self.whole(self.report).ledger
        return tuple(
            ItemView(
                i,
                is_overdue(i, as_of, partial),
                days_overdue(i, as_of, partial),
                is_extended(i, as_of),
                i.done(partial),
            )
            for i in ledger
        )

    @property
    def url(self) -> str:
        if self.earlier is not None and self.earlier.url is not None:
            return self.earlier.url
        return urls.report_page(self.round.id, self.report.unit_id)

    @property
    def unit_url(self) -> str:
        return urls.unit_page(self.report.unit_id)

    @property
    def round_url(self) -> str:
        return urls.round_page(self.round.id)

    @property
    def overdue(self) -> tuple[OverdueItem, ...]:
        return self.metrics.overdue

    @property
    def reported(self) -> LedgerMetrics:
        """The ledger's figures on the report's own date, which its narrative speaks for; progress
        since then is shown beside them as such ("报告时 3/8 已完成，截至统计日 8/8")."""
        report = self.whole(self.report)
        return measure(as_reported(report.ledger, report.date), report.date, self.metrics.partial_done)

    @property
    def ledger_updated(self) -> dt.date:
        """Shown beside the figures: a ledger last touched months before the as-of date says so."""
        return self.metrics.updated(self.report.date, self.as_of)

    @functools.cached_property  # asked by the report's page, its listings and their keys
    def figures_date(self) -> dt.date:
        """The date the page's figures are stated as of: the as-of date while an overdue item's days
        count up, else the last day anything the page shows could have changed (a completion, an
        extension taking effect, the feedback channel or the survey opening or closing). The page
        is then the same on every later day, and a next-day build links it instead of making it."""
        if self.metrics.ticking():
            return self.as_of
        report, window = self.report, self.round.survey
        changes = [report.date, report.feedback.until + dt.timedelta(days=1)]
        changes += [d + dt.timedelta(days=1) for d in self.metrics.extension_deadlines]
        if self.metrics.last_completed is not None:
            changes.append(self.metrics.last_completed)
        if window is not None:
            changes += [window.start, window.end + dt.timedelta(days=1)]
        return max((d for d in changes if d <= self.as_of), default=self.as_of)

    @functools.cached_property
    def date_state(self) -> tuple[object, ...]:
        """What of the page the as-of date decides: its key holds this, not the date itself."""
        phase = self.survey.phase if self.survey is not None else None
        return (self.figures_date, self.metrics.date_state(self.as_of), self.feedback_closed, phase)

    @functools.cached_property
    def date_said(self) -> str:  # a report is listed on four pages or more: said once
        return repr(self.date_state)

    @property
    def feedback_closed(self) -> bool:
        """The report's own channel (请于 X 前反映) has passed as of the build's as-of date."""
        return self.as_of > self.report.feedback.until

    @property
    def description(self) -> str:
        """One sentence for search engines and share cards: the unit, the round and the key figures."""
        m = self.metrics
        text = (
            f"{self.report.unit_name}{self.round.name}整改情况：反馈问题{m.total}个，"
            f"已完成{m.done}个，整改完成率{format_percent(m.completion_percent)}"
        )
        if m.overdue_count:
            text += f"，逾期未整改{m.overdue_count}项"
        return text + f"（截至{_cn_date(self.figures_date)}）。"


def _cn_date(day: dt.date) -> str:
    return format_cn(day)


def figures_date(views: Iterable[ReportView]) -> dt.date | None:
    """A page listing reports states its figures as of the latest date any of theirs is."""
    return max((v.figures_date for v in views), default=None)


def date_states(views: Iterable[ReportView]) -> str:
    """The key part of a page listing reports: what the as-of date decides of each."""
    return "[" + ", ".join(v.date_said for v in views) + "]"  # repr() of their list


@dataclass(frozen=True)
class WithdrawnView:
    """A report withdrawn from the site (撤回): its address stays and says when and why, with no content."""

    withdrawal: Withdrawal
    round: Round
    first_batch: Batch | None

    @property
    def url(self) -> str:
        return urls.report_page(self.round.id, self.withdrawal.unit_id)

    @property
    def unit_url(self) -> str:
        return urls.unit_page(self.withdrawal.unit_id)


@dataclass(frozen=True)
class RoundView:
    round: Round
    reports: tuple[ReportView, ...]
    not_public: int  # units of the round not (yet) public and never withdrawn: a count, never names
    withdrawn: tuple[WithdrawnView, ...] = ()

    @property
    def url(self) -> str:
        return urls.round_page(self.round.id)

    @property
    def description(self) -> str:
        items = sum(r.metrics.total for r in self.reports)
        done = sum(r.metrics.done for r in self.reports)
        text = (
            f"{self.round.name}整改情况：已公示{len(self.reports)}个单位，反馈问题{items}个，已完成{done}个"
        )
        return text + (f"（截至{_cn_date(self.figures_date)}）。" if self.reports else "。")

    @property
    def figures_date(self) -> dt.date | None:
        """The round's figures are as of the latest of its reports' (None: no public report)."""
        return figures_date(self.reports)


@dataclass(frozen=True)
class UnitView:
    unit_id: str
    name: str
    reports: tuple[ReportView, ...]  # newest round first
    withdrawn: tuple[WithdrawnView, ...] = ()

    @property
    def url(self) -> str:
        return urls.unit_page(self.unit_id)

    @property
    def description(self) -> str:
        """The unit's rounds, newest first, each with its completion rate."""
        if not self.reports:
            return f"{self.name}的整改情况报告已撤回公示。"
        rounds = "；".join(
            f"{r.round.name}整改完成率{format_percent(r.metrics.completion_percent)}" for r in self.reports
        )
        return f"{self.name}历次巡察整改情况：{rounds}。"


@dataclass(frozen=True)
class BatchEntry:
    unit: PublishedUnit
    view: ReportView | None  # None once withdrawn


@dataclass(frozen=True)
class BatchView:
    batch: Batch
    entries: tuple[BatchEntry, ...]
    updates: tuple[BatchEntry, ...] = ()  # published units whose progress this batch published

    @property
    def url(self) -> str:
        return urls.batch_page(self.batch.number)


@dataclass(frozen=True)
class Totals:
    units: int
    reports: int
    items: int
    done: int
    overdue: int
    long_term_ongoing: int
    problems: int = 0
    problems_done: int = 0


# Templates whose pages search indexes, the one place that says so: the plugin tells base.html
# (`searched`) to mark their <main> data-pagefind-body, and runner indexes them. Lists of units
# (home, unit history, batches, data) are left out: the reports they link to are indexed.
WITHDRAWN = "withdrawn.html"  # the page at a withdrawn report's address: when and why, no content

SEARCHED = frozenset({"report.html", "round.html", "batch.html", "method.html"})


@dataclass(frozen=True)
class Page:
    path: str
    template: str
    values: dict[str, Any] = field(default_factory=dict)
    sources: tuple[str, ...] = ()  # report files this page shows, beyond what every page depends on
    dated: str = ""  # what the as-of date decides of the reports it shows (in its key, not the date)


@dataclass(frozen=True)
class Site:
    as_of: dt.date
    rounds: tuple[RoundView, ...]
    units: tuple[UnitView, ...]
    batches: tuple[BatchView, ...]
    withdrawals: tuple[Withdrawal, ...]
    totals: Totals
    settings: GongshiSettings
    formulas: tuple[tuple[Round, Formula], ...] = ()  # each surveyed round's satisfaction formula
    earlier: tuple[ReportView, ...] = ()  # earlier versions of public reports, each on its own page
    revisions: tuple[Revision, ...] = ()  # corrections of reports still public, with their reasons
    preview: PreviewBanner | None = None  # `gongshi serve`: the banner on every page; never in a build

    @property
    def formula_texts(self) -> list[tuple[str, list[str]]]:
        """Each formula in use and the names of the rounds using it; one entry when all agree."""
        by_text: dict[str, list[str]] = {}
        for round_, formula in self.formulas:
            by_text.setdefault(formula.text, []).append(round_.name)
        return list(by_text.items())

    @property
    def reports(self) -> tuple[ReportView, ...]:
        return tuple(r for rv in self.rounds for r in rv.reports)

    @property
    def identity(self) -> Identity:
        return identity(self.settings)

    @property
    def description(self) -> str:
        """The portal in one sentence, for pages without a description of their own."""
        t = self.totals
        return (
            f"{self.settings.publisher}公示经联合会审通过的巡察整改情况：已公示{t.units}个单位，"
            f"反馈问题{t.items}个，已完成{t.done}个（截至{_cn_date(self.as_of)}）。"
        )

    def pages(self) -> list[Page]:
        pages = [
            Page(urls.HOME, "index.html"),
            Page(urls.METHOD, "method.html"),
            Page(urls.BATCHES, "batches.html"),
            Page(urls.SEARCH, "search.html"),
            Page(urls.CONTACT, "contact.html"),
            Page(urls.ACCESSIBILITY, "accessibility.html"),
        ]
        pages += [_listing(rv.url, "round.html", {"round_view": rv}, rv.reports) for rv in self.rounds]
        pages += [_listing(r.url, "report.html", {"view": r}, (r,)) for r in self.reports]
        pages += [_listing(r.url, "report-version.html", {"view": r}, (r,)) for r in self.earlier]
        pages += [_listing(u.url, "unit.html", {"unit": u}, u.reports) for u in self.units]
        pages += [
            _listing(
                b.url, "batch.html", {"batch_view": b}, [e.view for e in (*b.entries, *b.updates) if e.view]
            )
            for b in self.batches
        ]
        pages += [Page(w.url, WITHDRAWN, {"withdrawn": w}) for rv in self.rounds for w in rv.withdrawn]
        if self.preview is not None:  # the banner names a few units; this page names them all
            pages.append(Page(urls.PREVIEW, "preview.html"))
        return pages


def _listing(path: str, template: str, values: dict[str, Any], views: Iterable[ReportView]) -> Page:
    """A page showing reports changes when one of them does, or what the as-of date decides of
    them; it states its figures as of `figures_date`. What else it shows is in every key."""
    views = tuple(views)
    values = dict(values, figures_date=figures_date(views))
    return Page(path, template, values, tuple(v.report.source for v in views), date_states(views))


def survey_panel(
    round_: Round,
    unit_id: str,
    result: SurveyResult | None,
    links: SurveyLinks,
    codes: Callable[[str], QrImage] | None,
    settings: GongshiSettings,
    as_of: dt.date,
    formula: Formula | None = None,
) -> SurveyPanel | None:
    url = links.url(round_.id, unit_id)
    window = round_.survey
    if url is None and window is None:
        return None
    minimum = settings.rule_satisfaction_min_responses
    return SurveyPanel(
        window=window,
        phase=window.phase(as_of) if window else None,
        url=url,
        png_path=urls.qr_png(round_.id, unit_id) if codes is not None and url is not None else None,
        result=result if result is not None and result.publishable(minimum) else None,
        min_responses=minimum,
        codes=codes,
        formula=formula or Formula(),
    )


def build_site(
    content: Content,
    publication: Publication,
    settings: GongshiSettings,
    render: Any,
    links: SurveyLinks | None = None,
    codes: Callable[[str], QrImage] | None = None,
    formulas: Mapping[str, Formula] | None = None,
    earlier: Earlier | None = None,
) -> Site:
    """Assemble the views; `render` turns narrative Markdown into safe HTML, `codes` draws QR codes,
    `earlier` reads an earlier version of a report from the archive."""
    as_of = publication.as_of
    record = publication.record
    links = links or SurveyLinks(None, {}, settings.survey_signature_param)
    formulas = formulas or {}
    views: dict[Key, ReportView] = {}
    for key in sorted(publication.public):
        report = content.reports[key]
        round_ = content.rounds[key[0]]
        views[key] = ReportView(
            report=report,
            round=round_,
            metrics=publication.metrics[key],
            first_batch=record.first_batch(key),
            as_of=as_of,
            render=render,
            whole=content.whole,
            survey=survey_panel(
                round_,
                key[1],
                publication.surveys.get(key),
                links,
                codes,
                settings,
                as_of,
                formulas.get(key[0]),
            ),
            versions=versions_of(key, record.versions(key), earlier),
        )
    withdrawn = {
        w.key: WithdrawnView(w, content.rounds[w.round_id], record.first_batch(w.key))
        for w in record.withdrawals
        if w.key not in publication.public and w.round_id in content.rounds
    }
    earlier_views = tuple(
        replace(views[key], report=found[0], metrics=found[1], earlier=v)
        for key in sorted(views)
        for v in views[key].versions
        if not v.current and v.url is not None and earlier is not None
        and (found := earlier(key, v.version.sha256)) is not None
    )  # fmt: skip
    rounds = []
    for round_ in content.rounds_newest_first():
        shown = tuple(views[(round_.id, u.id)] for u in round_.units if (round_.id, u.id) in views)
        gone = tuple(withdrawn[(round_.id, u.id)] for u in round_.units if (round_.id, u.id) in withdrawn)
        if shown or gone:
            rounds.append(RoundView(round_, shown, len(round_.units) - len(shown) - len(gone), gone))
    by_unit: dict[str, list[ReportView]] = {}
    gone_by_unit: dict[str, list[WithdrawnView]] = {}
    names: dict[str, str] = {}
    for rv in rounds:
        for view in rv.reports:
            by_unit.setdefault(view.report.unit_id, []).append(view)
            names.setdefault(view.report.unit_id, view.report.unit_name)
        for w in rv.withdrawn:
            gone_by_unit.setdefault(w.withdrawal.unit_id, []).append(w)
            names.setdefault(w.withdrawal.unit_id, w.withdrawal.unit_name)
    units = tuple(
        UnitView(
            unit_id, names[unit_id], tuple(by_unit.get(unit_id, ())), tuple(gone_by_unit.get(unit_id, ()))
        )
        for unit_id in sorted(names)
    )
    batches = tuple(
        BatchView(
            b,
            tuple(BatchEntry(u, views.get(u.key)) for u in b.published),
            tuple(BatchEntry(u, views.get(u.key)) for u in b.updated),
        )
        for b in record.batches
    )
    all_views = list(views.values())
    totals = Totals(
        units=len(by_unit),
        reports=len(all_views),
        items=sum(v.metrics.total for v in all_views),
        done=sum(v.metrics.done for v in all_views),
        overdue=sum(v.metrics.overdue_count for v in all_views),
        long_term_ongoing=sum(v.metrics.long_term_ongoing for v in all_views),
        problems=sum(v.metrics.problems for v in all_views),
        problems_done=sum(v.metrics.problems_done for v in all_views),
    )
    surveyed = [r for r in content.rounds_newest_first() if r.survey is not None]
    used = tuple((r, formulas.get(r.id) or Formula()) for r in surveyed)
    return Site(
        as_of, tuple(rounds), units, batches, record.withdrawals, totals, settings, used, earlier_views,
        tuple(r for r in record.revisions if r.key in publication.public),  # a reason may quote the report
    )  # fmt: skip
