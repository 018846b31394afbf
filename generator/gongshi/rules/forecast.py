"""What the gate would decide at the as-of date, for `gongshi check`.

A check that says only "no errors" lets staff believe every unit goes out in
the next batch; a unit held for its figures or its overdue items would then be
a surprise on the day of publication. So a check ends with the gate's
forecast: who the next batch would publish, who would be held and why, who
cannot be published yet, and, when content errors stop the build, whose report
files must be fixed first.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import PurePosixPath

from gongshi.content.loader import REPORTS_DIR, Content
from gongshi.problems.errors import Problem
from gongshi.rules.gate import Outcome
from gongshi.rules.publication import Key, Publication


@dataclass(frozen=True)
class UnitForecast:
    round_id: str
    unit_id: str
    name: str
    reason: str = ""  # Chinese, as the gate explains it
    reason_en: str = ""
    source: str = ""  # the report file, when the unit has one

    def as_dict(self) -> dict[str, str]:
        data = {"round": self.round_id, "unit": self.unit_id, "name": self.name, "source": self.source}
        if self.reason:
            data |= {"reason": self.reason, "reason_en": self.reason_en}
        return data


@dataclass(frozen=True)
class GateForecast:
    as_of: dt.date
    publish: tuple[UnitForecast, ...]  # the next batch would publish them
    public: tuple[UnitForecast, ...]  # published before and still public
    held: tuple[UnitForecast, ...]  # approved but lagging: deferred (延后公示), with the main reason
    not_publishable: tuple[UnitForecast, ...]  # no approved report: returned, missing or not yet due
    errors: tuple[UnitForecast, ...] = ()  # the unit's report file has errors: the build stops on them
    stopped: bool = False  # errors anywhere (a unit's report, a survey export, the record): no build runs

    def as_dict(self) -> dict[str, object]:
        return {
            "as_of": self.as_of.isoformat(),
            "stopped_by_errors": self.stopped,
            **{
                name: [u.as_dict() for u in getattr(self, name)]
                for name in ("publish", "public", "held", "not_publishable", "errors")
            },
        }


def forecast(content: Content, publication: Publication, problems: Sequence[Problem] = ()) -> GateForecast:
    """Sort every unit of every round by what the gate decides; units whose report file has errors
    (in `problems`) go first into `errors`, since no build runs until they are fixed."""
    failing = Counter(p.path for p in problems if p.is_error)
    by_file = _report_files(content, failing)
    publish, public, held, blocked, errors = [], [], [], [], []
    for key, decision in publication.decisions.items():
        report = content.report(*key)
        source = report.source if report is not None else by_file.get(key, "")
        name = _name(content, key)
        if source and failing.get(source):
            count = failing[source]
            errors.append(
                UnitForecast(*key, name, f"报告有 {count} 处错误", f"{count} error(s) in the report", source)
            )
        elif key in publication.candidates:
            publish.append(UnitForecast(*key, name, source=source))
        elif key in publication.public:
            public.append(UnitForecast(*key, name, source=source))
        elif decision.outcome is Outcome.HOLD and report is not None and report.review.passed:
            held.append(
                UnitForecast(*key, name, decision.main_reason_in("zh"), decision.main_reason_in("en"), source)
            )
        elif decision.reasons:
            blocked.append(
                UnitForecast(*key, name, decision.main_reason_in("zh"), decision.main_reason_in("en"), source)
            )
        else:
            due = content.rounds[key[0]].report_due
            blocked.append(
                UnitForecast(
                    *key, name, f"报告尚未报送（报送期限 {due}）", f"no report yet (due {due})", source
                )
            )
    return GateForecast(
        publication.as_of,
        tuple(publish),
        tuple(public),
        tuple(held),
        tuple(blocked),
        tuple(errors),
        stopped=bool(failing),
    )


def _name(content: Content, key: Key) -> str:
    round_ = content.rounds.get(key[0])
    unit = round_.unit(key[1]) if round_ else None
    return unit.name if unit else key[1]


def _report_files(content: Content, failing: Counter[str]) -> dict[Key, str]:
    """A report file that could not be read, by the unit its path names (reports/<round>/<unit>.md,
    as `gongshi new report` writes it), when no readable report claims that unit."""
    found: dict[Key, str] = {}
    for label in failing:
        path = PurePosixPath(label)
        if path.suffix != ".md" or len(path.parts) < 3 or path.parts[-3] != REPORTS_DIR:
            continue
        key = (path.parts[-2], path.stem)
        if key not in content.reports:
            found[key] = label
    return found
