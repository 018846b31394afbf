"""Strict dates: a partial or ambiguous date would make output depend on today."""

from __future__ import annotations

import datetime as dt
import re

_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_LOOSE = re.compile(r"^(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?$")
_PARTIAL = re.compile(r"^\d{4}(\s*[-/.年]\s*\d{1,2}\s*月?)?$")


class DateError(ValueError):
    """A date that is not a full YYYY-MM-DD calendar date; `hint` says how to fix it."""

    def __init__(self, message: str, hint: str):
        super().__init__(message)
        self.hint = hint


def parse_date(value: str) -> dt.date:
    value = value.strip()
    match = _ISO.match(value)
    if match:
        try:
            return dt.date(*map(int, match.groups()))
        except ValueError as exc:
            raise DateError(f"“{value}”不是有效日期", "检查月份和日期是否存在，如 2 月没有 30 日。") from exc
    loose = _LOOSE.match(value)
    if loose:
        y, m, d = map(int, loose.groups())
        raise DateError(f"日期格式不对：“{value}”", f"请写成 YYYY-MM-DD，例如 {y:04d}-{m:02d}-{d:02d}。")
    if _PARTIAL.match(value):
        raise DateError(f"日期不完整：“{value}”", "请写出完整的年月日，格式 YYYY-MM-DD，例如 2025-06-30。")
    raise DateError(f"无法识别的日期：“{value}”", "请写成 YYYY-MM-DD，例如 2025-06-30。")


def format_cn(day: dt.date) -> str:
    """2025年7月8日, the way published notices write dates."""
    return f"{day.year}年{day.month}月{day.day}日"
