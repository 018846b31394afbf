"""A unit's report written from the approved Word document (`gongshi import-report`).

Staff hold the report the review approved as a .docx in 公文 layout; typing
it again into Markdown loses time and adds mistakes. This reads the title,
the typed outline, the paragraphs, the 落款 and the feedback contacts, the
figures the text states, and a ledger table (often the 附件), and writes the
report file in the format of docs/content-format.md. What the document
cannot say (the review: outcome, date, reviewers) reads 【待填写】, so
`gongshi check` lists what is left; what it could not place is named.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path

from gongshi.authoring.ledger_import import read_grid, render_ledger_table
from gongshi.authoring.scaffold import PLACEHOLDER, blank
from gongshi.authoring.wordfile import Block, Paragraph, Table, read_word
from gongshi.content import gongwen
from gongshi.content.checks import personal_data
from gongshi.content.ledger import LEDGER_HEADING
from gongshi.content.ledger_vocabulary import COLUMNS, REQUIRED
from gongshi.content.model import LedgerItem, UnitRef
from gongshi.content.reports import HEADER_KEYS
from gongshi.infra.atomic import write_file_atomically
from gongshi.problems.errors import Problem, ProblemLog, Severity
from gongshi.problems.messages import Term

_TITLE_END = re.compile(r"(?:通报|报告|情况|公告|通知|公示)$")
_DOC_NUMBER = re.compile(r"[〔\[]\d{4}[〕\]]\s*\d+\s*号|^[（(].{0,6}稿[）)]$|^(?:特急|加急|平急|机密|秘密)")
_ATTACHMENT = re.compile(r"^附件\s*\d*\s*[:：]?\s*$")
_TITLE_LINES = 3
_MARKDOWN_INLINE = re.compile(r"([\\`*\[\]<>])")
_MARKDOWN_LEAD = re.compile(r"^(#|>|\||[-+=]|\d+[.)]\s)")
_SHOWN = 24  # characters of an unplaced paragraph named in the warning


class WordStatus(StrEnum):
    WRITTEN = "written"
    FAILED = "failed"  # errors; nothing written


@dataclass(frozen=True)
class WordImport:
    """What `gongshi import-report` did, and every problem found (errors: nothing was written)."""

    status: WordStatus
    problems: list[Problem]
    items: int = 0
    placeholders: int = 0


@dataclass
class _Parts:
    """The document cut into what the report needs."""

    title: list[str] = field(default_factory=list)
    body: list[str] = field(default_factory=list)
    signature: list[str] = field(default_factory=list)
    unplaced: list[str] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    styled: dict[str, int] = field(default_factory=dict)  # text -> level of paragraphs in heading styles


def import_report(
    source: Path, report: Path, round_id: str, unit: UnitRef, replace: bool, allowed: frozenset[str]
) -> WordImport:
    """Read `source` and write `report`; an existing report is kept unless `replace`."""
    problems: list[Problem] = []
    log = ProblemLog(str(source), problems)
    blocks = read_word(source, log)  # read first: a file that cannot be imported is said either way
    if report.exists() and not replace:
        ProblemLog(str(report), problems).error(None, "word.report-exists")
    if blocks is None or problems:
        return WordImport(WordStatus.FAILED, problems)
    parts = _cut(blocks)
    if not parts.body:
        log.error(None, "word.empty")
        return WordImport(WordStatus.FAILED, problems)
    items, ledger = _ledger(parts, source, log)
    text = _report_text(parts, round_id, unit, ledger, log)
    report_log = ProblemLog(str(report), problems)
    lines = list(enumerate(text.split("\n"), start=1))
    for finding in personal_data(lines, allowed):
        report_log.warning(finding.line, "privacy", kind=Term(finding.kind), value=finding.value)
    if parts.unplaced:
        log.warning(None, "word.unplaced", texts=[f"“{t}”" for t in parts.unplaced])
    try:
        report.parent.mkdir(parents=True, exist_ok=True)
        write_file_atomically(report, text.encode("utf-8"))
    except OSError as exc:
        report_log.error(None, "import.report-unreadable", error=str(exc.strerror))
        return WordImport(WordStatus.FAILED, problems)
    return WordImport(WordStatus.WRITTEN, problems, len(items), text.count(PLACEHOLDER))


# --- cutting the document --------------------------------------------------------------------


def _cut(blocks: list[Block]) -> _Parts:
    """Title, body, 落款 and attachments; tables kept aside for the ledger."""
    parts = _Parts(tables=[b for b in blocks if isinstance(b, Table)])
    paragraphs = [p for p in blocks if isinstance(p, Paragraph)]
    lines: list[tuple[str, str]] = [
        (line.strip(), p.align) for p in paragraphs for line in p.text.split("\n") if line.strip()
    ]
    parts.styled = {line.strip(): p.level for p in paragraphs if p.level for line in p.text.split("\n")}
    texts = [text for text, _ in lines]
    end = _attachment_start(texts)
    parts.unplaced = [_short(t) for t in texts[end:]]
    texts, lines = texts[:end], lines[:end]
    start = _title_end(lines)
    parts.title = [t for t in texts[:start] if not _DOC_NUMBER.search(t)]
    sign = gongwen.signature_start(texts[start:])
    stop = start + sign if sign is not None else len(texts)
    parts.body = texts[start:stop]
    parts.signature = texts[stop:]
    return parts


def _attachment_start(texts: list[str]) -> int:
    """Where the attachments begin: a line 附件 (附件1) after the 落款, which ends the document proper."""
    for index, text in enumerate(texts):
        if _ATTACHMENT.match(gongwen.normalize(text)) and gongwen.signature_start(texts[:index]) is not None:
            return index
    return len(texts)


def _title_end(lines: list[tuple[str, str]]) -> int:
    """How many leading lines the title takes: up to the line that ends it (……的通报), the 文号 and
    draft marks above it included; else the leading centred lines; else the first line."""
    joined = ""
    for index, (text, _) in enumerate(lines[: _TITLE_LINES + 1]):
        if _DOC_NUMBER.search(text):
            continue
        joined += text
        if _TITLE_END.search(joined):
            return index + 1
    centred = 0
    while centred < min(len(lines), _TITLE_LINES) and lines[centred][1] == "center":
        centred += 1
    return centred or min(1, len(lines))


def _short(text: str) -> str:
    return text if len(text) <= _SHOWN else text[:_SHOWN] + "……"


# --- the report ------------------------------------------------------------------------------


def _narrative(parts: _Parts) -> list[str]:
    """Markdown blocks: outline headings as headings (一、 ## ... （一） ### ... 1． ####), the text run
    on after a heading's sentence as a paragraph of its own, every other line a paragraph, and the
    落款 as its lines at the end."""
    blocks: list[str] = []
    for text in parts.body:
        found = gongwen.heading(text)
        if found is None and text in parts.styled:  # a heading style without typed numbering
            found = gongwen.Heading(min(parts.styled[text], 3), text)
        if found is not None and found.level <= 3:
            blocks.append("#" * (found.level + 1) + " " + _escape_inline(found.text))
            if found.rest:
                blocks.append(_escape(found.rest))
        else:
            blocks.append(_escape(text))
    blocks += [_escape(text) for text in parts.signature]
    return blocks


def _escape_inline(text: str) -> str:
    return _MARKDOWN_INLINE.sub(r"\\\1", text)


def _escape(text: str) -> str:
    """Text as Markdown that shows it as typed: no emphasis, link, HTML or list made of it."""
    escaped = _escape_inline(text)
    return "\\" + escaped if _MARKDOWN_LEAD.match(escaped) else escaped


def _report_text(parts: _Parts, round_id: str, unit: UnitRef, ledger: str, log: ProblemLog) -> str:
    values: dict[str, str] = {"round": round_id, "unit": unit.id, "unit-name": unit.name}
    title = "".join(parts.title)
    values["title"] = title or PLACEHOLDER
    if not title:
        log.warning(None, "word.no-title")
    date = gongwen.date_line(parts.signature[-1]) if parts.signature else None
    if date is None:
        log.warning(None, "word.no-signature")
    values["date"] = date.isoformat() if date else PLACEHOLDER
    feedback = next((t for t in reversed(parts.body) if gongwen.feedback_paragraph(t)), "")
    found = gongwen.contacts(feedback)
    contacts = {
        "feedback-phone": found.phone,
        "feedback-mailbox": found.mailbox,
        "feedback-email": found.email,
        "feedback-until": found.until.isoformat() if found.until else None,
    }
    missing = [HEADER_KEYS[name].name for name, value in contacts.items() if value is None]
    if missing:
        log.warning(None, "word.no-contacts", keys=missing)
    values |= {name: value for name, value in contacts.items() if value is not None}
    figures, unsure = gongwen.figures("\n".join(parts.body))
    for name in gongwen.FIGURES:
        values[name] = figures.get(name, "")  # a figure the report does not state is left out
    for name in unsure:
        values[name] = blank(name)
    if unsure:
        log.warning(None, "word.figures-unsure", keys=[HEADER_KEYS[n].name for n in unsure])
    header = [
        f"{key.name}: {values[name] if name in values else blank(name)}".rstrip()
        for name, key in HEADER_KEYS.items()
    ]
    body = "\n\n".join(_narrative(parts))
    return "\n".join(header) + "\n\n" + body + f"\n\n## {LEDGER_HEADING}\n\n" + ledger


def _ledger(parts: _Parts, source: Path, log: ProblemLog) -> tuple[list[LedgerItem], str]:
    """The ledger table of the document, rendered; or the skeleton's row to fill, with why."""
    for table in parts.tables:
        label = f"{source}（表格 {table.number}）"
        read = read_grid(
            label,
            [list(r) for r in table.rows],
            [set(s) for s in table.inherited],
            [set(s) for s in table.wide],
        )
        if read is None:
            parts.unplaced.append(
                _short(f"表格 {table.number}：" + " ".join(table.rows[0]) if table.rows else "")
            )
            continue
        items, problems = read
        errors = [p for p in problems if p.is_error]
        if errors or not items:
            log.problems.extend(
                _as_warning(p) for p in problems
            )  # named before the warning that says "above"
            log.warning(None, "word.ledger-unread", table=table.number, errors=len(errors))
        else:
            log.problems.extend(problems)
            _name_other_tables(parts, table)
            return items, render_ledger_table(items)
        _name_other_tables(parts, table)
        return [], _empty_ledger()
    log.warning(None, "word.no-ledger")
    return [], _empty_ledger()


def _name_other_tables(parts: _Parts, ledger: Table) -> None:
    for table in parts.tables:
        if table.number > ledger.number and table.rows:
            parts.unplaced.append(_short(f"表格 {table.number}：" + " ".join(table.rows[0])))


def _as_warning(problem: Problem) -> Problem:
    from dataclasses import replace

    return replace(problem, severity=Severity.WARNING)


def _empty_ledger() -> str:
    columns = [COLUMNS[name][0] for name in ("number", "area", *REQUIRED)]
    return "\n".join(
        [
            "| " + " | ".join(columns) + " |",
            "| " + " | ".join("---" for _ in columns) + " |",
            f"| 1 | {PLACEHOLDER} |" + " |" * (len(columns) - 2),
            "",
        ]
    )
