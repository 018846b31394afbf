"""Saying the command's own sentences, in Chinese (the default) or English.

The sentences live with every other bilingual text in the catalog
(problems/catalog/sentences.py, COMMAND); this says one in the language
asked for, with an error passed to it said in that language too.
"""

from __future__ import annotations

from gongshi.problems.catalog.sentences import COMMAND as _TEXT
from gongshi.problems.errors import GongshiError
from gongshi.problems.messages import localize

LANGS = ("zh", "en")


def say(lang: str, key: str, **values: object) -> str:
    zh, en = _TEXT[key]
    return (en if lang == "en" else zh).format(**{name: _said(value, lang) for name, value in values.items()})


def _said(value: object, lang: str) -> object:
    """An error in `lang`, its hint under it as under a content problem; a list joined the way `lang`
    joins lists; any other value as it is."""
    if isinstance(value, list | tuple):
        return localize(value, lang)
    if not isinstance(value, GongshiError):
        return value
    message, hint = value.text(lang)
    return f"{message}\n    {say(lang, 'how-to-fix')}{hint}" if hint else message


def keys() -> list[str]:
    return list(_TEXT)
