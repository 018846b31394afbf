"""Checks on what a report says: personal data (the figures are read in figures.py).

Personal data (ID numbers, mobile numbers, bank cards) must never reach a public page.
Numbers are looked for as people type them: full-width digits (as Chinese input
methods produce), and digits grouped with spaces, dots or dashes (139 1234 5678,
139.1234.5678, 1391-234-5678); a finding names the number as it was written.
"""

from __future__ import annotations

import re
import unicodedata
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
_SEP = r"[ .\-·_—–]"  # after NFKC: what people put between groups of digits
_ANY_MOBILE = re.compile(rf"(?<![0-9])(?:\+?86{_SEP}?)?1{_SEP}?[3-9](?:{_SEP}?\d){{9}}(?![0-9])")
_ANY_ID = re.compile(rf"(?<![0-9])[1-9](?:{_SEP}?\d){{16}}{_SEP}?[\dXx](?![0-9Xx])")


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
    for number, written in lines:
        # Every pattern below needs 11+ digits: most lines are skipped on one NFKC of the whole line
        # (composing only shortens the gaps, so it finds whatever the per-character form finds).
        if not _ELEVEN_DIGITS.search(unicodedata.normalize("NFKC", written)):
            continue
        text, where = _normalised(written)
        if not _ELEVEN_DIGITS.search(text):
            continue

        def as_written(match: re.Match[str], written: str = written, where: list[int] = where) -> str:
            return written[where[match.start()] : where[match.end() - 1] + 1]

        ids: dict[str, str] = {}
        for match in _ANY_ID.finditer(text):
            digits = _digits(match.group(0))
            if _valid_id(digits):
                ids.setdefault(digits, as_written(match))
        found += [
            Finding(number, "居民身份证号", value)
            for digits, value in sorted(ids.items())
            if not _allowed(allowed, value, digits)
        ]
        for match in _ANY_MOBILE.finditer(text):
            value, digits = as_written(match), _digits(match.group(0))
            if not _allowed(allowed, value, digits[-11:]):
                found.append(Finding(number, "手机号码", value))
        for match in _CARD.finditer(text):
            digits = _digits(match.group(0))
            if digits not in ids and 16 <= len(digits) <= 19 and _luhn(digits):
                value = as_written(match)
                if not _allowed(allowed, value, digits):
                    found.append(Finding(number, "银行卡号", value))
    return found


def _normalised(text: str) -> tuple[str, list[int]]:
    """`text` with full-width digits, letters and separators made ASCII (NFKC), and for each
    character of the result the index of the character of `text` it came from."""
    out: list[str] = []
    where: list[int] = []
    for index, char in enumerate(text):
        made = unicodedata.normalize("NFKC", char) if ord(char) > 0x7F else char
        out.append(made)
        where += [index] * len(made)
    return "".join(out), where


def _digits(value: str) -> str:
    return re.sub(r"[^0-9Xx]", "", value).upper()


def _allowed(allowed: frozenset[str], value: str, digits: str) -> bool:
    """An exact value staff let through (GONGSHI_PRIVACY_ALLOW), as written or as its digits."""
    return value in allowed or digits in allowed or digits in {_digits(a) for a in allowed}
