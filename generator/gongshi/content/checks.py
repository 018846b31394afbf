"""Checks on what a report says: personal data (the figures are read in figures.py).

Personal data (ID numbers, mobile numbers, bank cards) must never reach a public page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_ID_CHECK = "10X98765432"
_ID = re.compile(
    r"(?<![0-9])[1-9]\d{5}(?:19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9Xx])"
)
# Also kept on one line in narratives (markup.UNBROKEN): the numbers lint finds are the ones kept whole.
MOBILE = re.compile(r"(?<![0-9])(?:\+?86[- ]?)?1[3-9]\d[- ]?\d{4}[- ]?\d{4}(?![0-9])")
_ELEVEN_DIGITS = re.compile(r"(?:\d\D{0,2}){11}")
_CARD = re.compile(r"(?<![0-9])(?:\d[ -]?){15,18}\d(?![0-9])")


@dataclass(frozen=True)
class Finding:
    line: int
    kind: str
    value: str


def _valid_id(number: str) -> bool:
    digits = number.upper()
    total = sum(int(d) * w for d, w in zip(digits[:17], _ID_WEIGHTS, strict=True))
    return _ID_CHECK[total % 11] == digits[17]


def _luhn(number: str) -> bool:
    digits = [int(d) for d in number][::-1]
    total = sum(d if i % 2 == 0 else (d * 2 - 9 if d > 4 else d * 2) for i, d in enumerate(digits))
    return total % 10 == 0


def personal_data(lines: list[tuple[int, str]], allowed: frozenset[str]) -> list[Finding]:
    """Resident ID numbers (valid check digit), mobile numbers and bank card numbers (Luhn)."""
    found: list[Finding] = []
    for number, text in lines:
        if not _ELEVEN_DIGITS.search(text):  # every pattern below needs 11+ digits: skip most lines fast
            continue
        ids = {m.group(0) for m in _ID.finditer(text) if _valid_id(m.group(0))}
        found += [Finding(number, "居民身份证号", v) for v in sorted(ids) if v not in allowed]
        for match in MOBILE.finditer(text):
            value = match.group(0)
            if value not in allowed and re.sub(r"\D", "", value)[-11:] not in allowed:
                found.append(Finding(number, "手机号码", value))
        for match in _CARD.finditer(text):
            digits = re.sub(r"\D", "", match.group(0))
            if (
                digits not in ids
                and 16 <= len(digits) <= 19
                and _luhn(digits)
                and match.group(0) not in allowed
                and digits not in allowed
            ):
                found.append(Finding(number, "银行卡号", match.group(0)))
    return found
