"""Strict dates: a partial or ambiguous date would make output depend on today."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping

from gongshi.problems.messages import DATE_ERRORS

BEIJING = dt.timezone(dt.timedelta(hours=8), "Asia/Shanghai")  # the portal's clock, wherever it runs


def today() -> dt.date:
    """Today in Beijing time: a server in UTC would otherwise date builds before 08:00 a day early."""
    return dt.datetime.now(BEIJING).date()


_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_PARTIAL = re.compile(r"^\d{4}(\s*[-/.年]\s*\d{1,2}\s*月?)?$")


class DateError(ValueError):
    """A date that is not a full YYYY-MM-DD calendar date; `hint` says how to fix it.

    `details` (reason, value, example) are what messages.DATE_ERRORS needs to
    say it in another language; empty when the text was given as it is.
    """

    def __init__(self, message: str, hint: str, details: Mapping[str, str] | None = None):
        super().__init__(message)
        self.hint = hint
        self.details = dict(details or {})

    @classmethod
    def because(cls, reason: str, value: str, example: str = "") -> DateError:
        details = {"reason": reason, "value": value, "example": example}
        return cls(*DATE_ERRORS[reason].render(details, "zh"), details)


def parse_date(value: str, loose: bool = False) -> dt.date:
    """A YYYY-MM-DD date; with `loose`, also the forms staff type and the importer reads
    (2027年6月12日, 2027.6.30, 2027/6/30), normalised to the same date."""
    value = value.strip()
    match = _ISO.match(value)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError as exc:
            raise DateError.because("invalid", value) from exc
    found = _LOOSE.match(value)
    if found:
        y, m, d = map(int, found.groups())
        if loose:
            try:
                return dt.date(y, m, d)
            except ValueError as exc:
                raise DateError.because("invalid", value) from exc
        raise DateError.because("format", value, f"{y:04d}-{m:02d}-{d:02d}")
    if _PARTIAL.match(value):
        raise DateError.because("partial", value)
    raise DateError.because("unknown", value)


def format_cn(day: dt.date) -> str:
    """2025年7月8日, the way published notices write dates."""
    return f"{day.year}年{day.month}月{day.day}日"
