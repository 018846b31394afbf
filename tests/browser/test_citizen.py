"""What a citizen meets on the portal, in real Chromium: read-aloud, text size, search that
waits for the input method and explains an empty result, no layout shift, print, a sub-path."""

import re
import time
import urllib.parse
import urllib.request
from html.parser import HTMLParser

import pytest
from sitetools import PAGE_TYPES, demo_site, held_only_names, serve, serve_under

pytestmark = pytest.mark.browser

REPORT = PAGE_TYPES["report"]
SPEECH_SPY = """
window.__spoken = [];
if (window.speechSynthesis) {
  window.speechSynthesis.speak = (u) => { window.__spoken.push(u.text); };
  window.speechSynthesis.cancel = () => { window.__spoken.push('<cancel>'); };
}"""
NO_SPEECH = "Object.defineProperty(window, 'speechSynthesis', {value: undefined, configurable: true});"
RECORD = """(selector) => {
  window.__seen = [];
  new MutationObserver(() => window.__seen.push(document.querySelector(selector).textContent))
    .observe(document.querySelector(selector), {childList: true, characterData: true, subtree: true});
}"""
CLS = """() => new Promise(done => {
  let cls = 0;
  new PerformanceObserver(list => { for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value; })
    .observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(cls), 2000);
})"""


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


@pytest.fixture(scope="module")
def base(site):
    with serve(site) as url:
        yield url


def open_tab(browser, url, script=None, width=360, **options):
    context = browser.new_context(viewport={"width": width, "height": 740}, **options)
    if script:
        context.add_init_script(script)
    tab = context.new_page()
    tab.goto(url)
    return context, tab


# --- 语音朗读 and 字号 ------------------------------------------------------------------------------


def test_read_aloud_switch_reads_the_report_and_turns_off(browser, base):
    context, tab = open_tab(browser, base + REPORT, SPEECH_SPY)
    button = tab.locator("#read-aloud button")
    assert button.is_visible() and button.get_attribute("aria-pressed") == "false"
    assert button.inner_text() == "语音朗读：关"
    button.click()
    assert button.get_attribute("aria-pressed") == "true" and button.inner_text() == "语音朗读：开"
    spoken = tab.evaluate("window.__spoken")
    assert tab.inner_text("h1") in spoken and any("整改台账" in s for s in spoken)
    assert not any("本页目录" in s for s in spoken)  # the contents list is not read
    button.click()
    assert (
        button.get_attribute("aria-pressed") == "false"
        and tab.evaluate("window.__spoken").count("<cancel>") >= 2
    )
    context.close()


def test_read_aloud_says_so_where_the_browser_cannot_speak(browser, base):
    context, tab = open_tab(browser, base + REPORT, NO_SPEECH)
    assert not tab.locator("#read-aloud button").is_visible()  # no dead button
    assert "不支持语音朗读" in tab.inner_text("#read-aloud")
    context.close()
    context, tab = open_tab(browser, base + REPORT, java_script_enabled=False)
    assert not tab.locator("#read-aloud").is_visible()  # nothing promised that cannot work
    context.close()


def test_three_text_sizes_besides_elder_mode_are_remembered(browser, base):
    context, tab = open_tab(browser, base + PAGE_TYPES["home"])

    def size():
        return float(tab.evaluate("parseFloat(getComputedStyle(document.querySelector('main p')).fontSize)"))

    steps = tab.locator("#size-steps button")
    assert steps.all_inner_texts() == ["标准", "大", "特大"]
    sizes = []
    for i in range(3):
        steps.nth(i).click()
        assert steps.nth(i).get_attribute("aria-pressed") == "true"
        sizes.append(size())
    assert sizes[0] < sizes[1] < sizes[2]
    tab.goto(base + PAGE_TYPES["method"])
    assert tab.locator("#size-steps button").nth(2).get_attribute("aria-pressed") == "true"
    tab.click("label.elder-toggle")  # 长辈模式 on top of it: larger still
    assert size() > sizes[2]
    context.close()


# --- search ------------------------------------------------------------------------------------


def search_tab(browser, base, width=360):
    context, tab = open_tab(browser, base + PAGE_TYPES["search"], width=width)
    tab.wait_for_function(
        "document.querySelector('#search-form') && !document.querySelector('#search-form').hidden"
    )
    return context, tab


def settle(tab, seconds=2.5):
    time.sleep(seconds)
    tab.wait_for_function("document.querySelector('#search-results').getAttribute('aria-busy') !== 'true'")


