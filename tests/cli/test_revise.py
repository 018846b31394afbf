"""`gongshi revise` and what the build and check commands say about published reports changed since."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from factories import DEFAULT_ROWS, make_project, report_text, round_text

from gongshi.cli import EXIT_CONTENT, EXIT_USAGE, main

pytestmark = pytest.mark.slow

OPEN = "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"


def run(config, *args):
    return CliRunner().invoke(main, [*args, "--config", str(config)])


def published(tmp_path):
    config = make_project(tmp_path, {"2025-r1": round_text()}, {"2025-r1/edu.md": report_text()})
    assert run(config, "build", "--as-of", "2025-09-20", "--batch").exit_code == 0
    return config


def edit(config, text):
    (config.parent / "content/reports/2025-r1/edu.md").write_text(text, encoding="utf-8")


def test_a_correction_is_refused_by_the_batch_until_revise_publishes_it_with_its_reason(tmp_path):
    config = published(tmp_path)
    edit(config, report_text(body="更正后的正文。\n"))
    checked = run(config, "check", "--as-of", "2025-09-25")
    assert checked.exit_code == 0 and "content/reports/2025-r1/edu.md" in checked.output
    assert "进展以外的改动（推进状态、填写完成时间以外）：修改了报告正文" in checked.output
    refused = run(config, "build", "--as-of", "2025-09-25", "--batch")
    assert refused.exit_code == EXIT_CONTENT
    assert "content/reports/2025-r1/edu.md" in refused.output and "gongshi revise" in refused.output
    no_reason = run(
        config, "revise", "--round", "2025-r1", "--unit", "edu", "--reason", " ", "--as-of", "2025-09-25"
    )
    assert no_reason.exit_code == EXIT_USAGE and "原因" in no_reason.output
    done = run(
        config,
        "revise",
        "--round",
        "2025-r1",
        "--unit",
        "edu",
        "--reason",
        "更正笔误",
        "--as-of",
        "2025-09-25",
    )
    assert done.exit_code == 0, done.output
    assert "已记录修订：2025-r1/edu" in done.output and "content/published/2025-r1/edu/" in done.output
    again = run(
        config, "revise", "--round", "2025-r1", "--unit", "edu", "--reason", "再次", "--as-of", "2025-09-25"
    )
    assert again.exit_code == EXIT_USAGE and "与已公示的版本相同" in again.output
    assert run(config, "build", "--as-of", "2025-09-25", "--batch").exit_code == 0


def test_progress_is_announced_by_check_and_published_by_the_batch(tmp_path):
    config = published(tmp_path)
    edit(
        config,
        report_text(rows=DEFAULT_ROWS.replace(OPEN, OPEN.replace("| 推进中 | |", "| 已完成 | 2025-09-22 |"))),
    )
    preview = run(config, "build", "--as-of", "2025-09-25", "--lang", "en")
    assert "The next batch will publish the progress of 1 published unit(s) (updates): edu." in preview.output
    batch = run(config, "build", "--as-of", "2025-09-25", "--batch")
    assert batch.exit_code == 0, batch.output
    assert "本批发布了 1 个已公示单位的整改进展（进展更新）：市教育局党组。" in batch.output
