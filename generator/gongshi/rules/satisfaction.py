"""Satisfaction-survey results per unit (群众满意度测评).

满意率 = (满意 + 基本满意) / 有效样本 by default; which answers count as satisfied
and which are left out of the sample (不了解) varies by place, so a round's
export mapping says it, as a Formula the method page prints. A result is only final once the round's
survey window has closed; before that it is neither shown nor used by the gate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from gongshi.content.metrics import percent


class Answer(StrEnum):
    SATISFIED = "满意"
    BASICALLY = "基本满意"
    DISSATISFIED = "不满意"


@dataclass(frozen=True)
class Formula:
    """The answers as the questionnaire words them: each count's answers, and those left out."""

    satisfied: tuple[str, ...] = ("满意",)
    basically: tuple[str, ...] = ("基本满意",)
    dissatisfied: tuple[str, ...] = ("不满意",)
    excluded: tuple[str, ...] = ()

    @property
    def good(self) -> tuple[str, ...]:
        return (*self.satisfied, *self.basically)

    @property
    def text(self) -> str:
        """满意率 =（满意 + 基本满意）÷ 有效样本（满意 + 基本满意 + 不满意），plus what is left out."""
        good, sample = " + ".join(self.good), " + ".join((*self.good, *self.dissatisfied))
        said = f"满意率 =（{good}）÷ 有效样本（{sample}）"
        if self.excluded:
            said += "；" + "、".join(f"“{a}”" for a in self.excluded) + "不计入样本"
        return said

    def label(self, answer: Answer) -> str:
        """How a count is named on a page: its answers, e.g. 非常满意、满意."""
        values = {Answer.SATISFIED: self.satisfied, Answer.BASICALLY: self.basically}.get(
            answer, self.dissatisfied
        )
        return "、".join(values)


@dataclass(frozen=True)
class SurveyResult:
    satisfied: int
    basically: int
    dissatisfied: int
    closed: bool

    @property
    def responses(self) -> int:
        return self.satisfied + self.basically + self.dissatisfied

    @property
    def rate(self) -> Fraction:
        return Fraction(self.satisfied + self.basically, self.responses) if self.responses else Fraction(0)

    @property
    def rate_percent(self) -> Decimal:
        return percent(self.rate)

    def publishable(self, min_responses: int) -> bool:
        """Shown (and used by the gate) only when final and from a large enough sample."""
        return self.closed and self.responses >= min_responses
