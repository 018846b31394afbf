"""Satisfaction-survey results per unit (群众满意度测评).

满意率 = (满意 + 基本满意) / 有效样本. A result is only final once the round's
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
