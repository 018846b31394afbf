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
        ("不是 .csv、.xlsx 或 .xls 文件，已忽略。", "测评导出请保留测评平台下载的 Excel 文件（.xlsx 或 .xls），或存为 CSV（UTF-8 或 GB18030）。"),
        ("Not a .csv, .xlsx or .xls file; it was ignored.", "Keep the Excel file (.xlsx or .xls) the survey platform gave, or save it as CSV (UTF-8 or GB18030)."),
    ),
    "survey.round": Message(
        ("找不到轮次“{round}”：导出文件按轮次编号命名或分文件夹。", "改名为 <轮次编号>.csv 或放进 <轮次编号>/ 文件夹；已有轮次：{known}。"),
        ('There is no round "{round}": survey exports are named, or put in folders, by round ID.', "Rename the file to <round ID>.csv or move it into a <round ID>/ folder; existing rounds: {known}."),
    ),
    "survey.no-window": Message(
        ("轮次“{round}”没有设置满意度测评期，不能导入测评结果。", "在 {source} 中加上 survey_start 和 survey_end。"),
        ('Round "{round}" has no satisfaction survey period, so no survey results can be imported for it.', "Add survey_start and survey_end to {source}."),
    ),
    "survey.link-too-long": Message(
        ("单位“{unit}”（轮次“{round}”）的测评链接有 {length} 个字符，二维码（纠错等级 {level}）装不下。", "检查链接模板是否写错；链接太长时改用测评平台提供的短链接。"),
        ('The survey link of unit "{unit}" (round "{round}") has {length} characters: no QR code at error-correction level {level} can hold it.', "Check the link template for a mistake; for a long link use the short link the survey platform gives."),
    ),
    "survey.empty": Message(
        ("导出文件是空的。", "重新从测评系统导出，或删除这个文件。"),
        ("The export file is empty.", "Export it again from the survey system, or delete the file."),
    ),
    "survey.binary": Message(
        ("这不是 CSV 文本文件。", "Excel 文件请保留 .xlsx 或 .xls 扩展名（不要改成 .csv），或另存为“CSV UTF-8”。"),
        ("This is not a CSV text file.", 'Keep an Excel file\'s .xlsx or .xls extension (do not rename it .csv), or save it as "CSV UTF-8".'),
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
        ("表头里没有列：{missing}。表头是：{shown}。", "在轮次文件的 [survey] 中（或 GONGSHI_SURVEY_EXPORT 中）选对预设（wjx、tencent、formbricks、limesurvey、kobotoolbox、plain），或写明 unit、answer（或 question 题号、answer_pattern）等列名；见 docs/surveys.md。"),
        ("The header row lacks these columns: {missing}. The header row is: {shown}.", "In the round file's [survey] table (or GONGSHI_SURVEY_EXPORT) choose the right preset (wjx, tencent, formbricks, limesurvey, kobotoolbox, plain), or name the unit, answer (or the question number, or an answer_pattern) and other columns; see docs/surveys.md."), _header_row,
    ),
    "survey.unknown-answer": Message(
        ("不认识的测评结果“{value}”（第 {shown} 行）。", "在轮次文件 [survey] 的 answers（或 GONGSHI_SURVEY_EXPORT 的 answers）中说明它算满意、基本满意还是不满意，不计入样本的（如“不了解”）写进 excluded；现有：{known}。"),
        ('Unknown survey answer "{value}" on {shown}.', 'In the answers of the round file\'s [survey] table (or of GONGSHI_SURVEY_EXPORT), say whether it counts as "满意" (satisfied), "基本满意" (basically satisfied) or "不满意" (dissatisfied), or list it in excluded to leave it out of the sample (like "不了解"); the answers known now: {known}.'), _answer_lines,
    ),
    "survey.multi-answer": Message(
        ("测评结果“{value}”是多选题的答案（选项用 ┋ 连接，第 {shown} 行）：测评结果列对错了题。", "在轮次文件的 [survey] 中用 question 写明总体评价（单选题）的题号，或用 answer 写出它的列名。"),
        ('The answer "{value}" is a multiple-choice answer (choices joined with ┋, {shown}): the answer column points at the wrong question.', "In the round file's [survey] table give the number of the overall-rating (single-choice) question as question, or its column name as answer."), _answer_lines,
    ),
    "survey.workbook": Message(
        ("无法读取这个 Excel 文件：{error}。", "用测评平台重新下载；文件若已损坏或加了密码，请在 Excel 中打开后另存为 .xlsx。"),
        ("This Excel file cannot be read: {error}.", "Download it again from the survey platform; if it is damaged or has a password, open it in Excel and save it again as .xlsx."),
    ),
    "survey.same-export": Message(
        ("与 {first} 内容完全相同，已跳过，答卷不重复计算。", "同一份导出放了两次：删除其中一个文件。"),
        ("The same bytes as {first}: skipped, so no answer is counted twice.", "The same export is there twice: delete one of the files."),
    ),
    "survey.file-unit": Message(
        ("[survey] files 中的“{pattern}”对应单位“{unit}”，本轮没有这个单位。", "改正单位编号；本轮单位：{known}。"),
        ('In [survey] files, "{pattern}" names the unit "{unit}", which this round does not list.', "Correct the unit ID; this round's units: {known}."),
    ),
    "survey.skip-share": Message(
        ("单位“{unit}”的 {total} 份答卷中跳过了 {lost} 份，超过 {share}%（原因：{reasons}）：多半是导出的列对错了，不是群众的问题。", "看上面的跳过提示；改正 {source} 的 [survey]（如问卷星的“序号”每份问卷都从 1 开始，不能跨问卷去重）后重新运行；确属正常时调高 GONGSHI_SURVEY_SKIP_LIMIT。"),
        ('{lost} of the {total} answers for unit "{unit}" were skipped, more than {share}% (reasons: {reasons}): most likely a column mapped wrongly, not the public.', "Read the skip warnings above; correct [survey] in {source} (e.g. 问卷星's 序号 restarts at 1 in every questionnaire) and run again; if the skips are genuine, raise GONGSHI_SURVEY_SKIP_LIMIT."),
    ),
}
# fmt: on

