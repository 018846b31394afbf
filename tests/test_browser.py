"""The built pages in real headless Chromium, at a phone's width and a desktop's."""

import datetime as dt

import pytest
from factories import make_project, report_text, round_text
from sitetools import PAGE_TYPES, VIEWPORTS, demo_site, serve

from gongshi.runner import build

pytestmark = pytest.mark.browser

LONG = "对照巡察反馈意见逐项建立问题清单、任务清单、责任清单，" * 6
ROWS = f"| 1 | 党的建设 | {LONG} | {LONG} | 立行立改 | 办公室 | 2025-05-31 | 推进中 | |\n"


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    root = tmp_path_factory.mktemp("site")
    rows = (
        "| 1 | 党的建设 | 公车管理不规范 | 修订制度 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
        + ROWS.replace("| 1 |", "| 2 |")
    )
    config = make_project(root, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(rows=rows)},
                          GONGSHI_RULE_OVERDUE_MAX=None, GONGSHI_RULE_COMPLETION_MIN=None)  # fmt: skip
    build(config, as_of=dt.date(2025, 10, 1), batch=True)
    return root / "output"


@pytest.mark.parametrize(
    "page",
    [
        "index.html",
        "rounds/2025-r1.html",
        "rounds/2025-r1/edu.html",
        "units/edu.html",
        "batches.html",
        "method.html",
    ],
)
def test_no_horizontal_scrolling_at_360px(browser, site, artifacts, page):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto((site / page).as_uri())
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.screenshot(path=str(artifacts / f"360-{page.replace('/', '_')}.png"), full_page=True)
    tab.close()


def test_report_page_shows_ledger_status_as_text_and_overdue_flag(browser, site, artifacts):
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    tab.goto((site / "rounds/2025-r1/edu.html").as_uri())
    rows = tab.locator("table.ledger tbody tr")
    assert rows.count() == 2
    assert rows.nth(1).locator(".tag").all_inner_texts() == ["推进中", "逾期 123 天"]
    assert tab.locator("h1").inner_text().startswith("中共青岚市")
    tab.screenshot(path=str(artifacts / "1280-report.png"), full_page=True)
    tab.close()


# --- The demo site: layout, 长辈模式, touch, keyboard and print -------------------------------


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    return demo_site(tmp_path_factory)


@pytest.fixture(scope="module")
def demo_url(demo):
    with serve(demo) as base:
        yield base


def font_px(tab, selector="main p"):
    return float(tab.eval_on_selector(selector, "e => getComputedStyle(e).fontSize").removesuffix("px"))


@pytest.mark.parametrize("viewport", list(VIEWPORTS), ids=list(VIEWPORTS))
@pytest.mark.parametrize("name", list(PAGE_TYPES))
def test_demo_pages_fit_the_screen_and_are_screenshotted(browser, demo_url, artifacts, name, viewport):
    width, height = VIEWPORTS[viewport]
    tab = browser.new_page(viewport={"width": width, "height": height})
    tab.goto(demo_url + PAGE_TYPES[name])
    for elder in (False, True):
        if elder:
            tab.click("label.elder-toggle")
        assert tab.evaluate("document.documentElement.scrollWidth") <= width, (name, elder)
        tab.screenshot(
            path=str(artifacts / f"{width}x{height}-{name}{'-elder' if elder else ''}.png"), full_page=True
        )
    tab.close()


def test_elder_mode_works_without_javascript(browser, demo):
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto((demo / PAGE_TYPES["report"]).as_uri())
    before = font_px(tab, "main .lead, main .meta")
    assert tab.inner_text("label.elder-toggle").endswith("关")
    tab.click("label.elder-toggle")
    assert font_px(tab, "main .lead, main .meta") >= before * 1.3
    assert font_px(tab, "main td, main th") >= 22  # the ledger too: about 18 pt
    assert tab.inner_text("label.elder-toggle").endswith("开")  # the state is a word, not a colour
    assert tab.eval_on_selector("body", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    context.close()


def test_elder_mode_is_remembered_across_pages_with_javascript(browser, demo_url):
    context = browser.new_context(viewport={"width": 360, "height": 740})
    tab = context.new_page()
    tab.goto(demo_url + PAGE_TYPES["home"])
    normal = font_px(tab)
    tab.keyboard.press("Tab")  # the skip link
    tab.keyboard.press("Tab")  # the 长辈模式 switch, next in the keyboard order
    assert tab.evaluate("document.activeElement.id") == "elder"
    tab.keyboard.press("Space")
    assert font_px(tab) > normal * 1.3
    tab.goto(demo_url + PAGE_TYPES["report"])
    assert tab.is_checked("#elder") and font_px(tab, "main .meta") > 20
    tab.click("label.elder-toggle")
    tab.goto(demo_url + PAGE_TYPES["method"])
    assert not tab.is_checked("#elder") and font_px(tab) == normal
    context.close()


TAPPABLE = "a, button, input:not(.elder-switch), select, summary, label.elder-toggle"
RUNNING_TEXT = ".narrative a"  # links inside a report's own sentences: WCAG's inline exception


@pytest.mark.parametrize("name", ["home", "round", "report", "unit", "batches", "search"])
def test_tap_targets_are_at_least_44px(browser, demo_url, name):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES[name])
    small = tab.evaluate(
        """([tappable, exempt]) => [...document.querySelectorAll(tappable)]
            .filter(e => e.getClientRects().length && !e.closest(exempt) && !e.classList.contains('skip'))
            .map(e => [e.textContent.trim().slice(0, 20), Math.round(e.getBoundingClientRect().height)])
            .filter(([, h]) => h < 44)""",
        [TAPPABLE, RUNNING_TEXT],
    )
    assert small == []
    tab.close()