def test_search_waits_for_the_input_method_to_finish_composing(browser, base):
    context, tab = search_tab(browser, base)
    tab.evaluate(RECORD, "#search-status")
    tab.focus("#q")
    cdp = context.new_cdp_session(tab)
    typed = ""
    for letter in "shitang":  # a pinyin IME shows the letters while the reader picks the word
        typed += letter
        cdp.send(
            "Input.imeSetComposition",
            {"text": typed, "selectionStart": len(typed), "selectionEnd": len(typed)},
        )
        time.sleep(0.1)
    time.sleep(0.6)
    assert tab.input_value("#q") == "shitang"
    assert tab.evaluate("window.__seen") == [] and tab.locator("#search-results li").count() == 0
    cdp.send("Input.insertText", {"text": "食堂"})  # the reader picks 食堂: the composition ends
    settle(tab)
    assert tab.input_value("#q") == "食堂" and tab.locator("#search-results li").count() >= 1
    assert not [s for s in tab.evaluate("window.__seen") if "shitang" in s or re.search("[a-z]", s)]
    context.close()


def test_the_outcome_is_announced_politely_once_not_on_every_keystroke(browser, base):
    context, tab = search_tab(browser, base)
    assert (
        tab.get_attribute("#search-status", "role") is None
        and tab.get_attribute("#search-status", "aria-live") is None
    )
    assert tab.get_attribute("#search-announce", "aria-live") == "polite"
    tab.evaluate(RECORD, "#search-announce")
    tab.focus("#q")
    for char in "市教育局食堂":
        tab.keyboard.insert_text(char)
        time.sleep(0.3)
    settle(tab, 3)
    said = [s for s in tab.evaluate("window.__seen") if s]
    assert len(said) == 1 and said[0].startswith("找到")
    assert tab.locator("#search-results li").count() >= 1
    context.close()


def run_query(tab, query):
    tab.fill("#q", query)
    tab.press("#q", "Enter")
    settle(tab, 1.5)
    return [urllib.parse.urlsplit(h).path.rsplit("/", 1)[-1] for h in tab.eval_on_selector_all(
        "#search-results a", "els => els.map(e => e.href)")]  # fmt: skip


def test_a_deferred_unit_is_not_found_with_a_word_on_batches_and_no_name(browser, base, site):
    names = sorted(held_only_names(site))
    assert names
    context, tab = search_tab(browser, base)
    messages = []
    for query in (names[0], "并不存在的某某单位"):
        assert run_query(tab, query) == []
        notice = tab.locator("#search-none")
        assert (
            notice.is_visible() and "延后公示" in notice.inner_text() and "按批次公示" in notice.inner_text()
        )
        assert notice.locator("a").get_attribute("href").endswith("batches.html")
        messages.append((tab.inner_text("#search-status").replace(query, "Q"), notice.inner_text()))
    assert messages[0] == messages[1]  # the same words for a held unit and for nonsense
    for other in names:
        assert other not in tab.inner_text("main").replace(names[0], "") or other == names[0]
    context.close()


def test_several_words_find_the_pages_holding_them_all(browser, base, site):
    context, tab = search_tab(browser, base)
    both = set(run_query(tab, "医院 药品"))
    assert both and both <= set(run_query(tab, "医院")) & set(run_query(tab, "药品"))
    context.close()


def test_overdue_finds_only_pages_that_say_it_themselves(browser, base, site):
    reports = sorted((site / "rounds").glob("*/*.html"))
    overdue = {
        p.name for p in reports if "tag-overdue" in p.read_text(encoding="utf-8").split("整改台账", 1)[-1]
    }
    on_time = {p.name for p in reports} - overdue
    assert overdue and on_time
    context, tab = search_tab(browser, base)
    found = set(run_query(tab, "逾期"))
    assert not found & on_time, "a report without an overdue item is found by the template's words"
    context.close()


def test_excerpts_keep_chinese_punctuation_and_mark_cuts(browser, base):
    context, tab = search_tab(browser, base)
    for query in ("食堂", "整改", "公车"):
        run_query(tab, query)
        for text in tab.locator("#search-results .excerpt").all_inner_texts():
            assert not re.search(r"[\u4e00-\u9fff，。]\. ", text), text
            assert text.endswith(("。", "！", "？", "；", "……")), text
    context.close()


