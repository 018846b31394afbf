"""What every problem says, in Chinese and in English: the assembled catalog.

Staff read the Chinese; `gongshi --lang en` shows the English to reviewers
who read no Chinese. Each code has a message and a hint per language; the
entries live in problems/catalog/ by area (content, record, surveys,
authoring, config, build) and are phrased with problems/phrasing.py. A
missing translation is a failing test, not a Chinese sentence in an English log.

`CATALOG` holds content problems (errors.Problem); `ERRORS` holds the
configuration errors that stop a run (errors.GongshiError.of).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from gongshi.problems.catalog import authoring, build, config, content, record, surveys
from gongshi.problems.phrasing import (
    DATE_ERRORS,
    DEFAULT_LANGUAGE,
    LANGUAGES,
    TERMS,
    Message,
    Phrase,
    Term,
    Verbatim,
    figures_in,
    localize,
)

CATALOG: dict[str, Message | dict[str, Message]] = {
    **content.CATALOG,
    **record.CATALOG,
    **surveys.CATALOG,
    **authoring.CATALOG,
    **config.CATALOG,
}
ERRORS: dict[str, Message] = {**config.ERRORS, **surveys.ERRORS, **build.ERRORS}
EXPORT_PROBLEMS = surveys.EXPORT_PROBLEMS
LINK_PROBLEMS = surveys.LINK_PROBLEMS

__all__ = [
    "CATALOG",
    "DATE_ERRORS",
    "DEFAULT_LANGUAGE",
    "ERRORS",
    "EXPORT_PROBLEMS",
    "LANGUAGES",
    "LINK_PROBLEMS",
    "TERMS",
    "Message",
    "Phrase",
    "Term",
    "Verbatim",
    "figures_in",
    "localize",
    "render",
    "render_error",
]


def render(code: str, args: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The (message, hint) of problem `code` in `lang`; `args["case"]` picks among variants."""
    entry = CATALOG[code]
    if isinstance(entry, dict):
        entry = entry[args["case"]]
    return entry.render(args, lang)


def render_error(code: str, args: Mapping[str, Any], lang: str) -> tuple[str, str]:
    """The (message, hint) of configuration error `code` in `lang`."""
    return ERRORS[code].render(args, lang)
