"""Chinese search: the index holds the public output only, and queries typed without spaces work."""

import json
import re
import time

import pytest
from factories import REPO
from sitetools import demo_site, held_only_names, hold_report, not_public_reports, serve

from gongshi.build.search import (
    SHARDS_FILE,
    WORDS_FILE,
    bundle_texts,
    vocabulary,
    words_of,
)

# Typed as people type them: no spaces. Exactly these units, no others: 教育局, 云山街道 and 党工委
# are split differently by the browser (ICU) and the indexer (jieba); Pagefind alone finds one of
# the two 云山街道 pages, and 25 of 28 pages for 党工委.
QUERIES = [
    pytest.param(
        "公车管理",
        {"市卫生健康委员会党组", "市住房和城乡建设局党组", "市城市建设投资集团有限公司党委"},
        id="公车管理",
    ),
    pytest.param(
        "食堂", {"市教育局党组", "市第一人民医院党委", "青岚职业技术学院党委", "市水务局党组"}, id="食堂"
    ),
    pytest.param("教育局", {"市教育局党组"}, id="教育局"),
    pytest.param("云山街道", {"云山街道党工委"}, id="云山街道"),
    pytest.param("党工委", {"云山街道党工委"}, id="inside-a-longer-indexed-word"),
    pytest.param(
        "公车管",
        {"市卫生健康委员会党组", "市住房和城乡建设局党组", "市城市建设投资集团有限公司党委"},
        id="still-typing",
    ),
]


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return demo_site(tmp_path_factory)


def index_text(site):
    return "\n".join(text for _, text in bundle_texts(site / "pagefind"))


def shard_folders(site):
    names = json.loads((site / "pagefind" / SHARDS_FILE).read_text(encoding="utf-8"))
    assert names[0] == "site"  # the primary index: it holds the engine, the others are merged into it
    return [site / "pagefind" / name for name in names]


def test_the_report_round_batch_and_method_pages_are_indexed_and_nothing_else(site):
    pages = {
        p.relative_to(site).as_posix()
        for p in site.rglob("*.html")
        if "data-pagefind-body" in p.read_text(encoding="utf-8")
    }
    counted = 0
    for folder in shard_folders(site):
        entry = json.loads((folder / "pagefind-entry.json").read_text(encoding="utf-8"))
        counted += entry["languages"]["zh-cn"]["page_count"]
    assert counted == len(pages) > 15
    assert {p.split("/")[0] for p in pages} == {"rounds", "batches", "method.html"}
    text = index_text(site)
    assert '"url":"/rounds/2025-r1/housing.html"' in text
    for listing in ("/search.html", "/index.html", "/units/housing.html", "/batches.html", "/data.html"):
        assert f'"url":"{listing}"' not in text


def test_navigation_and_boilerplate_are_not_indexed(site):
    housing = next(
        t for _, t in bundle_texts(site / "pagefind") if '"url":"/rounds/2025-r1/housing.html"' in t
    )
    content = json.loads(housing[housing.index("{") :])["content"].replace("\u200b", "")
    assert "公车管理制度执行不严" in content
    for boilerplate in ["跳到正文", "长辈模式", "公示批次", "主办", "各项数据的计算方法"]:
        assert boilerplate not in content, boilerplate


def test_held_units_are_never_indexed(site):
    names = held_only_names(site)
    assert names == {"白石镇党委", "市交通运输局党组"}  # the demo's units held in every round
    text = index_text(site)
    for name in names:
        assert name not in text
    assert "镇机关食堂经费管理不规范" not in text  # an item only the held 白石镇 report has
    assert "白石" not in (site / "pagefind" / WORDS_FILE).read_text(encoding="utf-8")
    pack = hold_report(site)
    assert "baishi-town" in {h["unit"] for h in pack["held"]}  # lagging: deferred
    assert "transport" in {h["unit"] for h in pack["unapproved"]}  # no report past its due date


PHRASE = re.compile(r"[\u4e00-\u9fff]{8,}")  # 8 or more Chinese characters in a row


def test_no_report_that_is_not_public_is_indexed(site):
    """Held in one round but public in another, returned: for every report
    without a public page, each phrase of its own (in no public report) is nowhere in the index."""
    hidden = not_public_reports(site)
    assert [p.relative_to(REPO / "content" / "reports").as_posix() for p in hidden] == [
        "2025-r1/baishi-town.md",  # held: completion and satisfaction
        "2025-r1/water.md",  # returned (退回重报); the unit's 2026-r2 report is public
        "2026-r2/urban-invest.md",  # held: completion; the unit's 2025-r1 report is public
    ]
    public = "\n".join(
        p.read_text(encoding="utf-8")
        for p in sorted((REPO / "content" / "reports").glob("*/*.md"))
        if p not in hidden
    )
    index = index_text(site).replace("\u200b", "") + (site / "pagefind" / WORDS_FILE).read_text(
        encoding="utf-8"
    )
    leaked = {}
    for report in hidden:
        own = {p for p in PHRASE.findall(report.read_text(encoding="utf-8")) if p not in public}
        assert len(own) >= 20, report  # enough of its narrative and ledger to notice a leak
        if found := sorted(p for p in own if p in index):
            leaked[report.name] = found
    assert leaked == {}


