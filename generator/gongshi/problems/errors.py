"""Errors and content problems.

    GongshiError          base of everything Gongshi raises on purpose
     ├── ConfigError      a setting in pelicanconf.py is wrong; the build stops at once, except
     │                    during validation (runner.prepare), which collects the configuration
     │                    errors of the survey settings and the content problems, and raises one
     │                    ConfigError carrying them all (`errors`, `problems`)
     ├── ContentError     content has problems; carries every Problem found in one run
     ├── BuildError       validation passed but building the site failed (Pelican, disk)
     └── ManifestError    (manifest.py) a deployed folder has no readable manifest.json

Content problems are collected, not raised one by one: staff fix a whole
batch of mistakes per run instead of one per run. A problem is made from
its code and values, and its words come from `messages.CATALOG`, so the same
problem can be shown in Chinese (the default) or in English. An error made
with `GongshiError.of` takes its words from `messages.ERRORS` the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from types import MappingProxyType
from typing import Any, Self

from gongshi.problems.messages import DEFAULT_LANGUAGE, render, render_error


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the content, and what to do about it.

    `message` and `hint` are the Chinese text. `args` are the values the
    catalog's templates were filled with; None for a Problem made from its
    text rather than by `of`, whose text then serves every language.
    """

    path: str
    line: int | None
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR
    args: Mapping[str, Any] | None = field(default=None, compare=False)

    @classmethod
    def of(
        cls, path: str, line: int | None, code: str, severity: Severity = Severity.ERROR, /, **args: Any
    ) -> Problem:
        """The problem `code` in messages.CATALOG, its templates filled with `args`."""
        message, hint = render(code, args, "zh")
        return cls(path, line, code, message, hint, severity, args)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def text(self, lang: str) -> tuple[str, str]:
        """(message, hint) in `lang` ("zh" or "en")."""
        if lang == "zh" or self.args is None:
            return self.message, self.hint
        return render(self.code, self.args, lang)

    def as_dict(self, lang: str = "zh") -> dict[str, object]:
        message, hint = self.text(lang)
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": str(self.severity),
            "message": message,
            "hint": hint,
        }


class GongshiError(Exception):
    """Base class for errors Gongshi raises deliberately.

    Made with `of(code, **values)`, its words come from messages.ERRORS and
    `text(lang)` says it in the language the command was asked for; str()
    holds the message and hint in Chinese, the default language, each on a
    line of its own, for a traceback or a log that chose no language. Made
    from a message string, that string is its text in every language.
    """

    code: str | None = None
    values: Mapping[str, Any] = MappingProxyType({})

    @classmethod
    def of(cls, code: str, /, **values: Any) -> Self:
        """The error `code` of messages.ERRORS, its templates filled with `values`."""
        error = cls("\n".join(render_error(code, values, DEFAULT_LANGUAGE)))
        error.code, error.values = code, values
        return error

    def text(self, lang: str) -> tuple[str, str]:
        """(message, hint) in `lang` ("zh" or "en"); the hint is empty for an error made from a string."""
        if self.code is None:
            return str(self), ""
        return render_error(self.code, self.values, lang)


class ConfigError(GongshiError):
    """Raised when a GONGSHI_* setting is missing, mistyped or unsafe.

    Validation raises one made by `together`: `errors` holds every
    configuration error of the run (this one first), `problems` every content
    problem found beside them, so one run reports both. Otherwise `errors` is
    just this one and `problems` is empty.
    """

    def __init__(self, *args: object):
        super().__init__(*args)
        self.errors: tuple[ConfigError, ...] = (self,)
        self.problems: list[Problem] = []

    @classmethod
    def together(cls, errors: list[ConfigError], problems: list[Problem]) -> ConfigError:
        """The first of `errors`, carrying all of them and the content `problems` of the same run."""
        first = errors[0]
        first.errors = tuple(errors)
        first.problems = sort_problems(problems)
        return first


def sort_problems(problems: list[Problem]) -> list[Problem]:
    """Problems in the order they are shown: by file, then line."""
    return sorted(problems, key=lambda p: (p.path, p.line or 0, p.code))


class ContentError(GongshiError):
    """Raised when content validation finds at least one error."""

    def __init__(self, problems: list[Problem]):
        self.problems = sort_problems(problems)
        self.code = "content.errors"
        self.values = {"errors": sum(p.is_error for p in self.problems)}
        super().__init__("\n".join(render_error(self.code, self.values, DEFAULT_LANGUAGE)))


class BuildError(GongshiError):
    """Raised when the site could not be built after validation passed."""


@dataclass
class ProblemLog:
    """Collects the problems of one file so parsers can keep going after one.

    `log.error(line, "ledger.kind", value=text)`: the words come from the
    catalog, so every problem can be said in every language.
    """

    path: str
    problems: list[Problem]

    def error(self, line: int | None, code: str, /, **args: Any) -> None:
        self.problems.append(Problem.of(self.path, line, code, Severity.ERROR, **args))

    def warning(self, line: int | None, code: str, /, **args: Any) -> None:
        self.problems.append(Problem.of(self.path, line, code, Severity.WARNING, **args))
