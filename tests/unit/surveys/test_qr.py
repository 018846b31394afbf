"""QR codes and posters, read back with a real decoder (Debian's zbarimg) and a real browser."""

from __future__ import annotations

import datetime as dt
import io
import os
import re
import shutil
import subprocess

import pytest
from factories import REPO
from PIL import Image

from gongshi.build.runner import build
from gongshi.config.settings import resolve
from gongshi.problems.errors import ConfigError
from gongshi.surveys.qr import QrCache, draw

AS_OF = dt.date(2026, 11, 22)
MM_PER_CSS_PX = 25.4 / 96


def decode(path) -> list[str]:
    """Every QR code zbarimg finds in an image file, as text."""
    zbarimg = shutil.which("zbarimg")
    if zbarimg is None:
        message = "Debian's zbar-tools is not installed (apt-get install zbar-tools)"
        if os.environ.get("CI"):
            pytest.fail(message)
        pytest.skip(message)
    done = subprocess.run([zbarimg, "--raw", "-q", "-Sdisable", "-Sqrcode.enable", str(path)],
                          capture_output=True, text=True, check=False)  # fmt: skip
    return [line for line in done.stdout.splitlines() if line]


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("qr-demo")
    overrides = out / "pelicanconf.py"  # the demo, with its own cache folder so counts are exact
    overrides.write_text(
        (REPO / "pelicanconf.py").read_text(encoding="utf-8")
        + f'\nPATH = "{REPO / "content"}"\nTHEME = "{REPO / "theme"}"\nPLUGIN_PATHS = ["{REPO / "plugins"}"]\n'
        + f'GONGSHI_CACHE_PATH = "{out / "cache"}"\n',
        encoding="utf-8",
    )
    first = build(overrides, as_of=AS_OF, output=out / "output", internal=out / "internal")
    return first, overrides, out


def test_every_public_png_decodes_to_its_exact_survey_url(demo):
    result, _, out = demo
    panels = [v for v in result.prepared.site.reports if v.survey and v.survey.qr]
    assert len(panels) == len(result.prepared.publication.public) == 12
    for view in panels:
        png = out / "output" / view.survey.png_path
        expected = f"https://myd.qinglan.gov.cn/s/{view.round.id}/{view.report.unit_id}"
        assert decode(png) == [expected], png
        html = (out / "output" / view.url).read_text(encoding="utf-8")
        assert html.count('<svg class="qr"') == 1
        if view.survey.phase == "closed":  # the code stays, marked closed; nothing invites a scan
            assert "测评已结束，不再接受评价）" in html and "扫码" not in html.replace("请勿再扫码", "")
            assert f">{expected}</a>" not in html and "qr-png" not in html
        else:
            assert f">{expected}</a>" in html  # the URL printed beside the code, as text
            assert 'role="img" aria-label="扫码参加' in html


# What ISO/IEC 18004 and the docs promise, written out rather than taken from gongshi.surveys.qr.
STANDARD_QUIET_ZONE = 4  # modules
PIXELS_PER_MODULE = 10


def test_the_png_keeps_the_four_module_quiet_zone(demo):
    result, _, out = demo
    view = result.prepared.site.reports[0]
    image = Image.open(io.BytesIO((out / "output" / view.survey.png_path).read_bytes())).convert("L")
    border = STANDARD_QUIET_ZONE * PIXELS_PER_MODULE
    width = image.width
    modules = width // PIXELS_PER_MODULE - 2 * STANDARD_QUIET_ZONE
    assert width % PIXELS_PER_MODULE == 0 and modules >= 21 and (modules - 17) % 4 == 0  # a QR version's size
    for x, y in [(i, j) for i in range(width) for j in (0, border - 1, width - border, width - 1)]:
        assert image.getpixel((x, y)) == 255 and image.getpixel((y, x)) == 255
    assert image.getpixel((border, border)) == 0  # the finder pattern starts right after it
    assert image.getpixel((border + 7 * PIXELS_PER_MODULE - 1, border)) == 0  # and is 7 modules wide
    assert image.getpixel((border + 7 * PIXELS_PER_MODULE, border)) == 255


# The format information next to the top-left finder pattern (ISO/IEC 18004, 7.9), most
# significant bit first: row 8, columns 0–5, 7, 8; then column 8, rows 7, 5–0.
FORMAT_MODULES = [(8, c) for c in (0, 1, 2, 3, 4, 5, 7, 8)] + [(r, 8) for r in (7, 5, 4, 3, 2, 1, 0)]
FORMAT_MASK = 0b101010000010010
LEVEL_BITS = {0b01: "L", 0b00: "M", 0b11: "Q", 0b10: "H"}


