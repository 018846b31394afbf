"""Open data, feeds and sitemap show exactly what the HTML shows, and validate."""

from __future__ import annotations

import csv
import datetime as dt
import io
import json
from decimal import Decimal
from pathlib import Path

import feedparser
import pytest
from factories import REPO, make_project, report_text, round_text
from lxml import etree
from lxml import html as lxml_html

from gongshi.dates import format_cn
from gongshi.metrics import format_percent
from gongshi.runner import build, withdraw

AS_OF = dt.date(2026, 11, 22)
SITE = "https://xczg.qinglan.gov.cn"
SCHEMA = Path(__file__).parent / "schemas" / "sitemap.xsd"


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("open-data")
    result = build(REPO / "pelicanconf.py", as_of=AS_OF, output=out / "output", internal=out / "internal")
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
        package["as_of"] == "2026-11-22" and package["batch"] == 2 and package["batch_date"] == "2026-08-10"
    )
    assert package["licenses"][0]["name"] == "CC-BY-4.0"
    assert package["contributors"][0]["title"] == "中共青岚市委巡察工作领导小组办公室"
    described = {r["path"] for r in package["resources"]}
    on_disk = {p.relative_to(output / "data").as_posix() for p in (output / "data").rglob("*") if p.is_file()}
    assert described == on_disk - {"datapackage.json"}
    items = next(r for r in package["resources"] if r["path"] == "items.csv")
    fields = {f["name"]: f for f in items["schema"]["fields"]}
    assert fields["kind"]["constraints"]["enum"] == ["立行立改", "限期整改", "长期坚持"]
    assert fields["status"]["constraints"]["enum"] == ["已完成", "推进中", "未启动"]
    assert fields["deadline"]["type"] == "date" and fields["overdue"]["type"] == "boolean"


def test_exports_hold_exactly_the_public_units(demo):
    result, output = demo
    public = result.runtime.publication.public
    rows = read_csv(output / "data" / "units.csv")
    assert {(r["round_id"], r["unit_id"]) for r in rows} == set(public)
    items = read_csv(output / "data" / "items.csv")
    assert {(r["round_id"], r["unit_id"]) for r in items} == set(public)
    assert len(items) == sum(result.runtime.publication.metrics[k].total for k in public)
    as_json = json.loads((output / "data" / "units.json").read_text(encoding="utf-8"))
    assert [(r["round_id"], r["unit_id"]) for r in as_json] == [(r["round_id"], r["unit_id"]) for r in rows]
    for rv in result.runtime.site.rounds:
        per_round = read_csv(output / "data" / rv.round.id / "units.csv")
        assert {r["unit_id"] for r in per_round} == {v.report.unit_id for v in rv.reports}


def test_no_held_unit_and_no_internal_field_reaches_any_export_or_feed(demo):
    result, output = demo
    held = result.runtime.publication.held()
    water_note = "整改措施笼统"  # the returned report's internal review note
    files = [*(output / "data").rglob("*"), *(output / "feeds").rglob("*"), output / "sitemap.xml"]
    for path in (p for p in files if p.is_file()):
        text = path.read_text(encoding="utf-8-sig")
        assert water_note not in text and "review_note" not in text and "低于" not in text, path
        for decision in held:
            assert f"{decision.round_id}/{decision.unit_id}" not in text, path
        assert "白石镇" not in text and "交通运输局" not in text and "baishi-town" not in text, path


def test_every_unit_row_matches_its_page(demo):
    _, output = demo
    for row in read_csv(output / "data" / "units.csv"):
        doc = page(output, row["page"])
        body = text_of(doc)
        assert row["unit_name"] in body and row["report_title"] in text_of(doc.find(".//h1"))
        cards = {
            text_of(c.find_class("card-label")[0]): text_of(c.find_class("card-num")[0])
            for c in doc.find_class("card")
        }
        assert cards["反馈问题（个）"] == row["items_total"]
        assert cards["已完成（个）"] == row["items_done"]
        assert cards["整改完成率"] == format_percent(Decimal(row["completion_rate"]))
        assert cards["逾期未整改（项）"] == row["overdue_items"]
        assert (
            f"首次公示：第{row['first_batch']}批（{format_cn(dt.date.fromisoformat(row['first_batch_date']))}）"
            in body
        )
        assert f"报告日期 {format_cn(dt.date.fromisoformat(row['report_date']))}" in body
        if row["satisfaction_rate"]:
            assert f"群众满意率 {format_percent(Decimal(row['satisfaction_rate']))}" in body
            assert f"有效样本 {row['survey_responses']} 份：满意 {row['satisfied']} 份" in body
        else:
            assert "群众满意率" not in body and not row["survey_responses"]
        for column in ("rules_made", "accountable"):
            assert (row[column] != "") == any(
                k.startswith({"rules_made": "建章立制", "accountable": "问责"}[column]) for k in cards
            )


def test_every_ledger_row_matches_the_ledger_on_its_page(demo):
    _, output = demo
    rows = read_csv(output / "data" / "items.csv")
    by_page: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_page.setdefault(f"rounds/{row['round_id']}/{row['unit_id']}.html", []).append(row)
    for path, expected in by_page.items():
        shown = []
        for tr in page(output, path).xpath("//table[contains(@class,'ledger')]/tbody/tr"):
            shown.append({cell.get("data-label"): text_of(cell) for cell in tr.xpath("./td|./th")})
        assert len(shown) == len(expected), path
        for row, cells in zip(expected, shown, strict=True):
            assert cells["序号"] == row["number"] and cells["反馈问题"] == row["problem"]
            assert cells["整改措施"] == row["measures"] and cells["方面"] == row["area"]
            assert cells["类型"] == row["kind"] and cells["责任部门"] == row["responsible"]
            deadline = format_cn(dt.date.fromisoformat(row["deadline"])) if row["deadline"] else "长期"
            assert cells["整改时限"] == deadline
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
    for path in feeds:
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo, (path, parsed.get("bozo_exception"))
        for link in [parsed.feed.link, *(e.link for e in parsed.entries)]:
            assert local_path(output, link, path.parent).is_file(), (path, link)
    batches = feedparser.parse((output / "feeds" / "batches.atom.xml").read_bytes())
    assert [e.title for e in batches.entries] == ["第1批公示：8 个单位", "第2批公示：3 个单位"]
    assert [e.updated[:10] for e in batches.entries] == ["2025-08-20", "2026-08-10"]
    assert batches.feed.updated.startswith("2026-08-10")  # the last batch, not the day of the build
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


def test_every_page_links_the_data_page_and_announces_the_batch_feed(demo):
    _, output = demo
    for path in output.rglob("*.html"):
        doc = lxml_html.fromstring(path.read_text(encoding="utf-8"))
        feeds = doc.xpath("//link[@rel='alternate'][@type='application/atom+xml']/@href")
        assert (
            len(feeds) == 1 and local_path(output, feeds[0], path.parent) == output / "feeds/batches.atom.xml"
        )
        assert any(href.endswith("data.html") for href in doc.xpath("//footer//a/@href")), path
