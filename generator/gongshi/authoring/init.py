"""A new, empty portal for an office (`gongshi init DIR`): settings, an empty record, no demo.

What a new office must say is only who it is (site name, publisher, public address,
survey host, a contact); everything else keeps the defaults of config/settings.py.
The settings file names no THEME and no PLUGIN_PATHS: the theme and the plugin that
ship inside the installed package are used (build/pelican_adapter.py), unless the
office later names its own. Nothing here writes: the command writes these files.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from gongshi.authoring.scaffold import RoundDraft, round_file
from gongshi.content.model import RoundType, UnitRef

SETTINGS_FILE = "pelicanconf.py"
RECORD_FILE = "content/publication-record.jsonl"
ROUND_EXAMPLE = "轮次文件示例.toml.txt"  # beside the settings: under content/rounds/ it would be warned about
_HOST = re.compile(r"^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)+$")
_SITE_URL = re.compile(r"^https?://[^\s/?#]+(/[^\s?#]*)?$")


@dataclass(frozen=True)
class PortalDraft:
    """What `gongshi init` was told (or asked) about the office."""

    site_name: str
    publisher: str
    site_url: str | None = None  # the public address; None: no sitemap, relative feed links
    survey_host: str | None = None  # the survey platform's host; None: no survey QR codes yet
    contact_email: str | None = None
    contact_phone: str | None = None


def check_portal_draft(draft: PortalDraft) -> list[tuple[str, str]]:
    """(option, value) of every value that would make a settings file the build refuses."""
    wrong: list[tuple[str, str]] = []
    if not draft.site_name.strip():
        wrong.append(("--site-name", draft.site_name))
    if not draft.publisher.strip():
        wrong.append(("--publisher", draft.publisher))
    if draft.site_url and not _SITE_URL.match(draft.site_url):
        wrong.append(("--site-url", draft.site_url))
    if draft.survey_host and not _HOST.match(draft.survey_host):
        wrong.append(("--survey-host", draft.survey_host))
    return wrong


def portal_files(draft: PortalDraft) -> dict[str, str]:
    """Relative path → text of every file of a new portal."""
    return {
        SETTINGS_FILE: settings_file(draft),
        RECORD_FILE: "",
        ROUND_EXAMPLE: _round_example(),
        ".gitignore": "# 每次构建都会重新生成，不必保存（公示记录和 content/ 要保存）\noutput/\ninternal/\ncache/\n",
    }


def settings_file(draft: PortalDraft) -> str:
    contact = {"title": draft.publisher}
    if draft.contact_email:
        contact["email"] = draft.contact_email
    if draft.contact_phone:
        contact["phone"] = draft.contact_phone
    survey_url = f"https://{draft.survey_host}/s/{{round}}/{{unit}}" if draft.survey_host else None
    hosts = [draft.survey_host] if draft.survey_host else []
    return _SETTINGS.format(
        site_name=repr(draft.site_name.strip()),
        publisher=repr(draft.publisher.strip()),
        site_url=repr(draft.site_url),
        survey_url=repr(survey_url),
        survey_hosts=repr(hosts),
        contact=repr(contact),
    )


def _round_example() -> str:
    draft = RoundDraft(
        "2027-r1", "十四届市委第三轮巡察", RoundType.REGULAR, dt.date(2027, 3, 1), dt.date(2027, 6, 1),
        (UnitRef("edu", "市教育局党组"), UnitRef("forest", "市林业局党组")), None,
        dt.date(2027, 6, 15), dt.date(2027, 7, 15),
    )  # fmt: skip
    lines = round_file(draft).splitlines()
    head = [
        "# 轮次文件示例（不会被读取：它不在 content/rounds/ 里）。",
        "# 新建轮次请运行：",
        "#   gongshi new round 2027-r1 --name 十四届市委第三轮巡察 --feedback-date 2027-03-01 \\",
        "#       --report-due 2027-06-01 --unit edu=市教育局党组 --unit forest=市林业局党组",
        "# 它会写出 content/rounds/2027-r1.toml，格式如下（说明见 docs/content-format.md）：",
        "#",
    ]
    return "\n".join([*head, *(f"# {line}" if line else "#" for line in lines)]) + "\n"


_SETTINGS = '''"""公示网站的配置文件（由 gongshi init 生成）。

gongshi build / serve / check 读取这个文件。GONGSHI_* 设置的含义见 Gongshi 的
docs/settings.md；下面的 Pelican 设置关掉了 Pelican 自己发布内容的一切途径，不要改。
主题和插件用 Gongshi 安装包自带的；要用自己的主题，设置 THEME = "文件夹路径"。
"""

SITENAME = {site_name}
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
OUTPUT_PATH = "output"
PLUGINS = ["gongshi_portal"]

ARTICLE_PATHS = []
PAGE_PATHS = []
STATIC_PATHS = []
DIRECT_TEMPLATES = []
DRAFT_SAVE_AS = ""
DRAFT_LANG_SAVE_AS = ""
DRAFT_PAGE_SAVE_AS = ""
DRAFT_PAGE_LANG_SAVE_AS = ""
ARCHIVES_SAVE_AS = ""
AUTHORS_SAVE_AS = ""
CATEGORIES_SAVE_AS = ""
TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = ""
CATEGORY_SAVE_AS = ""
TAG_SAVE_AS = ""
FEED_ALL_ATOM = None
FEED_ALL_RSS = None
CATEGORY_FEED_ATOM = None
TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = None
AUTHOR_FEED_RSS = None
LOAD_CONTENT_CACHE = False

TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
LOCALE = ("C.UTF-8", "C")
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

JINJA_ENVIRONMENT = {{
    "autoescape": True,
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}}

# --- 本单位的信息 -------------------------------------------------------------
GONGSHI_PUBLISHER = {publisher}  # 发布单位，显示在每页页脚
GONGSHI_SITE_URL = {site_url}  # 网站的正式网址，如 "https://xczg.example.gov.cn"；None：不生成 sitemap
GONGSHI_DATA_CONTACT = {contact}  # 开放数据的联系方式

# --- 公示记录：gongshi build --batch 和 gongshi withdraw 写入，务必保存好 --------------
GONGSHI_RECORD_FILE = "publication-record.jsonl"  # 在 content/ 下
GONGSHI_INTERNAL_PATH = "internal"  # 内部材料（暂缓公示说明、海报），不公开
GONGSHI_CACHE_PATH = "cache"

# --- 满意度测评（见 docs/surveys.md） ---------------------------------------------
GONGSHI_SURVEY_URL = {survey_url}  # 每个单位的测评链接，{{round}} {{unit}} 会被替换；None：不生成二维码
GONGSHI_SURVEY_HOSTS = {survey_hosts}  # 测评链接只能指向这些主机
GONGSHI_SURVEY_EXPORT = "plain"  # 测评平台导出文件的格式
'''