def test_every_control_is_reached_by_keyboard_with_a_visible_focus(browser, demo_url):
    tab = browser.new_page(viewport={"width": 1280, "height": 800})
    tab.goto(demo_url + PAGE_TYPES["report"])
    seen = []
    for _ in range(200):
        tab.keyboard.press("Tab")
        focus = tab.evaluate(
            """() => {
                const e = document.activeElement;
                const shown = e.id === 'elder' ? document.querySelector('label[for=elder]') : e;
                const style = getComputedStyle(shown);
                return [e.tagName, e.id || e.textContent.trim().slice(0, 12),
                        style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2];
            }"""
        )
        if focus[0] == "BODY" or (seen and focus[:2] == seen[0][:2]):
            break
        seen.append(focus)
    assert [f for f in seen if not f[2]] == []  # every stop shows where the focus is
    names = [f[1] for f in seen]
    assert names[:3] == ["跳到正文", "elder", "青岚市巡察整改公示"]
    assert {"搜索", "计算方法", "下载二维码图片（PNG）"} <= set(names)
    assert "DIV" in [f[0] for f in seen]  # the ledger's scroll box, so it can scroll by keyboard
    tab.close()


def test_report_prints_on_a4_with_ledger_and_feedback_without_navigation(browser, demo_url, artifacts):
    tab = browser.new_page(viewport={"width": 718, "height": 1000})  # A4 less 15 mm margins, at 96 dpi
    tab.goto(demo_url + PAGE_TYPES["report"])
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => Object.fromEntries(['.toolbar', '.masthead nav', '.crumbs', '.footer a', 'table.ledger',
                 'table.ledger thead', '.feedback', '.brand'].map(s => [s, getComputedStyle(document.querySelector(s)).display]))"""
    )
    assert shown[".toolbar"] == shown[".masthead nav"] == shown[".crumbs"] == shown[".footer a"] == "none"
    assert shown["table.ledger"] == "table" and shown["table.ledger thead"] == "table-header-group"
    assert shown[".feedback"] != "none" and shown[".brand"] != "none"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 718  # the ledger fits the page width
    assert tab.eval_on_selector("table.ledger", "e => e.getBoundingClientRect().width") <= 718
    pdf = tab.pdf(format="A4", path=str(artifacts / "print-report.pdf"))
    assert (
        pdf.startswith(b"%PDF")
        and 1 <= pdf.count(b"/Type /Page\n") + pdf.count(b"/Type /Page ") + pdf.count(b"/Type/Page") <= 6
    )
    tab.close()


CONTRAST = """() => {
  const rgb = s => s.match(/[\\d.]+/g).map(Number);
  const lum = ([r, g, b]) => [r, g, b].map(c => c / 255)
      .map(c => c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4)
      .reduce((sum, c, i) => sum + c * [0.2126, 0.7152, 0.0722][i], 0);
  const background = e => {
    for (; e; e = e.parentElement) {
      const c = rgb(getComputedStyle(e).backgroundColor);
      if (c.length < 4 || c[3] > 0) return c.slice(0, 3);
    }
    return [255, 255, 255];
  };
  const low = [];
  for (const e of document.querySelectorAll('body *')) {
    const text = [...e.childNodes].filter(n => n.nodeType === 3 && n.textContent.trim()).length;
    if (!text || !e.getClientRects().length || e.closest('.visually-hidden, svg, meter')) continue;
    const [a, b] = [lum(rgb(getComputedStyle(e).color).slice(0, 3)), lum(background(e))];
    const ratio = (Math.max(a, b) + 0.05) / (Math.min(a, b) + 0.05);
    if (ratio < 7) low.push([e.tagName, e.className, e.textContent.trim().slice(0, 10), ratio.toFixed(2)]);
  }
  return low;
}"""


@pytest.mark.parametrize("name", ["home", "report", "report-revisit", "search"])
def test_elder_mode_text_contrast_is_at_least_7_to_1(browser, demo_url, name):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES[name])
    tab.click("label.elder-toggle")
    assert tab.evaluate(CONTRAST) == []
    tab.close()
