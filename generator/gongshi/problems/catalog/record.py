"""Problems of the publication record."""

from __future__ import annotations

from gongshi.problems.phrasing import _FORMAT_HINT, Message, _figures

# fmt: off
CATALOG: dict[str, Message | dict[str, Message]] = {
    # the publication record (record.py, publication.py, runner.py)
    "record.syntax": {
        "json": Message(
            ("公示记录第 {line} 行无法读取：{error}", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: {error}", _FORMAT_HINT[1]),
        ),
        "not-object": Message(
            ("公示记录第 {line} 行无法读取：不是 JSON 对象", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: it is not a JSON object", _FORMAT_HINT[1]),
        ),
        "unknown-type": Message(
            ("公示记录第 {line} 行无法读取：未知的记录类型 {type}", _FORMAT_HINT[0]),
            ("Line {line} of the publication record (公示记录) cannot be read: unknown entry type {type}", _FORMAT_HINT[1]),
        ),
    },
    "record.chain": Message(
        ("公示记录第 {line} 行与上一条记录衔接不上（之前的记录被修改或删除）。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) does not follow on from the entry before it (an earlier entry was changed or deleted).", _FORMAT_HINT[1]),
    ),
    "record.altered": Message(
        ("公示记录第 {line} 行的内容与其校验值不符（记录被修改）。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) does not match its checksum (the entry was changed).", _FORMAT_HINT[1]),
    ),
    "record.number": Message(
        ("公示记录第 {line} 行的批次号 {batch} 不连续。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录): batch number {batch} is out of sequence.", _FORMAT_HINT[1]),
    ),
    "record.date": Message(
        ("公示记录第 {line} 行的日期早于上一条记录。", _FORMAT_HINT[0]),
        ("Line {line} of the publication record (公示记录) is dated before the entry above it.", _FORMAT_HINT[1]),
    ),
    "record.truncated": Message(
        ("公示记录比上次构建时（{kept}）少了记录或被改动：共 {before} 条，现在 {now} 条。", "公示记录只能追加；请从版本库恢复被删除的记录。"),
        ("The publication record (公示记录) has lost or changed entries since the last build ({kept}): {before} entries then, {now} now.", "The publication record can only grow; restore the deleted entries from version control."),
    ),
    # the archive of published reports and edits since (content/archive.py, rules/versions.py)
    "archive.altered": Message(
        ("已公示报告存档文件的内容与文件名中的校验值不符（存档被修改）。", "存档只能新增、不能修改：从版本库恢复这个文件；要更正已公示的报告，改工作稿后用 gongshi revise 发布修订。"),
        ("This archived published report no longer matches the checksum in its name (the archive was changed).", "The archive is write-once: restore the file from version control; to correct a published report, edit the working copy and publish a revision with gongshi revise."),
    ),
    "verify.archive": Message(
        ("网站上的这个存档文件不是公示记录固定的版本：{why}。", "网站文件被改动或混入了别的文件：用 gongshi build 重新生成网站，再部署；并查明服务器上的文件为何被改动。"),
        ("This archive file on the site is not a version the publication record pins: {why}.", "The site's files were changed or added to: rebuild with gongshi build and deploy again, and find out how the files on the server changed."),
    ),
    "archive.missing": Message(
        ("公示记录固定了轮次“{round}”单位“{unit}”的这个版本，但存档文件不存在。", "从版本库恢复这个文件（content/published/ 要与公示记录一起提交）。"),
        ('The record pins this version of round "{round}", unit "{unit}", but the archived file is missing.', "Restore the file from version control (commit content/published/ together with the record)."),
    ),
    "archive.unreadable": Message(
        ("网站显示的轮次“{round}”单位“{unit}”已公示版本无法按报告读取：{problem}", "已公示的版本不能改动；用 gongshi revise 发布改正后的版本（原因会公开），网站随后显示修订版，原版本仍保留在存档中。"),
        ('The published version of round "{round}", unit "{unit}" that the site shows can no longer be read as a report: {problem}', "A published version cannot be changed: publish a corrected one with gongshi revise (the reason is shown publicly); the site then shows the revision, and the archive keeps the original."),
    ),
    "report.edited": {
        "progress": Message(
            ("这份报告公示后有改动，只是整改进展：{changes}。", "网站仍显示已公示的版本；下一次 gongshi build --batch 会把它作为进展更新发布。"),
            ("This report was changed after it was published, with progress only: {changes}.", "The site still shows the published version; the next gongshi build --batch publishes it as a progress update."),
        ),
        "revision": Message(
            ("这份报告公示后有进展以外的改动（推进状态、填写完成时间以外）：{changes}。", "网站仍显示已公示的版本。确需更正时用 gongshi revise --round {round} --unit {unit} --reason 原因 发布修订；否则把文件恢复为已公示的版本。下一次 gongshi build --batch 在此之前会拒绝运行。"),
            ("This report was changed after it was published, beyond progress (a status moving forward, a completion date added): {changes}.", "The site still shows the published version. To publish the correction, run gongshi revise --round {round} --unit {unit} --reason TEXT; otherwise restore the published version. Until then gongshi build --batch refuses to run."),
        ),
    },
    "report.edited-batch": Message(
        ("这份报告公示后有进展以外的改动（推进状态、填写完成时间以外），批次不能发布：{changes}。", "确需更正时先运行 gongshi revise --round {round} --unit {unit} --reason 原因（原因会公开）；否则把文件恢复为已公示的版本（content/published/ 中的存档）。"),
        ("This report was changed after it was published, beyond progress (a status moving forward, a completion date added), so the batch cannot publish it: {changes}.", "To publish the correction, first run gongshi revise --round {round} --unit {unit} --reason TEXT (the reason is shown publicly); otherwise restore the published version (archived under content/published/)."),
    ),
    "record.unit-gone": Message(
        ("已公示的轮次“{round}”单位“{unit}”在轮次文件中不存在了。", "恢复轮次文件中的单位；如需撤下，使用 gongshi withdraw。"),
        ('Round "{round}", unit "{unit}" was published but is no longer in the round file.', "Put the unit back in the round file; to take it down, use gongshi withdraw."),
    ),
    "record.report-gone": Message(
        ("已公示的轮次“{round}”单位“{unit}”的整改报告文件不存在了。", "恢复报告文件；如需撤下，使用 gongshi withdraw。"),
        ('The report of round "{round}", unit "{unit}" was published but its file no longer exists.', "Restore the report file; to take it down, use gongshi withdraw."),
    ),
    "record.report-unapproved": Message(
        ("已公示的轮次“{round}”单位“{unit}”的报告被改为“{outcome}”。", "已公示报告不能改为未通过；如需撤下，使用 gongshi withdraw 并写明原因。"),
        ('The published report of round "{round}", unit "{unit}" now has the review result {outcome}.', "A published report cannot go back to not approved; to take it down, use gongshi withdraw and give the reason."),
    ),
    "record.signature": Message(
        ("公示记录第 {line} 行的签名与内容不符：这一条不是用本办的密钥签的，或签名后被改过。", "不要手工修改公示记录；从备份或版本库恢复它，再重新构建。"),
        ("The signature on line {line} of the publication record does not match: the entry was not signed with the office's key, or was changed after signing.", "Never edit the record by hand; restore it from a backup or the repository, then build again."),
    ),
    "record.unsigned": Message(
        ("公示记录第 {line} 行没有签名，而本网站已启用签名（content/record-key.pub）：这一条可能是后来添加的。", "只用 gongshi build --batch 或 gongshi withdraw 写入公示记录（设置了环境变量 GONGSHI_RECORD_KEY）；从备份或版本库恢复记录。"),
        ("Line {line} of the publication record has no signature, though this portal signs its record (content/record-key.pub): the entry may have been added by hand.", "Write the record only with gongshi build --batch or gongshi withdraw (with GONGSHI_RECORD_KEY set); restore the record from a backup or the repository."),
    ),
    "record.signed-without-key": Message(
        ("公示记录第 {line} 行有签名，但 content/record-key.pub（公钥）不见了。", "从版本库恢复 content/record-key.pub；没有它就无法核对签名。"),
        ("Line {line} of the publication record is signed, but content/record-key.pub (the public key) is missing.", "Restore content/record-key.pub from the repository; without it the signatures cannot be checked."),
    ),
    "record.public-key": Message(
        ("这不是 gongshi keygen 生成的公钥。", "从版本库恢复这个文件，或重新运行 gongshi keygen。"),
        ("This is not a public key made by gongshi keygen.", "Restore the file from the repository, or run gongshi keygen again."),
    ),
    "record.head": Message(
        ("公示记录的最后一条（{last}…）不是这个网站清单所说的（{head}…）。", "网站与公示记录不是同一次构建的结果：重新构建并发布整个网站。"),
        ("The record's last entry ({last}…) is not the one the site's manifest names ({head}…).", "The site and its record come from different builds: build and publish the whole site again."),
    ),
    "record.behind-site": Message(
        ("公示记录不包含当前网站 {site} 发布时的最后一条记录（{head}…）：记录被截短或改写过。", "从备份或版本库恢复公示记录；确实要以现在的记录替换网站时，加 --record-reset \"理由\"，理由会写进网站的 manifest.json。"),
        ("The publication record does not hold the last entry of the site it would replace, {site} ({head}…): it was cut short or rewritten.", "Restore the record from a backup or the repository; to replace the site with this record on purpose, add --record-reset \"reason\", which the site's manifest.json keeps."),
    ),
    "record.as-of": Message(
        ("统计日期 {as_of} 早于最近一次公示记录日期 {last}。", "使用不早于最近公示日期的 --as-of。"),
        ("The as-of date {as_of} is before the last date in the publication record, {last}.", "Use an --as-of date no earlier than the last publication."),
    ),
    "report.figures-mismatch": {
        "hold": Message(
            ("报告数字与台账不一致：{figures}", "核对正文中的数字与整改台账；不一致的单位延后公示。"),
            ("Figures in the report text differ from its ledger (整改台账): {figures}", "Check the figures in the text against the ledger; a unit whose figures differ is held back."), _figures,
        ),
        "note": Message(
            ("报告数字与台账不一致：{figures}", "核对正文中的数字与整改台账。"),
            ("Figures in the report text differ from its ledger (整改台账): {figures}", "Check the figures in the text against the ledger."), _figures,
        ),
    },
}
# fmt: on
