"""What `gongshi serve` shows, and the banner that says so.

Three previews, none of them ever written to the public output:
`next` (the default) is the site as the next batch would publish it, with a
banner listing what the batch adds; `published` is what is public now; `all`
is an internal proof-reading copy of every report that can be rendered, held
and unapproved ones included, each marked with the gate's outcome and reasons.
Every preview also lists the units it does not show, and why.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, replace
from enum import StrEnum
from typing import ClassVar

from gongshi.content.loader import Content
from gongshi.problems.errors import Problem
from gongshi.rules.gate import Decision, Outcome
from gongshi.rules.publication import Key, Publication
from gongshi.site import urls


class PreviewMode(StrEnum):
    NEXT = "next"  # as the next batch would publish it (the default)
    PUBLISHED = "published"  # what is public now
    ALL = "all"  # every report that can be rendered: internal, never public


# The gate's outcome as staff read it on the banner (zh, en).
OUTCOME_LABELS = {
    Outcome.PUBLISH: ("可以公示", "can be published"),
    Outcome.HOLD: ("延后公示", "held (deferred)"),
    Outcome.UNAPPROVED: ("不能公示", "cannot be published"),
    Outcome.PENDING: ("尚未报送", "no report yet"),
}


@dataclass(frozen=True)
class PreviewUnit:
    round_id: str
    unit_id: str
    name: str
    outcome: Outcome
    public: bool  # published by the record already
    broken: bool  # the report has errors: set aside by the internal preview, its errors as reasons
    reasons: tuple[str, ...]  # every rule that fired, in Chinese
    reasons_en: tuple[str, ...]
    url: str | None  # its report page in this preview, if shown

    @property
    def label(self) -> str:
        return self.label_in("zh")

    def label_in(self, lang: str) -> str:
        if self.broken:
            return "report has errors" if lang == "en" else "报告有错误"
        if self.public:
            return "published" if lang == "en" else "已公示"
        return OUTCOME_LABELS[self.outcome][1 if lang == "en" else 0]

    def reason_in(self, lang: str) -> str:
        reasons = self.reasons_en if lang == "en" else self.reasons
        return "; ".join(reasons) if lang == "en" else "；".join(reasons)


@dataclass(frozen=True)
class PreviewBanner:
    """The banner on every preview page, and the console's list of units left out."""

    mode: PreviewMode
    adds: tuple[PreviewUnit, ...]  # what the next batch would publish
    hidden: tuple[PreviewUnit, ...]  # units this preview does not show
    marks: tuple[PreviewUnit, ...]  # every unit shown (for `all`: its outcome on its page)

    NAMED: ClassVar[int] = 10  # units the banner names; preview.html names them all

    @property
    def internal(self) -> bool:
        return self.mode is PreviewMode.ALL

    def mark(self, round_id: str, unit_id: str) -> PreviewUnit | None:
        return self._marks.get((round_id, unit_id))

    @functools.cached_property
    def _marks(self) -> dict[Key, PreviewUnit]:  # a page asks for its unit: 5,000 marks, 13,000 pages
        return {(m.round_id, m.unit_id): m for m in self.marks}


def shown_publication(mode: PreviewMode, content: Content, publication: Publication) -> Publication:
    """The publication the preview's pages are built from: for `all`, every report that parsed."""
    if mode is not PreviewMode.ALL:
        return publication
    every = frozenset(k for k in publication.decisions if k in content.reports)
    return replace(publication, public=every)


def preview_banner(
    mode: PreviewMode,
    content: Content,
    publication: Publication,
    shown: frozenset[Key],
    broken: Mapping[Key, tuple[Problem, ...]] | None = None,
) -> PreviewBanner:
    """`publication`: the real one (with the next batch, for `next` and `all`); `shown`: the keys on
    the pages; `broken`: reports the internal preview set aside, with their errors."""
    broken = broken or {}
    record = publication.record
    candidates = set(publication.candidates)
    published_before = {k for k in record.public_keys() if k not in candidates}

    def unit(key: Key, decision: Decision) -> PreviewUnit:
        round_ = content.rounds[key[0]]
        found = round_.unit(key[1])
        reasons = decision.reasons
        zh = tuple(r.explanation for r in reasons)
        en = tuple(r.explanation_en or r.explanation for r in reasons)
        if key in broken:
            zh = tuple(f"{p.location()} {p.text('zh')[0]}" for p in broken[key])
            en = tuple(f"{p.location()} {p.text('en')[0]}" for p in broken[key])
        return PreviewUnit(
            key[0], key[1], found.name if found else key[1], decision.outcome, key in published_before,
            key in broken, zh, en, urls.report_page(*key) if key in shown else None,
        )  # fmt: skip

    adds = tuple(unit(k, publication.decisions[k]) for k in publication.candidates)
    if mode is PreviewMode.PUBLISHED:  # the batch is not shown: what it would add is left out
        adds = tuple(replace(a, url=None) for a in adds)
    units = [unit(k, d) for k, d in publication.decisions.items()]
    hidden = tuple(u for u in units if (u.round_id, u.unit_id) not in shown)
    marks = tuple(u for u in units if (u.round_id, u.unit_id) in shown)
    return PreviewBanner(mode, adds, hidden, marks)
