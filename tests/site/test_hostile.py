"""Hostile content: script and HTML planted in every field a report can carry stays inert."""

import datetime as dt
import re
from html.parser import HTMLParser

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build

PAYLOADS = [
    '<script>alert("gs1")</script>',
    '<img src=x onerror=alert("gs2")>',
    '"><svg onload=alert("gs3")>',
    "<iframe src=javascript:alert('gs4')></iframe>",
]
ATTACK = "".join(PAYLOADS)
ROW = f"| 1 | {ATTACK} | {ATTACK} | {ATTACK} | 立行立改 | {ATTACK} | 2025-05-31 | 已完成 | 2025-05-20 |\n"
BODY = f"正文{ATTACK}\n\n[点我](javascript:alert('gs5'))\n\n<a href=\"#\" onclick=\"alert('gs6')\">链接</a>\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    name = f"市教育局党组{ATTACK}"
    rounds = {
        "2025-r1": round_text(
            name=f'"第一轮{ATTACK.replace(chr(34), chr(39))}"', units={"edu": name.replace('"', "'")}
        )
    }
    report = report_text(
        rows=ROW, body=BODY, Title=f"标题{ATTACK}", Unit_Name=name.replace('"', "'"), Reviewers=ATTACK,
        Feedback_Phone=f"0000-86123456{ATTACK}", Feedback_Mailbox=ATTACK, Feedback_Email=f'a@b.example"{ATTACK}',
    )  # fmt: skip
    config = make_project(root, rounds, {"2025-r1/edu.md": report}, GONGSHI_RULE_CONSISTENCY=False)
    result = build(config, as_of=dt.date(2025, 10, 1), batch=True)
    assert ("2025-r1", "edu") in result.prepared.publication.public
    return root / "output"


class LiveMarkup(HTMLParser):
    """Collects what a browser would act on: elements, event handlers, link targets."""

    def __init__(self):
        super().__init__()
        self.tags, self.handlers, self.urls = set(), [], []

    def handle_starttag(self, tag, attrs):
        own_svg = tag == "svg" and ("class", "qr") in attrs  # the survey QR code is the one svg we write
        src = dict(attrs).get("src") or ""
        own_script = tag == "script" and src.endswith(".js") and ":" not in src and "/theme/" in f"/{src}"
        own_img = tag == "img" and ":" not in src and "/identity/" in f"/{src}"  # the office's badges
        if not (own_svg or own_script or own_img):  # the theme's own script file is the one script we load
            self.tags.add(tag)
        self.handlers += [name for name, _ in attrs if name.startswith("on")]
        self.urls += [value or "" for name, value in attrs if name in {"href", "src", "action", "formaction"}]


def test_no_payload_reaches_any_page_live(hostile_site):
    pages = list(hostile_site.rglob("*.html"))
    assert len(pages) >= 7
    for page in pages:
        live = LiveMarkup()
        live.feed(page.read_text(encoding="utf-8"))
        assert not live.tags & {"script", "iframe", "svg", "img", "object", "embed"}, page
        assert live.handlers == [], page
        assert not any(url.strip().lower().startswith("javascript:") for url in live.urls), page


def test_the_qr_code_label_carries_the_hostile_name_as_text(hostile_site):
    html = (hostile_site / "rounds/2025-r1/edu.html").read_text(encoding="utf-8")
    assert html.count('<svg class="qr"') == 1
    assert re.search(r"aria-label=\"(扫码参加)?市教育局党组&lt;script&gt;alert\('gs1'\)&lt;/script&gt;", html)


def test_payload_text_is_shown_escaped_where_it_belongs(hostile_site):
    html = (hostile_site / "rounds/2025-r1/edu.html").read_text(encoding="utf-8")
    assert "标题&lt;script&gt;" in html  # the title is text, visible as typed


def test_every_page_carries_a_strict_content_security_policy(hostile_site):
    for page in hostile_site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        assert "script-src 'self'" in html and "default-src 'none'" in html and "unsafe-inline" not in html, (
            page
        )


@pytest.mark.browser
def test_no_script_runs_in_a_real_browser(browser, hostile_site):
    tab = browser.new_page()
    dialogs = []
    tab.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    for page in sorted(hostile_site.rglob("*.html")):
        tab.goto(page.as_uri())
        tab.wait_for_load_state("load")
    tab.close()
    assert dialogs == []


def test_the_live_markup_check_catches_a_live_payload():
    live = LiveMarkup()
    live.feed('<p>x</p><img src=x onerror=alert(1)><a href=" JavaScript:alert(1)">y</a>')
    assert (
        "img" in live.tags
        and live.handlers == ["onerror"]
        and live.urls[-1].strip().lower().startswith("javascript:")
    )
