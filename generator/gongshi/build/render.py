"""The seam between the build and the templates: a renderer turns a page into bytes.

The build decides which pages exist, what each shows, and where and when it
is written; a renderer only draws one page. `PelicanRenderer`
(build/pelican_adapter.py) draws with the theme's Jinja templates; tests hand
the build a `FakeRenderer` and run without Pelican, as httpx's client tests
run on a mock transport.

    class Renderer(Protocol):
        def render(self, page: Page) -> bytes: ...

A renderer may be called from forked workers; it must not keep state that
the build reads back.
"""

from __future__ import annotations

from typing import Protocol

from gongshi.site.views import Page


class Renderer(Protocol):
    def render(self, page: Page) -> bytes:
        """The page's file, exactly as it is written to the output."""
        ...


class FakeRenderer:
    """Writes each page as its template name, its path and the names of its values: enough to tell
    which pages a build wrote and with what, with no theme and no Pelican."""

    def render(self, page: Page) -> bytes:
        values = ",".join(sorted(page.values))
        return f"{page.template}\n{page.path}\n{values}\n".encode()
