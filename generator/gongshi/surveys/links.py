"""Survey links: one URL per round and unit, checked before anything is printed.

A link ends up on posters glued to office walls, so a wrong one is costly:
templates must use https, point at an allowed host and use known
placeholders only. With a signing key, each link carries an HMAC of round
and unit, so the survey platform (and our import) can reject forged codes:
in a parameter of its own, or, on platforms that carry one custom value
(问卷星's sojumpparm), inside it as `{code}` = `<unit>.<signature>`.
The key comes from the environment and is never written anywhere.
"""

from __future__ import annotations

import functools
import hashlib
import hmac
import string
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import SplitResult, parse_qsl, quote, urlencode, urlsplit, urlunsplit

from gongshi.problems.errors import ConfigError
from gongshi.problems.messages import Term

PLACEHOLDERS = ("round", "unit", "code")  # code: the unit id, plus ".<signature>" when signing
SIGNATURE_LENGTH = 16  # hex digits of HMAC-SHA256 kept: 64 bits, short enough for a small QR code
_KEY_MARK = b"gongshi: which signing key"  # no "/": no round and unit are signed as this


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
    # one questionnaire per unit (问卷星): a unit's own link, from its round file's [survey.links]
    per_unit: Mapping[tuple[str, str], str] = field(default_factory=dict)

    @property
    def signed(self) -> bool:
        return self.key is not None

    @property
    def any_links(self) -> bool:
        return self.default is not None or bool(self.per_round) or bool(self.per_unit)

    def has_link(self, round_id: str) -> bool:
        return self.template(round_id) is not None or any(r == round_id for r, _ in self.per_unit)

    def template(self, round_id: str, unit_id: str | None = None) -> str | None:
        if unit_id is not None and (round_id, unit_id) in self.per_unit:
            return self.per_unit[(round_id, unit_id)]
        return self.per_round.get(round_id, self.default)

    def unit_templates(self, round_id: str) -> list[tuple[str, str]]:
        """The round's own per-unit links, for cache keys."""
        return sorted((u, t) for (r, u), t in self.per_unit.items() if r == round_id)

    def url(self, round_id: str, unit_id: str) -> str | None:
        """The unit's survey link; worked out once (three stages of a build ask, for every unit)."""
        key = (round_id, unit_id)
        if key not in self._urls:
            self._urls[key] = self._url(round_id, unit_id)
        return self._urls[key]

    @functools.cached_property
    def _urls(self) -> dict[tuple[str, str], str | None]:
        return {}

    def _url(self, round_id: str, unit_id: str) -> str | None:
        template = self.template(round_id, unit_id)
        if template is None:
            return None
        code = unit_id if self.key is None else f"{unit_id}.{self.sign(round_id, unit_id)}"
        values = {
            "round": quote(round_id, safe=""),
            "unit": quote(unit_id, safe=""),
            "code": quote(code, safe=""),
        }
        url = template.format(**values)
        if self.key is None or self.carries_code(round_id, unit_id):  # the signature is inside {code}
            return url
        parts = urlsplit(url)
        query = [
            *parse_qsl(parts.query, keep_blank_values=True),
            (self.signature_param, self.sign(round_id, unit_id)),
        ]
        return urlunsplit(parts._replace(query=urlencode(query, safe="/")))

    def carries_code(self, round_id: str, unit_id: str | None = None) -> bool:
        """Whether the template puts the unit code (and its signature) in {code}; for a round
        without `unit_id`: its template, or any of its units' own links."""
        if unit_id is None and any("code" in _names(t) for _, t in self.unit_templates(round_id)):
            return True
        template = self.template(round_id, unit_id)
        return template is not None and "code" in _names(template)

    def sign(self, round_id: str, unit_id: str) -> str:
        assert self.key is not None
        return signature(self.key, round_id, unit_id)

    def key_mark(self) -> str:
        """What tells one signing key from another and gives nothing of it away; "" when unsigned.

        The HMAC of a fixed message, for cache keys: a read made with another key is stale.
        """
        return "" if self.key is None else hmac.new(self.key, _KEY_MARK, hashlib.sha256).hexdigest()

    def verify(self, round_id: str, unit_id: str, code: str) -> bool:
        return self.key is not None and hmac.compare_digest(
            self.sign(round_id, unit_id), code.strip().lower()
        )


LinkProblem = tuple[str, dict[str, Any]]  # (code in messages.LINK_PROBLEMS, its values)
_SAMPLE = {"round": "r", "unit": "u", "code": "u"}  # what a sample link is made with; any other name gets "x"
Parts = list[tuple[str, str | None, str | None, str | None]]  # string.Formatter().parse(template)