def test_ledger_numbers_and_dates_stay_out_of_search_excerpts(site):
    """An excerpt reads 民生保障. 老旧小区改造…, not 日. 2. 民生保障.: the ledger's header row, 序号,
    整改时限 and 完成时间 are not indexed (the report's own sentences keep their dates)."""
    pages = 0
    for _, text in bundle_texts(site / "pagefind"):
        if '"url":"/rounds/' not in text or text.count("/") < 3:
            continue
        content = json.loads(text[text.index("{") :])["content"].replace("\u200b", "")
        if "意见反馈渠道" not in content:
            continue
        ledger = content[content.rindex("整改台账. ", 0, content.index("意见反馈渠道")) :]
        ledger = ledger[: ledger.index("意见反馈渠道")]
        assert "序号" not in ledger and not re.search(r"\d{4}年\d{1,2}月\d{1,2}日|(^|\. )\d+\. ", ledger), (
            ledger
        )
        pages += 1
    assert pages == 12


def test_the_vocabulary_is_the_indexed_chinese_words_with_their_shards(site):
    shards = {folder.name: set(vocabulary(folder)) for folder in shard_folders(site)}
    words = words_of(site / "pagefind")
    assert {"公车", "管理", "食堂", "教育", "街道"} <= set(words)
    assert all(re.search(r"[\u4e00-\u9fff]", w) for w in words)
    assert set(words) == set().union(*shards.values())
    for word, holding in words.items():  # the search skips a shard that lacks one of the words
        assert holding == [name for name, own in shards.items() if word in own], word
    assert words["公车"] != list(shards)  # the method page (shard "site") never mentions 公车


def test_only_the_search_engine_is_shipped_not_its_ready_made_interfaces(site):
    primary, *merged = shard_folders(site)
    names = {p.name for p in primary.iterdir()}
    assert {"pagefind.js", "pagefind-entry.json", WORDS_FILE} <= names
    assert not {n for n in names if "-ui." in n or "highlight" in n}
    assert merged and all(not (folder / "pagefind.js").exists() for folder in merged)  # the primary's engine


@pytest.fixture(scope="module")
def search_page(browser, site):
    with serve(site) as base:
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        errors = []
        tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        tab.on("pageerror", lambda e: errors.append(str(e)))
        tab.goto(base + "search.html")
        yield tab, errors
        tab.close()


def ask(tab, query):
    started = time.perf_counter()
    tab.fill("#q", query)
    tab.press("#q", "Enter")
    tab.wait_for_selector("#search-results[aria-busy=false]", state="attached")
    seconds = time.perf_counter() - started
    return tab.locator("#search-results li > a").all_inner_texts(), tab.inner_text("#search-status"), seconds


@pytest.mark.browser
@pytest.mark.parametrize(("query", "units"), QUERIES)
def test_typed_query_finds_the_matching_units(search_page, query, units):
    tab, errors = search_page
    titles, status, seconds = ask(tab, query)
    found = {t.split(" · ")[0] for t in titles}
    assert {t for t in found if t.startswith(("市", "青岚", "云山"))} == units, (query, titles)
    assert "白石镇党委" not in found and status.startswith("找到")
    assert seconds < 5
    assert errors == []  # no script error, no Content-Security-Policy refusal


@pytest.mark.browser
def test_a_held_unit_is_not_found_and_results_link_to_pages(search_page):
    tab, errors = search_page
    titles, status, _ = ask(tab, "白石镇")
    assert titles == [] and status.startswith("没有找到")
    ask(tab, "食堂")
    first = tab.locator("#search-results li > a").first
    assert re.fullmatch(r"/rounds/[\w-]+/[\w-]+\.html", first.get_attribute("href"))
    assert tab.locator("#search-results mark").count() > 0  # the matched words are highlighted
    assert "q=%E9%A3%9F%E5%A0%82" in tab.url  # the query is in the address, to share or go back to
    first.click()
    tab.wait_for_load_state()
    assert "/rounds/" in tab.url
    tab.go_back()
    assert errors == []


@pytest.mark.browser
def test_a_search_link_runs_its_query(browser, site):
    with serve(site) as base:
        tab = browser.new_page()
        tab.goto(base + "search.html?q=" + "公车管理")
        tab.wait_for_selector("#search-results[aria-busy=false]", state="attached")
        assert tab.locator("#search-results li").count() >= 3
        assert tab.input_value("#q") == "公车管理"
        tab.close()


