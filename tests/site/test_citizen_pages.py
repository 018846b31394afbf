"""The demo's citizen-facing output: feedback channels true as of the build, the footer a
government site carries on every page, share cards, and the CMS fragments in the internal pack."""

import datetime as dt
import re
import urllib.parse

import pytest
from factories import REPO, make_project, report_text, round_text, words

from gongshi.build.runner import build

AS_OF = dt.date(2026, 11, 22)
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("citizen")
    build(
        REPO / "pelicanconf.py", as_of=AS_OF, output=out / "output", internal=out / "internal", fragments=True
    )
    return out / "output", out / "internal"


def pages(output):
    return sorted(p for p in output.rglob("*.html") if "pagefind" not in p.parts)


def test_every_page_carries_the_standing_channel_and_the_government_footer(demo):
    output, _ = demo
    for page in pages(output):
        html = page.read_text(encoding="utf-8")
        path = page.relative_to(output).as_posix()
        text = words(html)
        assert "问题反映渠道（长期有效）" in text and "12388" in text and "我要反映" in text, path
        assert "网站标识码：0000000000" in text and "青ICP备00000000号-1（示例）" in text, path
        assert 'href="https://beian.miit.gov.cn/"' in html and "beian.mps.gov.cn" in html, path
        find_error = (
            re.search(r'href="(https://zfwzgl\.www\.gov\.cn/[^"]+)"', html).group(1).replace("&amp;", "&")
        )
        query = urllib.parse.parse_qs(urllib.parse.urlsplit(find_error).query)
        assert query == {"site_code": ["0000000000"], "url": [f"https://xczg.qinglan.gov.cn/{path}"]}, path
        for src in re.findall(r'<img[^>]+src="([^"]+)"', html):  # badges come from the site itself
            assert "://" not in src and (page.parent / src).resolve().is_file(), (path, src)


def test_every_page_has_a_description_and_a_share_image(demo):
    output, _ = demo
    for page in pages(output):
        html = page.read_text(encoding="utf-8")
        description = re.search(r'<meta name="description" content="([^"]+)">', html).group(1)
        assert len(description) >= 20
        image = re.search(r'<meta property="og:image" content="([^"]+)">', html).group(1)
        assert image == "https://xczg.qinglan.gov.cn/identity/share.png"
    assert (output / "identity" / "share.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    report = (output / "rounds/2025-r1/housing.html").read_text(encoding="utf-8")
    assert (
        '<meta name="description" content="市住房和城乡建设局党组十四届市委第一轮巡察整改情况：反馈问题10个，已完成7个，整改完成率70%，逾期未整改3项（截至2026年11月22日）。">'
        in report
    )


def test_a_past_feedback_date_is_marked_closed_with_its_dates(demo):
    output, _ = demo
    text = words((output / "rounds/2025-r1/housing.html").read_text(encoding="utf-8"))
    assert "已截止" in text and "请于" not in text.split("意见反馈渠道")[-1].split("会审情况")[0]
    assert "本报告的意见反馈期为 2025年7月7日（报告日期）至 2025年8月7日，已经截止。" in text


def test_an_open_feedback_date_asks_for_comments_until_then(tmp_path):
    rows = "| 1 | 党的建设 | 公车管理不规范 | 修订制度 | 限期整改 | 办公室 | 2025-12-31 | 推进中 | |\n"
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text(rows=rows)},
                          GONGSHI_RULE_OVERDUE_MAX=None, GONGSHI_RULE_COMPLETION_MIN=None)  # fmt: skip
    build(config, as_of=dt.date(2025, 8, 1), batch=True)
    text = words((tmp_path / "output/rounds/2025-r1/edu.html").read_text(encoding="utf-8"))
    assert "请于 2025年8月8日 前反映" in text and "已截止" not in text


def test_a_report_opens_with_its_contents_and_its_ledger_has_a_caption(demo):
    output, _ = demo
    html = (output / "rounds/2025-r1/housing.html").read_text(encoding="utf-8")
    toc = html.split('<nav class="toc"', 1)[1].split("</nav>", 1)[0]
    anchors = re.findall(r'href="#([^"]+)"', toc)
    assert anchors[0] == "figures-h" and "ledger-h" in anchors and "sec-1" in anchors
    for anchor in anchors:
        assert f'id="{anchor}"' in html
    assert "<caption" in html.split('<table class="ledger')[1].split("</thead>")[0]


def test_fragments_are_self_contained_and_only_in_the_internal_pack(demo):
    output, internal = demo
    fragments = sorted((internal / "fragments").rglob("*.html"))
    reports = sorted((output / "rounds").glob("*/*.html"))
    assert [f.relative_to(internal / "fragments") for f in fragments] == [
        r.relative_to(output / "rounds") for r in reports
    ]
    assert not (output / "fragments").exists()
    for fragment in fragments:
        html = fragment.read_text(encoding="utf-8")
        assert "<script" not in html.lower() and "<style" not in html.lower() and "<link" not in html.lower()
        assert not re.search(r"https?:|//[a-z0-9]", html, re.I), fragment  # no address of any host
        assert " class=" not in html and " id=" not in html  # nothing the CMS's own styles could catch
        assert "<table" in html and 'style="' in html and "整改台账" in html
    housing = (internal / "fragments/2025-r1/housing.html").read_text(encoding="utf-8")
    assert "<svg" in housing and "已截止" in housing
