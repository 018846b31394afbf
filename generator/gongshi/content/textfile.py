"""Reading the text files staff save, whatever their editor did to them.

Windows editors add a BOM, write CRLF, or save as GBK/GB18030; each is named
with a hint instead of turning into a confusing parse error later.
"""

from __future__ import annotations

import re
from enum import Enum
from pathlib import Path

from gongshi.problems.errors import ProblemLog

UTF8_BOM = b"\xef\xbb\xbf"
# Characters no text a person typed should hold: C0 controls but tab and line ends, DEL, C1
# controls, and the Unicode line and paragraph separators. Word's manual line break pastes as
# U+000B; a page or a feed holding one is invalid XML, and a record holding one cannot be read back.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u2028\u2029]")
# Files that are no text whatever their bytes decode to: a workbook (.xlsx, .ods, .docx are zip
# files), an old Excel or Word file, a PDF.
_BINARY_SIGNATURES = (b"PK\x03\x04", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", b"%PDF-")


class NotText(Enum):
    """Why `decode_csv` found no text: each caller says it with a problem code of its own."""

    EMPTY = "empty"
    BINARY = "binary"  # a spreadsheet or other binary file given where a CSV file was asked for
    ENCODING = "encoding"  # neither UTF-8 nor GB18030


def read_text(path: Path, log: ProblemLog) -> str | None:
    """Return the file's text with LF line ends, or None if it cannot be used."""
    try:
        data = path.read_bytes()
    except OSError as exc:
        log.error(None, "file.unreadable", error=exc.strerror)
        return None
    return decode_text(data, log)


def decode_text(data: bytes, log: ProblemLog) -> str | None:
    if not data.strip():
        log.error(None, "file.empty")
        return None
    if is_binary(data):
        log.error(None, "file.binary")
        return None
    if data.startswith(UTF8_BOM):
        log.warning(1, "file.bom")
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _decodes_as_gb18030(data):
            log.error(line, "file.gbk")
        else:
            log.error(line, "file.encoding")
        return None
    if "\r" in text:
        log.warning(1, "file.crlf")
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    found = control_characters(text)
    for line, chars in found:
        log.error(line, "file.control", chars=chars)
    # Read on with a space in their place: the file's other problems are found in the same run, and
    # the one mistake is not said twice (a TOML or table parser would stumble on it again).
    return CONTROL.sub(" ", text) if found else text


def control_characters(text: str) -> list[tuple[int, list[str]]]:
    """(line, the characters as U+XXXX) of every line holding a control character."""
    found: dict[int, list[str]] = {}
    for match in CONTROL.finditer(text):
        line = text.count("\n", 0, match.start()) + 1
        name = f"U+{ord(match.group()):04X}"
        if name not in found.setdefault(line, []):
            found[line].append(name)
    return sorted(found.items())


def decode_csv(data: bytes) -> str | NotText:
    """A CSV file's text as Excel and WPS save it: UTF-8 with or without BOM, else GB18030, which
    Excel on Chinese Windows writes. Line ends are left to the csv module.

    Python's gb18030 codec keeps a GB18030 BOM (84 31 95 33) as U+FEFF, which would end up in the
    first column's name; it is dropped like UTF-8's.
    """
    if not data.strip():
        return NotText.EMPTY
    if is_binary(data):
        return NotText.BINARY
    if mixed_encoding_line(data) is not None:
        return NotText.ENCODING
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding).removeprefix("\ufeff")
        except UnicodeDecodeError:
            continue
    return NotText.ENCODING


# What each kind of CSV file calls one that holds no text, in the words of its own readers: the one
# table of those problems (ledgers, survey exports, units files for `new round`).
_NOT_TEXT: dict[str, dict[NotText, tuple[str, dict[str, str]]]] = {
    "ledger": {
        NotText.EMPTY: ("import.empty", {}),
        NotText.BINARY: ("import.format", {"case": "binary"}),
        NotText.ENCODING: ("import.encoding", {}),
    },
    "survey": {
        NotText.EMPTY: ("survey.empty", {}),
        NotText.BINARY: ("survey.binary", {}),
        NotText.ENCODING: ("survey.encoding", {}),
    },
    # said of a CSV file staff export, the survey hints fit the units file (save as CSV UTF-8)
    "units": {
        NotText.EMPTY: ("import.empty", {}),
        NotText.BINARY: ("survey.binary", {}),
        NotText.ENCODING: ("survey.encoding", {}),
    },
}


def csv_text(data: bytes, log: ProblemLog, kind: str) -> str | None:
    """A CSV file's text (see `decode_csv`), or None with the problem that says why it has none."""
    text = decode_csv(data)
    if isinstance(text, NotText):
        code, values = _NOT_TEXT[kind][text]
        log.error(mixed_encoding_line(data) if text is NotText.ENCODING else None, code, **values)
        return None
    return text


def mixed_encoding_line(data: bytes) -> int | None:
    """The line where a file that is UTF-8 so far stops being so (a row pasted from a GBK file): read
    as GB18030 whole, every Chinese line before it would turn into nonsense without a word."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = data[: exc.start]
        # Chinese read as UTF-8 before the break: a UTF-8 file. A GBK file may open with a character
        # or two that happen to be valid UTF-8, never with several Chinese ones.
        if len(re.findall("[\u4e00-\u9fff]", before.decode("utf-8"))) >= 3:
            return before.count(b"\n") + 1
    return None


def sniff_delimiter(text: str) -> str:
    """Comma, semicolon or tab, whichever the first lines hold most of: Excel saves semicolons in
    some locales, WPS and survey platforms tabs."""
    head = "\n".join(text.splitlines()[:5])
    return max((",", ";", "\t"), key=head.count)


def is_binary(data: bytes) -> bool:
    """A workbook, PDF or other binary file rather than text (text files hold no NUL byte)."""
    return data.startswith(_BINARY_SIGNATURES) or b"\x00" in data[:8192]


def _decodes_as_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
