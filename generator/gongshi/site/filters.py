"""Jinja filters: how dates, rates and amounts are written on the portal."""

from __future__ import annotations

import datetime as dt
import re
from decimal import Decimal

from markupsafe import Markup

from gongshi.content.dates import format_cn
from gongshi.content.metrics import format_percent
from gongshi.site.markup import UNBROKEN_CLASS


def cn_date(value: dt.date | None) -> str:
    return format_cn(value) if value else "—"


def date_nw(value: dt.date | None) -> Markup:
    """A date in a sentence, kept on one line (Chinese text breaks anywhere: 2025年8月 / 7日)."""
    return Markup('<span class="{}">{}</span>').format(UNBROKEN_CLASS, cn_date(value))


def pct(value: Decimal) -> str:
    return format_percent(value)


def amount(value: Decimal) -> str:
    """万元 amounts with thousands separators and no trailing zeros: 1,268.5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


_LINK = re.compile(r"</?a\b[^>]*>")
_STYLES = {  # what the portal's stylesheet gives these elements, for a CMS article that has none
    "h2": "font-size:17px;font-weight:bold;margin:16px 0 8px;",
    "h3": "font-size:16px;font-weight:bold;margin:12px 0 6px;",
    "p": "margin:0 0 12px;",
    "table": "border-collapse:collapse;width:100%;margin:0 0 12px;",
    "th": "border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top;",
    "td": "border:1px solid #999;padding:4px 6px;text-align:left;vertical-align:top;",
    "span": "white-space:nowrap;",  # the sanitiser lets only class="nw" through
}
_OPENING = re.compile(r"<(h2|h3|p|table|th|td|span)\b([^>]*)>")


def unlinked(html: str) -> Markup:
    """Sanitised HTML with its links turned into their text: a pasted fragment points nowhere."""
    return Markup(_LINK.sub("", str(html)))


def inline_styles(html: str) -> Markup:
    """Sanitised narrative HTML with the site's look as style attributes, and no ids or classes."""

    def styled(match: re.Match[str]) -> str:
        tag, attributes = match.group(1), re.sub(r'\s(?:id|class)="[^"]*"', "", match.group(2))
        return f'<{tag}{attributes} style="{_STYLES[tag]}">'

    return Markup(_OPENING.sub(styled, str(html)))


FILTERS = {
    "cn_date": cn_date,
    "date_nw": date_nw,
    "pct": pct,
    "amount": amount,
    "unlinked": unlinked,
    "inline_styles": inline_styles,
}
