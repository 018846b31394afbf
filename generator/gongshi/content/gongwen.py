"""The shapes of a 公文 (official document) as plain text: outline headings, 落款, contacts, figures.

Approved reports are typed, not styled: the outline is numbering written as
text (一、 / （一） / 1． / （1）), the issuing body and the date close the
document (落款), and the contacts for public feedback sit in one paragraph
near the end. Both the Word import (authoring) and the narrative renderer
(site) read these shapes, so they are recognised here, once.
"""

from __future__ import annotations

import datetime as dt
import re
import unicodedata
from dataclasses import dataclass

_CN_DIGITS = "一二三四五六七八九十百"
# level -> the ordinal that opens a heading of that level
_ORDINALS = (
    (1, re.compile(rf"^[{_CN_DIGITS}]+、")),
    (2, re.compile(rf"^[（(][{_CN_DIGITS}]+[）)]")),
    (3, re.compile(r"^\d{1,2}[．.、](?![\d．.])")),
    (4, re.compile(r"^[（(]\d{1,2}[）)]")),
)
HEADING_MAX = 40  # characters: a heading longer than this is a paragraph that starts with a number
_SENTENCE_END = re.compile(r"[。！？；]")
_CN_DATE_DIGITS = {c: str(i) for i, c in enumerate("〇一二三四五六七八九")} | {"○": "0", "零": "0"}
DATE_LINE = re.compile(r"^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日$")
_DATE = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISSUER_MAX = 40


@dataclass(frozen=True)
class Heading:
    """A paragraph that opens with an outline ordinal: its level (1-4), the heading, and any text
    run on after the heading's own sentence in the same paragraph."""

    level: int
    text: str
    rest: str = ""


def normalize(text: str) -> str:
    """Full-width digits and letters as ASCII (NFKC), keeping Chinese punctuation as typed."""
    return "".join(
        unicodedata.normalize("NFKC", c) if "\uff10" <= c <= "\uff5a" or c == "\u3000" else c for c in text
    )


def heading(line: str) -> Heading | None:
    """The outline heading `line` is, or None. A short line is a heading as a whole; a longer one is a
    heading followed by text when its first sentence is short (（一）强化组织领导。巡察反馈后……)."""
    text = line.strip()
    flat = normalize(text)
    for level, pattern in _ORDINALS:
        if not pattern.match(flat):
            continue
        # 一、 headings stand without a full stop; （一） and 1. ones often end with one
        closed = level == 1 and _SENTENCE_END.search(text[-1:]) is not None
        if len(text) <= HEADING_MAX and not _SENTENCE_END.search(text[:-1]) and not closed:
            return Heading(level, text)
        end = _SENTENCE_END.search(text)
        if end is not None and end.end() <= HEADING_MAX and text[end.end() :].strip():
            return Heading(level, text[: end.end()], text[end.end() :].strip())
        return None
    return None


def date_line(line: str) -> dt.date | None:
    """A line that is only a date, as the 落款 writes it: 2025年7月8日, ２０２５年７月８日, 二〇二五年七月八日."""
    text = re.sub(r"\s+", "", normalize(line))
    text = _chinese_date(text)
    match = DATE_LINE.match(text)
    if match is None:
        return None
    try:
        return dt.date(*map(int, match.groups()))
    except ValueError:
        return None


def _chinese_date(text: str) -> str:
    """二〇二五年七月十八日 as 2025年7月18日; other text unchanged."""
    match = re.fullmatch(
        r"([〇○零一二三四五六七八九]{4})年([一二三四五六七八九十]{1,2})月([一二三四五六七八九十]{1,3})日",
        text,
    )
    if match is None:
        return text
    year = "".join(_CN_DATE_DIGITS.get(c, "") for c in match.group(1))
    return f"{year}年{_cn_number(match.group(2))}月{_cn_number(match.group(3))}日"


def _cn_number(text: str) -> int:
    digits = {c: i for i, c in enumerate("〇一二三四五六七八九")}
    if "十" not in text:
        return digits.get(text, 0)
    tens, _, ones = text.partition("十")
    return (digits.get(tens, 1) if tens else 1) * 10 + (digits.get(ones, 0) if ones else 0)


def signature_start(lines: list[str]) -> int | None:
    """Where the 落款 begins in `lines` (the document's last non-blank lines): one or two short lines
    naming the issuing body, then a date line, at the very end. None when the text does not end so."""
    if not lines or date_line(lines[-1]) is None:
        return None
    start = len(lines) - 1
    while start > 0 and len(lines) - start <= 2 and _issuer(lines[start - 1]):
        start -= 1
    return start if start < len(lines) - 1 else None


