"""Survey exports and survey link templates."""

from __future__ import annotations

from gongshi.problems.phrasing import (
    Message,
    _answer_lines,
    _header_row,
    _problem_list,
    _skipped,
)

# fmt: off
CATALOG: dict[str, Message | dict[str, Message]] = {
    # survey exports (surveyexport.py); survey.skip.* are added below
    "survey.ignored": Message(
        ("不是 .csv 文件，已忽略。", "测评导出请存为 CSV（UTF-8 或 GB18030）。"),
        ("Not a .csv file; it was ignored.", "Save survey exports as CSV (UTF-8 or GB18030)."),
    ),
    "survey.round": Message(
        ("找不到轮次“{round}”：导出文件按轮次编号命名或分文件夹。", "改名为 <轮次编号>.csv 或放进 <轮次编号>/ 文件夹；已有轮次：{known}。"),
        ('There is no round "{round}": survey exports are named, or put in folders, by round ID.', "Rename the file to <round ID>.csv or move it into a <round ID>/ folder; existing rounds: {known}."),
    ),
    "survey.no-window": Message(
        ("轮次“{round}”没有设置满意度测评期，不能导入测评结果。", "在 {source} 中加上 survey_start 和 survey_end。"),
        ('Round "{round}" has no satisfaction survey period, so no survey results can be imported for it.', "Add survey_start and survey_end to {source}."),
    ),
    "survey.empty": Message(
        ("导出文件是空的。", "重新从测评系统导出，或删除这个文件。"),
        ("The export file is empty.", "Export it again from the survey system, or delete the file."),
    ),
    "survey.binary": Message(
        ("这不是 CSV 文本文件。", "Excel 文件请另存为“CSV UTF-8”。"),
        ("This is not a CSV text file.", 'Save Excel files as "CSV UTF-8".'),
    ),
    "survey.encoding": Message(
        ("无法识别文件编码。", "另存为 UTF-8 或 GB18030 编码的 CSV。"),
        ("The file's text encoding is not recognised.", "Save it as CSV in UTF-8 or GB18030."),
    ),
    "survey.csv": Message(
        ("CSV 格式错误：{error}。", "用测评系统重新导出；手工编辑过的文件检查引号是否成对。"),
        ("CSV format error: {error}.", "Export the file again from the survey system; in a file edited by hand, check that quotes come in pairs."),
    ),
    "survey.columns": Message(
        ("表头里没有列：{missing}。表头是：{shown}。", "在 GONGSHI_SURVEY_EXPORT 中选对预设（formbricks、limesurvey、kobotoolbox、plain），或写明 unit、answer 等列名；见 docs/surveys.md。"),
        ("The header row lacks these columns: {missing}. The header row is: {shown}.", "In GONGSHI_SURVEY_EXPORT choose the right preset (formbricks, limesurvey, kobotoolbox, plain), or name the unit, answer and other columns; see docs/surveys.md."), _header_row,
    ),
    "survey.unknown-answer": Message(
        ("不认识的测评结果“{value}”（第 {shown} 行）。", "在 GONGSHI_SURVEY_EXPORT 的 answers 中说明它算满意、基本满意还是不满意；现有：{known}。"),
        ('Unknown survey answer "{value}" on {shown}.', 'In the answers of GONGSHI_SURVEY_EXPORT, say whether it counts as "满意" (satisfied), "基本满意" (basically satisfied) or "不满意" (dissatisfied); the answers known now: {known}.'), _answer_lines,
    ),
}
# fmt: on

