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
from typing import Any
from urllib.parse import parse_qsl, quote, urlencode, urlsplit, urlunsplit

from .errors import ConfigError
from .messages import Term

PLACEHOLDERS = ("round", "unit")
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


LinkProblem = tuple[str, dict[str, Any]]  # (code in messages.LINK_PROBLEMS, its values)


def template_problems(template: str, hosts: Iterable[str], signature_param: str) -> list[LinkProblem]:
    """Everything wrong with one template, as problems staff can act on."""
    problems: list[LinkProblem] = []
    try:
        fields = [
            (name, spec, conv)
            for _, name, spec, conv in string.Formatter().parse(template)
            if name is not None
        ]
    except ValueError as exc:
        return [("braces", {"error": str(exc)})]
    for name, spec, conv in fields:
        if name not in PLACEHOLDERS:
            problems.append(("placeholder", {"name": name}))
        elif spec or conv:
            problems.append(("format-spec", {"name": name}))
    if problems:
        return problems
    sample = urlsplit(template.format(round="r", unit="u"))
    if sample.scheme != "https":
        problems.append(("https", {"scheme": sample.scheme or Term("（无）")}))
    if "{" in (urlsplit(template).netloc or ""):
        problems.append(("host-placeholder", {}))
    allowed = {h.lower() for h in hosts}
    host = (sample.hostname or "").lower()
    if not host:
        problems.append(("no-host", {}))
    elif host not in allowed:
        problems.append(("host", {"host": host, "listed": sorted(allowed) or Term("（空）")}))
    if sample.username or sample.password:
        problems.append(("userinfo", {}))
    if signature_param in dict(parse_qsl(sample.query)):
        problems.append(("signature-param", {"param": signature_param}))
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
    problems: list[tuple[str, str, dict[str, Any]]] = []  # (setting, code, values)
    if default is not None:
        problems += [("GONGSHI_SURVEY_URL", *p) for p in template_problems(default, hosts, signature_param)]
    known = sorted(set(round_ids))
    for round_id, template in sorted(per_round.items()):
        if round_id not in known:
            existing = known or Term("（无）")
            problems.append(("GONGSHI_SURVEY_ROUND_URLS", "round", {"round": round_id, "known": existing}))
        setting = f"GONGSHI_SURVEY_ROUND_URLS[{round_id!r}]"
        problems += [(setting, *p) for p in template_problems(template, hosts, signature_param)]
    if problems:
        raise ConfigError.of("survey.links", problems=problems)
    secret = key.encode() if key else None
    return SurveyLinks(default, dict(per_round), signature_param, secret)
