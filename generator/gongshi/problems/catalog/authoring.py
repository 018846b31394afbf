"""New rounds, report skeletons and ledgers imported from spreadsheets."""

from __future__ import annotations

from gongshi.problems.phrasing import (
    _BUG_HINT,
    _DEADLINE_HINT,
    _ID_HINT,
    _OPTIONS_HINT,
    _SAVE_AS_HINT,
    Message,
    _date_error,
    _empty_cells,
    _figures,
    _header_spellings,
    _letters,
    _sheet_choice,
    _sheet_rows,
    _unused_columns,
)

# fmt: off
CATALOG: dict[str, Message | dict[str, Message]] = {
    # new rounds and report skeletons (scaffold.py)
    "new.round-id": Message(
        ("轮次编号“{id}”不合规。", _ID_HINT[0]),
        ('The round ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "new.no-units": Message(
        ("没有给出被巡察单位。", "用 --unit 编号=名称 逐个给出，可重复。"),
        ("No inspected units were given.", "Give each one as --unit ID=name; repeat the option for more."),
    ),
    "new.unit-id": Message(
        ("单位编号“{id}”不合规。", _ID_HINT[0]),
        ('The unit ID "{id}" is not valid.', _ID_HINT[1]),
    ),
    "new.unit-duplicate": Message(
        ("单位编号“{id}”重复。", "每个单位只列一次。"),
        ('The unit ID "{id}" is given twice.', "List each unit once."),
    ),
    "report.placeholder": Message(
        ("还有 {count} 处未填写的内容“{placeholder}”，在第 {lines} 行。", "把它们换成实际内容；选填的头部可以留空或删去那一行；台账可以用 gongshi import-ledger 从 Excel 导入。"),
        ('The report still has "{placeholder}" (to be filled in) in {count} place(s), on line(s) {lines}.', "Replace each with the real content; an optional header may be left empty or its line deleted; the ledger can be imported from Excel with gongshi import-ledger."),
    ),
    # importing a ledger from a spreadsheet (ledgerimport.py); lines are the rows Excel shows
    "import.format": {
        "other": Message(
            ("不能导入“{suffix}”文件，只能导入 .xlsx、.xls 或 .csv。", _SAVE_AS_HINT[0]),
            ('A "{suffix}" file cannot be imported, only .xlsx, .xls or .csv.', _SAVE_AS_HINT[1]),
        ),
        "binary": Message(
            ("这不是 CSV 文本文件。", "Excel 文件请直接用 .xlsx，或另存为 CSV。"),
            ("This is not a CSV text file.", "Import the Excel file (.xlsx) itself, or save it as CSV."),
        ),
    },
    "import.unreadable": {
        "xlsx": Message(
            ("无法打开这个 Excel 文件：{error}", "用 Excel 或 WPS 打开，另存为 .xlsx 后再试；有密码的文件请先取消密码。"),
            ("Cannot open this Excel file: {error}", "Open it in Excel or WPS, save it as .xlsx and try again; take the password off a protected file first."),
        ),
        "xls": Message(
            ("无法打开这个旧版 Excel 文件（.xls）：{error}", "用 Excel 或 WPS 打开，另存为 .xlsx 后再试；有密码的文件请先取消密码。"),
            ("Cannot open this old-format Excel file (.xls): {error}", "Open it in Excel or WPS, save it as .xlsx and try again; take the password off a protected file first."),
        ),
        "ole": Message(
            ("这个文件名为 .xlsx，实际是旧版 .xls 文件或有密码保护的文件，无法读取（{error}）。", "用 Excel 或 WPS 打开，取消密码，另存为 .xlsx 后再导入。"),
            ("This file is named .xlsx but is an old .xls file or a password-protected workbook, and cannot be read ({error}).", "Open it in Excel or WPS, take off any password, save it as .xlsx and import that."),
        ),
        "csv": Message(
            ("无法读取文件：{error}", "检查文件是否存在、是否有权限读取。"),
            ("Cannot read the file: {error}", "Check that the file exists and that you may read it."),
        ),
    },
    "import.csv": Message(
        ("CSV 格式错误：{error}。", "用 Excel 重新另存为 CSV；手工编辑过的文件检查引号是否成对。"),
        ("CSV format error: {error}.", "Save it as CSV from Excel again; in a file edited by hand, check that quotes come in pairs."),
    ),
    "import.empty": Message(
        ("文件是空的。", "检查是否选错了文件。"),
        ("The file is empty.", "Check that you chose the right file."),
    ),
    "import.encoding": Message(
        ("无法识别文件编码。", "另存为“CSV UTF-8”或 GB18030 编码的 CSV。"),
        ("The file's text encoding is not recognised.", 'Save it as "CSV UTF-8", or as CSV in GB18030.'),
    ),
    "import.no-header": Message(
        ("前 {within} 行中找不到台账表头。", "表头行要有这些列名：{wanted}（其他写法见 docs/import-ledger.md）。"),
        ("No ledger header row in the first {within} rows.", "The header row needs these column names: {wanted}. Other spellings are listed in docs/import-ledger.md."),
    ),
    "import.choose-sheet": Message(
        ("工作簿里有几个工作表都像台账：{sheets}（保存时选中的是“{active}”），不知道导入哪一个。", "用 --sheet 工作表名 指定要导入的工作表，如 --sheet “{first}”。"),
        ("Several sheets of the workbook look like a ledger: {sheets} (the one active when it was saved: \"{active}\"), so none was chosen.", 'Name the sheet to import with --sheet NAME, e.g. --sheet "{first}".'),
        _sheet_choice,
    ),
    "import.sheet-unknown": Message(
        ("工作簿中没有工作表“{sheet}”；有：{sheets}。", "--sheet 后写其中一个工作表的名字（区分大小写）。"),
        ('The workbook has no sheet "{sheet}"; it has {sheets}.', "Give one of those sheet names after --sheet (it is case-sensitive)."),
        _sheet_choice,
    ),
    "import.duplicate-column": Message(
        ("有两列都是“{label}”（{columns}）。", "删除或改名其中一列。"),
        ('More than one column is headed "{label}" ({columns}).', "Delete or rename all but one of them."),
        _letters,
    ),
    "import.missing-column": Message(
        ("表头中没有“{column}”列（读作表头的是：{read}）。", "在表头行加上这一列；也可以写作：{also}。"),
        ("The header row has no {column} column (the cells read as the header: {read}).", "Add the column to the header row; it may also be headed {also}."),
        _header_spellings,
    ),
    "import.column-ignored": Message(
        ("这些列没有导入：{columns}。", "台账只公示{published}；需要公示的列请把表头改成对应的列名。"),
        ("These columns were not imported: {columns}.", "The ledger publishes only {published}; to publish a column, change its header to the matching one of these."),
        _unused_columns,
    ),
    "import.repeated-header": Message(
        ("这一行是重复的表头，已跳过。", "可以删除这一行。"),
        ("This row repeats the header row; it was skipped.", "You can delete the row."),
    ),
    "import.no-items": Message(
        ("表头下面没有整改事项。", "每个整改事项填写一行。"),
        ("There are no rectification items below the header row.", "Fill in one row per rectification item."),
    ),
    "import.blank-rows": Message(
        ("跳过空行：{rows}。", "空行不影响导入，也可以删除。"),
        ("Blank rows skipped: {rows}.", "Blank rows do the import no harm; you can also delete them."),
        _sheet_rows,
    ),
    "import.hidden-rows": Message(
        ("{rows}在 Excel 中是隐藏的，也已导入。", "隐藏的行同样会公示；不该公示的行请删除。"),
        ("Hidden in Excel, and imported all the same: {rows}.", "Hidden rows are published too; delete the rows that must not be published."),
        _sheet_rows,
    ),
    "import.note-row": Message(
        ("这一行不是整改事项（“{text}”），没有导入。", "表格下方的说明、合计、落款不会导入；如果这是一个事项，请把反馈问题、整改措施等填在对应列。"),
        ('This row is not a rectification item ("{text}"); it was not imported.', "Notes, totals and signatures below the table are not imported; if this is an item, put its problem, measures and the rest in their columns."),
    ),
    "import.blank": Message(
        ("{cells}为空。", "填写这些单元格；不是整改事项的行请删除。"),
        ("These cells are empty: {cells}.", "Fill them in; delete rows that are not rectification items."),
        _empty_cells,
    ),
    "import.number": Message(
        ("序号“{value}”不是整数。", "序号写成 1、2、3……；序号列留空则按行的顺序编号。"),
        ('The item number "{value}" is not a whole number.', "Number the items 1, 2, 3, …, or leave the whole number column empty to number them in row order."),
    ),
    "import.kind": {
        "empty": Message(("“{label}”为空。", _OPTIONS_HINT[0]), ('The "{label}" ({field}) cell is empty.', _OPTIONS_HINT[1])),
        "unknown": Message(("{label}“{value}”无法识别。", _OPTIONS_HINT[0]), ('"{value}" in the "{label}" ({field}) column is not recognised.', _OPTIONS_HINT[1])),
    },
    "import.status": {
        "empty": Message(("“{label}”为空。", _OPTIONS_HINT[0]), ('The "{label}" ({field}) cell is empty.', _OPTIONS_HINT[1])),
        "unknown": Message(("{label}“{value}”无法识别。", _OPTIONS_HINT[0]), ('"{value}" in the "{label}" ({field}) column is not recognised.', _OPTIONS_HINT[1])),
    },
    "import.deadline-missing": {
        "empty": Message(
            ("{kind}事项的“{label}”为空，要写具体日期。", _DEADLINE_HINT[0]),
            ('An item of type {kind} has an empty "{label}" ({field}); it needs a date.', _DEADLINE_HINT[1]),
        ),
        "word": Message(
            ("{kind}事项的“{label}”是“{value}”，要写具体日期。", _DEADLINE_HINT[0]),
            ('An item of type {kind} has "{value}" as its "{label}" ({field}); it needs a date.', _DEADLINE_HINT[1]),
        ),
    },
    "import.deadline": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('"{label}" ({field}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "import.completed-missing": {
        "cell": Message(
            ("已完成事项缺少{label}。", "填写销号（完成）日期。"),
            ('An item with the status "已完成" (done) has no "{label}" ({field}).', "Fill in the day it was closed (completed)."),
        ),
        "no-column": Message(
            ("已完成事项缺少{label}。", "表格中没有“完成时间”列；填写销号（完成）日期。"),
            ('An item with the status "已完成" (done) has no "{label}" ({field}).', 'The table has no "完成时间" (completion date) column; add it and fill in the day the item was closed (completed).'),
        ),
    },
    "import.completed": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('"{label}" ({field}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "import.extension": Message(
        ("{label}：{date_error}", "{date_hint}"),
        ('"{label}" ({field}): {date_error}.', "{date_hint}"), _date_error,
    ),
    "import.extension-order": {
        "before": Message(
            ("{label} {extended} 不晚于原整改时限 {deadline}。", "延期至写批准延期后的新时限，原时限留在“整改时限”列。"),
            ('The "{label}" ({field}) {extended} is not after the original deadline {deadline}.', 'Write the new deadline granted in this column and keep the original one in "整改时限" (deadline).'),
        ),
        "no-deadline": Message(
            ("没有原整改时限的长期坚持事项写了{label} {extended}。", "长期坚持事项不延期：清空这一格，或改为限期整改并写原时限。"),
            ('An ongoing ("长期坚持") item without a deadline has "{label}" ({field}) {extended}.', 'Ongoing items are not extended: clear the cell, or make the item "限期整改" (fixed by a deadline) with its original deadline.'),
        ),
    },
    "import.completed-not-done": Message(
        ("状态为“{status}”的事项填写了{label}。", "已完成请把状态改为“已完成”，否则清空这一格；这一列若是计划完成时间，请把表头改为“整改时限”。"),
        ('An item with the status {status} has its "{label}" ({field}) filled in.', 'If the item is done, set its status to "已完成" (done), otherwise clear the cell; if this column holds planned dates, change its header to "整改时限" (deadline).'),
    ),
    "import.status-narrative": Message(
        ("{rows}的“{label}”以状态开头、后面还有说明文字，只按状态导入（如“{example}”导入为“{status}”）；后面的文字没有导入。", "状态列只写已完成、推进中或未启动；整改措施和进展请写在“整改措施”列或报告正文里，否则不会公示。"),
        ('In {rows}, the "{label}" ({field}) cell starts with a status followed by more text; only the status was imported (e.g. "{example}" as {status}), and the text after it was not.', 'The status column holds only "已完成" (done), "推进中" (in progress) or "未启动" (not started); put measures and progress in the "整改措施" (rectification measures) column or in the report text, or they are not published.'),
        _sheet_rows,
    ),
    "import.figures-mismatch": Message(
        ("台账已导入，但报告正文中的数字与新台账不一致：{figures}。", "修改正文中的问题总数、已完成数和整改率，使之与台账一致；gongshi check 也会报告，不一致的单位会延后公示（GONGSHI_RULE_CONSISTENCY）。"),
        ("The ledger was imported, but figures in the report text differ from the new ledger (整改台账): {figures}.", "Correct the total, the number fixed and the completion rate in the text to match the ledger; gongshi check reports it too, and a unit whose figures differ is held back (GONGSHI_RULE_CONSISTENCY)."),
        _figures,
    ),
    "import.duplicate-number": Message(
        ("序号 {number} 出现在{rows}。", "每一行算一项整改任务；这几行若是同一问题的几项任务，序号写成 1-1、1-2，或每行写同样的问题（也可加“问题序号”列），否则改用不同序号。"),
        ("Item number {number} is used in {rows}.", "Each row counts as one rectification task; if those rows are tasks of one problem, number them 1-1, 1-2 or repeat the problem text on each (or add a 问题序号 column), otherwise give them different numbers."),
        _sheet_rows,
    ),
    "import.report-missing": Message(
        ("报告文件不存在。", "先用 gongshi new report --round <轮次> --unit <单位> 生成报告，再导入台账。"),
        ("The report file does not exist.", "Create it first with gongshi new report --round <round> --unit <unit>, then import the ledger."),
    ),
    "import.report-unreadable": Message(
        ("无法读取报告：{error}", "检查文件权限。"),
        ("Cannot read the report: {error}", "Check the file's permissions."),
    ),
    "import.report-encoding": Message(
        ("报告不是 UTF-8 编码。", "另存为 UTF-8 编码后再导入；gongshi check 会指出位置。"),
        ("The report is not encoded in UTF-8.", "Save it as UTF-8, then import again; gongshi check shows where the problem is."),
    ),
    "import.report-section": Message(
        ("“整改台账”部分除了一个表格还有其他内容，无法确定导入时替换哪些行。", "把这些文字移到“## 整改台账”标题之前，或删除多余的表格，再导入。"),
        ('The ledger section ("整改台账") holds more than its one table, so the import cannot tell which lines to replace.', 'Move the text above the "## 整改台账" heading, or delete the extra table, then import again.'),
    ),
    "import.round-trip": {
        "parse": Message(
            ("写入后的台账无法被正确读回（{detail}），报告未改动。", _BUG_HINT[0]),
            ("The ledger as it would be written cannot be read back correctly ({detail}); the report was not changed.", _BUG_HINT[1]),
        ),
        "mismatch": Message(
            ("写入后的台账无法被正确读回（读回的事项与导入的不一致），报告未改动。", _BUG_HINT[0]),
            ("The ledger as it would be written cannot be read back correctly (the items read back differ from those imported); the report was not changed.", _BUG_HINT[1]),
        ),
    },
    # a report imported from Word (report_import.py, wordfile.py)
    "word.old-format": Message(
        ("不能导入“{suffix}”文件。", "用 Word 或 WPS 打开，“另存为”Word 文档（.docx），再导入 .docx 文件。"),
        ('A "{suffix}" file cannot be imported.', "Open it in Word or WPS, use Save As to save it as a Word document (.docx), and import the .docx file."),
    ),
    "word.spreadsheet": Message(
        ("这是表格文件（{suffix}），不是 Word 通报。", "通报请导入 .docx 文件；台账请用 gongshi import-ledger 导入这个表格。"),
        ("This is a spreadsheet ({suffix}), not the Word report.", "Import the report's .docx file; to import this ledger, use gongshi import-ledger."),
    ),
    "word.unreadable": Message(
        ("无法读取文件：{error}", "检查文件是否存在、是否有权限读取。"),
        ("Cannot read the file: {error}", "Check that the file exists and that you may read it."),
    ),
    "word.encrypted": Message(
        ("这个文件有密码保护，或者是旧版 .doc 文件改了扩展名，无法读取。", "在 Word 或 WPS 中打开，取消密码（文件 → 信息 → 保护文档），再“另存为”.docx 后导入。"),
        ("The file is password-protected, or an old .doc file renamed, and cannot be read.", "Open it in Word or WPS, remove the password (File → Info → Protect Document), save it as .docx and import that."),
    ),
    "word.corrupt": Message(
        ("这不是有效的 Word 文档（.docx），或者文件已损坏。", "在 Word 或 WPS 中打开并“另存为”.docx 后再导入；打不开的文件请向报送单位重新索取。"),
        ("This is not a valid Word document (.docx), or the file is damaged.", "Open it in Word or WPS and save it as .docx, then import again; ask the unit for a new copy of a file that will not open."),
    ),
    "word.corrupt-part": Message(
        ("Word 文档内容已损坏，无法读取（{error}）。", "在 Word 或 WPS 中打开并“另存为”.docx 后再导入；打不开的文件请向报送单位重新索取。"),
        ("Part of the Word document is damaged and cannot be read ({error}).", "Open it in Word or WPS and save it as .docx, then import again; ask the unit for a new copy of a file that will not open."),
    ),
    "word.too-large": Message(
        ("文件解压后过大（约 {size} MB，上限 {limit} MB），可能是异常文件，没有读取。", "确认文件来源；正常的报告应在 Word 中删除大图片后另存为 .docx 再导入。"),
        ("The file unpacks to too much data (about {size} MB; the limit is {limit} MB) and may be hostile; it was not read.", "Check where the file came from; for a genuine report, remove large pictures in Word, save it as .docx and import again."),
    ),
    "word.active-content": Message(
        ("文件中含有宏、控件或嵌入网页等可执行内容（{parts}），出于安全考虑没有读取。", "在 Word 或 WPS 中把正文复制到新建文档，“另存为”不含宏的 Word 文档（.docx）后再导入。"),
        ("The file carries macros, controls or embedded web content ({parts}); for safety it was not read.", "In Word or WPS, copy the text into a new document, save it as a Word document without macros (.docx) and import that."),
    ),
    "word.external": Message(
        ("文件引用了外部的图片或对象（{targets}），出于安全考虑没有读取。", "在 Word 中把链接的图片改为嵌入（或删除），“另存为”.docx 后再导入。"),
        ("The file loads pictures or objects from outside itself ({targets}); for safety it was not read.", "In Word, embed (or delete) the linked pictures, save as .docx and import again."),
    ),
    "word.empty": Message(
        ("Word 文档中没有正文。", "检查是否选错了文件。"),
        ("The Word document has no text.", "Check that you chose the right file."),
    ),
    "word.report-exists": Message(
        ("报告已存在，没有覆盖。", "要用 Word 文档替换现有报告，加上 --replace；要只更新台账，用 gongshi import-ledger。"),
        ("The report already exists and was not overwritten.", "To replace it with the Word document, add --replace; to update only the ledger, use gongshi import-ledger."),
    ),
    "word.no-title": Message(
        ("没有找到标题。", "在报告的 Title 一行填写标题。"),
        ("No title was found.", "Fill in the title on the report's Title line."),
    ),
    "word.no-signature": Message(
        ("文末没有找到落款日期，报告日期（Date）留待填写。", "在报告的 Date 一行填写成文日期（YYYY-MM-DD）。"),
        ("No date was found in the closing signature (落款); the report date (Date) is left to fill in.", "Fill in the date of the document (YYYY-MM-DD) on the report's Date line."),
    ),
    "word.no-contacts": Message(
        ("没有从文中读到这些反馈信息：{keys}。", "在报告头部的这些行填写联系电话、通信地址、电子邮箱和意见反馈截止日期。"),
        ("These feedback details were not found in the text: {keys}.", "Fill in the phone, postal address, e-mail and feedback deadline on those header lines."),
    ),
    "word.figures-unsure": Message(
        ("文中这些数字出现了不同的值，无法确定：{keys}。", "对照报告原文在这些行填写数字；报告没写的留空。"),
        ("The text states different values for these figures, so none was taken: {keys}.", "Fill in those lines from the report; leave a figure the report does not state empty."),
    ),
    "word.ledger-unread": Message(
        ("文中第 {table} 个表格像是整改台账，但有 {errors} 处无法导入（见上），台账留待填写。", "用 gongshi import-ledger 从 Excel 台账导入；或按上面的提示修改 Word 中的表格后重新导入（加 --replace）。"),
        ("Table {table} of the document looks like the ledger (整改台账), but {errors} problem(s) above keep it from being imported; the ledger is left to fill in.", "Import the ledger from the Excel file with gongshi import-ledger, or correct the Word table as the problems above say and import again with --replace."),
    ),
    "word.no-ledger": Message(
        ("文中没有整改台账表格，台账留待填写。", "用 gongshi import-ledger 从 Excel 台账导入。"),
        ("The document has no ledger (整改台账) table; the ledger is left to fill in.", "Import it from the Excel ledger with gongshi import-ledger."),
    ),
    "word.unplaced": Message(
        ("这些内容没有放进报告：{texts}。", "附件的标题和说明、不是台账的表格不会导入；需要公示的内容请加进报告正文。"),
        ("These parts were not put in the report: {texts}.", "Attachment titles and notes, and tables other than the ledger, are not imported; add what must be published to the report text."),
    ),
    # a ledger exported to a spreadsheet (ledger_export.py)
    "export.unwritable": Message(
        ("无法写入文件：{error}", "检查文件夹是否存在、是否有写权限，文件是否正在 Excel 中打开。"),
        ("Cannot write the file: {error}", "Check that the folder exists and is writable, and that the file is not open in Excel."),
    ),
}
# fmt: on