def error_correction_level(png: bytes) -> str:
    """The error-correction level a scanner reads from the code's format bits."""
    image = Image.open(io.BytesIO(png)).convert("L")

    def dark(row: int, column: int) -> bool:
        centre = lambda n: (STANDARD_QUIET_ZONE + n) * PIXELS_PER_MODULE + PIXELS_PER_MODULE // 2  # noqa: E731
        return image.getpixel((centre(column), centre(row))) < 128

    bits = 0
    for row, column in FORMAT_MODULES:
        bits = bits << 1 | dark(row, column)
    return LEVEL_BITS[(bits ^ FORMAT_MASK) >> 13]


def test_the_default_code_uses_error_correction_m_or_better(demo):
    result, _, out = demo
    for view in result.prepared.site.reports:
        level = error_correction_level((out / "output" / view.survey.png_path).read_bytes())
        assert level == "M", view.survey.png_path  # the default; Q and H are the settings above it


@pytest.mark.parametrize("setting", ["M", "Q", "H"])
def test_each_setting_gives_a_code_with_that_error_correction_level(setting):
    png = draw("https://myd.qinglan.gov.cn/s/2025-r1/edu", setting).png
    assert error_correction_level(png) == setting


@pytest.mark.parametrize("level", ["M", "Q", "H"])
def test_a_long_signed_survey_link_with_escapes_reads_back_exactly(level, tmp_path):
    """The shape 问卷星 links take: a unit name %-escaped and a 64-hex signature; every level."""
    url = ("https://www.wjx.cn/vm/abcdefg.aspx?sojumpparm=2026-r1.%E5%B8%82%E6%95%99%E8%82%B2%E5%B1%80."
           "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08")  # fmt: skip
    png = tmp_path / "code.png"
    png.write_bytes(draw(url, level).png)
    assert decode(png) == [url]


def test_a_link_whose_data_fills_a_block_with_zeros_is_drawn_and_reads_back(tmp_path):
    """qrcode 8.2's make() fails on these (glog(0) in its Reed-Solomon division); the code is valid."""
    import qrcode

    url = "https://a.cn/s/unit-" + "0" * 30  # the digits, in numeric mode, fill an H block with zero bits
    code = qrcode.QRCode(error_correction=qrcode.constants.ERROR_CORRECT_H)
    code.add_data(url)
    with pytest.raises(ValueError, match="glog"):
        code.make(fit=True)
    png = tmp_path / "zeros.png"
    png.write_bytes(draw(url, "H").png)
    assert decode(png) == [url]


def test_codes_are_byte_identical_and_unchanged_units_are_not_redrawn(demo):
    first, config, out = demo
    assert (
        first.prepared.qr_made + first.prepared.qr_reused == 14
    )  # 12 public + 2 approved but not public (held)
    again = build(config, as_of=AS_OF, output=out / "again", internal=out / "again-internal")
    assert (again.prepared.qr_made, again.prepared.qr_reused) == (0, 14)
    for png in (out / "output" / "qr").rglob("*.png"):
        assert (out / "again" / png.relative_to(out / "output")).read_bytes() == png.read_bytes()
    fresh = draw("https://myd.qinglan.gov.cn/s/2025-r1/edu", "M")
    assert (out / "output/qr/2025-r1/edu.png").read_bytes() == fresh.png  # cached bytes = freshly drawn


def test_the_cache_keys_on_the_url_and_the_error_correction_level(tmp_path):
    cache = QrCache(tmp_path, "M")
    medium = cache.get("https://a.example/1")
    cache.get("https://a.example/2")
    cache.close()
    warm = QrCache(tmp_path, "M")
    assert warm.get("https://a.example/1") == medium and (warm.made, warm.reused) == (0, 1)
    high = QrCache(tmp_path, "H")
    assert high.get("https://a.example/1").modules > medium.modules and high.made == 1


def test_a_damaged_cache_entry_is_redrawn_not_served(tmp_path):
    import sqlite3

    first = QrCache(tmp_path, "M")
    first.get("https://a.example/1")
    first.close()
    (database,) = tmp_path.rglob("*.sqlite3")
    with sqlite3.connect(database) as db:
        db.execute("UPDATE entries SET value = ?", (b"garbage",))
    cache = QrCache(tmp_path, "M")
    assert cache.get("https://a.example/1") == draw("https://a.example/1", "M") and cache.made == 1


def test_level_l_is_refused():
    with pytest.raises(ConfigError, match="GONGSHI_QR_ERROR_CORRECTION"):
        resolve({"GONGSHI_QR_ERROR_CORRECTION": "L"})


