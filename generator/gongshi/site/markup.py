"""Narrative Markdown to HTML that is safe to publish.

Markdown passes raw HTML through; the result is sanitised with an allowlist
(nh3), so a report can never carry script, event handlers, `javascript:`
links or frames onto the portal.

Dates and telephone numbers in the narrative are kept on one line: Chinese
text breaks between any two characters, and a reader on a phone would get
`2025年8月` / `7日` or `0000-` / `86123488`, the deadline or the number to
call split across lines.
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

from gongshi.content.checks import MOBILE

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "dl", "dt", "dd", "abbr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}  # fmt: skip
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
    html = _markdown().reset().convert(text)
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


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        tag_attribute_values={"span": {"class": {UNBROKEN_CLASS}}},
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