def _issuer(line: str) -> bool:
    """A line that can name the issuing body: short, no sentence punctuation, not a heading or date."""
    text = line.strip()
    return (
        0 < len(text) <= _ISSUER_MAX
        and not re.search(r"[。，；：:,;！？]", text)
        and heading(text) is None
        and date_line(text) is None
    )


# --- the feedback paragraph --------------------------------------------------------------------

_PHONE = re.compile(
    r"(?:联系电话|举报电话|监督电话|电话)\s*[:：]?\s*((?:\d[\d\-－—\s]{5,18}\d)(?:[、或/](?:\d[\d\-－—]{5,18}\d))*)"
)
_ADDRESS = re.compile(r"(?:通信地址|通讯地址|来信地址|邮寄地址|地址)\s*[:：]\s*([^；;。\n]+)")
_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+")
_UNTIL = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日\s*(?:前|之前|以前|止|（含）前)")
_RANGE_END = re.compile(r"至\s*(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")


@dataclass(frozen=True)
class Contacts:
    """What the feedback paragraph gives; None where it does not say."""

    phone: str | None = None
    mailbox: str | None = None
    email: str | None = None
    until: dt.date | None = None

    def any(self) -> bool:
        return any(v is not None for v in (self.phone, self.mailbox, self.email, self.until))


def contacts(text: str) -> Contacts:
    """The contacts and the deadline for feedback a paragraph states."""
    flat = normalize(text)
    phone = _PHONE.search(flat)
    address = _ADDRESS.search(flat)
    email = _EMAIL.search(flat)
    until = None
    for pattern in (_UNTIL, _RANGE_END):
        found = [m for m in pattern.finditer(flat)]
        if found:
            try:
                until = dt.date(*map(int, found[-1].groups()))
            except ValueError:
                until = None
            break
    return Contacts(
        re.sub(r"\s+", "", phone.group(1)).replace("－", "-").replace("—", "-") if phone else None,
        address.group(1).strip() if address else None,
        email.group(0).rstrip(".") if email else None,
        until,
    )


def feedback_paragraph(text: str) -> bool:
    """The paragraph inviting public feedback: it names at least two ways of reaching the unit."""
    found = contacts(text)
    return sum(v is not None for v in (found.phone, found.mailbox, found.email)) >= 2


# --- figures the text states -------------------------------------------------------------------

FIGURES: dict[str, re.Pattern[str]] = {
    "rules-made": re.compile(
        r"(?:建立|健全|完善|新建|制定|修订|修改|出台)[^。；，,]{0,12}?制度\s*(\d+)\s*[项个条件]"
    ),
    "accountable": re.compile(r"问责\s*(\d+)\s*人"),
    "funds-recovered": re.compile(
        r"(?:挽回|追缴|追回|清退|收回|退还|挽回损失)[^。；，,]{0,20}?(\d+(?:\.\d+)?)\s*万元"
    ),
}


def figures(text: str) -> tuple[dict[str, str], list[str]]:
    """The optional header figures `text` states with confidence, and the names of those it states
    with different values (left for staff to decide: a misread figure is worse than none)."""
    flat = normalize(text)
    found: dict[str, str] = {}
    unsure: list[str] = []
    for name, pattern in FIGURES.items():
        values = {m.group(1) for m in pattern.finditer(flat)}
        if len(values) == 1:
            found[name] = values.pop()
        elif values:
            unsure.append(name)
    return found, unsure


# --- pasted text that would render badly -------------------------------------------------------

_RUN_ON = re.compile(rf"[。！？；]\s*((?:[{_CN_DIGITS}]+、|[（(][{_CN_DIGITS}]+[）)])[^。；，,]{{1,24}})")


def pasted_badly(line: str) -> tuple[str, str] | None:
    """Why a narrative line, pasted from a document, would not render as the document it was:
    ("run-on", heading) when an outline heading follows a sentence on the same line (a paragraph
    break lost in pasting), ("inline", heading) when a 一、 heading carries its section's text on its
    line (it renders as a paragraph, not a heading); None when the line is fine."""
    text = line.strip()
    if not text or text.startswith(("|", "#", ">")):
        return None
    match = _RUN_ON.search(normalize(text))
    if match is not None:
        return "run-on", match.group(1)
    found = heading(text)
    if found is not None and found.level == 1 and found.rest:
        return "inline", found.text
    return None
