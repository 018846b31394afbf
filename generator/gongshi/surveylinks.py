"""Survey links: one URL per round and unit, checked before anything is printed.

A link ends up on posters glued to office walls, so a wrong one is costly:
templates must use https, point at an allowed host and use known
placeholders only. With a signing key, each link carries an HMAC of round
and unit, so the survey platform (and our import) can reject forged codes.
The key comes from the environment and is never written anywhere.
"""

from __future__ import annotations

import hashlib
import hmac
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from .errors import ConfigError

PLACEHOLDERS = {"round": "轮次编号", "unit": "单位编号"}
SIGNATURE_LENGTH = 16  # hex digits of HMAC-SHA256 kept: 64 bits, short enough for a small QR code


def signature(key: bytes, round_id: str, unit_id: str) -> str:
    """HMAC-SHA256 over "<round>/<unit>" in UTF-8, first 16 hex digits (documented for survey platforms)."""
    message = f"{round_id}/{unit_id}".encode()
    return hmac.new(key, message, hashlib.sha256).hexdigest()[:SIGNATURE_LENGTH]


@dataclass(frozen=True)
class SurveyLinks:
    default: str | None
    per_round: Mapping[str, str]
    signature_param: str
    key: bytes | None = field(default=None, repr=False)

    @property
    def signed(self) -> bool:
        return self.key is not None

    def has_link(self, round_id: str) -> bool:
        return self.template(round_id) is not None

    def template(self, round_id: str) -> str | None:
        return self.per_round.get(round_id, self.default)

    def url(self, round_id: str, unit_id: str) -> str | None:
        template = self.template(round_id)
        if template is None:
            return None
        url = template.format(round=quote(round_id, safe=""), unit=quote(unit_id, safe=""))
        if self.key is None:
            return url
        parts = urlsplit(url)
        query = [
            *parse_qsl(parts.query, keep_blank_values=True),
            (self.signature_param, self.sign(round_id, unit_id)),
        ]
        return urlunsplit(parts._replace(query=urlencode(query, safe="/")))

    def sign(self, round_id: str, unit_id: str) -> str:
        assert self.key is not None
        return signature(self.key, round_id, unit_id)

    def verify(self, round_id: str, unit_id: str, code: str) -> bool:
        return self.key is not None and hmac.compare_digest(
            self.sign(round_id, unit_id), code.strip().lower()
        )


def template_problems(template: str, hosts: Iterable[str], signature_param: str) -> list[str]:
    """Everything wrong with one template, in words staff can act on."""
    problems: list[str] = []
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError as exc:
        return [f"花括号不成对（{exc}）；占位符写成 {{round}}、{{unit}}，字面花括号写成 {{{{ 和 }}}}"]
    for name, spec, conv in fields:
        if name not in PLACEHOLDERS:
            known = "、".join(f"{{{p}}}（{label}）" for p, label in PLACEHOLDERS.items())
            problems.append(f"不认识的占位符 {{{name}}}；可用：{known}")
        elif spec or conv:
            problems.append(f"占位符 {{{name}}} 不能带格式或转换")
    if problems:
        return problems
    sample = urlsplit(template.format(round="r", unit="u"))
    if sample.scheme != "https":
        problems.append(f"必须使用 https，而不是“{sample.scheme or '（无）'}”")
    if "{" in (urlsplit(template).netloc or ""):
        problems.append("主机名里不能有占位符")
    allowed = {h.lower() for h in hosts}
    host = (sample.hostname or "").lower()
    if not host:
        problems.append("缺少主机名")
    elif host not in allowed:
        listed = "、".join(sorted(allowed)) or "（空）"
        problems.append(f"主机“{host}”不在 GONGSHI_SURVEY_HOSTS 中（现有：{listed}）")
    if sample.username or sample.password:
        problems.append("链接里不能带用户名或密码")
    if signature_param in dict(parse_qsl(sample.query)):
        problems.append(f"链接里已有参数“{signature_param}”，它留给签名使用")
    return problems


def survey_links(
    default: str | None,
    per_round: Mapping[str, str],
    hosts: Iterable[str],
    signature_param: str,
    key: str | None,
    round_ids: Iterable[str],
) -> SurveyLinks:
    """Check every template at once; raise one ConfigError listing every problem."""
    hosts = tuple(hosts)
    messages: list[str] = []
    if default is not None:
        messages += [f"GONGSHI_SURVEY_URL：{p}" for p in template_problems(default, hosts, signature_param)]
    known = set(round_ids)
    for round_id, template in sorted(per_round.items()):
        if round_id not in known:
            messages.append(
                f"GONGSHI_SURVEY_ROUND_URLS：没有编号为“{round_id}”的轮次（已有：{'、'.join(sorted(known))}）"
            )
        messages += [
            f"GONGSHI_SURVEY_ROUND_URLS[{round_id!r}]：{p}"
            for p in template_problems(template, hosts, signature_param)
        ]
    if messages:
        raise ConfigError("测评链接模板有误 (survey link template refused):\n  " + "\n  ".join(messages))
    secret = key.encode() if key else None
    return SurveyLinks(default, dict(per_round), signature_param, secret)
