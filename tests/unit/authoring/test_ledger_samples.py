"""Each ledger sample in the shapes offices produce imports, or fails with the message that says why."""

from __future__ import annotations

from pathlib import Path

import pytest

from gongshi.authoring.ledger_import import read_ledger

SAMPLES = Path("/work/shared/samples/ledgers")
pytestmark = pytest.mark.skipif(not SAMPLES.is_dir(), reason="the shared samples are not on this machine")

# file, --sheet, items imported, error codes (sorted, unique)
OUTCOMES = [
    ("audit-市审计局党组巡察整改台账-6月更新.xlsx", None, 0, ["import.choose-sheet"]),
    ("audit-市审计局党组巡察整改台账-6月更新.xlsx", "整改台账", 12, []),
    ("audit-市审计局党组巡察整改台账-改.xlsx", "整改台账", 12, []),
    # 基本完成 / 已完成并长期坚持 / 阶段性完成 are statuses; only row 22's 2027年4月 (no day) is refused
    ("audit-市审计局党组巡察整改台账.xlsx", "整改台账", 11, ["import.completed", "import.deadline"]),
    ("bus-group-公交集团整改清单.xlsx", None, 0, ["import.choose-sheet"]),  # saved with 4月底 active
    ("bus-group-公交集团整改清单.xlsx", "5月底", 7, []),
    ("bus-group-公交集团整改清单-改表头1.xlsx", "5月底", 7, []),
    ("bus-group-公交集团整改清单-改表头2.xlsx", "5月底", 7, []),
    # 问题表现 and 时限要求 are header words of the shared grammar
    ("bus-group-公交集团整改清单-选中5月底.xlsx", "5月底", 7, []),
    ("chengdong-城东街道台账.csv", None, 7, []),
    ("civil-affairs-民政局台账.xls", None, 6, []),
    ("civil-affairs-民政局台账.xlsx", None, 6, []),
]


@pytest.mark.parametrize(
    ("name", "sheet", "count", "errors"), OUTCOMES, ids=[f"{o[0]}:{o[1]}" for o in OUTCOMES]
)
def test_each_sample_imports_or_says_why(name, sheet, count, errors):
    items, problems = read_ledger(SAMPLES / name, sheet)
    assert sorted({p.code for p in problems if p.is_error}) == errors
    if count is not None:
        assert len(items) == count


def test_the_old_xls_reads_as_its_xlsx_twin():
    old, _ = read_ledger(SAMPLES / "civil-affairs-民政局台账.xls")
    new, _ = read_ledger(SAMPLES / "civil-affairs-民政局台账.xlsx")
    assert old == new


def test_section_rows_give_the_area_without_ordinal_or_count():
    items, _ = read_ledger(SAMPLES / "audit-市审计局党组巡察整改台账-6月更新.xlsx", "整改台账")
    assert all("方面" not in i.area and "（" not in i.area and "、" not in i.area[:2] for i in items)
    assert items[0].area == "政治建设"


def test_section_rows_with_counts_give_the_area_alone():
    items, _ = read_ledger(SAMPLES / "chengdong-城东街道台账.csv")
    assert items and all("个" not in i.area and "（" not in i.area for i in items)


def test_the_old_xls_renamed_xlsx_reads_as_what_it_is(tmp_path):
    renamed = tmp_path / "民政局台账.xlsx"
    renamed.write_bytes((SAMPLES / "civil-affairs-民政局台账.xls").read_bytes())
    items, problems = read_ledger(renamed)
    assert [p for p in problems if p.is_error] == [] and len(items) == 6
