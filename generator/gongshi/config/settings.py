"""GONGSHI_* settings: declared once as a table, resolved once into a frozen value.

`pelicanconf.py` holds them next to Pelican's own settings. Every setting
has a default and a help text here; `docs/settings.md` is checked against
this table by a test so the two cannot drift.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

from gongshi.problems.errors import ConfigError
from gongshi.problems.messages import Phrase

MISSING_SURVEY_POLICIES = ("publish", "hold")


@dataclass(frozen=True)
class Setting:
    name: str
    default: Any
    help: str  # English, as in docs/settings.md
    check: Callable[[Any], bool]
    expect: Phrase  # what `check` accepts, in both languages, for the error that names the setting


def _optional_number(low: float, high: float) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if value is None:
            return True
        return isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high

    return check


def _is_str(value: Any) -> bool:
    return isinstance(value, str) and bool(value.strip())


def _is_bool(value: Any) -> bool:
    return isinstance(value, bool)


def _optional_str(value: Any) -> bool:
    return value is None or _is_str(value)


def _str_list(value: Any) -> bool:
    return isinstance(value, list | tuple) and all(isinstance(x, str) for x in value)


def _str_dict(value: Any) -> bool:
    return isinstance(value, dict) and all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    )


def _https_url(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"https://[^\s/?#\\]+(/[^\s?#\\]*)?", value) is not None


def _link(value: str) -> bool:
    """An https address, or a path relative to the site (data/licence.html): never javascript:, data:
    or http:, which a page would turn into a live link."""
    if _https_url(value):
        return True
    return re.fullmatch(r"[A-Za-z0-9._~%!$&'()*+,;=@-][^\s:\\]*", value) is not None and not value.startswith(
        "//"
    )


def _inside(value: Any) -> bool:
    """A folder inside the content folder: relative, with no way up."""
    if not _is_str(value) or "\\" in value:
        return False
    path = Path(value)
    return not path.is_absolute() and ".." not in path.parts


def _file_name(value: Any) -> bool:
    return _is_str(value) and re.fullmatch(r"[^/\\]+", value) is not None and value not in (".", "..")


def _keyed_strs(*keys: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        return _str_dict(value) and set(value) <= set(keys)

    return check


def _url_template(*needed: str) -> Callable[[Any], bool]:
    def check(value: Any) -> bool:
        if value is None:
            return True
        return (
            isinstance(value, str)
            and re.match(r"https://[^\s/?#]+", value) is not None
            and all("{" + n + "}" in value for n in needed)
        )

    return check


_OPTIONAL_URL = _url_template()
CHANNEL_KEYS = ("title", "phone", "address", "email", "hours", "hotline", "url")
PUBLISHER_CONTACT_KEYS = ("address", "phone", "email", "postcode")


def _env_name(value: Any) -> bool:
    return isinstance(value, str) and re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value) is not None


SETTINGS: tuple[Setting, ...] = (
    Setting("GONGSHI_PUBLISHER", "巡察工作领导小组办公室", "Who publishes the portal, shown in the page footer.", _is_str, Phrase("非空字符串", "a non-empty string")),
    Setting("GONGSHI_INTERNAL_PATH", "internal", "Folder of the internal staff pack (hold report, batch record, posters); must lie outside OUTPUT_PATH.",
            _is_str, Phrase("文件夹路径", "a folder path")),
    Setting("GONGSHI_RECORD_FILE", "publication-record.jsonl", "The batch record (公示记录), relative to the content folder. Staff commit it.",
            _file_name, Phrase("内容目录下的文件名（不含路径）", "a file name in the content folder (no folders)")),
    Setting("GONGSHI_RULE_OVERDUE_MAX", 0, "Hold a unit with more than this many overdue items to be fixed at once or by a deadline (立行立改, 限期整改). None switches the rule off.",
            _optional_number(0, 10_000), Phrase("不小于 0 的整数，或 None", "a whole number ≥ 0, or None")),
    Setting("GONGSHI_RULE_COMPLETION_MIN", 60, "Hold a unit whose completion rate (%) is below this. None switches the rule off.",
            _optional_number(0, 100), Phrase("0–100 的百分数，或 None", "a percentage 0–100, or None")),
    Setting("GONGSHI_RULE_SATISFACTION_MIN", 80, "Hold a unit whose satisfaction rate (%) is below this, once the survey window has closed. None switches the rule off.",
            _optional_number(0, 100), Phrase("0–100 的百分数，或 None", "a percentage 0–100, or None")),
    Setting("GONGSHI_RULE_SATISFACTION_MIN_RESPONSES", 30, "Responses a unit needs before its satisfaction rate counts (and is shown).",
            _optional_number(1, 10_000_000), Phrase("不小于 1 的整数", "a whole number ≥ 1")),
    Setting("GONGSHI_RULE_SATISFACTION_MISSING", "publish",
            "What the satisfaction rule does with no survey result yet, or too few responses: 'publish' (the rule does not hold the unit) or 'hold'.",
            lambda v: v in MISSING_SURVEY_POLICIES, Phrase("'publish' 或 'hold'", "'publish' or 'hold'")),
    Setting("GONGSHI_RULE_REVIEW", True, "Hold a unit whose report was returned (退回重报). Publishing an unapproved report is never possible; this rule only names the reason.",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_RULE_REPORT_OVERDUE", True, "Count a unit with no approved report after the round's report due date as lagging in the hold report.",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_RULE_CONSISTENCY", True, "Hold a unit whose narrative states figures (问题总数, 已完成, 整改完成率, 整改任务; 建章立制, 问责, 挽回 against the header) that disagree with its ledger (数字整改; see docs/content-format.md). False only reports the mismatch.",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_PARTIAL_COUNTS_AS_DONE", False, "Whether ledger items that are basically or partly done (基本完成, 阶段性完成) count as done (in the completion rate, problems done and overdue). False, the default, follows official counts: only fully completed items are done. The status is shown as written either way.",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_PRIVACY_ALLOW", (), "Exact values the privacy check lets through (e.g. an official hotline that looks like a mobile number).",
            lambda v: isinstance(v, list | tuple) and all(isinstance(x, str) for x in v), Phrase("字符串列表", "a list of strings")),
    Setting("GONGSHI_SHOW_DEFERRED_COUNT", True, "Show the number of deferred units on public batch pages (names are never shown).",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_SURVEY_URL", None, "Survey link template with {round} and {unit} placeholders (values URL-encoded), e.g. 'https://myd.example.gov.cn/s/{round}/{unit}'. {unit} is required; {round} too when more than one round uses this template (unit ids repeat across rounds). None: no QR codes.",
            _optional_str, Phrase("链接模板字符串，或 None", "a URL template string, or None")),
    Setting("GONGSHI_SURVEY_ROUND_URLS", {}, "Per-round survey link templates, {round id: template}, each with {unit}; a round not listed uses GONGSHI_SURVEY_URL.",
            _str_dict, Phrase("轮次编号 → 链接模板的字典", "a dict of round id → URL template")),
    Setting("GONGSHI_SURVEY_HOSTS", (), "Hosts a survey link may point to; every template must use https and one of these hosts.",
            _str_list, Phrase("主机名列表", "a list of host names")),
    Setting("GONGSHI_SURVEY_KEY_ENV", "GONGSHI_SURVEY_KEY", "Name of the environment variable holding the survey signing key. When it is set, links carry an HMAC of round and unit and exports are checked against it. The key itself never goes in a file.",
            _env_name, Phrase("环境变量名", "an environment variable name")),
    Setting("GONGSHI_SURVEY_SIGNATURE_PARAM", "sig", "Query parameter that carries the signed unit code in survey links.",
            lambda v: isinstance(v, str) and re.fullmatch(r"[A-Za-z][A-Za-z0-9_-]*", v) is not None, Phrase("参数名，如 'sig'", "a parameter name such as 'sig'")),
    Setting("GONGSHI_SURVEY_EXPORT", "plain", "How to read survey exports, for rounds whose file has no [survey] table: a preset name ('wjx', 'tencent', 'formbricks', 'limesurvey', 'kobotoolbox', 'plain') or a dict with 'preset' and overrides (see docs/surveys.md).",
            lambda v: isinstance(v, str | dict), Phrase("预设名称或字典", "a preset name or a dict")),
    Setting("GONGSHI_SURVEY_PATH", "surveys", "Folder of survey exports inside the content folder: <round id>.<ext> or <round id>/*.<ext>, where <ext> is csv, xlsx or xls.",
            _inside, Phrase("内容目录之内的文件夹名，如 'surveys'", "a folder inside the content folder, e.g. 'surveys'")),
    Setting("GONGSHI_SURVEY_SKIP_LIMIT", 0.2, "Largest share (0 to 1) of a unit's answers in one export that may be skipped (no code, forged, repeated, outside the period) before the build stops (from 5 skipped rows on): more usually means a wrongly mapped column.",
            lambda v: isinstance(v, int | float) and not isinstance(v, bool) and 0 <= v <= 1, Phrase("0 到 1 之间的数，如 0.2", "a number from 0 to 1, e.g. 0.2")),
    Setting("GONGSHI_QR_ERROR_CORRECTION", "M", "QR error correction level: 'M' (15%), 'Q' (25%) or 'H' (30%). L is refused: printed posters get scuffed.",
            lambda v: v in ("M", "Q", "H"), Phrase("'M'、'Q' 或 'H'", "'M', 'Q' or 'H'")),
    Setting("GONGSHI_SITE_URL", None, "Public address of the portal, e.g. 'https://xczg.qinglan.gov.cn'. Needed for sitemap.xml and absolute feed links; None: no sitemap, relative feed links.",
            lambda v: v is None or _https_url(v), Phrase("https 网址，或 None", "an https URL or None")),
    Setting("GONGSHI_DATA_NAME", "inspection-rectification", "Machine name of the open-data package (datapackage.json 'name').",
            lambda v: isinstance(v, str) and re.fullmatch(r"[a-z0-9._-]+", v) is not None, Phrase("由小写字母、数字和 . _ - 组成的名称", "lower-case letters, digits, . _ -")),
    Setting("GONGSHI_DATA_LICENSE", {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0", "path": "https://creativecommons.org/licenses/by/4.0/"},
            "Licence of the open data, as a Frictionless licence object (name and/or path, optional title).",
            lambda v: _str_dict(v) and bool({"name", "path"} & set(v)) and set(v) <= {"name", "path", "title"} and _link(v.get("path", "x")),
            Phrase("含 'name' 和（或）'path'（https 网址或站内相对路径）的字典", "a dict with 'name' and/or 'path' (an https URL or a path within the site)")),
    Setting("GONGSHI_DATA_CONTACT", {"title": "巡察工作领导小组办公室"}, "Contact point for the open data (title, and email, path or phone), shown on the data page and in datapackage.json.",
            lambda v: _str_dict(v) and "title" in v and set(v) <= {"title", "email", "path", "phone"} and _link(v.get("path", "x")),
            Phrase("含 'title'、可选 'email'、'path'（https 网址或站内相对路径）、'phone' 的字典", "a dict with 'title' and optional 'email', 'path' (an https URL or a path within the site), 'phone'")),
    Setting("GONGSHI_CACHE_PATH", "cache", "Folder for the QR code cache, relative to the project; never inside OUTPUT_PATH.",
            _is_str, Phrase("文件夹路径", "a folder path")),
    Setting("GONGSHI_CHANNEL", {}, "The portal's standing channel for reporting a problem (信访举报、意见反馈), shown on every page and on the contact page (我要反映): keys title, phone, address, email, hours, hotline (12388 or the local reporting line), url (an online form; optional).",
            _keyed_strs(*CHANNEL_KEYS), Phrase("含 title、phone、address、email、hours、hotline、url 的字典", "a dict with title, phone, address, email, hours, hotline, url")),
    Setting("GONGSHI_PUBLISHER_CONTACT", {}, "Contacts of the hosting body (主办单位) for the footer: keys address, phone, email, postcode.",
            _keyed_strs(*PUBLISHER_CONTACT_KEYS), Phrase("含 address、phone、email、postcode 的字典", "a dict with address, phone, email, postcode")),
    Setting("GONGSHI_GOV_SITE", False, "The portal is a government website: `gongshi check` and `gongshi build` warn about every footer item such a site must carry that is not set (site code, ICP record, public-security record and badge, party-and-government badge, channel, contacts).",
            _is_bool, Phrase("True 或 False", "True or False")),
    Setting("GONGSHI_SITE_CODE", None, "The site code (网站标识码) from the national government-website register, shown in the footer and carried by the error-report link.",
            lambda v: v is None or (isinstance(v, str) and re.fullmatch(r"[0-9A-Za-z]{4,20}", v) is not None), Phrase("字母和数字组成的标识码，或 None", "letters and digits, or None")),
    Setting("GONGSHI_ICP", None, "The ICP record number (ICP备案号), e.g. \"青ICP备00000000号-1\", linked to GONGSHI_ICP_URL.",
            _optional_str, Phrase("备案号字符串，或 None", "a record number string, or None")),
    Setting("GONGSHI_ICP_URL", "https://beian.miit.gov.cn/", "Where the ICP record number links (the MIIT record site).",
            _OPTIONAL_URL, Phrase("http(s) 网址", "an http(s) URL")),
    Setting("GONGSHI_POLICE_RECORD", None, "The public-security record number (公安机关备案号), e.g. \"青公网安备 00000000000000号\", shown with its badge and linked to GONGSHI_POLICE_RECORD_URL.",
            _optional_str, Phrase("备案号字符串，或 None", "a record number string, or None")),
    Setting("GONGSHI_POLICE_RECORD_URL", "https://beian.mps.gov.cn/#/query/webSearch?code={code}", "Where the public-security record number links; {code} is replaced by the record number's digits.",
            _url_template("code"), Phrase("含 {code} 的 http(s) 网址", "an http(s) URL with {code}")),
    Setting("GONGSHI_POLICE_BADGE", None, "The public-security record badge image: a local file (relative to the project), copied into the output. Never drawn from another host.",
            _optional_str, Phrase("本地图片文件路径，或 None", "a local image file path, or None")),
    Setting("GONGSHI_GOV_BADGE", None, "The party-and-government site badge (党政机关网站标识) supplied by the office: a local file (relative to the project), copied into the output.",
            _optional_str, Phrase("本地图片文件路径，或 None", "a local image file path, or None")),
    Setting("GONGSHI_GOV_BADGE_URL", None, "Where the party-and-government badge links: the site's registration page.",
            _OPTIONAL_URL, Phrase("http(s) 网址，或 None", "an http(s) URL, or None")),
    Setting("GONGSHI_FIND_ERROR_URL", "https://zfwzgl.www.gov.cn/exposure/jiucuo.html?site_code={code}&url={url}", "The error-report link (我为政府网站找错); {code} is GONGSHI_SITE_CODE and {url} the page's public address (URL-encoded). Shown only with a site code.",
            _url_template("code", "url"), Phrase("含 {code} 和 {url} 的 http(s) 网址", "an http(s) URL with {code} and {url}")),
    Setting("GONGSHI_SHARE_IMAGE", None, "The picture a shared link shows (og:image, e.g. in WeChat): a local PNG (relative to the project), copied into the output.",
            _optional_str, Phrase("本地 PNG 文件路径，或 None", "a local PNG file path, or None")),
)  # fmt: skip


@dataclass(frozen=True)
class GongshiSettings:
    content_path: Path
    output_path: Path
    publisher: str
    internal_path: Path
    record_file: str
    rule_overdue_max: int | None
    rule_completion_min: float | None
    rule_satisfaction_min: float | None
    rule_satisfaction_min_responses: int
    rule_satisfaction_missing: str
    rule_review: bool
    rule_report_overdue: bool
    rule_consistency: bool
    privacy_allow: tuple[str, ...]
    show_deferred_count: bool
    partial_counts_as_done: bool = False
    survey_url: str | None = None
    survey_round_urls: Mapping[str, str] = field(default_factory=dict)
    survey_hosts: tuple[str, ...] = ()
    survey_key_env: str = "GONGSHI_SURVEY_KEY"
    survey_signature_param: str = "sig"
    survey_export: str | Mapping[str, Any] = "plain"
    survey_path: str = "surveys"
    survey_skip_limit: float = 0.2
    qr_error_correction: str = "M"
    cache_path: Path = Path("cache")
    site_url: str | None = None
    data_name: str = "inspection-rectification"
    data_license: Mapping[str, str] = field(default_factory=dict)
    data_contact: Mapping[str, str] = field(default_factory=dict)
    site_name: str = ""
    channel: Mapping[str, str] = field(default_factory=dict)
    publisher_contact: Mapping[str, str] = field(default_factory=dict)
    gov_site: bool = False
    site_code: str | None = None
    icp: str | None = None
    icp_url: str | None = "https://beian.miit.gov.cn/"
    police_record: str | None = None
    police_record_url: str | None = None
    police_badge: Path | None = None
    gov_badge: Path | None = None
    gov_badge_url: str | None = None
    find_error_url: str | None = None
    share_image: Path | None = None

    @property
    def record_path(self) -> Path:
        return self.content_path / self.record_file

    @property
    def record_label(self) -> str:
        """How problems name the record: relative to the project, like every content path."""
        return f"{self.content_path.name}/{self.record_file}"


def resolve(settings: Mapping[str, Any]) -> GongshiSettings:
    """Check every GONGSHI_* value and return them typed; a bad one raises ConfigError.

    The as-of date is not a setting: commands take it as an argument (build/runner.as_of_or_today).
    """
    known = {s.name for s in SETTINGS}
    unknown = sorted(k for k in settings if k.startswith("GONGSHI_") and k not in known)
    if unknown:
        raise ConfigError.of("setting.unknown", unknown=unknown, known=sorted(known))
    values: dict[str, Any] = {}
    for setting in SETTINGS:
        value = settings.get(setting.name, setting.default)
        if not setting.check(value):
            raise ConfigError.of(
                "setting.value",
                name=setting.name,
                value=repr(value),
                expect=setting.expect,
                help=setting.help,
            )
        values[setting.name.removeprefix("GONGSHI_").lower()] = value
    content = Path(settings.get("PATH", "content")).resolve()
    output = Path(settings.get("OUTPUT_PATH", "output")).resolve()
    internal = Path(values.pop("internal_path"))
    internal = (internal if internal.is_absolute() else content.parent / internal).resolve()
    cache = Path(values.pop("cache_path"))
    cache = (cache if cache.is_absolute() else content.parent / cache).resolve()
    for name in ("police_badge", "gov_badge", "share_image"):
        values[name] = _local_file(name, values[name], content.parent)
    values["privacy_allow"] = tuple(values["privacy_allow"])
    if values["site_url"]:
        values["site_url"] = values["site_url"].rstrip("/")
    values["survey_hosts"] = tuple(h.lower() for h in values["survey_hosts"])
    names = {f.name for f in fields(GongshiSettings)}
    return GongshiSettings(
        content_path=content,
        output_path=output,
        internal_path=internal,
        cache_path=cache,
        site_name=str(settings.get("SITENAME", "")),
        **{k: v for k, v in values.items() if k in names},
    )


def _local_file(name: str, value: str | None, project: Path) -> Path | None:
    """An image the office supplies: a file on this machine, never a URL the page would fetch."""
    if value is None:
        return None
    path = Path(value)
    path = (path if path.is_absolute() else project / path).resolve()
    if "://" in value or not path.is_file():
        raise ConfigError.of("setting.file", name="GONGSHI_" + name.upper(), value=value, path=str(path))
    return path
