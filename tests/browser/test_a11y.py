"""WCAG 2.1 AA in real Chromium: axe-core on every page type and every built page, both modes."""

import pytest
from axe_playwright_python.sync_playwright import Axe
from sitetools import PAGE_TYPES, demo_site, serve

pytestmark = pytest.mark.browser

AXE = Axe()


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


def violations(tab):
    results = AXE.run(tab)
    return [
        f"{v['id']} ({v['impact']}): {v['help']} at {[n['target'] for n in v['nodes']][:3]}"
        for v in results.response["violations"]
    ]


def open_page(browser, url, elder=False, width=360):
    tab = browser.new_page(viewport={"width": width, "height": 740})
    tab.goto(url)
    if elder:
        tab.click("label.elder-toggle")
    return tab


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder-mode"])
@pytest.mark.parametrize("page", list(PAGE_TYPES.values()), ids=list(PAGE_TYPES))
def test_no_axe_violations_on_each_page_type(browser, base, page, elder):
    tab = open_page(browser, base + page, elder)
    assert violations(tab) == []
    tab.close()


def test_no_axe_violations_on_any_built_page(browser, base, site):
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    found = {}
    for path in sorted(site.rglob("*.html")):
        page = path.relative_to(site).as_posix()
        tab.goto(base + page)
        if problems := violations(tab):
            found[page] = problems
    tab.close()
    assert found == {}


def test_no_axe_violations_on_search_results(browser, base):
    tab = open_page(browser, base + "search.html?q=食堂")
    tab.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    assert tab.locator("#search-results li").count() >= 3
    assert violations(tab) == []
    tab.close()


def test_no_axe_violations_with_scripts_blocked(browser, base):
    """As a reader without JavaScript sees the pages (axe itself is injected by the test)."""
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/*.js", lambda route: route.abort())
    for page in (PAGE_TYPES["search"], PAGE_TYPES["report"]):
        tab = context.new_page()
        tab.goto(base + page)
        tab.click("label.elder-toggle")  # 长辈模式 works from CSS alone
        assert violations(tab) == [], page
        tab.close()
    context.close()


def test_no_axe_violations_on_the_internal_preview(browser, tmp_path):
    """The banner, the 内部预览 stamp and the gate mark keep the page readable (contrast included)."""
    import datetime as dt

    from factories import make_project, report_text, round_text

    from gongshi.build.runner import build
    from gongshi.site.preview import PreviewMode

    lagging = report_text(Unit="water", Unit_Name="市水务局党组").replace(
        "| 已完成 | 2025-05-20 |", "| 推进中 | |"
    )
    config = make_project(
        tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(), "2025-r1/water.md": lagging}
    )
    site = tmp_path / "cache/serve/all/site"
    build(config, as_of=dt.date(2025, 10, 1), batch=True, output=site, internal=tmp_path / "cache/serve/all/internal",
          preview=PreviewMode.ALL)  # fmt: skip
    with serve(site) as url:
        found = {}
        for page in ("index.html", "rounds/2025-r1/water.html"):
            tab = open_page(browser, url + page)
            if problems := violations(tab):
                found[page] = problems
            tab.close()
    assert found == {}