# fmt: off
_SKIPPED = {  # survey.skip.<reason>: what was wrong with the rows, and why they do not count
    "unknown-unit": (
        ("单位编号无法识别", "多为手工改动或伪造的链接；确认本轮单位名单无误即可"),
        ("unit ID not recognised", "Usually a link edited by hand or forged; just check this round's list of units"),
    ),
    "other-round": (
        ("轮次与文件所属轮次不符", "把这些行移到对应轮次的导出文件"),
        ("round differs from the file's round", "Move these rows to the export file of their round"),
    ),
    "no-answer": (
        ("未作答", "测评题未作答，不计入样本"),
        ("no answer", "The survey question was not answered, so the row is not counted"),
    ),
    "unsigned": (
        ("缺少签名", "开启签名后，不带签名的链接提交的结果不计入"),
        ("no signature", "With signed links on, answers sent from a link without a signature are not counted"),
    ),
    "bad-signature": (
        ("签名无效", "单位编号与签名不符，多为伪造的链接"),
        ("invalid signature", "The unit ID does not match the signature; usually a forged link"),
    ),
    "duplicate": (
        ("重复的答卷编号", "同一份答卷导出了多次，只计一次"),
        ("repeated response ID", "The same response was exported more than once; it is counted once"),
    ),
    "outside-window": (
        ("提交时间不在测评期内", "测评期外提交的答卷不计入"),
        ("sent outside the survey period", "Responses sent outside the survey period are not counted"),
    ),
}
# fmt: on
CATALOG |= {f"survey.skip.{reason}": _skipped(zh, en) for reason, (zh, en) in _SKIPPED.items()}

# fmt: off
LINK_PROBLEMS: dict[str, Message] = {  # what is wrong with one survey link template (surveylinks.py)
    "braces": Message(
        ("花括号不成对（{error}）", "占位符写成 {{round}}、{{unit}}，字面花括号写成 {{{{ 和 }}}}"),
        ("the braces do not pair up ({error})", "write the placeholders as {{round}} and {{unit}}, and a literal brace as {{{{ or }}}}"),
    ),
    "placeholder": Message(
        ("不认识的占位符 {{{name}}}", "可用：{{round}}（轮次编号）、{{unit}}（单位编号）"),
        ("unknown placeholder {{{name}}}", "use {{round}} (the round ID) and {{unit}} (the unit ID)"),
    ),
    "format-spec": Message(
        ("占位符 {{{name}}} 不能带格式或转换", "只写 {{{name}}}"),
        ("the placeholder {{{name}}} cannot carry a format or a conversion", "write just {{{name}}}"),
    ),
    "no-unit": Message(
        ("没有占位符 {{unit}}：每个单位的二维码都会一样，测评结果无法分到单位", "在路径或查询参数里加上 {{unit}}，如 https://主机名/s/{{round}}/{{unit}}"),
        ("it has no {{unit}} placeholder: every unit would get the same QR code, and the answers could not be told apart by unit", "add {{unit}} to the path or the query, e.g. https://<host>/s/{{round}}/{{unit}}"),
    ),
    "no-round": Message(
        ("没有占位符 {{round}}，而轮次 {rounds} 都用这个链接：单位编号在各轮之间会重复，测评结果无法分到轮次", "在链接里加上 {{round}}，如 https://主机名/s/{{round}}/{{unit}}；或在 GONGSHI_SURVEY_ROUND_URLS 中给这些轮次各写一个链接"),
        ("it has no {{round}} placeholder, and the rounds {rounds} all use it: unit IDs repeat across rounds, so the answers could not be told apart by round", "add {{round}}, e.g. https://<host>/s/{{round}}/{{unit}}, or give each of these rounds a link of its own in GONGSHI_SURVEY_ROUND_URLS"),
    ),
    "url": Message(
        ("不是有效的网址（{error}）", "检查方括号：IPv6 地址要整个写在一对方括号里，如 https://[2001:db8::1]/s/{{round}}/{{unit}}；主机名不用方括号"),
        ("it is not a valid URL ({error})", "check the square brackets: an IPv6 address goes whole inside one pair, e.g. https://[2001:db8::1]/s/{{round}}/{{unit}}; a host name takes none"),
    ),
    "https": Message(
        ("必须使用 https，而不是“{scheme}”", "链接以 https:// 开头"),
        ('it must use https, not "{scheme}"', "start the link with https://"),
    ),
    "host-placeholder": Message(
        ("主机名里不能有占位符", "占位符只能放在路径或查询参数里"),
        ("the host name cannot hold a placeholder", "put placeholders in the path or the query only"),
    ),
    "no-host": Message(
        ("缺少主机名", "写成 https://主机名/…"),
        ("the host name is missing", "write it as https://<host>/…"),
    ),
    "host": Message(
        ("主机“{host}”不在 GONGSHI_SURVEY_HOSTS 中（现有：{listed}）", "确认链接无误后，把这个主机加入 GONGSHI_SURVEY_HOSTS"),
        ('the host "{host}" is not in GONGSHI_SURVEY_HOSTS (listed now: {listed})', "check the link, then add the host to GONGSHI_SURVEY_HOSTS"),
    ),
    "userinfo": Message(
        ("链接里不能带用户名或密码", "删除“用户名:密码@”这一段"),
        ("the link cannot carry a user name or a password", 'delete the "user:password@" part'),
    ),
    "signature-param": Message(
        ("链接里已有参数“{param}”，它留给签名使用", "删除这个参数，或用 GONGSHI_SURVEY_SIGNATURE_PARAM 给签名换一个参数名"),
        ('the link already has the parameter "{param}", which is kept for the signature', "remove it, or give the signature another name with GONGSHI_SURVEY_SIGNATURE_PARAM"),
    ),
    "round": Message(
        ("没有编号为“{round}”的轮次（已有：{known}）", "删除这一项，或改正轮次编号"),
        ('there is no round "{round}" (existing rounds: {known})', "delete the entry or correct the round ID"),
    ),
}
# fmt: on

