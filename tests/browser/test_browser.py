"""The built pages in real headless Chromium, at a phone's width and a desktop's."""

import datetime as dt
import re

import pytest
from factories import REPO, make_project, report_text, round_text
from sitetools import PAGE_TYPES, VIEWPORTS, demo_site, serve

from gongshi.build.runner import build

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
    assert font_px(tab, "main .narrative p") == 24  # 18 pt
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


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder-mode"])
@pytest.mark.parametrize(
    "name", ["home", "round", "report", "unit", "batch", "batches", "method", "search", "data"]
)
def test_tap_targets_are_at_least_44px_each_way(browser, demo_url, name, elder):
    """Every target that stands alone is 44 px high and wide (52 px high in 长辈模式): 首页 in the
    breadcrumbs and 第1批 are short words, the feed and contact links on data.html are in lines."""
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES[name])
    if elder:
        tab.click("label.elder-toggle")
    small = tab.evaluate(
        """([tappable, exempt, height]) => [...document.querySelectorAll(tappable)]
            .filter(e => e.getClientRects().length && !e.closest(exempt) && !e.classList.contains('skip'))
            .map(e => [e.textContent.trim().slice(0, 20), e.getBoundingClientRect()])
            .filter(([, r]) => r.height < height - 0.5 || r.width < 43.5)
            .map(([text, r]) => [text, Math.round(r.width), Math.round(r.height)])""",
        [TAPPABLE, RUNNING_TEXT, 52 if elder else 44],
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
    assert names[:6] == ["跳到正文", "elder", "标准", "大", "特大", "青岚市巡察整改公示"]  # then 字号
    assert {"搜索", "计算方法"} <= set(names)  # this report's survey has closed: no code link to follow
    assert "DIV" not in [f[0] for f in seen]  # the ledger fits: its box scrolls nothing, so it is no stop
    tab.close()


def test_report_prints_on_a4_with_ledger_and_feedback_without_navigation(browser, demo_url, artifacts):
    tab = browser.new_page(viewport={"width": 718, "height": 1000})  # A4 less 15 mm margins, at 96 dpi
    tab.goto(demo_url + PAGE_TYPES["report"])
    tab.emulate_media(media="print")
    shown = tab.evaluate(
        """() => Object.fromEntries(['.toolbar', '.masthead nav', '.crumbs', '.footer-links', 'table.ledger',
                 'table.ledger thead', '.feedback', '.brand'].map(s => [s, getComputedStyle(document.querySelector(s)).display]))"""
    )
    assert shown[".toolbar"] == shown[".masthead nav"] == shown[".crumbs"] == shown[".footer-links"] == "none"
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


# --- Phones in 长辈模式, older WeChat engines, tables on phones -------------------------------

LINES = """e => {
  const range = document.createRange();
  range.selectNodeContents(e);
  const half = parseFloat(getComputedStyle(e).fontSize) / 2;
  const tops = [...range.getClientRects()].filter(r => r.width).map(r => r.top).sort((a, b) => a - b);
  return tops.filter((top, i) => i === 0 || top - tops[i - 1] > half).length;
}"""


def lines(tab, selector):
    """How many lines the text of each element matching `selector` takes (its ::before label aside)."""
    return tab.eval_on_selector_all(selector, f"all => all.map({LINES})")


def test_elder_mode_on_a_phone_keeps_numbers_and_dates_whole_and_the_header_short(
    browser, demo_url, artifacts
):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES["report"])
    tab.click("label.elder-toggle")
    assert set(lines(tab, "a[href^='tel:']")) == {1}  # not 0000- / 8612348 / 8
    assert set(lines(tab, "table.ledger td.nw")) == {1}  # not 2025年12月31 / 日
    assert lines(tab, "dd.nw") == [1]
    whole = lines(tab, ".narrative .nw")  # the narrative's 2025年8月7日 and 0000-86123488
    assert len(whole) >= 2 and set(whole) == {1}
    assert set(lines(tab, ".nw")) == {1}  # and the dates the templates write into sentences
    address = tab.locator(".feedback dd").nth(1).bounding_box()
    assert address["width"] > 250  # the address is not squeezed beside its label, 1-2 characters a line
    assert tab.evaluate("document.querySelector('header').offsetHeight") <= 185  # was 262 of 740
    tab.locator(".feedback").screenshot(path=str(artifacts / "360x740-report-elder-feedback.png"))
    for name in ("round", "home"):  # 统计截至 2026年11 / 月22日, 反馈日期 2025 / 年4月10日 before
        tab.goto(demo_url + PAGE_TYPES[name])
        assert set(lines(tab, "dd.nw, .nw")) == {1}, name
    tab.goto(
        demo_url + PAGE_TYPES["data"]
    )  # units.cs / v, 4.8 / KB, 0000- / 86120000, repo / rt_d / ate before
    assert set(lines(tab, "table .nw, a[href^='tel:'], table code")) == {1}
    assert tab.evaluate(
        "[...document.querySelectorAll('.table-scroll')].every(b => b.scrollWidth <= b.clientWidth)"
    )
    tab.close()


