"""Narrative Markdown to HTML that is safe to publish.

Markdown passes raw HTML through; the result is sanitised with an allowlist
(nh3), so a report can never carry script, event handlers, `javascript:`
links or frames onto the portal.
"""

from __future__ import annotations

import markdown
import nh3

ALLOWED_TAGS = {
    "p", "br", "hr", "h2", "h3", "h4", "h5", "h6", "strong", "em", "b", "i", "u", "s", "sub", "sup",
    "ul", "ol", "li", "blockquote", "code", "pre", "a", "table", "thead", "tbody", "tr", "th", "td",
    "caption", "dl", "dt", "dd", "abbr", "span",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "abbr": {"title"}, "th": {"scope", "colspan", "rowspan"},
                      "td": {"colspan", "rowspan"}}  # fmt: skip
URL_SCHEMES = {"http", "https", "mailto", "tel"}


def render_narrative(text: str) -> str:
    """Render a report's narrative; an h1 becomes h2 so the page keeps one h1, its title."""
    html = markdown.markdown(text, extensions=["tables", "sane_lists"], output_format="html")
    html = html.replace("<h1>", "<h2>").replace("</h1>", "</h2>")
    return sanitize(html)


def sanitize(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
        strip_comments=True,
    )