@pytest.mark.parametrize("query", ["", "?q=食堂"], ids=["empty", "with-query"])
@pytest.mark.parametrize("width", [360, 1280])
def test_the_search_page_does_not_shift_while_it_loads(browser, base, query, width):
    context, tab = open_tab(browser, base + PAGE_TYPES["search"] + query, width=width)
    assert tab.evaluate(CLS) < 0.1
    context.close()


# --- print -------------------------------------------------------------------------------------

PRINT_TEXT = """() => {
  const small = [], narrow = [];
  for (const e of document.querySelectorAll('body *')) {
    const own = [...e.childNodes].some(n => n.nodeType === 3 && n.textContent.trim());
    if (!own || !e.getClientRects().length || e.closest('.visually-hidden, svg')) continue;
    const px = parseFloat(getComputedStyle(e).fontSize);
    if (px < 13.3) small.push([e.tagName, e.className, e.textContent.trim().slice(0, 12), px]);
  }
  for (const cell of document.querySelectorAll('table.ledger td, table.ledger thead th')) {
    const px = parseFloat(getComputedStyle(cell).fontSize);
    if (/[\u4e00-\u9fff]{2}/.test(cell.textContent) && cell.getBoundingClientRect().width < 2.6 * px)
      narrow.push([cell.dataset.label || cell.textContent.trim(), Math.round(cell.getBoundingClientRect().width)]);
  }
  return {small, narrow};
}"""


@pytest.mark.parametrize("name", ["report", "report-revisit"])
def test_a_report_prints_as_one_clean_a4_document(browser, base, artifacts, name):
    context, tab = open_tab(browser, base + PAGE_TYPES[name], width=718)
    tab.emulate_media(media="print")
    found = tab.evaluate(PRINT_TEXT)
    assert found["small"] == [], "text under 10 pt in print"
    assert found["narrow"] == [], "a ledger column too narrow for two characters"
    hidden = tab.evaluate("""() => ['.qr-png-line', '.read-aloud', '.toc', '.toolbar', '.footer-links']
        .filter(s => document.querySelector(s)).map(s => getComputedStyle(document.querySelector(s)).display)""")
    assert set(hidden) == {"none"}
    order = tab.evaluate("""() => ['#review-h', '#survey-h', '.qr-box svg']
        .map(s => document.querySelector(s)).map(e => e ? e.getBoundingClientRect().top : null)""")
    if order[1] is not None:  # the survey panel, QR code and dates come last
        assert order[0] < order[1] and (order[2] is None or order[1] < order[2])
    assert "在手机上长按" not in tab.evaluate("document.body.innerText")
    pdf = tab.pdf(format="A4", path=str(artifacts / f"print-{name}.pdf"))
    pages = len(re.findall(rb"/Type\s*/Page\b", pdf))
    assert 1 <= pages <= 5, pages
    context.close()


# --- living under a sub-path of a government site -------------------------------------------------


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.found = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "src") or (tag == "form" and name == "data-worker")):
                self.found.append(value)


def test_every_link_works_under_a_sub_path(site):
    with serve_under(site, "/xczg/") as root:
        seen, todo, broken = set(), [root + "index.html"], []
        host = urllib.parse.urlsplit(root).netloc
        while todo:
            url = todo.pop()
            if url in seen:
                continue
            seen.add(url)
            try:
                with urllib.request.urlopen(url, timeout=10) as response:
                    body = response.read()
                    kind = response.headers.get("Content-Type", "")
            except Exception as error:
                broken.append((url, str(error)))
                continue
            if "html" not in kind:
                continue
            parser = _Links()
            parser.feed(body.decode("utf-8"))
            for link in parser.found:
                target = urllib.parse.urljoin(url, link).split("#", 1)[0]
                parts = urllib.parse.urlsplit(target)
                if parts.scheme not in ("http", "https") or parts.netloc != host:
                    continue  # tel:, mailto:, and the registries the footer links to
                assert parts.path.startswith("/xczg/"), f"{url} links outside the sub-path: {link}"
                todo.append(target)
        assert broken == []
        assert len([u for u in seen if u.endswith(".html")]) >= len(PAGE_TYPES)


def test_search_works_under_a_sub_path(browser, site):
    with serve_under(site, "/xczg/") as root:
        context, tab = search_tab(browser, root)
        links = run_query(tab, "食堂")
        assert links
        hrefs = tab.eval_on_selector_all("#search-results a", "els => els.map(e => new URL(e.href).pathname)")
        assert all(h.startswith("/xczg/rounds/") for h in hrefs)
        context.close()