@pytest.mark.browser
def test_without_javascript_the_search_page_lists_every_unit(browser, site):
    context = browser.new_context(java_script_enabled=False)
    tab = context.new_page()
    tab.goto((site / "search.html").as_uri())
    assert tab.locator("#search-form").is_hidden()  # a form that cannot work is not offered
    assert "未启用脚本" in tab.inner_text("main")
    units = tab.locator("main section li > a:first-child").all_inner_texts()
    assert len(units) == len(list((site / "units").glob("*.html"))) and "市教育局党组" in units
    context.close()


@pytest.mark.browser
def test_opened_from_disk_the_search_page_says_so(browser, site):
    tab = browser.new_page()
    tab.goto((site / "search.html").as_uri())
    assert "本地文件" in tab.inner_text("#search-status")
    assert tab.locator("#search-form").is_hidden()
    tab.close()


# --- Search where the browser or the server says no ----------------------------------------


def documented_policy() -> str:
    """The Content-Security-Policy header docs/security.md tells the web server to send."""
    text = (REPO / "docs" / "security.md").read_text(encoding="utf-8")
    return re.search(r'add_header Content-Security-Policy "([^"]+)" always;', text).group(1)


def test_the_documented_header_is_the_pages_policy_with_search_allowed(site):
    """The header adds only 'wasm-unsafe-eval', which a worker needs under a header and which
    would allow nothing in a page's <meta> policy (a worker never obeys that)."""
    header = documented_policy()
    assert "'unsafe-eval'" not in header and not re.search(r"https?:|\*", header)  # no other host
    for page in site.rglob("*.html"):
        meta = re.search(
            r'http-equiv="Content-Security-Policy" content="([^"]+)"', page.read_text(encoding="utf-8")
        )
        assert (
            meta
            and meta.group(1).replace("script-src 'self';", "script-src 'self' 'wasm-unsafe-eval';") == header
        )


def errors_of(tab) -> list[str]:
    errors = []
    tab.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    tab.on("pageerror", lambda e: errors.append(str(e)))
    return errors


def fallback(tab) -> str:
    """What the reader sees once the search page has given up: its status line, form hidden."""
    from playwright.sync_api import expect  # polls without eval, which the page's policy forbids

    expect(tab.locator("#search-status")).to_contain_text("中查找")
    units = tab.locator("main section li > a").all_inner_texts()
    assert "市教育局党组" in units and tab.locator("#search-form").is_hidden()
    return tab.inner_text("#search-status")


@pytest.mark.browser
def test_search_works_under_the_documented_policy_sent_as_a_header(browser, site):
    """Government servers often send the policy as a header, which, unlike <meta>, governs the worker."""
    with serve(site, {"Content-Security-Policy": documented_policy()}) as base:
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        errors = errors_of(tab)
        tab.goto(base + "search.html")
        titles, status, _ = ask(tab, "公车管理")
        assert {t.split(" · ")[0] for t in titles} == QUERIES[0].values[1] and status.startswith("找到")
        assert errors == []
        tab.close()


@pytest.mark.browser
def test_a_header_without_wasm_unsafe_eval_leaves_a_chinese_message_and_the_unit_list(browser, site):
    strict = documented_policy().replace(" 'wasm-unsafe-eval'", "")
    with serve(site, {"Content-Security-Policy": strict}) as base:
        tab = browser.new_page(viewport={"width": 360, "height": 740})
        errors = errors_of(tab)
        tab.goto(base + "search.html?q=公车管理")
        status = fallback(tab)
        assert "无法使用" in status and "全部已公示单位" in status
        assert not re.search(r"[A-Za-z]", status)  # the browser's English error is not shown to the reader
        assert any("WebAssembly" in e for e in errors)  # it is in the console, for whoever maintains the site
        tab.close()


NO_MODULE_WORKER = {
    # Chromium before 80, Firefox before 114: `new Worker(url, {type: "module"})` throws
    "refused": """(() => { const W = window.Worker; window.Worker = function (url, options) {
        if (options && options.type === "module") throw new TypeError("Module scripts are not supported on DedicatedWorker yet.");
        return new W(url, options); }; })()""",
    # Safari before 15: the option is ignored and the module fails to parse as a classic script
    "ignored": """(() => { const W = window.Worker; window.Worker = function (url) { return new W(url); }; })()""",
}


@pytest.mark.browser
@pytest.mark.parametrize("engine", list(NO_MODULE_WORKER))
def test_without_module_workers_the_search_page_lists_every_unit(browser, site, engine):
    with serve(site) as base:
        context = browser.new_context(viewport={"width": 360, "height": 740})
        context.add_init_script(NO_MODULE_WORKER[engine])
        tab = context.new_page()
        tab.goto(base + "search.html?q=食堂")
        status = fallback(tab)
        assert "下面的“全部已公示单位”中查找" in status and not re.search(r"[A-Za-z]", status)
        assert tab.locator("#search-results li").count() == 0
        context.close()
