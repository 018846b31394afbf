"""Problems of the content tree: files, the tree, report headers, ledgers, round files."""

from __future__ import annotations

from gongshi.problems.phrasing import _ID_HINT, _TABLE_HINT, Message, _date_error

# fmt: off
CATALOG: dict[str, Message | dict[str, Message]] = {
    # files (textfile.py)
    "file.unreadable": Message(
        ("无法读取文件：{error}", "检查文件权限。"),
        ("Cannot read the file: {error}", "Check the file's permissions."),
    ),
    "file.control": Message(
        ("这一行含有看不见的控制字符 {chars}。", "多是从 Word 粘贴带来的（手动换行 Shift+Enter 是 U+000B）：删掉它，需要换行就直接回车。"),
        ("This line holds invisible control character(s) {chars}.", "Usually pasted from Word (a manual line break, Shift+Enter, is U+000B): delete it, and press Enter where a new line is meant."),
    ),
    "file.outside": Message(
        ("这是一个指向项目之外（{target}）的链接，未读取。", "把文件本身复制到 content/ 里，不要用链接（快捷方式）。"),
        ("This is a link to a file outside the project ({target}); it was not read.", "Copy the file itself into content/ instead of linking to it."),
    ),
    "file.empty": Message(
        ("文件为空。", "填写内容，或删除这个文件。"),
        ("The file is empty.", "Fill it in, or delete the file."),
    ),
    "file.binary": Message(
        ("这不是文本文件（含有二进制数据）。", "content/ 里只放 Markdown（.md）、TOML（.toml）和 CSV 文件；Word、Excel 请另存为文本。"),
        ("This is not a text file (it contains binary data).", "Only Markdown (.md), TOML (.toml) and CSV files belong in content/; save Word or Excel files as text."),
    ),
    "file.bom": Message(
        ("文件以 BOM（字节顺序标记）开头，已自动忽略。", "在编辑器中另存为“UTF-8（无 BOM）”。"),
        ("The file starts with a BOM (byte order mark); it was ignored.", "Save the file as UTF-8 without BOM."),
    ),
    "file.gbk": Message(
        ("文件是 GBK/GB18030 编码，不是 UTF-8。", "在编辑器中另存为“UTF-8（无 BOM）”编码后重试。"),
        ("The file is encoded in GBK/GB18030, not UTF-8.", "Save it as UTF-8 without BOM, then try again."),
    ),
    "file.encoding": Message(
        ("文件不是 UTF-8 编码。", "另存为 UTF-8 编码后重试。"),
        ("The file is not encoded in UTF-8.", "Save it as UTF-8, then try again."),
    ),
    "file.crlf": Message(
        ("文件使用 Windows 换行符（CRLF），已自动转换。", "可在编辑器中把换行符设为 LF。"),
        ("The file has Windows line endings (CRLF); they were converted.", "You can set your editor's line endings to LF."),
    ),
    # the content tree (content.py)
    "content.missing": Message(
        ("内容目录不存在。", "检查 pelicanconf.py 中的 PATH 设置。"),
        ("The content folder does not exist.", "Check the PATH setting in pelicanconf.py."),
    ),
    "content.no-rounds": Message(
        ("没有 rounds 目录。", "每个巡察轮次在 content/rounds/ 下建一个 .toml 文件。"),
        ("There is no rounds folder.", "Add one .toml file under content/rounds/ for each inspection round."),
    ),
    "content.ignored": {
        "round": Message(
            ("不是 .toml 文件，已忽略。", "轮次文件以 .toml 结尾。"),
            ("Not a .toml file; it was ignored.", "Round files end in .toml."),
        ),
        "report": Message(
            ("不是 .md 文件，已忽略，不会发布。", "整改报告以 .md 结尾。"),
            ("Not a .md file; it was ignored and will not be published.", "Rectification reports end in .md."),
        ),
    },
    "round.duplicate": Message(
        ("轮次编号“{id}”重复。", "每个轮次使用不同的编号。"),
        ('The round ID "{id}" is used twice.', "Give each round a different ID."),
    ),
    "round.revisits-unknown": Message(
        ("revisits 指向的轮次“{revisits}”不存在。", "已有轮次：{known}。"),
        ('revisits names the round "{revisits}", which does not exist.', "Existing rounds: {known}."),
    ),
    "report.duplicate": Message(
        ("单位“{unit}”在轮次“{round}”已有报告：{other}。", "一个单位每轮只能有一份报告；删除或合并其中一份。"),
        ('Unit "{unit}" already has a report in round "{round}": {other}.', "A unit has one report per round; delete one of the two or merge them."),
    ),
    "privacy": Message(
        ("疑似{kind}“{value}”，不能公开发布。", "删除或打码（如 138****1234）；若是公开的办公电话等，把这个值原样加入 GONGSHI_PRIVACY_ALLOW。"),
        ('This looks like a {kind} ("{value}"): it must not be published.', "Delete or mask it (e.g. 138****1234); if it is public, such as an office phone number, add the value exactly as written to GONGSHI_PRIVACY_ALLOW."),
    ),
    "report.pasted": {
        "run-on": Message(
            ("标题“{heading}”和上一句连在同一行，发布后不会显示为标题。", "在“{heading}”前换行（另起一行），标题单独占一行。"),
            ('The heading "{heading}" runs on from the sentence before it on one line; it will not show as a heading.', 'Start a new line before "{heading}" so the heading has a line of its own.'),
        ),
        "inline": Message(
            ("一级标题“{heading}”后面接着正文，发布后整段显示为普通段落。", "在“{heading}”后换行，让标题单独占一行。"),
            ('The heading "{heading}" has its section\'s text on the same line; the whole line will show as a plain paragraph.', 'Start a new line after "{heading}" so the heading has a line of its own.'),
        ),
    },
    "report.round": Message(
        ("轮次“{round}”不存在。", "已有轮次：{known}。"),
        ('There is no round "{round}".', "Existing rounds: {known}."),
    ),
    "report.unit-not-in-round": Message(
        ("轮次“{round}”的单位名单里没有“{unit}”。", "检查单位编号，或在 {source} 中补上这个单位。"),
        ('Round "{round}" has no unit "{unit}" in its list of units.', "Check the unit ID, or add the unit to {source}."),
    ),
    "report.unit-name": Message(
        ("单位名称“{name}”与轮次文件中的“{expected}”不一致。", "检查是否从其他单位的报告复制而来；名称以轮次文件为准。"),
        ('The unit name "{name}" differs from "{expected}" in the round file.', "Check that the report was not copied from another unit's; the round file's name is the right one."),
    ),
    "report.path": Message(
        ("报告写的是轮次 {round}、单位 {unit}，但文件不在 {expected}。", "把文件移到 {expected}（文件夹是轮次编号，文件名是单位编号），或改正 Round 和 Unit。"),
        ("The report says round {round}, unit {unit}, but the file is not {expected}.", "Move the file to {expected} (the folder is the round id, the file name the unit id), or correct Round and Unit."),
    ),
    "report.future": Message(
        ("{label} {day} 晚于统计日期 {as_of}。", "检查日期，或用 --as-of 指定更晚的统计日期。"),
        ("The {label} {day} is after the as-of date {as_of} (统计日期, the day the figures count up to).", "Check the date, or give a later as-of date with --as-of."),
    ),
    "report.review-before-report": Message(
        ("会审日期早于报告日期。", "检查两个日期。"),
        ('The review date ("Review-Date") is before the report date ("Date").', "Check both dates."),
    ),
    "report.before-feedback": Message(
        ("报告日期早于巡察反馈日期 {feedback}。", "检查报告日期。"),
        ("The report date is before the inspection feedback date {feedback}.", "Check the report date."),
    ),
    "ledger.deadline-before-feedback": Message(
        ("第 {number} 项整改时限 {deadline} 早于巡察反馈日期 {feedback}。", "整改时限应在反馈之后；检查年份是否写错。"),
        ("Item {number}: the deadline {deadline} is before the inspection feedback date {feedback}.", "A deadline comes after the feedback; check the year."),
    ),
    "ledger.completed-future": Message(
        ("第 {number} 项完成时间 {completed} 晚于统计日期 {as_of}。", "完成时间不能是将来的日期；尚未完成请把状态改为“推进中”并清空完成时间。"),
        ("Item {number}: the completion date {completed} is after the as-of date {as_of}.", 'A completion date cannot be in the future; if the item is not done, set its status to "推进中" (in progress) and clear the completion date.'),
    ),
    # report headers (reports.py)
    "header.fullwidth-colon": Message(
        ("头部“{key}”后面用了中文冒号“：”。", "把“：”改成英文冒号“:”。"),
        ('The header "{key}" is followed by a full-width Chinese colon "：".', 'Replace "：" with a plain colon ":".'),
    ),
    "header.missing": Message(
        ("文件开头没有头部信息。", "在第一行前加上 Title:、Round: 等头部，再空一行写正文。"),
        ("The file does not start with a header.", "Before the first line, add header lines such as Title: and Round:, then a blank line before the text."),
    ),
    "header.line": Message(
        ("头部这一行无法识别：“{text}”。", "头部每行写成“键: 值”；头部与正文之间空一行。"),
        ('This header line cannot be read: "{text}".', 'Write each header line as "Key: value", with one blank line between the header and the text.'),
    ),
    "header.forbidden": Message(
        ("不允许使用头部“{key}”。", "这个键会改变网站的输出位置或发布状态，请删除这一行。"),
        ('The header "{key}" is not allowed.', "This key would change where the page is written or whether it is published; delete the line."),
    ),
    "header.unknown": {
        "suggest": Message(
            ("不认识的头部“{key}”。", "是不是“{suggestion}”？"),
            ('Unknown header "{key}".', 'Did you mean "{suggestion}"?'),
        ),
        "none": Message(
            ("不认识的头部“{key}”。", "删除这一行，或查看文档中的头部列表。"),
            ('Unknown header "{key}".', "Delete the line, or see the list of headers in the documentation."),
        ),
    },
    "header.duplicate": Message(
        ("头部“{key}”重复出现。", "只保留一行。"),
        ('The header "{key}" appears more than once.', "Keep one of the lines."),
    ),
    "header.required": Message(
        ("缺少头部“{key}”（{label}）。", "在头部加上一行“{key}: …”。"),
        ('The header "{key}" ({label}) is missing.', 'Add a line "{key}: …" to the header.'),
    ),
    "header.date": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('Header "{key}" ({label}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "header.id": Message(
        ("编号“{value}”不合规。", _ID_HINT[0]),
        ('The ID "{value}" is not valid.', _ID_HINT[1]),
    ),
    "header.review": Message(
        ("会审结果“{value}”无法识别。", "只能写“会审通过”或“退回重报”。"),
        ('The review result "{value}" is not recognised.', 'Write "会审通过" (approved) or "退回重报" (returned for revision).'),
    ),
    "header.number": Message(
        ("{label}应为非负整数，实际为“{value}”。", "只填写数字，如 3。"),
        ('Header "{key}" ({label}) must be a whole number, 0 or more, not "{value}".', "Write only the number, e.g. 3."),
    ),
    "header.amount": Message(
        ("{label}应为数字（万元），实际为“{value}”。", "只填写数字，如 125.6，不要写单位。"),
        ('Header "{key}" ({label}) must be a number of 10,000 yuan, not "{value}".', "Write only the number, e.g. 125.6, without a unit."),
    ),
    # the ledger table (ledger.py)
    "ledger.missing": Message(
        ("报告中没有“## 整改台账”部分。", "在正文末尾加上“## 整改台账”标题和台账表格。"),
        ('The report has no ledger section ("## 整改台账", the table of rectification items).', 'At the end of the text, add the heading "## 整改台账" and the ledger table.'),
    ),
    "ledger.duplicate": Message(
        ("报告中有两个“整改台账”部分。", "合并为一个台账表格。"),
        ('The report has two ledger sections ("整改台账").', "Merge them into one ledger table."),
    ),
    "ledger.heading-level": Message(
        ("“整改台账”标题应为二级标题。", "写成“## 整改台账”。"),
        ('The ledger heading ("整改台账") must be a level-2 heading.', 'Write it as "## 整改台账".'),
    ),
    "ledger.stray-text": Message(
        ("“整改台账”部分只能包含表格，这一行不是表格行。", "把说明文字移到“## 整改台账”标题之前，或在表格行首尾加“|”。"),
        ('The ledger section ("整改台账") may hold only the table, and this line is not a table row.', 'Move notes above the "## 整改台账" heading, or start and end each table row with "|".'),
    ),
    "ledger.no-table": Message(
        ("“整改台账”下没有找到表格（表头行和分隔行）。", _TABLE_HINT[0]),
        ('No table (header row and separator row) under the ledger heading ("整改台账").', _TABLE_HINT[1]),
    ),
    "ledger.empty": Message(
        ("整改台账没有任何事项。", "每个整改事项填写一行。"),
        ("The ledger (整改台账) has no items.", "Add one row per rectification item."),
    ),
    "ledger.cells": Message(
        ("这一行有 {cells} 列，表头有 {columns} 列。", "补齐或删除多余的单元格；空单元格也要保留“| |”，单元格内的“|”写成“\\|”。"),
        ("This row has {cells} cells, the header has {columns} columns.", 'Add the missing cells or delete extra ones; keep empty cells as "| |", and write a "|" inside a cell as "\\|".'),
    ),
    "ledger.unknown-column": Message(
        ("不认识的表头“{cell}”。", "可用表头：{known}。"),
        ('Unknown column header "{cell}".', "Column headers to use: {known}."),
    ),
    "ledger.duplicate-column": Message(
        ("表头“{cell}”重复。", "删除重复的列。"),
        ("The column {cell} appears twice.", "Delete one of the two columns."),
    ),
    "ledger.missing-column": Message(
        ("缺少“{column}”列。", "在表头中补上这一列。"),
        ("The column {column} is missing.", "Add the column to the table."),
    ),
    "ledger.blank": Message(
        ("“{column}”不能为空。", "填写这一单元格。"),
        ("The {column} cell must not be empty.", "Fill in the cell."),
    ),
    "ledger.kind": Message(
        ("类型“{value}”不在可选范围内。", "类型只能是：{options}（其他写法见 docs/content-format.md）。"),
        ('The type "{value}" is not one of the allowed types.', "The type must be one of {options}; other spellings are listed in docs/content-format.md."),
    ),
    "ledger.status": Message(
        ("状态“{value}”不在可选范围内。", "状态只能是：{options}（其他写法见 docs/content-format.md）；状态格只写状态，说明写进整改措施或正文。"),
        ('The status "{value}" is not one of the allowed statuses.', "The status must be one of {options} (other spellings are listed in docs/content-format.md); the cell holds only the status, put any explanation in the measures or the report text."),
    ),
    "ledger.number": Message(
        ("序号“{value}”不是整数。", "序号写成 1、2、3……；一个问题分成几项任务时写 1-1、1-2。"),
        ('The item number "{value}" is not a whole number.', "Number the items 1, 2, 3, …; the tasks of one problem 1-1, 1-2."),
    ),
    "ledger.extension": Message(
        ("延期至：{date_error}", "{date_hint}"),
        ("Extended deadline (延期至): {date_error}.", "{date_hint}"), _date_error,
    ),
    "ledger.extension-order": {
        "before": Message(
            ("延期后的时限 {extended} 不晚于原整改时限 {deadline}。", "“延期至”写批准延期后的新时限，原时限留在“整改时限”列。"),
            ("The extended deadline {extended} is not after the original deadline {deadline}.", 'Write the new deadline granted in "延期至" (extended to) and keep the original one in "整改时限" (deadline).'),
        ),
        "no-deadline": Message(
            ("没有原整改时限的事项写了延期至 {extended}。", "在“整改时限”列写原时限；长期坚持事项不延期。"),
            ("An item without an original deadline is extended to {extended}.", 'Write the original deadline in "整改时限" (deadline); "长期坚持" (ongoing) items are not extended.'),
        ),
    },
    "ledger.deadline-missing": Message(
        ("立行立改、限期整改事项必须填写整改时限。", "填写 YYYY-MM-DD 格式的日期。"),
        ('Items of type "立行立改" (fixed at once) or "限期整改" (fixed by a deadline) need a deadline.', "Fill in a date as YYYY-MM-DD."),
    ),
    "ledger.deadline": Message(
        ("整改时限：{date_error}", "{date_hint}"),
        ("Deadline (整改时限): {date_error}.", "{date_hint}"), _date_error,
    ),
    "ledger.completed": Message(
        ("完成时间：{date_error}", "{date_hint}"),
        ("Completion date (完成时间): {date_error}.", "{date_hint}"), _date_error,
    ),
    "ledger.completed-not-done": Message(
        ("状态为“{status}”的事项填写了完成时间。", "事项已完成请把状态改为“已完成”，否则清空完成时间。"),
        ("An item with the status {status} has a completion date.", 'If the item is done, set its status to "已完成" (done); otherwise clear the completion date.'),
    ),
    "ledger.completed-missing": Message(
        ("已完成事项缺少完成时间。", "填写销号日期，格式 YYYY-MM-DD。"),
        ('An item with the status "已完成" (done) has no completion date.', "Fill in the day it was closed, as YYYY-MM-DD."),
    ),
    # round files (rounds.py)
    "round.syntax": Message(
        ("TOML 格式错误：{error}", "检查引号、等号和方括号；日期不加引号，如 feedback_date = 2025-04-10。"),
        ("TOML syntax error: {error}", "Check the quotes, equals signs and square brackets; dates take no quotes, e.g. feedback_date = 2025-04-10."),
    ),
    "round.unknown-key": Message(
        ("不认识的键“{key}”。", "可用的键：{known}。"),
        ('Unknown key "{key}".', "Keys to use: {known}."),
    ),
    "round.missing-key": Message(
        ("缺少“{key}”（{label}）。", "加上一行 {key} = …"),
        ('The key "{key}" ({label}) is missing.', "Add a line {key} = …"),
    ),
    "round.id-file": Message(
        ("编号“{id}”与文件名“{stem}.toml”不一致。", "把文件重命名为“编号.toml”。"),
        ('The ID "{id}" does not match the file name "{stem}.toml".', 'Rename the file to "<id>.toml".'),
    ),
    "round.id": Message(
        ("轮次编号“{id}”不合规。", _ID_HINT[0]),
        ('The round ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "round.type": Message(
        ("巡察类型“{value}”无法识别。", "只能是：常规、专项、回头看。"),
        ('The inspection type "{value}" is not recognised.', 'Use "常规" (regular), "专项" (special) or "回头看" (follow-up).'),
    ),
    "round.due-before-feedback": Message(
        ("整改报告报送期限早于反馈日期。", "检查两个日期。"),
        ("The report due date (report_due) is before the feedback date (feedback_date).", "Check both dates."),
    ),
    "round.revisits": Message(
        ("revisits 应为轮次编号字符串。", '写成 revisits = "2025-r1"。'),
        ("revisits must be a round ID in quotes.", 'Write it as revisits = "2025-r1".'),
    ),
    "round.survey-window": {
        "one-date": Message(
            ("只写了 {given}，缺少 {missing}：满意度测评期要有开始和截止两个日期。", "加上一行 {missing} = …，或两行都删掉（本轮不做满意度测评）。"),
            ("{given} is given without {missing}: a satisfaction survey period has a start and an end date.", "Add a line {missing} = …, or delete both lines (no satisfaction survey this round)."),
        ),
        "end-before-start": Message(
            ("满意度测评截止日期早于开始日期。", "检查两个日期。"),
            ("The satisfaction survey ends (survey_end) before it starts (survey_start).", "Check both dates."),
        ),
        "before-feedback": Message(
            ("满意度测评开始日期 {start} 早于巡察反馈日期 {feedback}。", "测评的是反馈之后的整改，开始日期应不早于反馈日期。"),
            ("The satisfaction survey starts on {start}, before the inspection feedback date {feedback}.", "The survey rates the rectification done after the feedback, so it cannot start earlier."),
        ),
    },
    "round.type-error": Message(
        ("“{key}”应为非空字符串。", '写成 {key} = "…"。'),
        ('"{key}" must be a non-empty string.', 'Write it as {key} = "…".'),
    ),
    "round.date": Message(
        ("“{key}”应为日期，实际为“{value}”。", "写成 {key} = 2025-04-10（不加引号，不带时间）。"),
        ('"{key}" must be a date, not "{value}".', "Write it as {key} = 2025-04-10 (no quotes, no time)."),
    ),
    "round.units": Message(
        ("被巡察单位列表为空或格式不对。", "每个单位写一个 [[units]] 段，含 id 和 name。"),
        ("The list of inspected units is empty or malformed.", "Write one [[units]] section per unit, with id and name."),
    ),
    "round.unit-entry": {
        "keys": Message(
            ("单位条目格式不对：{entry}", '每个 [[units]] 段只含 id = "…" 和 name = "…"。'),
            ("Malformed unit entry: {entry}", 'Each [[units]] section holds only id = "…" and name = "…".'),
        ),
        "values": Message(
            ("单位条目格式不对：{entry}", "id 和 name 都应为非空字符串。"),
            ("Malformed unit entry: {entry}", "id and name must both be non-empty strings."),
        ),
    },
    "round.unit-id": Message(
        ("单位编号“{id}”不合规。", _ID_HINT[0]),
        ('The unit ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "round.duplicate-unit": Message(
        ("单位编号“{id}”在本轮重复出现。", "每个单位只列一次；不同单位使用不同编号。"),
        ('The unit ID "{id}" appears more than once in this round.', "List each unit once, each with its own ID."),
    ),
}
# fmt: on
