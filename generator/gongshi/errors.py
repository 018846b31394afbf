"""Errors and content problems.

    GongshiError          base of everything Gongshi raises on purpose
     ├── ConfigError      a setting in pelicanconf.py is wrong; the build stops at once
     ├── ContentError     content has problems; carries every Problem found in one run
     └── BuildError       validation passed but building the site failed (Pelican, disk)

Content problems are collected, not raised one by one: staff fix a whole
batch of mistakes per run instead of one per run.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one place in the content, and what to do about it."""

    path: str
    line: int | None
    code: str
    message: str
    hint: str = ""
    severity: Severity = Severity.ERROR

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def location(self) -> str:
        return f"{self.path}:{self.line}" if self.line else self.path

    def as_dict(self) -> dict[str, object]:
        return {
            "path": self.path,
            "line": self.line,
            "code": self.code,
            "severity": str(self.severity),
            "message": self.message,
            "hint": self.hint,
        }


class GongshiError(Exception):
    """Base class for errors Gongshi raises deliberately."""


class ConfigError(GongshiError):
    """Raised when a GONGSHI_* setting is missing, mistyped or unsafe."""


class ContentError(GongshiError):
    """Raised when content validation finds at least one error."""

    def __init__(self, problems: list[Problem]):
        self.problems = sorted(problems, key=lambda p: (p.path, p.line or 0, p.code))
        errors = sum(p.is_error for p in self.problems)
        super().__init__(f"{errors} content error(s)")


class BuildError(GongshiError):
    """Raised when the site could not be built after validation passed."""


@dataclass
class ProblemLog:
    """Collects the problems of one file so parsers can keep going after one."""

    path: str
    problems: list[Problem]

    def error(self, line: int | None, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, code, message, hint))

    def warning(self, line: int | None, code: str, message: str, hint: str = "") -> None:
        self.problems.append(Problem(self.path, line, code, message, hint, Severity.WARNING))
