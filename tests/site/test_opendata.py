"""Open data, feeds and sitemap show exactly what the HTML shows, and validate."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
import types
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest
from factories import REPO, make_project, report_text, round_text
from lxml import etree
from lxml import html as lxml_html

from gongshi.build.runner import build, withdraw
from gongshi.build.search import BUNDLE, bundle_texts
from gongshi.content.dates import format_cn
from gongshi.content.metrics import format_percent
from gongshi.site.filters import amount

AS_OF = dt.date(2026, 11, 22)
SITE = "https://xczg.qinglan.gov.cn"
SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "sitemap.xsd"
# An internal review note put into a report that IS published: it must reach no public file.
NOTE_TOKEN = "zqxnotemark"
NOTE_MARKER = f"会审内部意见{NOTE_TOKEN}仅供复核"


def demo_copy(root: Path) -> Path:
    """The demo project, with a Review-Note in the published housing report of round 2025-r1."""
    shutil.copytree(REPO / "content", root / "content")
    report = root / "content" / "reports" / "2025-r1" / "housing.md"
    text = report.read_text(encoding="utf-8")
    assert "Review-Note" not in text and "\nReviewers: " in text
    head, tail = text.split("\nReviewers: ", 1)
    reviewers, rest = tail.split("\n", 1)
    report.write_text(f"{head}\nReviewers: {reviewers}\nReview-Note: {NOTE_MARKER}\n{rest}", encoding="utf-8")
    config = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    config = config.replace('THEME = "theme"', f'THEME = "{REPO / "theme"}"')
    config = config.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO / "plugins"}"]')
    config = config.replace('= "assets/', f'= "{REPO / "assets"}/')  # the demo's badges and share image
    (root / "pelicanconf.py").write_text(config, encoding="utf-8")
    return root / "pelicanconf.py"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("open-data")
    result = build(demo_copy(out), as_of=AS_OF, output=out / "output", internal=out / "internal")
    assert result.prepared.content.report("2025-r1", "housing").review.note == NOTE_MARKER
    assert ("2025-r1", "housing") in result.prepared.publication.public
    return result, out / "output"


def read_csv(path: Path) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf"), path  # Excel on Chinese Windows needs the BOM to read UTF-8
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def page(output: Path, path: str):
    return lxml_html.fromstring((output / path).read_text(encoding="utf-8"))


def text_of(node) -> str:
    return " ".join(node.text_content().split())


def test_the_data_package_validates_and_describes_every_file(demo):
    from frictionless import validate

    _, output = demo
    report = validate(str(output / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "type", "note"])
    package = json.loads((output / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert (
        package["as_of"] == "2026-11-22" and package["batch"] == 4 and package["batch_date"] == "2026-11-05"
    )
    assert package["profile"] == "tabular-data-package"
    assert {r["profile"] for r in package["resources"]} == {"tabular-data-resource"}
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"][0]["title"] == "中共青岚市委巡察工作领导小组办公室"
    described = {r["path"] for r in package["resources"]}
    on_disk = {p.relative_to(output / "data").as_posix() for p in (output / "data").rglob("*") if p.is_file()}
    assert described == on_disk - {"datapackage.json"}
    items = next(r for r in package["resources"] if r["path"] == "items.csv")
    fields = {f["name"]: f for f in items["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["立行立改", "限期整改", "长期坚持"]
    assert fields["status"]["constraints"]["enum"] == [
        "已完成",
        "已完成并长期坚持",
        "基本完成",
        "阶段性完成",
        "申请延期",
        "推进中",
        "未启动",
    ]
    assert fields["deadline"]["type"] == "date" and fields["overdue"]["type"] == "boolean"


def test_exports_hold_exactly_the_public_units(demo):
    result, output = demo
    public = result.prepared.publication.public
    rows = read_csv(output / "data" / "units.csv")
    assert {(r["round_id"], r["unit_id"]) for r in rows} == set(public)
    items = read_csv(output / "data" / "items.csv")
    assert {(r["round_id"], r["unit_id"]) for r in items} == set(public)
    assert len(items) == sum(result.prepared.publication.metrics[k].total for k in public)
    as_json = json.loads((output / "data" / "units.json").read_text(encoding="utf-8"))
    assert [(r["round_id"], r["unit_id"]) for r in as_json] == [(r["round_id"], r["unit_id"]) for r in rows]
    for rv in result.prepared.site.rounds:
        per_round = read_csv(output / "data" / rv.round.id / "units.csv")
        assert {r["unit_id"] for r in per_round} == {v.report.unit_id for v in rv.reports}


def test_no_held_unit_and_no_internal_field_reaches_any_export_or_feed(demo):
    result, output = demo
    publication = result.prepared.publication
    held = publication.held() + publication.unapproved()
    water_note = "整改措施笼统"  # the returned report's internal review note
    files = [*(output / "data").rglob("*"), *(output / "feeds").rglob("*"), output / "sitemap.xml"]
    for path in (p for p in files if p.is_file()):
        text = path.read_text(encoding="utf-8-sig")
        assert water_note not in text and "review_note" not in text and "低于" not in text, path
        for decision in held:
            assert f"{decision.round_id}/{decision.unit_id}" not in text, path
        assert "白石镇" not in text and "交通运输局" not in text and "baishi-town" not in text, path


def public_texts(output: Path):
    """Every public file as text, Pagefind's compressed index files decompressed."""
    for path in sorted(p for p in output.rglob("*") if p.is_file()):
        yield path, path.read_bytes().decode("utf-8", errors="replace")
    yield from bundle_texts(output / BUNDLE)


