"""Parsing one report file: the `Key: value` header, the narrative and the ledger.

The header is closed: only the keys below are accepted. Pelican would turn
any key into an attribute (`save_as`, `status`, `template` ...) and stop
reading the header at a full-width colon, silently publishing the rest.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from gongshi.content.dates import DateError, parse_date
from gongshi.content.gongwen import pasted_badly
from gongshi.content.ledger import Line, parse_ledger, split_ledger
from gongshi.content.model import FeedbackChannel, Figures, Report, Review, ReviewOutcome
from gongshi.problems.errors import ProblemLog
from gongshi.problems.messages import Term


@dataclass(frozen=True)
class HeaderKey:
    name: str
    label: str
    required: bool = True


HEADER_KEYS = {
    k.name.lower(): k
    for k in (
        HeaderKey("Title", "报告标题"),
        HeaderKey("Round", "巡察轮次编号"),
        HeaderKey("Unit", "被巡察单位编号"),
        HeaderKey("Unit-Name", "被巡察单位名称"),
        HeaderKey("Date", "报告日期"),
        HeaderKey("Review", "会审结果"),
        HeaderKey("Review-Date", "会审日期"),
        HeaderKey("Reviewers", "会审单位"),
        HeaderKey("Review-Note", "会审意见（内部）", required=False),
        HeaderKey("Feedback-Phone", "联系电话"),
        HeaderKey("Feedback-Mailbox", "通信地址"),
        HeaderKey("Feedback-Email", "电子邮箱"),
        HeaderKey("Feedback-Until", "意见反馈截止日期"),
        HeaderKey("Rules-Made", "建章立制（项）", required=False),
        HeaderKey("Accountable", "问责（人）", required=False),
        HeaderKey("Funds-Recovered", "挽回经济损失（万元）", required=False),
    )
}

# Keys Pelican would act on: they could move, re-template or re-status a page.
STEERING_KEYS = {
    "save_as", "url", "template", "status", "slug", "lang", "translation", "category",
    "tags", "tag", "author", "authors", "summary", "modified", "page_url", "page_save_as",
    "article_url", "article_save_as", "draft_save_as", "path", "filename", "date_format",
}  # fmt: skip

_KEY_LINE = re.compile(r"^([A-Za-z][A-Za-z0-9_-]*)\s*:\s?(.*)$")
_FULLWIDTH_KEY = re.compile(r"^\s*([^:：\s][^:：]{0,30}?)\s*：")
ID_PATTERN = re.compile(r"\A[a-z0-9][a-z0-9-]{0,62}\Z")  # \Z: "zz\n" is not an id


def parse_report(text: str, log: ProblemLog) -> Report | None:
    lines = text.split("\n")
    header, body_start = _read_header(lines, log)
    body = [Line(n, t) for n, t in enumerate(lines[body_start:], start=body_start + 1)]
    narrative, section = split_ledger(body, log)
    for line in narrative:
        pasted = pasted_badly(line.text)
        if pasted is not None and pasted[0] == "run-on":
            log.warning(line.number, "report.pasted", case="run-on", heading=pasted[1])
        elif pasted is not None:
            log.warning(line.number, "report.pasted", case="inline", heading=pasted[1])
    if section is None:
        log.error(None, "ledger.missing")
        ledger = ()
    else:
        ledger = parse_ledger(section, log)
    return _build_report(header, narrative, ledger, log)


def _read_header(lines: list[str], log: ProblemLog) -> tuple[dict[str, tuple[str, int]], int]:
    header: dict[str, tuple[str, int]] = {}
    index = 0
    for index, raw in enumerate(lines):
        number = index + 1
        if not raw.strip():
            return header, index + 1
        match = _KEY_LINE.match(raw)
        if match is None:
            wide = _FULLWIDTH_KEY.match(raw)
            if wide:
                log.error(number, "header.fullwidth-colon", key=wide.group(1))
                lowered = wide.group(1).strip().lower()
                if (
                    lowered in HEADER_KEYS and lowered not in header
                ):  # one mistake, one error: not also "missing"
                    header[lowered] = (raw.split("：", 1)[1].strip(), number)
            elif number == 1 and raw.lstrip().startswith("#"):
                log.error(number, "header.missing")
                return header, 0
            else:
                log.error(number, "header.line", text=raw.strip()[:40])
            continue
        key, value = match.group(1), match.group(2).strip()
        lowered = key.lower()
        if lowered.replace("-", "_") in STEERING_KEYS or lowered in STEERING_KEYS:
            log.error(number, "header.forbidden", key=key)
        elif lowered not in HEADER_KEYS:
            close = difflib.get_close_matches(lowered, HEADER_KEYS, n=1, cutoff=0.6)
            if close:
                log.error(
                    number, "header.unknown", case="suggest", key=key, suggestion=HEADER_KEYS[close[0]].name
                )
            else:
                log.error(number, "header.unknown", case="none", key=key)
        elif lowered in header:
            log.error(number, "header.duplicate", key=key)
        else:
            header[lowered] = (value, number)
    return header, len(lines)


def _build_report(
    header: dict[str, tuple[str, int]], narrative: list[Line], ledger: tuple, log: ProblemLog
) -> Report | None:
    ok = True

    def fail(line: int | None, code: str, /, **args: Any) -> None:
        nonlocal ok
        ok = False
        log.error(line, code, **args)

    for lowered, key in HEADER_KEYS.items():
        if key.required and not header.get(lowered, ("", 0))[0]:
            fail(None, "header.required", key=key.name, label=Term(key.label))

    def text(name: str) -> str:
        return header.get(name, ("", 0))[0]

    def line(name: str) -> int | None:
        return header.get(name, ("", None))[1]

    def date(name: str):
        if not text(name):
            return None
        try:
            return parse_date(text(name), loose=True)  # 2027年6月12日 as the importer reads it
        except DateError as exc:
            key = HEADER_KEYS[name]
            fail(line(name), "header.date", key=key.name, label=Term(key.label), **exc.details)
            return None

    for name in ("round", "unit"):
        if text(name) and not ID_PATTERN.match(text(name)):
            fail(line(name), "header.id", value=text(name))
    outcome = None
    if text("review"):
        try:
            outcome = ReviewOutcome(text("review"))
        except ValueError:
            fail(line("review"), "header.review", value=text("review"))
    dates = {name: date(name) for name in ("date", "review-date", "feedback-until")}
    rules_made = _whole(header, "rules-made", log)
    accountable = _whole(header, "accountable", log)
    funds = _decimal(header, "funds-recovered", log)
    if not ok or _has_errors(log) or outcome is None or None in dates.values():
        return None
    return Report(
        source=log.path,
        round_id=text("round"),
        unit_id=text("unit"),
        unit_name=text("unit-name"),
        title=text("title"),
        date=dates["date"],
        review=Review(outcome, dates["review-date"], text("reviewers"), text("review-note")),
        feedback=FeedbackChannel(
            phone=text("feedback-phone"),
            mailbox=text("feedback-mailbox"),
            email=text("feedback-email"),
            until=dates["feedback-until"],
        ),
        figures=Figures(rules_made, accountable, funds),
        narrative="\n".join(line.text for line in narrative).strip() + "\n",
        ledger=ledger,
        narrative_lines=narrative_line_numbers(narrative),
        header_lines={name: number for name, (_, number) in header.items()},
    )


def narrative_line_numbers(narrative: list[Line]) -> tuple[int, ...]:
    """The file line of each line of the stripped narrative (the ledger section cut out of it)."""
    first = next((i for i, line in enumerate(narrative) if line.text.strip()), len(narrative))
    return tuple(line.number for line in narrative[first:])


def _has_errors(log: ProblemLog) -> bool:
    return any(p.is_error for p in log.problems)


def _whole(header: dict[str, tuple[str, int]], name: str, log: ProblemLog) -> int | None:
    """An optional whole number; left empty (`Rules-Made:`) it is absent, as if the line were deleted."""
    value, number = header.get(name, ("", 0))
    if not value:
        return None
    if value.isdigit():
        return int(value)
    key = HEADER_KEYS[name]
    log.error(number, "header.number", key=key.name, label=Term(key.label), value=value)
    return None


def _decimal(header: dict[str, tuple[str, int]], name: str, log: ProblemLog) -> Decimal | None:
    """An optional amount; left empty it is absent, as if the line were deleted."""
    value, number = header.get(name, ("", 0))
    if not value:
        return None
    try:
        amount = Decimal(value)
    except InvalidOperation:
        amount = None
    if amount is None or not amount.is_finite() or amount < 0:
        key = HEADER_KEYS[name]
        log.error(number, "header.amount", key=key.name, label=Term(key.label), value=value)
        return None
    return amount