def test_posters_are_internal_only_and_cover_every_approved_unit_held_ones_included(demo):
    result, _, out = demo
    posters = {(p.round.id, p.unit_id): p for rp in result.prepared.posters for p in rp.posters}
    assert ("2025-r1", "baishi-town") in posters and not posters[("2025-r1", "baishi-town")].public
    assert ("2026-r2", "urban-invest") in posters  # held for completion, still rated
    assert ("2025-r1", "water") not in posters  # returned report: no approved report, no poster
    assert ("2025-r1", "transport") not in posters  # no report at all
    assert len(posters) == 14
    for key in posters:
        assert (out / "internal" / f"posters/{key[0]}/{key[1]}.html").is_file()
    assert not list((out / "output").rglob("posters*"))
    edu, baishi = posters[("2025-r1", "edu")], posters[("2025-r1", "baishi-town")]
    assert (edu.phone, edu.page) == ("0000-86123456", "rounds/2025-r1/edu.html")
    assert baishi.phone and baishi.page == ""  # held: no public page to point to yet
    sheet = (out / "internal" / "posters/2025-r1.html").read_text(encoding="utf-8")
    assert "意见建议请致电：<strong>0000-86123456</strong>" in sheet
    assert "https://xczg.qinglan.gov.cn/rounds/2025-r1/edu.html" in sheet
    assert "rounds/2025-r1/baishi-town.html" not in sheet
    for path in (out / "output").rglob("*"):
        if path.is_file():
            assert b"baishi-town" not in path.read_bytes(), path


@pytest.mark.browser
def test_a_printed_poster_scans_to_its_url_and_the_code_is_at_least_5_cm(demo, browser, artifacts):
    _, _, out = demo
    poster = out / "internal" / "posters/2025-r1/baishi-town.html"
    page = browser.new_page(viewport={"width": 794, "height": 1123})  # A4 at 96 dpi
    try:
        page.goto(poster.as_uri())
        page.emulate_media(media="print")
        box = page.locator("svg.qr").bounding_box()
        assert box["width"] * MM_PER_CSS_PX >= 50 and box["height"] * MM_PER_CSS_PX >= 50
        text = page.locator(".poster").inner_text()
        for expected in ("白石镇党委", "十四届市委第一轮巡察", "https://myd.qinglan.gov.cn/s/2025-r1/baishi-town",
                         "2025年7月15日 至 2025年8月15日"):  # fmt: skip
            assert expected in text
        shot = artifacts / "poster-2025-r1-baishi-town.png"
        page.screenshot(path=str(shot), full_page=True)
        assert decode(shot) == ["https://myd.qinglan.gov.cn/s/2025-r1/baishi-town"]
        page.goto((out / "internal" / "posters/2025-r1.html").as_uri())
        pdf = page.pdf(format="A4", print_background=True)
        pages = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
        assert pages == page.locator(".poster").count() == 10  # one A4 sheet per approved unit of the round
        # each poster fills its sheet: the contact block sits at the foot, not two thirds down
        filled = page.evaluate(
            """() => [...document.querySelectorAll('.poster')].map(p => {
                 const box = p.getBoundingClientRect(), foot = p.querySelector('.contact').getBoundingClientRect();
                 return (foot.bottom - box.top) / box.height; })"""
        )
        assert (
            min(filled) > 0.95
            and page.locator(".poster").first.bounding_box()["height"] * MM_PER_CSS_PX > 250
        )
    finally:
        page.close()


def test_the_internal_pack_lists_posters_and_survey_counts_once(demo):
    _, _, out = demo
    from lxml import html as lxml_html

    doc = lxml_html.fromstring((out / "internal" / "index.html").read_text(encoding="utf-8"))
    assert doc.findtext(".//title").startswith("延后公示情况报告")
    assert [h.text_content() for h in doc.iter("h2")].count("满意度测评") == 1
    links = set(doc.xpath("//a/@href"))
    assert {"posters/2025-r1.html", "posters/2025-r1/baishi-town.html"} <= links
    assert "测评链接未签名" in doc.text_content()


def test_a_survey_link_no_qr_code_can_hold_is_an_error_naming_round_and_unit(tmp_path):
    """qrcode stopped the build with a traceback on such a link (a template pasted twice, a
    platform's long-form link); now the round file and the unit are named, with what to do."""
    import pytest
    from factories import make_project, report_text, round_text

    from gongshi.build.runner import build
    from gongshi.problems.errors import ContentError

    long_template = "https://myd.example.gov.cn/s/{unit}?from=" + "x" * 2400
    config = make_project(
        tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()},
        GONGSHI_SURVEY_URL=long_template, GONGSHI_SURVEY_HOSTS=["myd.example.gov.cn"],
    )  # fmt: skip
    with pytest.raises(ContentError) as refused:
        build(config, as_of=dt.date(2025, 10, 1))
    found = [p for p in refused.value.problems if p.code == "survey.link-too-long"]
    assert {p.path for p in found} == {"content/rounds/2025-r1.toml"}
    assert len(found) == 3 and "edu" in "".join(p.message for p in found)
    assert "短链接" in found[0].hint
    assert not (tmp_path / "output").exists()