ELDER_HAS = ":root:has(.elder-switch:checked)"  # 长辈模式 with scripts off
ELDER_CLASS = "html.elder"  # 长辈模式 set by site.js, for engines without :has()


def style_rules(css: str) -> list[tuple[str, str, str]]:
    """(enclosing @media, selector, declarations) of every style rule in `css`."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rules, open_blocks, start = [], [], 0
    for brace in re.finditer(r"[{}]", css):
        text = " ".join(css[start : brace.start()].split())
        start = brace.end()
        if brace.group() == "{":
            open_blocks.append(text)
        elif not (header := open_blocks.pop()).startswith("@"):
            rules.append((" ".join(open_blocks), header, text))
    return rules


def test_every_elder_rule_also_works_without_has():
    """Older WeChat engines (X5, XWeb, older Chromium) drop a whole rule for one :has(), :is() or
    :where() in its selector list: every :has() rule has an html.elder twin, and none mixes them."""
    rules = style_rules((REPO / "theme/static/css/site.css").read_text(encoding="utf-8"))
    by_selector = {(media, selector): body for media, selector, body in rules}
    with_has = [(media, selector, body) for media, selector, body in rules if ":has(" in selector]
    assert len(with_has) >= 10
    for media, selector, body in with_has:
        assert all(s.strip().startswith(ELDER_HAS) for s in selector.split(",")), selector
        assert by_selector.get((media, selector.replace(ELDER_HAS, ELDER_CLASS))) == body, selector
    assert not [selector for _, selector, _ in rules if ":is(" in selector or ":where(" in selector]


def test_elder_mode_works_with_scripts_in_an_engine_without_has(browser, demo, demo_url):
    """Simulated: site.css served with :has(), :is() and :where() renamed to pseudo-classes no
    engine knows, so that every rule using them is dropped, as older WeChat engines drop them."""
    css = re.sub(
        r":(has|is|where)\(", r":unknown-\1(", (demo / "theme/css/site.css").read_text(encoding="utf-8")
    )
    context = browser.new_context(viewport={"width": 360, "height": 740})
    context.route("**/site.css", lambda route: route.fulfill(status=200, content_type="text/css", body=css))
    tab = context.new_page()
    tab.goto(demo_url + PAGE_TYPES["report"])
    normal = font_px(tab, "main .meta")
    tab.click("label.elder-toggle")
    assert tab.inner_text("label.elder-toggle").endswith("开")
    assert font_px(tab, "main .meta") >= normal * 1.3 and font_px(tab, "main .narrative p") == 24
    assert tab.eval_on_selector("body", "e => getComputedStyle(e).color") == "rgb(0, 0, 0)"
    assert tab.evaluate("document.documentElement.scrollWidth") <= 360
    tab.set_viewport_size({"width": 1024, "height": 768})  # the ledger stays cards up to desktop widths
    assert tab.eval_on_selector("table.ledger tr", "e => getComputedStyle(e).display") == "block"
    context.close()


@pytest.mark.parametrize("elder", [False, True], ids=["standard", "elder-mode"])
@pytest.mark.parametrize("name", ["round", "unit"])
def test_every_column_of_the_round_and_unit_tables_is_on_a_phone_screen(browser, demo_url, name, elder):
    """逾期未整改 and 首次公示 were off to the right of a 360 px screen, with nothing to say so."""
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES[name])
    if elder:
        tab.click("label.elder-toggle")
    cells = tab.eval_on_selector_all(
        "table.list tbody td, table.list tbody th",
        """all => all.map(e => [e.textContent.trim().slice(0, 12), e.getBoundingClientRect().left,
            e.getBoundingClientRect().right, e.dataset.label || null, getComputedStyle(e, '::before').content])""",
    )
    assert len(cells) >= 10
    assert [c[0] for c in cells if c[1] < 0 or c[2] > 360] == []
    labelled = [(label, content) for _, _, _, label, content in cells if label]
    values = tab.eval_on_selector_all("table.list tbody td", "all => all.length")
    assert len(labelled) == values >= 8  # every value cell is labelled (the row's heading names the row)
    assert all(content == f'"{label}："' for label, content in labelled)  # each value says what it is
    tab.close()


def test_a_table_box_is_a_keyboard_stop_only_while_it_scrolls(browser, demo_url):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES["report"])  # the ledger is cards: its box scrolls nothing
    box = tab.locator("table.ledger").locator("xpath=..")
    assert box.get_attribute("tabindex") is None and "滚动" not in box.get_attribute("aria-label")
    tab.goto(demo_url + PAGE_TYPES["batches"])  # cards on phones too: nothing scrolls
    box = tab.locator(".table-scroll")
    assert box.get_attribute("tabindex") is None
    tab.set_viewport_size({"width": 1024, "height": 740})  # a table wider than its box: it scrolls
    box.evaluate(
        "e => { e.querySelector('table').style.minWidth = '2000px'; window.dispatchEvent(new Event('resize')); }"
    )
    assert box.evaluate("e => e.scrollWidth > e.clientWidth") and box.get_attribute("tabindex") == "0"
    tab.close()


def test_list_markers_sit_on_the_first_line_of_a_wrapped_link(browser, demo_url):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES["search"])
    tab.click("label.elder-toggle")
    found = tab.eval_on_selector_all(
        "main section li",
        f"""all => all.map(li => {{
            const marker = document.createElement('span');  // on the line the list marker is on
            marker.textContent = '•';
            li.insertBefore(marker, li.firstChild);
            const m = marker.getBoundingClientRect();
            marker.remove();
            const link = li.querySelector('a');
            const range = document.createRange();
            range.selectNodeContents(link);
            const first = [...range.getClientRects()].find(r => r.width);
            return [link.textContent, ({LINES})(link), m.top < first.bottom && m.bottom > first.top];
        }})""",
    )
    assert any(count > 1 for _, count, _ in found)  # a unit name that wraps at this size
    assert [name for name, _, on_first_line in found if not on_first_line] == []
    tab.close()


def test_the_qr_png_opens_as_a_picture_to_long_press(browser, demo_url):
    """WeChat ignores a download link; an ordinary link opens the PNG, to be saved by a long press."""
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES["report-revisit"])  # its survey is open; a closed one offers no PNG
    link = tab.locator("a.qr-png")
    assert link.get_attribute("download") is None and "长按" in link.locator("xpath=..").inner_text()
    response = tab.request.get(link.evaluate("a => a.href"))
    assert response.ok and response.headers["content-type"] == "image/png"
    tab.close()


def test_the_batch_record_hash_is_readable(browser, demo_url):
    tab = browser.new_page(viewport={"width": 360, "height": 740})
    tab.goto(demo_url + PAGE_TYPES["batch"])
    assert font_px(tab, ".hash") >= 12  # was 10.4 px: <code> starts from the browser's 13 px monospace size
    tab.close()
