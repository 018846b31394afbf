"""Reading the text files staff save, whatever their editor did to them.

Windows editors add a BOM, write CRLF, or save as GBK/GB18030; each is named
with a hint instead of turning into a confusing parse error later.
"""

from __future__ import annotations

from pathlib import Path

from .errors import ProblemLog

UTF8_BOM = b"\xef\xbb\xbf"


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
    if b"\x00" in data[:8192]:
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
    return text


def _decodes_as_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
