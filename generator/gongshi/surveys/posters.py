"""Printable survey posters (测评二维码海报) for the internal staff pack.

Staff put a poster up at every unit the gate passes or holds (an approved
report), held units included: their ratings are collected too, even while
publication waits.
Posters never go in the public output.
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
    content: Content, publication: Publication, links: SurveyLinks, codes: Callable[[str], QrImage]
) -> tuple[RoundPosters, ...]:
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
            posters.append(Poster(round_, unit.id, unit.name, url, public, codes))
        if posters:
            rounds.append(RoundPosters(round_, tuple(posters)))
    return tuple(rounds)
