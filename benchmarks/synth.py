"""Synthetic portal content at any scale, in the real content format.

N units spread over rounds of 50; each report has about 3,000 Chinese
characters of narrative and a 40-row ledger; every round has a survey
export. Roughly one unit in six lags (low completion, overdue items or low
satisfaction) so the gate has work to do. Deterministic for a given N.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from pathlib import Path

AS_OF = dt.date(2026, 11, 22)
ROUND_SIZE = 50
LEDGER_ROWS = 40
SURVEY_RESPONSES = 36
REPO = Path(__file__).resolve().parent.parent

DISTRICTS = ["青岚", "东川", "西岭", "南湖", "北塘", "云山", "白石", "临江", "望海", "松溪", "桃源", "柳河",
             "金沙", "石门", "凤鸣", "龙泉", "清溪", "翠屏", "红旗", "新港"]  # fmt: skip
BUREAUS = ["教育局", "卫生健康委员会", "住房和城乡建设局", "水务局", "市场监督管理局", "农业农村局", "交通运输局",
           "自然资源局", "生态环境局", "民政局", "人力资源和社会保障局", "财政局", "审计局", "应急管理局",
           "文化和旅游局", "商务局", "统计局", "医疗保障局", "退役军人事务局", "司法局", "林业局", "城市管理局",
           "体育局", "科学技术局", "工业和信息化局", "发展和改革委员会", "国有资产监督管理委员会", "信访局",
           "粮食和物资储备局", "供销合作社", "机关事务管理局", "行政审批服务局", "投资促进局", "档案馆",
           "地方志办公室", "气象局", "公共资源交易中心", "住房公积金管理中心", "残疾人联合会", "总工会",
           "妇女联合会", "共青团委员会", "科学技术协会", "文学艺术界联合会", "红十字会", "工商业联合会",
           "第一人民医院", "中医院", "职业技术学院", "广播电视台"]  # fmt: skip
AREAS = [
    "政治建设",
    "意识形态",
    "全面从严治党",
    "作风建设",
    "选人用人",
    "基层党组织建设",
    "巡察整改",
    "内部管理",
]
PROBLEMS = ["公车管理不规范，存在公车私用苗头", "机关食堂经费使用不规范，账目与经费混用", "干部档案审核不严，个别认定依据不充分",
            "专项资金拨付滞后，结余资金较大", "重复布置任务、多头索要报表", "意识形态阵地管理存在薄弱环节",
            "政府采购程序不规范，化整为零规避招标", "合同管理粗放，履约监督不到位", "党组织生活不规范，三会一课落实不严",
            "上轮巡察整改不彻底，问题反弹回潮", "窗口服务效率不高，群众办事来回跑", "工程项目变更签证把关不严"]  # fmt: skip
MEASURES = ["修订管理办法，建立台账，开展专项检查并对账销号", "开展专项审计，追缴违规资金，完善内控制度",
            "建立常态化审核机制，补齐缺失材料，规范认定程序", "建立月度调度和通报制度，压实责任部门责任",
            "清理精简报表，推行一表通，建立基层减负监测点", "开展专题培训，建立问题清单，限期整改到位"]  # fmt: skip
OFFICES = ["办公室", "财务科", "组织人事科", "机关党委", "法规科", "计划财务科", "综合科", "审计科"]
SENTENCES = ["巡察反馈后，党组第一时间召开专题会议，研究部署整改工作，成立由党组书记任组长的整改工作领导小组。",
             "坚持把巡察整改作为重大政治任务，逐条制定整改措施，明确责任领导、责任部门和整改时限，实行清单化管理。",
             "针对反馈的问题，举一反三，查找制度漏洞，从源头上堵塞管理缺口，推动整改由点及面、标本兼治。",
             "坚持边查边改、立行立改，对能够立即解决的问题马上整改，对需要一定时间解决的问题明确时限、持续推进。",
             "把巡察整改与深化以案促改结合起来，开展警示教育，引导党员干部知敬畏、存戒惧、守底线。",
             "对照整改台账逐项复核，对已完成事项开展回头看，防止问题反弹，巩固整改成果。",
             "建立健全长效机制，修订完善相关制度，把整改成果转化为制度成果，推动形成长效常治。",
             "主动接受群众监督，畅通意见反馈渠道，认真核查办理群众反映的问题，及时回应社会关切。"]  # fmt: skip


@dataclass(frozen=True)
class Unit:
    round_id: str
    unit_id: str
    name: str
    lagging: bool
    low_satisfaction: bool


def unit_names(count: int) -> list[str]:
    names = [
        f"{d}区{b}党组" if i % 3 else f"{d}市{b}党组"
        for i, (d, b) in enumerate((d, b) for d in DISTRICTS for b in BUREAUS)
    ]
    while len(names) < count:
        names += [
            f"{n[:-2]}第{len(names) // len(DISTRICTS * len(BUREAUS)) + 1}分部党组"
            for n in names[: count - len(names)]
        ]
    return names[:count]


def plan(n: int) -> list[Unit]:
    rng = random.Random(n)
    units = []
    for i, name in enumerate(unit_names(n)):
        round_id = f"2025-r{i // ROUND_SIZE + 1:03d}"
        units.append(Unit(round_id, f"u{i + 1:05d}", name, rng.random() < 0.12, rng.random() < 0.06))
    return units


def narrative(rng: random.Random, name: str, target: int = 3000) -> str:
    parts = [
        f"根据市委统一部署，市委巡察组对{name}开展了常规巡察，并反馈了巡察意见。现将整改进展情况予以公布。\n"
    ]
    size = len(parts[0])
    headings = ["## 一、提高政治站位，压紧压实整改责任", "## 二、巡察反馈问题整改落实情况", "## 三、建立健全长效机制",
                "## 四、下一步工作打算"]  # fmt: skip
    section = 0
    while size < target:
        if section < len(headings) and size > section * target / len(headings):
            parts.append(f"\n{headings[section]}\n")
            section += 1
        paragraph = "".join(rng.choice(SENTENCES) for _ in range(4))
        parts.append(f"\n{paragraph}\n")
        size += len(paragraph)
    return "".join(parts)


def ledger(rng: random.Random, unit: Unit, feedback: dt.date) -> str:
    rows = ["| 序号 | 方面 | 反馈问题 | 整改措施 | 类型 | 责任部门 | 整改时限 | 状态 | 完成时间 |",
            "| --- | --- | --- | --- | --- | --- | --- | --- | --- |"]  # fmt: skip
    for number in range(1, LEDGER_ROWS + 1):
        kind = rng.choices(["立行立改", "限期整改", "长期坚持"], [3, 5, 2])[0]
        deadline = (
            "长期"
            if kind == "长期坚持"
            else (feedback + dt.timedelta(days=rng.randrange(20, 400))).isoformat()
        )
        done_share = 0.45 if unit.lagging else 0.92
        if kind != "长期坚持" and dt.date.fromisoformat(deadline) < AS_OF and not unit.lagging:
            status = "已完成"
        else:
            status = "已完成" if rng.random() < done_share else "推进中"
        completed = ""
        if status == "已完成":
            limit = AS_OF if deadline == "长期" else min(AS_OF, dt.date.fromisoformat(deadline))
            span = max(1, (limit - feedback).days)
            completed = (feedback + dt.timedelta(days=rng.randrange(1, span + 1))).isoformat()
        rows.append(
            f"| {number} | {rng.choice(AREAS)} | {rng.choice(PROBLEMS)} | {rng.choice(MEASURES)} | {kind} | "
            f"{rng.choice(OFFICES)} | {deadline} | {status} | {completed} |"
        )
    return "\n".join(rows) + "\n"


def report(unit: Unit, feedback: dt.date) -> str:
    rng = random.Random(unit.unit_id)
    date = feedback + dt.timedelta(days=85)
    head = {
        "Title": f"中共{unit.name[:-2]}党组关于巡察整改进展情况的通报",
        "Round": unit.round_id,
        "Unit": unit.unit_id,
        "Unit-Name": unit.name,
        "Date": date.isoformat(),
        "Review": "会审通过",
        "Review-Date": (date + dt.timedelta(days=10)).isoformat(),
        "Reviewers": "市纪委监委、市委组织部、市委巡察办",
        "Feedback-Phone": "0000-86123456",
        "Feedback-Mailbox": f"青岚市文昌路18号{unit.name}巡察整改办公室",
        "Feedback-Email": f"{unit.unit_id}@qinglan.example",
        "Feedback-Until": (date + dt.timedelta(days=30)).isoformat(),
    }
    text = "".join(f"{k}: {v}\n" for k, v in head.items())
    return f"{text}\n{narrative(rng, unit.name)}\n## 整改台账\n\n{ledger(rng, unit, feedback)}"


def feedback_date(round_number: int) -> dt.date:
    return dt.date(2024, 1, 10) + dt.timedelta(days=7 * (round_number % 60))


def write_project(root: Path, n: int) -> Path:
    """Write pelicanconf.py and content/ for N units under root; return the config path."""
    units = plan(n)
    content = root / "content"
    (content / "rounds").mkdir(parents=True, exist_ok=True)
    (content / "surveys").mkdir(exist_ok=True)
    by_round: dict[str, list[Unit]] = {}
    for unit in units:
        by_round.setdefault(unit.round_id, []).append(unit)
    for number, (round_id, members) in enumerate(by_round.items(), start=1):
        feedback = feedback_date(number)
        lines = [f'id = "{round_id}"', f'name = "第{number}轮巡察"', 'type = "常规"',
                 f"feedback_date = {feedback}", f"report_due = {feedback + dt.timedelta(days=90)}",
                 f"survey_start = {feedback + dt.timedelta(days=100)}", f"survey_end = {feedback + dt.timedelta(days=130)}"]  # fmt: skip
        for unit in members:
            lines += ["", "[[units]]", f'id = "{unit.unit_id}"', f'name = "{unit.name}"']
        (content / "rounds" / f"{round_id}.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        folder = content / "reports" / round_id
        folder.mkdir(parents=True, exist_ok=True)
        for unit in members:
            (folder / f"{unit.unit_id}.md").write_text(report(unit, feedback), encoding="utf-8")
        rng = random.Random(round_id)
        survey = ["单位编号,测评结果"]
        for unit in members:
            weights = [4, 3, 3] if unit.low_satisfaction else [8, 2, 1]
            survey += [
                f"{unit.unit_id},{rng.choices(['满意', '基本满意', '不满意'], weights)[0]}"
                for _ in range(SURVEY_RESPONSES)
            ]
        (content / "surveys" / f"{round_id}.csv").write_text("\n".join(survey) + "\n", encoding="utf-8")
    config = (REPO / "pelicanconf.py").read_text(encoding="utf-8")
    config = config.replace('THEME = "theme"', f'THEME = "{REPO / "theme"}"')
    config = config.replace('PLUGIN_PATHS = ["plugins"]', f'PLUGIN_PATHS = ["{REPO / "plugins"}"]')
    config = config.replace('= "assets/', f'= "{REPO / "assets"}/')  # the demo's badges and share image
    config += '\nGONGSHI_SURVEY_EXPORT = "plain"\n'
    (root / "pelicanconf.py").write_text(config, encoding="utf-8")
    return root / "pelicanconf.py"


def write_plain_pelican(root: Path, source: Path) -> Path:
    """The same Markdown as plain Pelican articles with the default theme, ledger tables left in."""
    content = root / "content"
    content.mkdir(parents=True, exist_ok=True)
    for path in sorted((source / "content" / "reports").rglob("*.md")):
        (content / f"{path.parent.name}-{path.name}").write_bytes(path.read_bytes())
    (root / "pelicanconf.py").write_text(
        'SITENAME = "plain"\nPATH = "content"\nTIMEZONE = "Asia/Shanghai"\nDEFAULT_LANG = "zh"\n'
        'MARKDOWN = {"extension_configs": {"markdown.extensions.extra": {}, "markdown.extensions.meta": {}}, "output_format": "html5"}\n'
        "FEED_ALL_ATOM = None\nCATEGORY_FEED_ATOM = None\nAUTHOR_FEED_ATOM = None\nRELATIVE_URLS = True\n"
        "LOAD_CONTENT_CACHE = False\n",
        encoding="utf-8",
    )
    return root / "pelicanconf.py"


def write_hugo(root: Path, source: Path) -> Path:
    """The same reports as a Hugo site (front matter converted, Markdown untouched)."""
    posts = root / "content" / "posts"
    posts.mkdir(parents=True, exist_ok=True)
    for path in sorted((source / "content" / "reports").rglob("*.md")):
        head, _, body = path.read_text(encoding="utf-8").partition("\n\n")
        meta = dict(line.split(": ", 1) for line in head.splitlines())
        front = f'---\ntitle: "{meta["Title"]}"\ndate: {meta["Date"]}\n---\n\n'
        (posts / f"{path.parent.name}-{path.name}").write_text(front + body, encoding="utf-8")
    (root / "layouts" / "_default").mkdir(parents=True, exist_ok=True)
    (root / "layouts" / "_default" / "single.html").write_text(
        "<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"
    )
    (root / "layouts" / "_default" / "list.html").write_text(
        '<!DOCTYPE html><html><body><ul>{{ range .Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul></body></html>\n'
    )
    (root / "hugo.toml").write_text(
        'baseURL = "https://example.org/"\ntitle = "plain"\ndisableKinds = ["taxonomy", "term"]\n'
    )
    return root
