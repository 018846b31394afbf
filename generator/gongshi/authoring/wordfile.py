"""Opening a Word file staff were sent, safely, and reading its paragraphs and tables in order.

A .docx is a zip of XML parts. Before python-docx reads anything the zip is
looked at from outside: an OLE compound file (a password-protected .docx, or
an old .doc renamed) is refused, and so is a zip whose parts would unpack to
more than `MAX_UNPACKED` bytes (a zip bomb), or that carries macros, ActiveX
controls or HTML chunks (which can hold script), or that pulls images or frames from outside the file.
Every refusal is a catalog problem; nothing here raises on bad input.
"""

from __future__ import annotations

import re
import zipfile
from dataclasses import dataclass
from pathlib import Path

from gongshi.problems.errors import ProblemLog

SPREADSHEETS = (".xls", ".xlsx", ".xlsm", ".et", ".csv")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_UNPACKED = 64 * 1024 * 1024  # a report with a few scanned pages is well under this
MAX_RATIO = 500  # deflate tops out near 1000:1, reached only by padding; real XML packs 10-50:1
MAX_PARTS = 2000
# parts that carry code or objects a report never needs
_ACTIVE_PARTS = ("vbaproject", "vbadata", "activex", "afchunk", "altchunk")
_ACTIVE_KINDS = ("/vbaproject", "/afchunk", "/control", "/activexcontrolbinary")
_EXTERNAL_KINDS = (
    "/image",
    "/oleobject",
    "/frame",
    "/subdocument",
    "/package",
    "/video",
    "/audio",
    "/afchunk",
)


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text (line breaks inside it kept as newlines) and whether it is centred or
    right-aligned, as titles and 落款 are."""

    text: str
    align: str = ""  # "center", "right" or ""
    level: int = 0  # 1-4 for a paragraph in a Word heading style (Heading 1, 标题 2); 0 otherwise


@dataclass(frozen=True)
class Table:
    """A table as a grid: each merged cell's text at every position it covers; `inherited` marks the
    positions whose text comes from a merge above or to the left, `wide` the first cell of a
    horizontal merge (the shapes ledger_import expects of a spreadsheet)."""

    number: int  # 1-based position among the document's tables
    rows: tuple[tuple[str, ...], ...]
    inherited: tuple[frozenset[int], ...]
    wide: tuple[frozenset[int], ...]


Block = Paragraph | Table


def read_word(path: Path, log: ProblemLog) -> list[Block] | None:
    """The document's body in order, or None after logging why it cannot be read."""
    suffix = path.suffix.lower()
    if suffix in (".doc", ".wps", ".wpt", ".dot", ".rtf"):
        log.error(None, "word.old-format", suffix=suffix)
        return None
    if suffix in SPREADSHEETS:  # the ledger workbook given where the report was meant
        log.error(None, "word.spreadsheet", suffix=suffix)
        return None
    try:
        with path.open("rb") as handle:
            head = handle.read(8)
    except OSError as exc:
        log.error(None, "word.unreadable", error=str(exc.strerror))
        return None
    if head == OLE_MAGIC:
        log.error(None, "word.encrypted")
        return None
    if not _safe_zip(path, log):
        return None
    return _blocks(path, log)


def _safe_zip(path: Path, log: ProblemLog) -> bool:
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        log.error(None, "word.corrupt")
        return False
    names = {info.filename for info in infos}
    if "xl/workbook.xml" in names:  # an .xlsx renamed .docx
        log.error(None, "word.spreadsheet", suffix=path.suffix.lower())
        return False
    if "word/document.xml" not in names or "[Content_Types].xml" not in names:
        log.error(None, "word.corrupt")
        return False
    total = sum(info.file_size for info in infos)
    bomb = len(infos) > MAX_PARTS or total > MAX_UNPACKED
    bomb = bomb or any(info.file_size > MAX_RATIO * max(info.compress_size, 1024) for info in infos)
    if bomb:
        log.error(None, "word.too-large", size=total // (1024 * 1024), limit=MAX_UNPACKED // (1024 * 1024))
        return False
    active = sorted(name for name in names if any(mark in name.lower() for mark in _ACTIVE_PARTS))
    if active:
        log.error(None, "word.active-content", parts=active[:5])
        return False
    return True


def _blocks(path: Path, log: ProblemLog) -> list[Block] | None:
    import docx  # python-docx: imported here so commands that never read Word do not load it
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.table import Table as DocxTable

    try:
        document = docx.Document(str(path))
        rels = [rel for part in document.part.package.iter_parts() for rel in part.rels.values()]
        active = sorted(
            {rel.reltype.rsplit("/", 1)[-1] for rel in rels if rel.reltype.lower().endswith(_ACTIVE_KINDS)}
        )
        if active:
            log.error(None, "word.active-content", parts=active)
            return None
        external = [
            rel.target_ref
            for rel in rels
            if rel.is_external and rel.reltype.lower().endswith(_EXTERNAL_KINDS)
        ]
        if external:
            log.error(None, "word.external", targets=external[:3])
            return None
        blocks: list[Block] = []
        tables = 0
        for item in document.iter_inner_content():
            if isinstance(item, DocxTable):
                tables += 1
                blocks.append(_table(item, tables))
                continue
            alignment = item.paragraph_format.alignment
            if alignment is None and item.style is not None:
                alignment = item.style.paragraph_format.alignment
            align = {WD_ALIGN_PARAGRAPH.CENTER: "center", WD_ALIGN_PARAGRAPH.RIGHT: "right"}.get(
                alignment, ""
            )
            blocks.append(Paragraph(item.text, align, _style_level(item.style.name if item.style else "")))
        return blocks
    except Exception as exc:  # python-docx and lxml raise anything on a damaged part
        log.error(None, "word.corrupt-part", error=type(exc).__name__)
        return None


def _style_level(name: str) -> int:
    """The outline level a heading style gives (Heading 2, 标题 2), for the few reports that use them."""
    match = re.fullmatch(r"(?:heading|标题)\s*([1-4])", (name or "").strip().lower())
    return int(match.group(1)) if match else 0


def _table(table: object, number: int) -> Table:
    rows: list[tuple[str, ...]] = []
    inherited: list[frozenset[int]] = []
    wide: list[frozenset[int]] = []
    above: list[object] = []
    for row in table.rows:  # type: ignore[attr-defined]
        cells = list(row.cells)
        tcs = [cell._tc for cell in cells]
        texts = tuple(cell.text for cell in cells)
        taken = {
            c
            for c, tc in enumerate(tcs)
            if (c > 0 and tcs[c - 1] is tc) or (c < len(above) and above[c] is tc) or _continues(cells[c])
        }
        starts = {c for c, tc in enumerate(tcs) if c + 1 < len(tcs) and tcs[c + 1] is tc and c not in taken}
        rows.append(texts)
        inherited.append(frozenset(taken))
        wide.append(frozenset(starts))
        above = tcs
    return Table(number, tuple(rows), tuple(inherited), tuple(wide))


def _continues(cell: object) -> bool:
    """A cell that continues a vertical merge but was not given the text above (older files)."""
    return getattr(cell._tc, "vMerge", None) == "continue"  # type: ignore[attr-defined]
