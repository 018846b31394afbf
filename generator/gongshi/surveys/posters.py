"""Printable survey posters (测评二维码海报) for the internal staff pack.

Staff put a poster up at every unit the gate passes or holds (an approved
report), held units included: their ratings are collected too, even while
publication waits. Posters never go in the public output. Each carries what a
citizen at the door needs besides the code: the survey dates, the unit's phone
for feedback (its report's Feedback-Phone), and, once the unit is published,
the address of its public report page.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from gongshi.content.loader import Content
from gongshi.content.model import Round
from gongshi.rules.gate import Outcome
from gongshi.rules.publication import Publication
from gongshi.surveys.links import SurveyLinks
from gongshi.surveys.qr import QrImage


@dataclass(frozen=True)
class Poster:
    round: Round
    unit_id: str
    unit_name: str
    url: str
    public: bool
    codes: Callable[[str], QrImage] = field(repr=False, compare=False)
    phone: str = ""  # the report's Feedback-Phone
    page: str = ""  # the unit's public report page, relative to the site root; "" until published

    @property
    def qr(self) -> QrImage:
        """Read back when the poster is written, not held for every unit."""
        return self.codes(self.url)

    @property
    def path(self) -> str:
        return f"posters/{self.round.id}/{self.unit_id}.html"


@dataclass(frozen=True)
class RoundPosters:
    round: Round
    posters: tuple[Poster, ...]

    @property
    def path(self) -> str:
        """One file holding the whole round, a poster per A4 sheet."""
        return f"posters/{self.round.id}.html"


def build_posters(
    content: Content, publication: Publication, links: SurveyLinks, codes: Callable[[str], QrImage],
    page_of: Callable[[str, str], str] | None = None,
) -> tuple[RoundPosters, ...]:  # fmt: skip
    """A poster per unit with an approved report and a link; `page_of` gives a report page's path."""
    rounds: list[RoundPosters] = []
    for round_ in content.rounds_newest_first():
        posters = []
        for unit in round_.units:
            key = (round_.id, unit.id)
            url = links.url(*key)
            public = key in publication.public
            approved = publication.decisions[key].outcome in (Outcome.PUBLISH, Outcome.HOLD)
            if url is None or not (approved or public):
                continue
            report = content.reports[key]
            page = page_of(round_.id, unit.id) if public and page_of is not None else ""
            phone = report.feedback.phone if report.feedback is not None else ""
            posters.append(Poster(round_, unit.id, unit.name, url, public, codes, phone, page))
        if posters:
            rounds.append(RoundPosters(round_, tuple(posters)))
    return tuple(rounds)
