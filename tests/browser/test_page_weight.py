"""Page weight: a unit report page, with everything it loads, stays under 100 KB.

The downloadable QR PNG is left out (it is fetched only on request); the inline SVG
QR code is part of the HTML and counts. Measured on the files, then in Chromium.
"""

from pathlib import Path
from urllib.parse import urljoin, urlparse

import pytest
from lxml import html as lxml_html
from sitetools import PAGE_TYPES, demo_site, serve

BUDGET = 100 * 1024


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


def report_pages(site: Path) -> list[Path]:
    return sorted(p for p in (site / "rounds").glob("*/*.html"))


def assets(page: Path) -> set[Path]:
    """Files the page loads by itself: stylesheets, scripts, images (not links to follow)."""
    tree = lxml_html.fromstring(page.read_bytes())
    refs = tree.xpath(
        "//link[@rel='stylesheet']/@href | //script/@src | //img/@src | //link[@rel='icon']/@href"
    )
    found = set()
    for ref in refs:
        if urlparse(ref).scheme in {"data", "http", "https"}:
            assert not ref.startswith("http"), f"{page}: loads {ref} from another host"
            continue
        target = (page.parent / ref).resolve()
        assert target.is_file(), f"{page}: {ref} is missing"
        found.add(target)
    return found


def test_every_report_page_with_its_assets_is_under_100_kb(site):
    pages = report_pages(site)
    assert len(pages) == 12
    weights = {
        p.relative_to(site).as_posix(): p.stat().st_size + sum(a.stat().st_size for a in assets(p))
        for p in pages
    }
    assert max(weights.values()) <= BUDGET, weights
    css = (site / "theme" / "css" / "site.css").read_text(encoding="utf-8")
    assert "url(" not in css.replace("url(data:", "")  # no fonts or images pulled in by the stylesheet


def test_no_page_loads_anything_from_another_host(site):
    for page in site.rglob("*.html"):
        assets(page)
        text = page.read_text(encoding="utf-8")
        assert "@import" not in text and "fonts.googleapis" not in text


@pytest.mark.browser
def test_a_report_page_transfers_under_100_kb_in_chromium(browser, site):
    sizes = {}
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        tab = context.new_page()

        def count(response):
            if not response.url.endswith(".png"):
                sizes[response.url] = len(response.body())

        tab.on("response", count)
        tab.goto(urljoin(base, PAGE_TYPES["report"]), wait_until="networkidle")
        context.close()
    assert all(url.startswith(base) for url in sizes)  # nothing from any other host
    assert len(sizes) >= 3 and sum(sizes.values()) <= BUDGET, sizes