def _parse(template: str) -> tuple[Parts | None, str]:
    """The template's parts, or None and why when its braces do not pair up."""
    try:
        return list(string.Formatter().parse(template)), ""
    except ValueError as exc:
        return None, str(exc)


def _split(url: str) -> tuple[SplitResult | None, str]:
    """The URL's parts, or None and why when urllib refuses it (an unclosed [ of an IPv6 address)."""
    try:
        return urlsplit(url), ""
    except ValueError as exc:
        return None, str(exc)


def _names(template: str) -> set[str]:
    return {name for _, name, _, _ in _parse(template)[0] or () if name is not None}


def template_problems(
    template: str, hosts: Iterable[str], signature_param: str, one_unit: bool = False
) -> list[LinkProblem]:
    """Everything wrong with one template, as problems staff can act on, all of them at once.

    The URL checks run on a sample link with every placeholder filled, known or not, so an
    unknown placeholder does not hide a wrong scheme or host.
    """
    problems: list[LinkProblem] = []
    parts, error = _parse(template)
    if parts is None:
        problems.append(("braces", {"error": error}))
        sample = template  # checked as written
    else:
        for _, name, spec, conv in parts:
            if name is None:
                continue
            if name not in PLACEHOLDERS:
                problems.append(("placeholder", {"name": name}))
            elif spec or conv:
                problems.append(("format-spec", {"name": name}))
        if not one_unit and not {"unit", "code"} & _names(template):  # a unit's own link may name no unit
            problems.append(("no-unit", {}))
        sample = "".join(
            text + ("" if name is None else _SAMPLE.get(name, "x")) for text, name, _, _ in parts
        )
    split, error = _split(sample)
    written, written_error = _split(template)
    if split is None or written is None:  # nothing more can be read from it
        problems.append(("url", {"error": error or written_error}))
    else:
        problems += _url_problems(written, split, hosts, signature_param)
    return problems


def _url_problems(
    template: SplitResult, sample: SplitResult, hosts: Iterable[str], signature_param: str
) -> list[LinkProblem]:
    problems: list[LinkProblem] = []
    if sample.scheme != "https":
        problems.append(("https", {"scheme": sample.scheme or Term("（无）")}))
    if "{" in (template.netloc or ""):
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


def _shared_links(
    default: str | None, per_round: Mapping[str, str], round_ids: list[str]
) -> list[tuple[str, str, dict[str, Any]]]:
    """Rounds that would share one set of links: unit ids repeat across rounds, so answers could not be told apart.

    A template without {round} is fine for one round; used by several (GONGSHI_SURVEY_URL, the fallback,
    or the same template given to several rounds), each of their units would get one code for all of them.
    """
    users: dict[str, list[str]] = {}
    for round_id in round_ids:
        template = per_round.get(round_id, default)
        if template is not None and _parse(template)[0] is not None and "round" not in _names(template):
            users.setdefault(template, []).append(round_id)
    problems = []
    for rounds in users.values():
        if len(rounds) < 2:
            continue
        setting = (
            "GONGSHI_SURVEY_URL" if any(r not in per_round for r in rounds) else "GONGSHI_SURVEY_ROUND_URLS"
        )
        problems.append((setting, "no-round", {"rounds": rounds}))
    return problems


def survey_links(
    default: str | None,
    per_round: Mapping[str, str],
    hosts: Iterable[str],
    signature_param: str,
    key: str | None,
    round_ids: Iterable[str],
    per_unit: Mapping[tuple[str, str], str] | None = None,
) -> SurveyLinks:
    """Check every template at once; raise one ConfigError listing every problem.

    `per_unit` holds units' own links ((round, unit) -> template) from the round files'
    [survey.links]: the same checks, except that a unit's own questionnaire needs no {unit}.
    """
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
    for (round_id, unit_id), template in sorted((per_unit or {}).items()):
        setting = f"[survey.links] {round_id}/{unit_id}"
        problems += [
            (setting, *p) for p in template_problems(template, hosts, signature_param, one_unit=True)
        ]
    problems += _shared_links(default, per_round, known)
    if problems:
        raise ConfigError.of("survey.links", problems=problems)
    made = unchecked_links(per_round, signature_param, key, default)
    return SurveyLinks(made.default, made.per_round, made.signature_param, made.key, dict(per_unit or {}))


def unchecked_links(
    per_round: Mapping[str, str], signature_param: str, key: str | None, default: str | None = None
) -> SurveyLinks:
    """Links as configured, without the checks: with no templates, only for verifying signatures."""
    secret = key.encode() if key else None
    return SurveyLinks(default, dict(per_round), signature_param, secret)
