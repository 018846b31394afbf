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
        log.error(None, "file.unreadable", f"无法读取文件：{exc.strerror}", "检查文件权限。")
        return None
    return decode_text(data, log)


def decode_text(data: bytes, log: ProblemLog) -> str | None:
    if not data.strip():
        log.error(None, "file.empty", "文件为空。", "填写内容，或删除这个文件。")
        return None
    if b"\x00" in data[:8192]:
        log.error(
            None,
            "file.binary",
            "这不是文本文件（含有二进制数据）。",
            "content/ 里只放 Markdown（.md）、TOML（.toml）和 CSV 文件；Word、Excel 请另存为文本。",
        )
        return None
    if data.startswith(UTF8_BOM):
        log.warning(
            1,
            "file.bom",
            "文件以 BOM（字节顺序标记）开头，已自动忽略。",
            "在编辑器中另存为“UTF-8（无 BOM）”。",
        )
        data = data[len(UTF8_BOM) :]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        if _decodes_as_gb18030(data):
            log.error(
                line,
                "file.gbk",
                "文件是 GBK/GB18030 编码，不是 UTF-8。",
                "在编辑器中另存为“UTF-8（无 BOM）”编码后重试。",
            )
        else:
            log.error(line, "file.encoding", "文件不是 UTF-8 编码。", "另存为 UTF-8 编码后重试。")
        return None
    if "\r" in text:
        log.warning(
            1,
            "file.crlf",
            "文件使用 Windows 换行符（CRLF），已自动转换。",
            "可在编辑器中把换行符设为 LF。",
        )
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def _decodes_as_gb18030(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
