"""Jinja filters: how dates, rates and amounts are written on the portal."""

from __future__ import annotations

import datetime as dt
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


FILTERS = {"cn_date": cn_date, "date_nw": date_nw, "pct": pct, "amount": amount}
