"""Narrative Markdown to HTML that is safe to publish.

Markdown passes raw HTML through; the result is sanitised with an allowlist
(nh3), so a report can never carry script, event handlers, `javascript:`
links or frames onto the portal.

Dates and telephone numbers in the narrative are kept on one line: Chinese
text breaks between any two characters, and a reader on a phone would get
`2025年8月` / `7日` or `0000-` / `86123488`, the deadline or the number to
call split across lines.

Staff paste the approved document's text as it was: one paragraph a line,
typed outline headings (一、 / （一）), the 落款 at the end. Chinese is never
hard-wrapped mid-sentence, so a single line break between two lines of
Chinese text is a paragraph break; a line that is a 公文 heading is a
heading; the issuing body and date closing the narrative are a signature
block. Narrative already written as Markdown renders as before.
"""

from __future__ import annotations

import functools
import re
import xml.etree.ElementTree as etree

import markdown
import nh3
from markdown.extensions import Extension
from markdown.inlinepatterns import InlineProcessor
from markdown.util import AtomicString

from gongshi.content import gongwen
from gongshi.content.checks import MOBILE

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "dl", "dt", "dd", "abbr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"p": set(), "a": {"href", "title"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}  # fmt: skip
SIGNATURE_CLASS = "signature"  # the 落款: right-aligned in site.css
URL_SCHEMES = {"http", "https", "mailto", "tel"}
UNBROKEN_CLASS = "nw"  # white-space: nowrap in site.css
UNBROKEN = re.compile(
    r"(?<!\d)(?:\d{4}年\d{1,2}月(?:\d{1,2}日)?|\d{1,2}月\d{1,2}日|\d{4}([-./])\d{1,2}\1\d{1,2})(?!\d)"  # dates
    r"|(?<![\d-])(?:0\d{2,3}-\d{7,8}(?:-\d{1,5})?|[48]00-?\d{3}-?\d{4})(?![\d-])"  # landlines, 400/800
    rf"|(?:{MOBILE.pattern})"  # mobiles, the pattern lint finds them by
)


@functools.cache
def _markdown() -> markdown.Markdown:
    """One parser per process, reset before each narrative: building one costs more than converting."""
    return markdown.Markdown(extensions=["tables", "sane_lists", _Unbroken()], output_format="html")


def render_narrative(text: str) -> str:
    """Render a report's narrative; an h1 becomes h2 so the page keeps one h1, its title.
    Each h2 gets an id (sec-1, sec-2, ...) after sanitising, for the page's contents list."""
    body, signature = as_pasted(text)
    html = _markdown().reset().convert(body)
    if signature:
        closing = _markdown().reset().convert("  \n".join(signature))
        html += "\n" + closing.replace("<p>", f'<p class="{SIGNATURE_CLASS}">', 1)
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    numbers = iter(range(1, 10_000))
    return _OPENS_SECTION.sub(
        lambda m: f'<{m.group(1) or m.group(2)} id="sec-{next(numbers)}">', sanitize(html)
    )


# A section opens with an h2, or, in a report pasted from a 公文 Word file without heading styles,
# with a short paragraph of its own typed as 一、…… (no full stop): both get an id for the contents.
_OPENS_SECTION = re.compile(r"<(h2)>|<(p)>(?=[一二三四五六七八九十]{1,3}、[^<。！？]{1,40}</p>)")
_SECTION = re.compile(r'<(?:h2|p) id="(sec-\d+)">(.*?)</(?:h2|p)>', re.S)


def sections(html: str) -> list[tuple[str, str]]:
    """(id, text) of each numbered h2 of a rendered narrative, its text without tags."""
    found = []
    for anchor, inner in _SECTION.findall(html):
        text = re.sub(r"<[^>]+>", "", inner)
        for entity, char in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&#39;", "'"), ("&amp;", "&")):
            text = text.replace(entity, char)
        found.append((anchor, text.strip()))
    return found


_MARKDOWN_BLOCK = re.compile(r"^(?:#|>|\||[-*+]\s|\d+[.)]\s|```|~~~|<)")
_LIST_ITEM = re.compile(r"^(?:[-*+]|\d+[.)])\s")
_CJK = re.compile(r"[\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")
_HEADING_LEVELS = {1: "##", 2: "###"}


def as_pasted(text: str) -> tuple[str, list[str]]:
    """The narrative as Markdown, read the way pasted 公文 text means it, and the 落款's lines (none
    when it does not end with one). Markdown blocks (headings, lists, tables, code, quotes) are
    left as they are."""
    lines = text.split("\n")
    signature: list[str] = []
    filled = [i for i, line in enumerate(lines) if line.strip()][-3:]  # 落款: issuer (one or two lines), date
    while filled and not all(_plain(lines[i]) for i in filled):
        filled = filled[1:]
    closing = [lines[i].strip() for i in filled]
    start = gongwen.signature_start(closing)
    if start is not None:
        signature = closing[start:]
        lines = lines[: filled[start]]
    out: list[str] = []
    fenced = False
    for line in lines:
        stripped = line.strip()
        if stripped.startswith(("```", "~~~")):
            fenced = not fenced
        previous = out[-1] if out else ""
        if fenced or not stripped or not _plain(line):
            if _LIST_ITEM.match(line) and _plain(previous) and _chinese_end(previous):
                out.append("")  # a list typed under a line of text starts a list, as in the document
            out.append(line)
            continue
        heading = gongwen.heading(stripped)
        if heading is not None and not heading.rest and heading.level in _HEADING_LEVELS:
            out += ["", f"{_HEADING_LEVELS[heading.level]} {stripped}", ""]
            continue
        if (
            previous.strip()
            and _plain(previous)
            and _chinese_end(previous)
            and _CJK.search(stripped[:1] or " ")
        ):
            out.append("")  # a line break between two lines of Chinese text: a new paragraph
        out.append(line)
    return "\n".join(out), signature


def _plain(line: str) -> bool:
    """A line of running text: not a Markdown block and not indented as code."""
    return not line.startswith(("    ", "\t")) and not _MARKDOWN_BLOCK.match(line.lstrip())


def _chinese_end(line: str) -> bool:
    text = line.rstrip()
    return bool(text) and not text.endswith("  ") and bool(_CJK.match(text[-1]))


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"span": {"class": {UNBROKEN_CLASS}}, "p": {"class": {SIGNATURE_CLASS}}},
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )


class _UnbrokenPattern(InlineProcessor):
    def handleMatch(self, m: re.Match[str], data: str) -> tuple[etree.Element, int, int]:
        span = etree.Element("span", {"class": UNBROKEN_CLASS})
        span.text = AtomicString(m.group(0))
        return span, m.start(0), m.end(0)


class _Unbroken(Extension):
    def extendMarkdown(self, md: markdown.Markdown) -> None:
        # Lowest priority: after code spans, links and raw HTML have taken their text.
        md.inlinePatterns.register(_UnbrokenPattern(UNBROKEN.pattern, md), "unbroken", 1)