def test_a_published_reports_review_note_reaches_no_public_file(demo):
    _, output = demo
    assert (output / BUNDLE / "site" / "pagefind-entry.json").is_file()  # the search index is scanned too
    scanned = 0
    for path, text in public_texts(output):
        assert NOTE_MARKER not in text and NOTE_TOKEN not in text.lower(), path
        assert "会审内部意见" not in text, path
        scanned += 1
    assert (
        scanned > 100
        and "市住房和城乡建设局党组" in page(output, "rounds/2025-r1/housing.html").text_content()
    )


def facts(doc) -> dict[str, str]:
    """Every <dt>/<dd> pair of the page's fact lists."""
    return {
        text_of(d.find("dt")): text_of(d.find("dd")) for d in doc.xpath("//dl[contains(@class,'facts')]/div")
    }


def target(output: Path, page_path: str, href: str) -> Path:
    """The built file a link on a page points at; every link is relative to its page."""
    assert not href.startswith("/"), f"{page_path}: root-absolute link {href}"
    return ((output / page_path).parent / href).resolve()


def cn(day: str) -> str:
    return format_cn(dt.date.fromisoformat(day))


def test_every_unit_column_matches_its_page(demo):
    _, output = demo
    rows = read_csv(output / "data" / "units.csv")
    assert rows
    for row in rows:
        checked = assert_row_matches_page(output, row)
        assert checked == set(row), set(row) - checked  # a new column must be compared here too


