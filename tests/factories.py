"""Builders of realistic report and round files for tests, with anything overridable."""

from __future__ import annotations

import re
import textwrap
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent

LEDGER_HEADER = (
    "| 序号 | 方面 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 状态 | 完成时间 |\n"
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- |\n"
)
DEFAULT_ROWS = (
    "| 1 | 党的建设 | 公车管理不规范 | 修订公务用车管理办法 | 立行立改 | 办公室 | 2025-05-31 | 已完成 | 2025-05-20 |\n"
    "| 2 | 作风建设 | 机关食堂经费使用不规范 | 开展专项审计 | 限期整改 | 财务科 | 2025-09-30 | 已完成 | 2025-09-15 |\n"
    "| 3 | 选人用人 | 干部档案审核不严 | 建立常态化审核机制 | 长期坚持 | 组织人事科 | 长期 | 推进中 | |\n"
)

HEADER = {
    "Title": "中共青岚市测试局党组关于巡察整改进展情况的通报",
    "Round": "2025-r1",
    "Unit": "edu",
    "Unit-Name": "市教育局党组",
    "Date": "2025-07-08",
    "Review": "会审通过",
    "Review-Date": "2025-07-28",
    "Reviewers": "市纪委监委、市委组织部、市委巡察办",
    "Feedback-Phone": "0000-86123456",
    "Feedback-Mailbox": "青岚市文昌路18号",
    "Feedback-Email": "test@qinglan.example",
    "Feedback-Until": "2025-08-08",
}


def report_text(
    rows: str = DEFAULT_ROWS,
    body: str = "根据市委统一部署，现将巡察整改进展情况予以公布。\n",
    **header: str | None,
) -> str:
    fields = dict(HEADER)
    for key, value in header.items():
        name = key.replace("_", "-")
        if value is None:
            fields.pop(name, None)
        else:
            fields[name] = value
    head = "".join(f"{k}: {v}\n" for k, v in fields.items())
    return f"{head}\n{body}\n## 整改台账\n\n{LEDGER_HEADER}{rows}"


def round_text(round_id: str = "2025-r1", units: dict[str, str] | None = None, **fields: str) -> str:
    units = units or {"edu": "市教育局党组", "water": "市水务局党组", "transport": "市交通运输局党组"}
    values = {
        "name": '"十四届市委第一轮巡察"',
        "type": '"常规"',
        "feedback_date": "2025-04-10",
        "report_due": "2025-07-10",
    } | fields
    lines = [f'id = "{round_id}"'] + [f"{k} = {v}" for k, v in values.items()]
    blocks = "".join(f'\n[[units]]\nid = "{uid}"\nname = "{name}"\n' for uid, name in units.items())
    return "\n".join(lines) + "\n" + blocks


def make_project(root: Path, rounds: dict[str, str], reports: dict[str, str], **settings: object) -> Path:
    """Write a portal project (config + content) using the repository's theme and plugin."""
    (root / "content" / "rounds").mkdir(parents=True, exist_ok=True)
    for round_id, text in rounds.items():
        (root / "content" / "rounds" / f"{round_id}.toml").write_text(text, encoding="utf-8")
    for relative, text in reports.items():
        path = root / "content" / "reports" / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    config = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    config = config.replace('THEME = "theme"', f'THEME = "{REPO / "theme"}"')
    config = config.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO / "plugins"}"]')
    config = config.replace('= "assets/', f'= "{REPO / "assets"}/')  # the demo's badges and share image
    config += "".join(f"\n{key} = {value!r}" for key, value in settings.items())
    (root / "pelicanconf.py").write_text(config + "\n", encoding="utf-8")
    return root / "pelicanconf.py"


def dedent(text: str) -> str:
    return textwrap.dedent(text).lstrip("\n")


def words(html: str) -> str:
    """A page's markup without its tags: the sentence a reader sees, whatever spans it holds."""
    return re.sub(r"<[^>]+>", "", html)
