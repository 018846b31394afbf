"""Jinja filters: how dates, rates and amounts are written on the portal."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from .dates import format_cn
from .metrics import format_percent


def cn_date(value: dt.date | None) -> str:
    return format_cn(value) if value else "—"


def pct(value: Decimal) -> str:
    return format_percent(value)


def amount(value: Decimal) -> str:
    """万元 amounts with thousands separators and no trailing zeros: 1,268.5."""
    text = f"{value:,.2f}".rstrip("0").rstrip(".")
    return text


FILTERS = {"cn_date": cn_date, "pct": pct, "amount": amount}