def assert_row_matches_page(output: Path, row: dict[str, str]) -> set[str]:
    """Compare each column with what the unit's report page (or its round page) shows; return the columns seen."""
    assert row["page"] == f"rounds/{row['round_id']}/{row['unit_id']}.html"
    doc = page(output, row["page"])
    body = text_of(doc)
    cards = {
        text_of(c.find_class("card-label")[0]): text_of(c.find_class("card-num")[0])
        for c in doc.find_class("card")
    }
    shown = facts(doc)
    assert f"整改进展（截至 {cn(row['as_of'])}）" in body
    assert text_of(doc.find_class("kicker")[0]) == f"{row['unit_name']} · {row['round_name']}"
    assert text_of(doc.find(".//h1")) == row["report_title"]
    assert doc.xpath(f"//a[@href='../../units/{row['unit_id']}.html']"), row["unit_id"]
    crumbs = doc.find_class("crumbs")[0].xpath(".//a/@href")
    assert crumbs[-1] == f"../../rounds/{row['round_id']}.html"
    round_facts = facts(page(output, f"rounds/{row['round_id']}.html"))
    assert round_facts["巡察类型"].removesuffix("巡察") == row["round_type"]
    assert f"报告日期 {cn(row['report_date'])}" in body
    assert (shown["会审结果"], shown["会审日期"], shown["会审单位"]) == (
        row["review_result"], cn(row["review_date"]), row["reviewers"],
    )  # fmt: skip
    cards = {
        label.split("（个）")[0] + "（个）" if "（个）" in label else label: num
        for label, num in cards.items()
    }
    assert cards["反馈问题（个）"] == row["problems_total"] and cards["已完成（个）"] == row["problems_done"]
    grouped = row["problems_total"] != row["items_total"]
    assert (f"{row['items_total']} 项整改任务" if grouped else f"共 {row['items_total']} 项。") in body
    assert cards["整改完成率"] == format_percent(Decimal(row["completion_rate"]))
    assert cards["逾期未整改（项）"] == row["overdue_items"]
    assert (
        f"按类型：立行立改 {row['items_immediate']} 项，限期整改 {row['items_deadline']} 项，长期坚持 {row['items_long_term']} 项。"
        f"按状态：已完成 {row['items_done']} 项，推进中 {row['items_in_progress']} 项，未启动 {row['items_not_started']} 项。"
    ) in body
    assert cards.get("长期坚持、持续推进（项）", "0") == row["long_term_ongoing"]
    for column, label, shape in (
        ("rules_made", "建章立制（项）", str),
        ("accountable", "问责（人）", str),
        ("funds_recovered", "挽回经济损失（万元）", lambda v: amount(Decimal(v))),
    ):
        assert cards.get(label) == (shape(row[column]) if row[column] else None), (row["page"], column)
    phase = [text_of(p) for p in doc.find_class("survey-phase")]
    if row["survey_start"]:
        assert cn(row["survey_start"]) in phase[0] and cn(row["survey_end"]) in phase[0]
    else:
        assert not phase and not row["survey_end"]
    survey = ("satisfaction_rate", "survey_responses", "satisfied", "basically_satisfied", "dissatisfied")
    if row["satisfaction_rate"]:
        assert f"群众满意率 {format_percent(Decimal(row['satisfaction_rate']))}" in body
        assert (
            f"有效样本 {row['survey_responses']} 份：满意 {row['satisfied']} 份，"
            f"基本满意 {row['basically_satisfied']} 份，不满意 {row['dissatisfied']} 份。"
        ) in body
    else:
        assert "群众满意率" not in body and not any(row[c] for c in survey)
    assert f"首次公示：第{row['first_batch']}批（{cn(row['first_batch_date'])}）" in body
    batch_links = {target(output, row["page"], href) for href in doc.xpath("//p[@class='meta']/a/@href")}
    assert (output / "batches" / f"{row['first_batch']}.html").resolve() in batch_links
    return {
        "page", "round_id", "unit_id", "as_of", "unit_name", "round_name", "report_title", "round_type",
        "report_date", "review_result", "review_date", "reviewers", "items_total", "items_done",
        "problems_total", "problems_done",
        "completion_rate", "overdue_items", "items_immediate", "items_deadline", "items_long_term",
        "items_in_progress", "items_not_started", "long_term_ongoing", "rules_made", "accountable",
        "funds_recovered", "survey_start", "survey_end", *survey, "first_batch", "first_batch_date",
    }  # fmt: skip


