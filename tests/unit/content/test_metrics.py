"""Completion rate, overdue items and the as-of date."""

import datetime as dt
from decimal import Decimal

import pytest

from gongshi.content.metrics import format_percent, is_overdue, measure, percent
from gongshi.content.model import Kind, LedgerItem, Status


def item(
    kind=Kind.DEADLINE, status=Status.IN_PROGRESS, deadline=dt.date(2025, 6, 30), done_on=None, number=1
):
    return LedgerItem(number, "", "问题", "措施", kind, "办公室", deadline, status, done_on, 10 + number)


def items(done, total, **kwargs):
    return tuple(
        item(
            status=Status.DONE if n < done else Status.IN_PROGRESS,
            done_on=dt.date(2025, 5, 1) if n < done else None,
            number=n,
            **kwargs,
        )
        for n in range(total)
    )


@pytest.mark.parametrize(
    ("done", "total", "shown"),
    [
        pytest.param(19, 25, "76%", id="notice-example-76"),
        pytest.param(688, 697, "98.71%", id="notice-example-98.71"),
        pytest.param(5, 9, "55.56%", id="rounds-half-up"),
        pytest.param(1, 8, "12.5%", id="one-decimal"),
        pytest.param(0, 3, "0%", id="none-done"),
        pytest.param(3, 3, "100%", id="all-done"),
    ],
)
def test_completion_rate_is_done_over_total(done, total, shown):
    metrics = measure(items(done, total, deadline=dt.date(2030, 1, 1)), dt.date(2025, 7, 1))
    assert format_percent(metrics.completion_percent) == shown


def test_percent_rounds_half_up_not_to_even():
    from fractions import Fraction

    assert percent(Fraction(1, 8)) == Decimal("12.50")
    assert percent(Fraction(2, 3)) == Decimal("66.67")
    assert percent(Fraction(1, 200)) == Decimal("0.50")  # 0.5% exactly
    assert percent(Fraction(1, 800)) == Decimal("0.13")  # 0.125 -> 0.13 (banker's would give 0.12)


@pytest.mark.parametrize(
    ("as_of", "overdue"),
    [
        pytest.param(dt.date(2025, 6, 29), False, id="before-deadline"),
        pytest.param(dt.date(2025, 6, 30), False, id="on-deadline-day"),
        pytest.param(dt.date(2025, 7, 1), True, id="day-after"),
    ],
)
def test_overdue_starts_the_day_after_the_deadline(as_of, overdue):
    assert is_overdue(item(), as_of) is overdue


def test_done_and_long_term_items_are_never_overdue():
    as_of = dt.date(2026, 1, 1)
    assert not is_overdue(item(status=Status.DONE, done_on=dt.date(2025, 7, 5)), as_of)
    assert not is_overdue(item(kind=Kind.LONG_TERM, deadline=None), as_of)
    assert not is_overdue(item(kind=Kind.LONG_TERM, deadline=dt.date(2025, 1, 1)), as_of)
    assert is_overdue(item(kind=Kind.IMMEDIATE, status=Status.NOT_STARTED), as_of)


def test_measure_counts_by_status_and_kind_and_days_overdue():
    ledger = (
        item(status=Status.DONE, done_on=dt.date(2025, 5, 1), number=1),
        item(status=Status.NOT_STARTED, deadline=dt.date(2025, 6, 1), number=2),
        item(kind=Kind.LONG_TERM, deadline=None, number=3),
        item(kind=Kind.IMMEDIATE, deadline=dt.date(2025, 12, 31), number=4),
    )
    metrics = measure(ledger, dt.date(2025, 7, 1))
    assert metrics.total == 4 and metrics.done == 1
    assert metrics.by_status[Status.NOT_STARTED] == 1 and metrics.by_status[Status.IN_PROGRESS] == 2
    assert metrics.by_kind[Kind.LONG_TERM] == 1 and metrics.by_kind[Kind.DEADLINE] == 2
    assert [(o.item.number, o.days) for o in metrics.overdue] == [(2, 30)]
    assert metrics.long_term_ongoing == 1


def test_the_same_ledger_changes_with_the_as_of_date():
    ledger = (item(deadline=dt.date(2025, 9, 30)),)
    assert measure(ledger, dt.date(2025, 9, 30)).overdue_count == 0
    assert measure(ledger, dt.date(2025, 10, 10)).overdue[0].days == 10


@pytest.mark.parametrize(
    ("done_on", "report_date", "updated"),
    [
        pytest.param(dt.date(2025, 9, 15), dt.date(2025, 7, 8), dt.date(2025, 9, 15), id="completion-later"),
        pytest.param(dt.date(2025, 5, 1), dt.date(2025, 7, 8), dt.date(2025, 7, 8), id="report-later"),
        pytest.param(None, dt.date(2025, 7, 8), dt.date(2025, 7, 8), id="nothing-done"),
        pytest.param(dt.date(2026, 1, 5), dt.date(2025, 7, 8), dt.date(2025, 10, 1), id="never-after-as-of"),
    ],
)
def test_the_ledger_was_last_updated_at_the_later_of_report_date_and_last_completion(
    done_on, report_date, updated
):
    status = Status.DONE if done_on else Status.IN_PROGRESS
    ledger = (item(status=status, done_on=done_on), item(number=2))
    assert measure(ledger, dt.date(2025, 10, 1)).updated(report_date, dt.date(2025, 10, 1)) == updated
