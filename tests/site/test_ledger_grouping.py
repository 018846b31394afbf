"""A ledger that splits problems into tasks, with an extension and a 基本完成, as the public sees it."""

import csv
import datetime as dt

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.runner import build

AS_OF = dt.date(2025, 10, 1)
HEADER = (
    "| 序号 | 方面 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 延期至 | 状态 | 完成时间 |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
)
ROWS = (
    "| 1-1 | 党的建设 | 公车管理不规范 | 修订办法 | 立行立改 | 办公室 | 2025-05-31 | | 已完成 | 2025-05-20 |\n"
    "| 1-2 | 党的建设 | 公车管理不规范 | 清理车辆 | 限期整改 | 办公室 | 2025-06-30 | 2025-12-31 | 申请延期 | |\n"
    "| 2 | 作风建设 | 食堂经费使用不规范 | 专项审计 | 限期整改 | 财务科 | 2025-09-30 | | 已完成 | 2025-09-15 |\n"
    "| 3 | 选人用人 | 干部档案审核不严 | 专项审核 | 限期整改 | 组织人事科 | 2025-08-31 | | 基本完成 | |\n"
)


def grouped_site(tmp_path, **settings):
    settings = {
        "GONGSHI_RULE_COMPLETION_MIN": None,
        "GONGSHI_RULE_OVERDUE_MAX": None,
        **settings,
    }  # publish it
    text = report_text(rows="", body="根据市委统一部署，现将巡察整改进展情况予以公布。\n")
    text = text.split("| 序号")[0] + HEADER + ROWS
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": text}, **settings)
    build(config, as_of=AS_OF, batch=True)
    output = tmp_path / "output"
    return output, (output / "rounds" / "2025-r1" / "edu.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_grouped_ledger_shows_problems_and_tasks_and_keeps_the_original_deadline(tmp_path):
    output, page = grouped_site(tmp_path)
    assert "3个问题（4项任务），已完成 1个问题（2项任务）" in page  # 1 waits for 1-2; 3 is only 基本完成
    assert '反馈问题（个）<span class="card-sub">4项整改任务</span>' in page
    assert "共 3 个问题、4 项整改任务。" in page and "33.33%" in page
    assert (
        ">1-2</td>" in page and '2025年6月30日<br><span class="extended">延期至 2025年12月31日</span>' in page
    )
    assert (
        '<span class="tag tag-extended">已延期</span>' in page
    )  # past its original deadline, within the extension
    assert "逾期 31 天" in page and page.count("tag-overdue") == 1  # item 3, against its own deadline only
    assert "基本完成、阶段性完成的事项不计入已完成。" in page
    home = (output / "index.html").read_text(encoding="utf-8")
    assert (
        '<span class="card-num">3</span><span class="card-label">反馈问题（个），已完成 1 个</span>' in home
    )
    with open(output / "data" / "units.csv", encoding="utf-8-sig") as handle:
        (unit,) = csv.DictReader(handle)
    assert (unit["items_total"], unit["items_done"], unit["problems_total"], unit["problems_done"]) == (
        "4",
        "2",
        "3",
        "1",
    )
    with open(output / "data" / "items.csv", encoding="utf-8-sig") as handle:
        items = list(csv.DictReader(handle))
    assert [(i["problem_id"], i["task"], i["extended_to"]) for i in items] == [
        ("1", "1", ""), ("1", "2", "2025-12-31"), ("2", "", ""), ("3", "", ""),
    ]  # fmt: skip


@pytest.mark.slow
def test_partial_statuses_count_as_done_when_the_setting_says_so(tmp_path):
    _, page = grouped_site(tmp_path, GONGSHI_PARTIAL_COUNTS_AS_DONE=True)
    assert "3个问题（4项任务），已完成 2个问题（3项任务）" in page and "66.67%" in page
    assert "基本完成、阶段性完成的事项计为已完成。" in page and "tag-overdue" not in page
