"""Pelican settings for the demo portal of 青岚市 (a fictional city).

`gongshi build` reads this file. The GONGSHI_* settings are documented in
docs/settings.md; the Pelican settings below close every path by which
Pelican itself could publish content (see docs/security.md).
"""

SITENAME = "青岚市巡察整改公示"
SITEURL = ""
RELATIVE_URLS = True  # pages link relatively, so the site also works opened from disk

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
PLUGIN_PATHS = ["plugins"]
PLUGINS = ["gongshi_portal"]

# Reports are read, validated and gated by gongshi, never by Pelican: nothing
# under content/ is a Pelican article, page or static file.
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

# Reproducible output: nothing depends on the machine's locale or clock.
TIMEZONE = "Asia/Shanghai"
DEFAULT_LANG = "zh-CN"
LOCALE = ("C.UTF-8", "C")
DEFAULT_DATE_FORMAT = "%Y-%m-%d"

JINJA_ENVIRONMENT = {
    "autoescape": True,  # every value is escaped; only sanitised Markdown is marked safe
    "trim_blocks": True,
    "lstrip_blocks": True,
    "extensions": [],
}

# --- Gongshi -----------------------------------------------------------------
GONGSHI_PUBLISHER = "中共青岚市委巡察工作领导小组办公室"
GONGSHI_INTERNAL_PATH = "internal"
GONGSHI_RECORD_FILE = "publication-record.jsonl"
GONGSHI_RULE_OVERDUE_MAX = 0
GONGSHI_RULE_COMPLETION_MIN = 60
GONGSHI_RULE_SATISFACTION_MIN = 80
GONGSHI_RULE_SATISFACTION_MIN_RESPONSES = 30
GONGSHI_RULE_SATISFACTION_MISSING = "publish"
GONGSHI_RULE_REVIEW = True
GONGSHI_RULE_REPORT_OVERDUE = True
GONGSHI_RULE_CONSISTENCY = True
GONGSHI_PARTIAL_COUNTS_AS_DONE = False  # 基本完成 / 阶段性完成 are not done, as official counts read them
GONGSHI_PRIVACY_ALLOW = []  # exact values allowed through the personal-data check
GONGSHI_SHOW_DEFERRED_COUNT = True

# Satisfaction survey (群众扫码满意度测评): links, QR codes and exports (docs/surveys.md).
GONGSHI_SURVEY_URL = "https://myd.qinglan.gov.cn/s/{round}/{unit}"
GONGSHI_SURVEY_ROUND_URLS = {}  # per-round templates, e.g. {"2026-r2": "https://myd.qinglan.gov.cn/hk/{unit}"}
GONGSHI_SURVEY_HOSTS = ["myd.qinglan.gov.cn"]
GONGSHI_SURVEY_KEY_ENV = "GONGSHI_SURVEY_KEY"  # the key stays in the environment, never in a file
GONGSHI_SURVEY_SIGNATURE_PARAM = "sig"
GONGSHI_SURVEY_EXPORT = "formbricks"
GONGSHI_SURVEY_PATH = "surveys"
GONGSHI_SURVEY_SKIP_LIMIT = 0.2  # a larger share of a unit's answers skipped stops the build
GONGSHI_QR_ERROR_CORRECTION = "M"
GONGSHI_CACHE_PATH = "cache"

# Open data, feeds and sitemap (docs/open-data.md).
GONGSHI_SITE_URL = "https://xczg.qinglan.gov.cn"
GONGSHI_DATA_NAME = "qinglan-xuncha-zhenggai"
GONGSHI_DATA_LICENSE = {
    "name": "CC-BY-4.0",
    "title": "知识共享署名 4.0 国际许可协议",
    "path": "https://creativecommons.org/licenses/by/4.0/",
}
GONGSHI_DATA_CONTACT = {
    "title": "中共青岚市委巡察工作领导小组办公室",
    "email": "xcb@qinglan.example",
    "phone": "0000-86120000",
}

# The standing channel for reporting a problem, on every page and on 我要反映 (contact.html).
GONGSHI_CHANNEL = {
    "title": "中共青岚市委巡察工作领导小组办公室",
    "phone": "0000-86120000",
    "address": "青岚市示例路 1 号市委大院 3 号楼（邮编 000000）",
    "email": "xcb@qinglan.example",
    "hours": "工作日 8:30—12:00，14:30—17:30",
    "hotline": "12388",
}

# Government-site identity (docs/settings.md). The demo's values are fictional on purpose.
GONGSHI_GOV_SITE = True
GONGSHI_PUBLISHER_CONTACT = {
    "address": "青岚市示例路 1 号",
    "postcode": "000000",
    "phone": "0000-86120000",
    "email": "xcb@qinglan.example",
}
GONGSHI_SITE_CODE = "0000000000"
GONGSHI_ICP = "青ICP备00000000号-1（示例）"
GONGSHI_ICP_URL = "https://beian.miit.gov.cn/"
GONGSHI_POLICE_RECORD = "青公网安备 00000000000000号（示例）"
GONGSHI_POLICE_RECORD_URL = "https://beian.mps.gov.cn/#/query/webSearch?code={code}"
GONGSHI_POLICE_BADGE = "assets/police-badge.png"
GONGSHI_GOV_BADGE = "assets/gov-badge.png"
GONGSHI_GOV_BADGE_URL = "https://bszs.conac.cn/sitename?method=show&id=000000000000000"
GONGSHI_FIND_ERROR_URL = "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&url={url}"
GONGSHI_SHARE_IMAGE = "assets/share.png"