# fmt: off
EXPORT_PROBLEMS: dict[str, Message] = {  # what is wrong with GONGSHI_SURVEY_EXPORT (surveyexport.py)
    "preset": Message(
        ("没有预设“{preset}”", "可选：{presets}"),
        ('there is no preset "{preset}"', "choose one of {presets}"),
    ),
    "key": Message(
        ("不认识的键“{key}”", "可用的键：{known}"),
        ('unknown key "{key}"', "the keys are {known}"),
    ),
    "column": Message(
        ("“{key}”应为列名或 None，实际为 {value}", "写出表头里这一列的名称；不用这一列就写 None"),
        ('"{key}" must be a column name or None, not {value}', "write the column's name as the header row has it, or None to leave the column out"),
    ),
    "delimiter": Message(
        ("“delimiter”应为一个分隔字符或 None，实际为 {value}", '写一个字符，如 ";" 或 ","；制表符写成 "\\t"（r"\\t" 和 "\\\\t" 是两个字符）；写 None 则自动识别逗号、分号和制表符'),
        ('"delimiter" must be one separator character or None, not {value}', 'write one character, e.g. ";" or ","; a tab is "\\t" (r"\\t" and "\\\\t" are two characters); or None to detect commas, semicolons and tabs'),
    ),
    "required": Message(
        ("“{key}”不能为 None", "写出这一列的名称：每一行的单位和测评结果都从这两列读取"),
        ('"{key}" cannot be None', "name its column: every row's unit and answer are read from these two columns"),
    ),
    "answers": Message(
        ("answers 应为字典，给满意、基本满意、不满意各列出一组值", '写成 {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
        ('"answers" must be a dict listing values for each of "满意" (satisfied), "基本满意" (basically satisfied) and "不满意" (dissatisfied)', 'write it as {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
    ),
    "answer-values": Message(
        ("answers 中“{label}”的值应为非空的字符串列表", '例如 ["满意", "非常满意"]'),
        ('the values of {label} in "answers" must be a non-empty list of strings', 'e.g. ["满意", "非常满意"]'),
    ),
    "answer-twice": Message(
        ("测评结果“{value}”同时列在“{first}”和“{second}”下", "一个值只能算一种结果；删去其中一处"),
        ('the answer value "{value}" is listed under both {first} and {second}', "a value counts as one answer only; delete one of the two"),
    ),
}
# fmt: on

# fmt: off
ERRORS: dict[str, Message] = {
    # survey link templates (surveylinks.py)
    "survey.links": Message(
        ("测评链接模板有误：\n  {problems}", "改正后重新运行；链接模板的写法见 docs/surveys.md。"),
        ("Survey link template(s) refused:\n  {problems}", "Correct them and run again; docs/surveys.md shows how to write a link template."),
        _problem_list(LINK_PROBLEMS),
    ),
    # how survey exports are read (surveyexport.py)
    "survey.export": Message(
        ("GONGSHI_SURVEY_EXPORT 设置有误：\n  {problems}", "改正后重新运行；各预设和可改的键见 docs/surveys.md。"),
        ("GONGSHI_SURVEY_EXPORT refused:\n  {problems}", "Correct it and run again; docs/surveys.md lists the presets and the keys you may set."),
        _problem_list(EXPORT_PROBLEMS),
    ),
}
# fmt: on
