"""What a build did, as data: the command prints it as a table or as JSON.

Staff read it to decide whether a batch went as intended, so it sorts every
unit of every round into exactly one bucket and says why for the ones that
are not public.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field

from gongshi.content.loader import Content
from gongshi.problems.catalog.sentences import GATE
from gongshi.rules.gate import Decision, Outcome
from gongshi.rules.publication import Key, Publication


@dataclass(frozen=True)
class UnitLine:
    round_id: str
    unit_id: str
    name: str
    reason: str = ""  # Chinese, as the gate explains it
    reason_en: str = ""


@dataclass(frozen=True)
class BuildSummary:
    as_of: dt.date
    batch_number: int | None  # the batch this build wrote; None for a preview
    next_batch: int  # the number the next batch would get
    new: tuple[UnitLine, ...]  # published by this batch, or (preview) what the next batch would publish
    already_public: tuple[UnitLine, ...]
    held: tuple[UnitLine, ...]  # approved report, lagging: deferred (延后公示)
    not_publishable: tuple[UnitLine, ...]  # no approved report: returned, missing or not yet due
    withdrawn: int
    warnings: int
    pages: int = 0
    pages_reused: int = 0
    files: int = 0
    qr_made: int = 0
    qr_reused: int = 0
    seconds: float = 0.0
    output: str = ""
    internal: str = ""
    notes: tuple[str, ...] = field(default_factory=tuple)
    # published units whose progress this batch published, or (preview) the next batch would publish
    updated: tuple[UnitLine, ...] = ()

    @property
    def preview(self) -> bool:
        return self.batch_number is None

    def as_dict(self) -> dict[str, object]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["preview"] = self.preview
        data["seconds"] = round(self.seconds, 2)
        return data


def summarize(content: Content, publication: Publication, warnings: int) -> BuildSummary:
    """Sort every unit of every round by where it stands after this build: the record says what is
    public, the gate's outcome says where the rest stand."""
    record = publication.record
    written = record.batches[-1] if publication.batch_written else None
    new_keys = {u.key for u in written.published} if written else set(publication.candidates)
    new, public, held, blocked = [], [], [], []
    for key, decision in publication.decisions.items():
        line = _line(content, key, decision)
        if key in new_keys:
            new.append(_line(content, key))
        elif key in publication.public:
            public.append(_line(content, key))
        elif decision.outcome is Outcome.HOLD:
            held.append(line)
        elif decision.outcome is Outcome.UNAPPROVED:
            blocked.append(line)
        elif decision.outcome is Outcome.PENDING:
            blocked.append(line if decision.reasons else _not_due(line, content, key))
    withdrawn = len(record.ever_published() - record.public_keys())
    updated = tuple(u.key for u in written.updated) if written else publication.updates
    return BuildSummary(
        as_of=publication.as_of,
        batch_number=written.number if written else None,
        next_batch=record.next_number,
        new=tuple(new),
        already_public=tuple(public),
        held=tuple(held),
        not_publishable=tuple(blocked),
        withdrawn=withdrawn,
        warnings=warnings,
        updated=tuple(_line(content, key) for key in updated),
    )


def _line(content: Content, key: Key, decision: Decision | None = None) -> UnitLine:
    round_ = content.rounds.get(key[0])
    unit = round_.unit(key[1]) if round_ else None
    name = unit.name if unit else key[1]
    if decision is None:
        return UnitLine(key[0], key[1], name)
    return UnitLine(key[0], key[1], name, decision.main_reason_in("zh"), decision.main_reason_in("en"))


def _not_due(line: UnitLine, content: Content, key: Key) -> UnitLine:
    due = content.rounds[key[0]].report_due
    zh, en = (text.format(due=due) for text in GATE["not-due"])
    return UnitLine(line.round_id, line.unit_id, line.name, zh, en)