# fmt: off
_SKIPPED = {  # survey.skip.<reason>: what was wrong with the rows, and why they do not count
    "no-unit": (
        ("没有单位编号", "答卷不是从单位的二维码链接提交的（如问卷星链接里没有 sojumpparm），无法分到单位；确认海报上的二维码和链接带有单位编号"),
        ("no unit code", "The answer was not sent from a unit's QR link (e.g. a 问卷星 link without sojumpparm), so it cannot be given to a unit; check that the posters' QR codes and links carry the unit code"),
    ),
    "unknown-unit": (
        ("单位编号无法识别", "括号里是读到的编号；多为手工改动或伪造的链接；确认本轮单位名单无误即可"),
        ("unit ID not recognised", "The code read is in brackets; usually a link edited by hand or forged; just check this round's list of units"),
    ),
    "other-unit": (
        ("单位编号与问卷所属单位不符", "这份问卷属于另一个单位，编号多为手工改动的链接；不计入"),
        ("unit code differs from the questionnaire's unit", "This questionnaire belongs to another unit; the code usually comes from a link edited by hand, so the answer is not counted"),
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
        ("缺少签名", "开启签名后，不带签名的链接提交的结果不计入；问卷星、腾讯问卷的链接要用 {{code}}（如 sojumpparm={{code}}），签名才会随单位编号带到导出里"),
        ("no signature", "With signed links on, answers sent from a link without a signature are not counted; \"问卷星\" and \"腾讯问卷\" links (wjx, tencent) must use {{code}} (e.g. sojumpparm={{code}}) for the signature to reach the export with the unit code"),
    ),
    "bad-signature": (
        ("签名无效", "单位编号与签名不符，多为伪造的链接"),
        ("invalid signature", "The unit ID does not match the signature; usually a forged link"),
    ),
    "duplicate": (
        ("同一问卷内重复的答卷编号", "同一份答卷导出了多次，只计一次"),
        ("repeated response ID within one questionnaire", "The same response was exported more than once; it is counted once"),
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
        ("不认识的占位符 {{{name}}}", "可用：{{round}}（轮次编号）、{{unit}}（单位编号）、{{code}}（单位编号，签名时带上“.签名”，用于问卷星的 sojumpparm）"),
        ("unknown placeholder {{{name}}}", "use {{round}} (the round ID), {{unit}} (the unit ID) and {{code}} (the unit ID, plus \".<signature>\" when signing: for 问卷星's sojumpparm)"),
    ),
    "format-spec": Message(
        ("占位符 {{{name}}} 不能带格式或转换", "只写 {{{name}}}"),
        ("the placeholder {{{name}}} cannot carry a format or a conversion", "write just {{{name}}}"),
    ),
    "no-unit": Message(
        ("没有占位符 {{unit}} 或 {{code}}：每个单位的二维码都会一样，测评结果无法分到单位", "在路径或查询参数里加上 {{unit}}，如 https://主机名/s/{{round}}/{{unit}}；问卷星写成 https://www.wjx.cn/vm/问卷号.aspx?sojumpparm={{code}}"),
        ("it has no {{unit}} or {{code}} placeholder: every unit would get the same QR code, and the answers could not be told apart by unit", "add {{unit}} to the path or the query, e.g. https://<host>/s/{{round}}/{{unit}}; for \"问卷星\" (wjx) write https://www.wjx.cn/vm/<id>.aspx?sojumpparm={{code}}"),
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
        ("“{key}”不能为 None", "写出这一列的名称（测评结果也可以用 question 题号或 answer_pattern 找）：每一行的单位和测评结果都从这两列读取"),
        ('"{key}" cannot be None', "name its column (the answer may also be found by its question number or an answer_pattern): every row's unit and answer are read from these two columns"),
    ),
    "answers": Message(
        ("answers 应为字典，给满意、基本满意、不满意各列出一组值", '写成 {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
        ('"answers" must be a dict listing values for each of "满意" (satisfied), "基本满意" (basically satisfied) and "不满意" (dissatisfied)', 'write it as {{"满意": ["满意"], "基本满意": ["基本满意"], "不满意": ["不满意"]}}'),
    ),
    "answer-values": Message(
        ("answers 中“{label}”的值应为非空的字符串列表", '例如 ["满意", "非常满意"]'),
        ('the values of {label} in "answers" must be a non-empty list of strings', 'e.g. ["满意", "非常满意"]'),
    ),
    "excluded": Message(
        ("excluded 应为字符串列表", '例如 ["不了解"]：这些答案不计入样本'),
        ('"excluded" must be a list of strings', 'e.g. ["不了解"]: these answers are left out of the sample'),
    ),
    "excluded-counted": Message(
        ("“{value}”同时列在 answers 和 excluded 中", "一个答案或计入样本，或不计入；删去其中一处"),
        ('"{value}" is listed both in answers and in excluded', "an answer is either in the sample or not; delete one of the two"),
    ),
    "question": Message(
        ("“question”应为题号（从 1 起的整数），实际为 {value}", "写题号，如 1 表示表头为“1、……”的那一题"),
        ('"question" must be a question number (a whole number from 1), not {value}', 'write the number, e.g. 1 for the column headed "1、…"'),
    ),
    "flag": Message(
        ("“{key}”应为 true 或 false，实际为 {value}", "写 true 或 false"),
        ('"{key}" must be true or false, not {value}', "write true or false"),
    ),
    "files": Message(
        ("files 应为 文件名（可用 * 通配）→ 单位编号 的表", '写成 [survey.files] 下的 "wjx-audit-*.csv" = "audit"'),
        ('"files" must map file names (with * wildcards) to unit IDs', 'write it under [survey.files] as "wjx-audit-*.csv" = "audit"'),
    ),
    "pattern": Message(
        ("answer_pattern“{value}”不是有效的正则表达式（{error}）", "写一个在表头中查找的正则表达式，如 总体评价"),
        ('answer_pattern "{value}" is not a valid regular expression ({error})', 'write a regular expression searched for in the header, e.g. "总体评价" (overall rating)'),
    ),
    "answer-twice": Message(
        ("测评结果“{value}”同时列在“{first}”和“{second}”下", "一个值只能算一种结果；删去其中一处"),
        ('the answer value "{value}" is listed under both {first} and {second}', "a value counts as one answer only; delete one of the two"),
    ),
}
# fmt: on

CATALOG["survey.round-table"] = Message(
    (
        "survey 应为一个表（[survey]），实际为 {value}",
        '写成单独的一段 [survey]，如 export = "wjx"；见 docs/content-format.md。',
    ),
    (
        '"survey" must be a table ([survey]), not {value}',
        'write it as a [survey] section, e.g. export = "wjx"; see docs/content-format.md.',
    ),
)
CATALOG["survey.round-links"] = {
    "table": Message(
        (
            "[survey.links] 应为 单位编号 = 链接 的表，实际为 {value}",
            '写成 [survey.links] 下一行一个单位，如 housing = "https://www.wjx.cn/vm/问卷号.aspx?sojumpparm={{code}}"。',
        ),
        (
            "[survey.links] must map unit IDs to links, not {value}",
            'write one unit a line under [survey.links], e.g. housing = "https://www.wjx.cn/vm/<id>.aspx?sojumpparm={{code}}".',
        ),
    ),
    "unit": Message(
        ("[survey.links] 中的单位“{value}”不在本轮单位名单里", "改正单位编号；本轮单位：{known}。"),
        (
            'The unit "{value}" in [survey.links] is not one of this round\'s units',
            "Correct the unit ID; this round's units: {known}.",
        ),
    ),
    "url": Message(
        ("[survey.links] 中单位“{unit}”的链接应为非空字符串，实际为 {value}", "写出这个单位问卷的链接。"),
        (
            'The link of unit "{unit}" in [survey.links] must be a non-empty string, not {value}',
            "Write the link of this unit's questionnaire.",
        ),
    ),
}
CATALOG["survey.round-export"] = Message(
    ("轮次文件的 [survey] 设置有误：\n  {problems}", "改正后重新运行；各预设和可改的键见 docs/surveys.md。"),
    (
        "The round file's [survey] table is refused:\n  {problems}",
        "Correct it and run again; docs/surveys.md lists the presets and the keys you may set.",
    ),
    _problem_list(EXPORT_PROBLEMS),
)

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
        ("{setting} 设置有误：\n  {problems}", "改正后重新运行；各预设和可改的键见 docs/surveys.md。"),
        ("{setting} refused:\n  {problems}", "Correct it and run again; docs/surveys.md lists the presets and the keys you may set."),
        _problem_list(EXPORT_PROBLEMS),
    ),
}
# fmt: on