def test_every_export_carries_the_as_of_date_on_every_row(demo):
    _, output = demo
    package = json.loads((output / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["as_of"] == AS_OF.isoformat()
    for resource in package["resources"]:
        assert resource["schema"]["fields"][0] == {
            "name": "as_of", "title": "统计日期", "type": "date", "format": "default",
            "description": resource["schema"]["fields"][0]["description"],
        }  # fmt: skip
        path = output / "data" / resource["path"]
        rows = read_csv(path) if path.suffix == ".csv" else json.loads(path.read_text(encoding="utf-8"))
        assert rows and all(r["as_of"] <= AS_OF.isoformat() for r in rows), path
        for row in rows if resource["path"] == "units.csv" else ():  # as of the date its page states
            report = page(output, f"rounds/{row['round_id']}/{row['unit_id']}.html")
            heading = text_of(report.xpath("//h2[@id='figures-h']")[0])
            assert heading == f"整改进展（截至 {format_cn(dt.date.fromisoformat(row['as_of']))}）", heading
    doc = page(output, "data.html")
    for table in ("units", "items"):
        rows = doc.xpath(f"//div[@aria-labelledby='columns-{table}']//tr[th/code='as_of']")
        cells = [text_of(cell) for cell in rows[0].xpath("./th|./td")] if len(rows) == 1 else []
        assert cells[:3] == ["as_of", "统计日期", "日期（YYYY-MM-DD）"] and "截至这一天" in cells[3], table


def json_cell(value, field: dict) -> str:
    """A JSON value written the way the CSV writes it."""
    if value is None:
        return ""
    if field["type"] == "boolean":
        assert isinstance(value, bool)
        return "true" if value else "false"
    if field["type"] == "number":
        return str(Decimal(str(value)).quantize(Decimal("0.01")))
    if field["type"] == "integer":
        assert isinstance(value, int) and not isinstance(value, bool)
    return str(value)


def test_every_json_file_holds_the_csv_values(demo):
    _, output = demo
    package = json.loads((output / "data" / "datapackage.json").read_text(encoding="utf-8"))
    for resource in (r for r in package["resources"] if r["path"].endswith(".json")):
        fields = resource["schema"]["fields"]
        records = json.loads((output / "data" / resource["path"]).read_text(encoding="utf-8"))
        rows = read_csv(output / "data" / resource["path"].replace(".json", ".csv"))
        assert len(records) == len(rows) > 0, resource["path"]
        for record, row in zip(records, rows, strict=True):
            assert list(record) == list(row) == [f["name"] for f in fields]
            for field in fields:
                csv_value = row[field["name"]]
                if field["type"] == "number" and csv_value:  # 57.14 in both; 100.00 is 100.0 in JSON
                    assert Decimal(str(record[field["name"]])) == Decimal(csv_value), field["name"]
                else:
                    assert json_cell(record[field["name"]], field) == csv_value, (resource["path"], field)


def test_every_ledger_row_matches_the_ledger_on_its_page(demo):
    _, output = demo
    rows = read_csv(output / "data" / "items.csv")
    by_page: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_page.setdefault(f"rounds/{row['round_id']}/{row['unit_id']}.html", []).append(row)
    problems = {row["page"]: int(row["problems_total"]) for row in read_csv(output / "data" / "units.csv")}
    for path, expected in by_page.items():
        assert len({row["problem_id"] for row in expected}) == problems[path]  # one id per problem
        shown = []
        for tr in page(output, path).xpath("//table[contains(@class,'ledger')]/tbody/tr"):
            shown.append({cell.get("data-label"): text_of(cell) for cell in tr.xpath("./td|./th")})
        assert len(shown) == len(expected), path
        for row, cells in zip(expected, shown, strict=True):
            number = f"{row['number']}-{row['task']}" if row["task"] else row["number"]
            assert cells["序号"] == number and cells["反馈问题"] == row["problem"]
            assert cells["整改措施"] == row["measures"] and cells["方面"] == row["area"]
            assert cells["类型"] == row["kind"] and cells["责任部门"] == row["responsible"]
            deadline = format_cn(dt.date.fromisoformat(row["deadline"])) if row["deadline"] else "长期"
            if row["extended_to"]:
                deadline += f"延期至 {format_cn(dt.date.fromisoformat(row['extended_to']))}"
            assert cells["整改时限"].replace(" ", "") == deadline.replace(" ", "")
            assert cells["状态"].startswith(row["status"])
            assert (f"逾期 {row['days_overdue']} 天" in cells["状态"]) == (row["overdue"] == "true")
            done = format_cn(dt.date.fromisoformat(row["completed_on"])) if row["completed_on"] else "—"
            assert cells["完成时间"] == done


def test_the_data_page_links_every_file_with_its_size(demo):
    _, output = demo
    doc = page(output, "data.html")
    links = {(a.get("href") or "").removeprefix("./") for a in doc.iter("a")}
    for path in (output / "data").rglob("*"):
        if path.is_file():
            assert path.relative_to(output).as_posix() in links, path
    body = text_of(doc)
    assert "整改完成率（%）" in body and "取值：立行立改、限期整改、长期坚持" in body
    size = (output / "data" / "datapackage.json").stat().st_size
    assert f"{size / 1024:.1f} KB" in body or f"{size} 字节" in body


def content_links(entry) -> list[str]:
    """Every href inside an entry's HTML content."""
    html = entry.get("content", [{}])[0].get("value") or entry.get("summary", "")
    return lxml_html.fragment_fromstring(html, create_parent="div").xpath(".//a/@href")


def local_path(output: Path, link: str, base: Path) -> Path:
    if link.startswith(SITE + "/"):
        return output / link.removeprefix(SITE + "/")
    return (base / link).resolve()


def test_feeds_parse_date_from_batches_and_every_link_resolves(demo):
    _, output = demo
    feeds = sorted((output / "feeds").rglob("*.atom.xml"))
    assert [f.relative_to(output).as_posix() for f in feeds] == [
        "feeds/batches.atom.xml", "feeds/rounds/2025-r1.atom.xml", "feeds/rounds/2026-r2.atom.xml",
    ]  # fmt: skip
    in_content = 0
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for link in [parsed.feed.link, *(e.link for e in parsed.entries)]:
            assert local_path(output, link, path.parent).is_file(), (path, link)
        for link in (href for e in parsed.entries for href in content_links(e)):
            assert local_path(output, link, path.parent).is_file(), (path, link)
            in_content += 1
    assert in_content == 8 + 3 + 1 + 1  # every unit listed in the batch entries, the update included
    batches = feedparser.parse((output / "feeds" / "batches.atom.xml").read_bytes())
    assert [e.title for e in batches.entries] == [
        "第1批公示：8 个单位", "第2批公示：3 个单位", "第3批公示：1 个单位", "第4批公示：0 个单位，进展更新 1 个单位",
        "修订公示：市住房和城乡建设局党组",
    ]  # fmt: skip
    assert [e.updated[:10] for e in batches.entries] == [
        "2025-08-20", "2026-08-10", "2026-10-15", "2026-11-05", "2026-11-12",
    ]  # fmt: skip
    update = batches.entries[3].summary
    assert "市水务局党组" in update and "第 3 项状态由“推进中”推进为“已完成”" in update
    assert batches.feed.updated.startswith("2026-11-12")  # the last entry, not the day of the build
    revisit = feedparser.parse((output / "feeds" / "rounds" / "2026-r2.atom.xml").read_bytes())
    water = next(e for e in revisit.entries if e.title.startswith("市水务局党组"))
    assert (
        water.updated[:10] == "2026-11-05" and "进展更新" in water.summary
    )  # the update, not the first date
    second = feedparser.parse((output / "feeds" / "rounds" / "2026-r2.atom.xml").read_bytes())
    assert {e.title.split("：")[0] for e in second.entries} == {
        "市住房和城乡建设局党组",
        "市水务局党组",
        "市卫生健康委员会党组",
    }


def test_the_sitemap_validates_and_lists_every_public_page_and_nothing_else(demo):
    _, output = demo
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    sitemap = etree.parse(str(output / "sitemap.xml"))
    schema.assertValid(sitemap)
    locs = {loc.text for loc in sitemap.iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    pages = {f"{SITE}/{p.relative_to(output).as_posix()}" for p in output.rglob("*.html")}
    assert locs == pages


def test_robots_names_no_private_path(demo):
    _, output = demo
    robots = (output / "robots.txt").read_text(encoding="utf-8")
    assert f"Sitemap: {SITE}/sitemap.xml" in robots
    for private in ("internal", "poster", "hold", "record", "cache", "Disallow"):
        assert private not in robots


def survey_project(tmp_path, **settings):
    rows = (
        "| 1 | 党的建设 | 公车管理不规范 | 修订公务用车管理办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
        "| 2 | 作风建设 | 机关食堂经费使用不规范 | 开展专项审计 | 限期整改 | 财务科 | 2025-07-31 | 已完成 | 2025-07-15 |\n"
    )
    config = make_project(
        tmp_path,
        {
            "2025-r1": round_text(
                units={"edu": "市教育局党组", "water": "市水务局党组"},
                survey_start="2025-07-15",
                survey_end="2025-08-15",
            )
        },
        {
            "2025-r1/edu.md": report_text(rows),
            "2025-r1/water.md": report_text(rows, Unit="water", Unit_Name="市水务局党组"),
        },
        GONGSHI_SURVEY_EXPORT="plain",
        **settings,
    )
    (tmp_path / "content" / "surveys").mkdir()
    lines = ["单位编号,测评结果"] + ["edu,满意"] * 31 + ["water,不满意"] * 2 + ["water,满意"] * 30
    (tmp_path / "content" / "surveys" / "2025-r1.csv").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return config


def test_satisfaction_reaches_the_exports_only_after_the_window_closes(tmp_path):
    config = survey_project(tmp_path)
    build(config, as_of=dt.date(2025, 8, 1), batch=True)
    during = read_csv(tmp_path / "output" / "data" / "units.csv")
    assert {r["unit_id"] for r in during} == {"edu", "water"}
    assert all(r["satisfaction_rate"] == r["survey_responses"] == r["dissatisfied"] == "" for r in during)
    for path in (tmp_path / "output").rglob("*"):
        if path.is_file() and path.suffix in {".csv", ".json", ".xml", ".html"}:
            assert "93.75" not in path.read_text(encoding="utf-8-sig"), path
    build(config, as_of=dt.date(2025, 8, 16))
    after = {r["unit_id"]: r for r in read_csv(tmp_path / "output" / "data" / "units.csv")}
    assert (after["water"]["satisfaction_rate"], after["water"]["survey_responses"]) == ("93.75", "32")
    assert after["edu"]["satisfaction_rate"] == "100.00"


def test_a_withdrawn_unit_leaves_the_exports_and_the_feed_says_so(tmp_path):
    config = survey_project(tmp_path)
    build(config, as_of=dt.date(2025, 8, 20), batch=True)
    withdraw(config, "2025-r1", "water", "报告数字有误，核实后重新公示", as_of=dt.date(2025, 9, 1))
    build(config, as_of=dt.date(2025, 9, 1))
    output = tmp_path / "output"
    assert [r["unit_id"] for r in read_csv(output / "data" / "units.csv")] == ["edu"]
    assert "water" not in (output / "data" / "items.json").read_text(encoding="utf-8")
    feed = feedparser.parse((output / "feeds" / "batches.atom.xml").read_bytes())
    assert feed.entries[-1].title == "撤回公示：市水务局党组" and feed.entries[-1].updated.startswith(
        "2025-09-01"
    )


def test_without_a_site_url_there_is_no_sitemap_and_feed_links_stay_relative(tmp_path):
    config = survey_project(tmp_path, GONGSHI_SITE_URL=None)
    build(config, as_of=dt.date(2025, 8, 20), batch=True)
    output = tmp_path / "output"
    assert not (output / "sitemap.xml").exists()
    assert "Sitemap" not in (output / "robots.txt").read_text(encoding="utf-8")
    path = output / "feeds" / "rounds" / "2025-r1.atom.xml"
    for entry in feedparser.parse(path.read_bytes()).entries:
        assert (
            entry.link.startswith("../../rounds/") and local_path(output, entry.link, path.parent).is_file()
        )
    batches = output / "feeds" / "batches.atom.xml"
    links = [href for e in feedparser.parse(batches.read_bytes()).entries for href in content_links(e)]
    assert links == ["../rounds/2025-r1/edu.html", "../rounds/2025-r1/water.html"]
    assert all(local_path(output, link, batches.parent).is_file() for link in links)


def test_every_page_links_the_data_page_and_announces_the_batch_feed(demo):
    _, output = demo
    for path in output.rglob("*.html"):
        doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        feeds = doc.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
        assert (
            len(feeds) == 1 and local_path(output, feeds[0], path.parent) == output / "feeds/batches.atom.xml"
        )
        assert any(href.endswith("data.html") for href in doc.xpath("//footer//a/@href")), path


# a portal before its first batch


class _Clock(type):
    def __instancecheck__(cls, value) -> bool:
        return isinstance(value, dt.datetime)


def frozen_clock(moment: dt.datetime) -> types.SimpleNamespace:
    """feedgenerator's `datetime` module, with a wall clock stopped at `moment`."""

    class Frozen(metaclass=_Clock):
        combine = staticmethod(dt.datetime.combine)

        @staticmethod
        def now(tz=None):
            return moment.astimezone(tz) if tz else moment.replace(tzinfo=None)

    return types.SimpleNamespace(datetime=Frozen, time=dt.time, timezone=dt.timezone)


def test_before_the_first_batch_the_package_validates_and_feeds_do_not_read_the_clock(tmp_path, monkeypatch):
    from feedgenerator.django.utils import feedgenerator as clock_user
    from frictionless import validate

    config = survey_project(tmp_path)  # nothing published: no batch in the record yet
    outputs = []
    for hour in (9, 23):
        moment = dt.datetime(2031, 1, 2, hour, 7, 5, tzinfo=dt.UTC)
        monkeypatch.setattr(clock_user, "datetime", frozen_clock(moment))
        result = build(
            config,
            as_of=dt.date(2025, 8, 1),
            output=tmp_path / f"out-{hour}",
            internal=tmp_path / f"in-{hour}",
        )
        assert not result.prepared.publication.public
        outputs.append(tmp_path / f"out-{hour}")
    first, second = outputs
    report = validate(str(first / "data" / "datapackage.json"))
    assert report.valid, report.flatten(["taskName", "type", "note"])
    package = json.loads((first / "data" / "datapackage.json").read_text(encoding="utf-8"))
    assert package["batch"] is None and package["as_of"] == "2025-08-01"
    profiles = {r["path"]: r["profile"] for r in package["resources"]}
    assert package["profile"] == "data-package"  # an empty JSON array cannot be a table (docs/open-data.md)
    assert profiles == {
        "units.csv": "tabular-data-resource", "items.csv": "tabular-data-resource",
        "units.json": "data-resource", "items.json": "data-resource",
        "versions.csv": "tabular-data-resource", "versions.json": "data-resource",
    }  # fmt: skip
    assert {r["path"] for r in package["resources"]} == {
        "units.csv", "units.json", "items.csv", "items.json", "versions.csv", "versions.json"
    }  # fmt: skip
    for name in ("units", "items", "versions"):
        assert read_csv(first / "data" / f"{name}.csv") == []
        assert (first / "data" / f"{name}.csv").read_bytes().count(b"\r\n") == 1  # the header row alone
        assert json.loads((first / "data" / f"{name}.json").read_text(encoding="utf-8")) == []
    feeds = sorted(p.relative_to(first) for p in (first / "feeds").rglob("*") if p.is_file())
    assert feeds == [Path("feeds/batches.atom.xml")]
    for feed in feeds:
        assert (first / feed).read_bytes() == (second / feed).read_bytes()
    parsed = feedparser.parse((first / "feeds" / "batches.atom.xml").read_bytes())
    assert not parsed.bozo and parsed.entries == [] and parsed.feed.updated.startswith("2025-08-01")


def test_an_upgrade_that_changes_the_columns_rewrites_the_files_of_a_portal_with_no_batch_yet(
    tmp_path, monkeypatch
):
    """With no round shown, the files for all rounds hold their header alone; their key once left
    out the build fingerprint, so after an upgrade that changed the columns the last build's
    header was linked beside a datapackage.json describing the new ones."""
    from gongshi.site import opendata

    config = survey_project(tmp_path)  # nothing published: no batch in the record yet
    build(config, as_of=dt.date(2025, 8, 1))
    added = opendata.Column("upgrade_probe", "升级后新增", "string", "升级后新增的列。", lambda v: None)
    units = dataclasses.replace(opendata.UNITS, columns=(*opendata.UNITS.columns, added))
    monkeypatch.setattr(opendata, "UNITS", units)  # the new code's columns ...
    monkeypatch.setattr(opendata, "TABLES", (units, opendata.ITEMS))
    with config.open("a", encoding="utf-8") as handle:  # ... and what the build fingerprint sees change
        handle.write("UPGRADE_PROBE = 2\n")
    result = build(config, as_of=dt.date(2025, 8, 1))
    assert not result.prepared.publication.public and result.prepared.fingerprint
    data = tmp_path / "output" / "data"
    package = json.loads((data / "datapackage.json").read_text(encoding="utf-8"))
    schemas = {r["path"]: [f["name"] for f in r["schema"]["fields"]] for r in package["resources"]}
    assert schemas["units.csv"][-1] == "upgrade_probe"
    for name in ("units.csv", "items.csv"):
        header = (data / name).read_text(encoding="utf-8-sig").splitlines()
        assert header == [",".join(schemas[name])], name
