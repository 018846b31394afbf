"""Sentences in both languages that are not problems: what the command says around them (COMMAND,
cli/text.py), and how the gate explains each rule (GATE, rules/gate.py)."""

from __future__ import annotations

# fmt: off
COMMAND: dict[str, tuple[str, str]] = {
    # problems and failures
    "error": ("错误", "error"),
    "warning": ("提示", "warning"),
    "how-to-fix": ("怎么改：", "what to do: "),
    "errors-found": (
        "发现 {errors} 处错误，未生成网站；原有网站保持不变。",
        "{errors} error(s) found; nothing was built and the existing site is unchanged.",
    ),
    "errors-found-check": (
        "发现 {errors} 处错误，检查未通过（检查不写入任何文件）。",
        "{errors} error(s) found; the check did not pass (a check writes nothing).",
    ),
    "errors-found-round": (
        "发现 {errors} 处错误，未创建轮次文件。",
        "{errors} error(s) found; no round file was written.",
    ),
    "errors-found-report": (
        "发现 {errors} 处错误，未创建报告。",
        "{errors} error(s) found; no report was written.",
    ),
    "errors-found-withdraw": (
        "发现 {errors} 处错误，未记录撤回；公示记录保持不变。",
        "{errors} error(s) found; the withdrawal was not recorded and the publication record is unchanged.",
    ),
    "config-error": ("配置错误：{error}", "Configuration error: {error}"),
    "build-failed": ("构建失败：{error}", "Build failed: {error}"),
    "site-unchanged": ("原有网站保持不变。", "The existing site is unchanged."),
    # check
    "check-ok": (
        "检查通过：{rounds} 个轮次，{reports} 份报告，没有错误。",
        "Check passed: {rounds} round(s), {reports} report(s), no errors.",
    ),
    "check-gate": (
        "按统计日期 {as_of}：下一批将公示 {publish} 个单位，延后公示 {held} 个，不能公示 {blocked} 个，此前已公示 {public} 个。",
        "As of {as_of}: the next batch would publish {publish} unit(s); {held} held, {blocked} not publishable, "
        "{public} already public.",
    ),
    "check-gate-stopped": (
        "按统计日期 {as_of}，修正错误后：下一批将公示 {publish} 个单位，延后公示 {held} 个，不能公示 {blocked} 个，"
        "此前已公示 {public} 个；{errors} 个单位的报告有错误，修正前不能公示。",
        "As of {as_of}, once the errors are fixed: the next batch would publish {publish} unit(s); {held} held, "
        "{blocked} not publishable, {public} already public; {errors} unit(s) cannot be published until their "
        "report's errors are fixed.",
    ),
    "gate-title": ("公示闸门（统计日期 {as_of}）", "Publication gate (as of {as_of})"),
    "gate-title-stopped": (
        "公示闸门（统计日期 {as_of}；有错误时不会构建，以下是修正错误后闸门的决定）",
        "Publication gate (as of {as_of}; nothing is built while there are errors: this is what it would decide "
        "once they are fixed)",
    ),
    "row-errors": ("报告有错误，修正前不能公示", "Report has errors: fix them first"),
    # build summary
    "summary-title": ("构建结果（统计日期 {as_of}）", "Build summary (as of {as_of})"),
    "batch-written": (
        "已生成第{number}批公示：新公示 {new} 个单位。",
        "Batch {number} published: {new} new unit(s).",
    ),
    "preview": (
        "预览：下一批（第{number}批）将公示 {new} 个单位。用 --batch 正式公示。",
        "Preview: the next batch (batch {number}) would publish {new} unit(s). Use --batch to publish it.",
    ),
    "nothing-new": ("没有新的单位可以公示。", "No new unit can be published."),
    "row-new-batch": ("本批新公示", "Published in this batch"),
    "row-new-preview": ("下一批将公示", "Next batch would publish"),
    "row-public": ("此前已公示", "Already public"),
    "row-held": ("延后公示", "Held (deferred)"),
    "row-blocked": ("不能公示（无会审通过的报告）", "Not publishable (no approved report)"),
    "row-withdrawn": ("已撤回", "Withdrawn"),
    "row-warnings": ("提示", "Warnings"),
    "row-pages": ("页面（重新生成 / 沿用）", "Pages (rendered / reused)"),
    "row-files": ("文件", "Files"),
    "row-qr": ("二维码（新生成 / 沿用）", "QR codes (made / reused)"),
    "row-seconds": ("用时（秒）", "Seconds"),
    "col-what": ("项目", "What"),
    "col-count": ("数量", "Count"),
    "col-unit": ("单位", "Unit"),
    "col-round": ("轮次", "Round"),
    "col-reason": ("原因", "Main reason"),
    "written-to": (
        "网站写到 {output}，内部材料在 {internal}。",
        "Site written to {output}; internal pack in {internal}.",
    ),
    "progress-pages": ("生成页面", "Rendering pages"),
    "signed": (
        "测评链接已签名（密钥取自环境变量 {env}）。",
        "Survey links are signed (key from the environment variable {env}).",
    ),
    "unsigned": (
        "测评链接未签名：没有设置环境变量 {env}。需要防伪造单位编号时，设置它后重新构建。",
        "Survey links are unsigned: {env} is not set. Set it and rebuild if the survey must reject forged unit codes.",
    ),
    # withdraw / verify
    "withdrawn": (
        "已记录撤回：{unit}（{date}）。",
        "Withdrawal of {unit} recorded ({date}).",
    ),
    "withdrawn-rebuilt": (
        "已重新生成网站 {output}（连同内部材料）：该报告的内容已从网站撤下，原网址显示撤回说明。",
        "The site in {output} (and the staff pack) was rebuilt: the report's content is off the site, and its address says it was withdrawn.",
    ),
    "withdrawn-from-record": (
        "其他内容有错误（见上），无法完整构建；已只按公示记录和存档（content/published/）重新生成网站 {output}：该报告的内容已从网站撤下，其余已公示的报告照旧。内部材料未更新：改正上面的错误后运行 gongshi build。",
        "Other content has errors (above), so a full build cannot run; the site in {output} was rebuilt from the publication record and the archive (content/published/) alone: the report's content is off the site, every other published report is as before. The staff pack is not updated: fix the errors above, then run gongshi build.",
    ),
    "withdrawn-no-site": (
        "{output} 中还没有网站，无需撤下；运行 gongshi build 生成网站。",
        "There is no site in {output} yet, so nothing to take down; run gongshi build to make it.",
    ),
    "withdrawn-failed": (
        "但网站未能更新，仍显示该报告：原因见下。处理后立即运行 gongshi build。",
        "But the site could not be updated and still shows the report: see why below. Fix it, then run gongshi build at once.",
    ),
    "verify-added": ("多出的文件", "added"),
    "verify-missing": ("缺少的文件", "missing"),
    "verify-altered": ("被改动的文件", "altered"),
    "verify-failed": (
        "校验失败：网站文件与清单不符。",
        "Verification failed: the site's files do not match its manifest.",
    ),
    "verify-unreadable": ("无法校验：{error}", "Cannot verify: {error}"),
    "keygen-done": (
        "已生成公示记录的签名密钥。\n"
        "  私钥：{private}（只存放在办公室的电脑上并另行备份；不要放进网站文件夹，不要发给别人）\n"
        "  公钥：{public}（与公示记录一起保存、提交）\n"
        "今后运行 gongshi build --batch 或 gongshi withdraw 前，先设置环境变量 GONGSHI_RECORD_KEY={private}。{signed}",
        "The signing key of the publication record was made.\n"
        "  private key: {private} (keep it on the office's computer, with a backup; never in the project, never sent)\n"
        "  public key: {public} (keep and commit it with the record)\n"
        "Before gongshi build --batch or gongshi withdraw, set GONGSHI_RECORD_KEY={private}.{signed}",
    ),
    "keygen-signed": (
        "公示记录的最后一条已用新密钥签名。",
        " The record's last entry is signed with the new key.",
    ),
    "verify-record": ("公示记录", "publication record"),
    "verify-ok": (
        "校验通过：与清单一致（统计日期 {as_of}，第{batch}批）。",
        "Verified: the files match the manifest (as of {as_of}, batch {batch}).",
    ),
    # new
    "new-round-written": (
        "已创建轮次文件 {path}（{units} 个单位）。下一步：gongshi new report --round {round}",
        "Round file {path} created ({units} unit(s)). Next: gongshi new report --round {round}",
    ),
    "new-report-written": ("已创建报告 {path}", "Report {path} created"),
    "new-report-exists": ("已有报告，未改动：{path}", "Report already exists, left as it is: {path}"),
    "new-reports-done": (
        "共创建 {count} 份报告。把“【待填写】”换成实际内容，台账可用 gongshi import-ledger 导入；gongshi check 会列出还没填的地方。",
        '{count} report(s) created. Replace every "【待填写】" (to be filled in); import the ledger with '
        "gongshi import-ledger; gongshi check lists what is still unfilled.",
    ),
    "file-exists": (
        "{path} 已存在，未改动。要重建，请先删除或改名。",
        "{path} already exists and was left as it is. Delete or rename it first to start over.",
    ),
    "unknown-round": (
        "没有轮次“{round}”（找不到 {path}）。先用 gongshi new round 创建。",
        'There is no round "{round}" ({path} not found). Create it with gongshi new round first.',
    ),
    "unknown-unit": (
        "轮次“{round}”中没有单位“{unit}”。可用的单位：{units}。",
        'Round "{round}" has no unit "{unit}". Its units: {units}.',
    ),
    # what a command changed, and how to keep it (cli/keep.py)
    "files-changed": (
        "本次改动了这些文件，请保存好：\n  {files}",
        "These files changed; keep them:\n  {files}",
    ),
    "keep-record": (
        "其中 {record} 是公示记录：它证明哪些报告在哪天公示过，丢失或被改动后网站就无法再构建。每次公示、撤回后都要备份。",
        "{record} is the publication record: the proof of what was published when. If it is lost or altered the site can no longer be built. Back it up after every batch and withdrawal.",
    ),
    "keep-how": (
        "怎么保存：把这些文件复制一份到安全的地方（如单位的共享盘或移动硬盘）；如果用 git 管理网站文件夹，运行 git add {files} 再 git commit。",
        "How to keep them: copy them somewhere safe (the office's shared drive, a backup disk); if the portal's folder is kept with git, run git add {files} and git commit.",
    ),
    "batch-rounds": ("本批只包括这些轮次：{rounds}。", "This batch covers these rounds only: {rounds}."),
    # gongshi init
    "init-done": (
        "已在 {folder} 建好新的公示网站（没有示例内容）。下一步：cd {folder}，然后 gongshi new round 轮次编号 --name 轮次名称 …（轮次文件的写法见 轮次文件示例.toml.txt）。",
        "A new, empty portal is ready in {folder} (no demo content). Next: cd {folder}, then gongshi new round ID --name NAME … (轮次文件示例.toml.txt shows a round file).",
    ),
    "init-not-empty": (
        "{folder} 里已经有网站文件（{files}），没有改动任何文件。",
        "{folder} already holds a portal ({files}); nothing was written.",
    ),
    "init-bad-option": ("{option} 的值不对：{value!r}", "{option} is not valid: {value!r}"),
    "revisits-type": (
        "--revisits {revisits} 只用于回头看：请同时写 --type 回头看（现在是 {type}），或去掉 --revisits。",
        "--revisits {revisits} is for a 回头看 round only: add --type 回头看 (it is {type}), or leave --revisits out.",
    ),
    "paired-options": (
        "{given} 和 {missing} 要一起给出（满意度测评的开始和截止日期）：只给了 {given}，请补上 {missing}，或两个都不写。",
        "{given} and {missing} go together (the survey's first and last day): only {given} was given; add {missing}, or leave both out.",
    ),
    "bad-unit-option": (
        "--unit 应写成 编号=名称，如 edu=市教育局党组：{value}",
        "--unit takes ID=name, e.g. edu=市教育局党组 (the unit's name as published), not: {value}",
    ),
    # import-ledger
    "import-written": (
        "已把 {items} 项台账写入 {report}（正文未改动）。",
        "{items} ledger item(s) written to {report} (the narrative is unchanged).",
    ),
    "import-written-mismatch": (
        "已把 {items} 项台账写入 {report}。正文未改动，但其中的数字与新台账不一致（见上面的提示），请修改正文。",
        "{items} ledger item(s) written to {report}. The narrative was not changed, but its figures now differ from the ledger (see the warning above): correct them.",
    ),
    "import-unchanged": (
        "台账与文件中已有的一致，{report} 未改动。",
        "The ledger is already up to date; {report} unchanged.",
    ),
    "import-dry-run": (
        "以上是将写入 {report} 的 {items} 项台账（试运行，没有写入）。",
        "Above: the {items} ledger item(s) that would be written to {report} (dry run; nothing was written).",
    ),
    "import-failed": (
        "发现 {errors} 处错误，报告未改动。",
        "{errors} error(s) found; the report was not changed.",
    ),
    # import-report
    "import-report-written": (
        "已从 Word 文档写入报告 {report}（台账 {items} 项）。还有 {placeholders} 处“【待填写】”（会审结果、日期、会审单位等），填好后运行 gongshi check。",
        "Report {report} written from the Word document ({items} ledger item(s)). {placeholders} place(s) still read 【待填写】 (the review outcome, date, reviewers and the like): fill them in, then run gongshi check.",
    ),
    "import-report-failed": (
        "发现 {errors} 处错误，没有写入报告。",
        "{errors} error(s) found; no report was written.",
    ),
    # export-ledger
    "export-written": (
        "已把 {report} 的整改台账导出到 {path}。单位更新状态后，用 gongshi import-ledger 导回。",
        "The ledger of {report} was written to {path}. Once the unit has updated the statuses, import it back with gongshi import-ledger.",
    ),
    "export-failed": (
        "发现 {errors} 处错误，没有导出。",
        "{errors} error(s) found; nothing was exported.",
    ),
    "export-suffix": (
        "导出文件要以 .xlsx 结尾：{path}",
        "The file to export to must end in .xlsx: {path}",
    ),
    # serve
    "serve-url": (
        "本地预览：{url}（只在本机；按 Ctrl+C 停止）。不会改动正式网站和公示记录。",
        "Local preview: {url} (this computer only; Ctrl+C to stop). The published site and the record are never touched.",
    ),
    "serve-mode-next": (
        "预览按下一批公示后的样子显示（不写入公示记录）。只看已公示的内容用 --published，看所有报告（含暂缓公示的）用 --all。",
        "The preview shows the site as the next batch would publish it (nothing is recorded). --published shows only what is public now; --all every report, held ones included.",
    ),
    "serve-mode-published": (
        "预览只显示目前已公示的内容；下一批将公示的内容用 gongshi serve（不加 --published）查看。",
        "The preview shows only what is public now; run gongshi serve without --published to see the next batch.",
    ),
    "serve-mode-all": (
        "内部预览：显示所有能生成的报告，包括延后公示和不能公示的，并标明把关结果。只在本机可见，不要截图外传。",
        "Internal preview: every report that can be rendered, held and unapproved ones included, each marked with the gate's outcome. This computer only; do not pass it on.",
    ),
    "serve-hidden": ("未显示：{unit}（{label}）{reason}", "Not shown: {unit} ({label}) {reason}"),
    "serve-hidden-next": (
        "下一批将公示，用 gongshi serve（不加 --published）查看",
        "the next batch would publish it; run gongshi serve without --published",
    ),
    "serve-hidden-round": (
        "它的轮次不在 --round 之列，这一批不公示它",
        "its round is not among --round, so this batch leaves it out",
    ),
    "serve-modes": (
        "--published、--all、--next-batch 只能选一个。",
        "Choose one of --published, --all and --next-batch.",
    ),
    "serve-all-local": (
        "--all 是内部预览，只能在本机（127.0.0.1）查看，不能用 --bind {bind}。",
        "--all is an internal preview, served on this computer (127.0.0.1) only, not with --bind {bind}.",
    ),
    "serve-error-title": ("预览生成失败（{time}）", "The preview could not be built ({time})"),
    "serve-error-next": (
        "改正上面的问题并保存，预览会自动重新生成；这个页面会换成新的预览。",
        "Correct the problems above and save: the preview rebuilds by itself and replaces this page.",
    ),
    "serve-rebuilt": ("{time} 已重新生成（{seconds:.1f} 秒）。", "{time} rebuilt ({seconds:.1f} s)."),
    "serve-search-later": (
        "  搜索索引稍后更新：停止编辑约 1 秒后自动完成，在此之前刚改的内容还搜不到。",
        "  Search catches up a second after you stop editing; until then it does not find the latest edit.",
    ),
    "serve-caught-up": (
        "{time} 搜索索引和内部材料已跟上（{seconds:.1f} 秒）。",
        "{time} search and the staff pack caught up ({seconds:.1f} s).",
    ),
    "serve-search-pending": (
        "搜索索引正在更新：刚保存的修改要过几秒才能搜到。",
        "The search index is being updated: the edit you just saved can be searched in a few seconds.",
    ),
    "serve-failed": (
        "{time} 有错误，预览页面改为显示这些错误，改正后自动重新生成：",
        "{time} there are errors; the preview shows them instead of the site until they are corrected:",
    ),
    "serve-stopped": ("预览已停止。", "Preview stopped."),
    "errors-found-revise": ("发现 {errors} 处错误，未记录修订；公示记录保持不变。", "{errors} error(s) found; the revision was not recorded and the publication record is unchanged."),
    "batch-updated": ("本批发布了 {count} 个已公示单位的整改进展（进展更新）：{units}。", "This batch published the progress of {count} published unit(s) (updates): {units}."),
    "preview-updated": ("下一批次将发布 {count} 个已公示单位的整改进展（进展更新）：{units}。", "The next batch will publish the progress of {count} published unit(s) (updates): {units}."),
    "revised": ("已记录修订：{unit}（{date}），存档 {archive}。重新运行 gongshi build 后生效。", "Revision of {unit} recorded ({date}), archived as {archive}. Run gongshi build for it to take effect."),
}

# The gate's explanation of each rule (rules/gate.py): the public site and the staff pack show the
# Chinese; `gongshi build --lang en` the English.
GATE: dict[str, tuple[str, str]] = {
    "review.returned": ("整改报告{outcome}（{date}）", "report returned for revision ({date})"),
    "review.passed": ("会审通过", "report approved"),
    "report.none": ("未报送整改报告", "no report submitted"),
    "report.unapproved": ("尚无会审通过的整改报告", "no approved report"),
    "report.late": ("超过报送期限 {late} 天{state}", "{state}, {late} days after the due date {due}"),
    "report.due": ("报送期限 {due} 未到", "report due {due}"),
    "overdue": ("{count} 项整改事项逾期未完成（允许 {maximum} 项）", "{count} ledger item(s) overdue (at most {maximum} allowed)"),
    "completion.low": ("整改完成率 {rate}，低于 {minimum}%", "completion rate {rate}, below {minimum}%"),
    "completion.ok": ("整改完成率 {rate}", "completion rate {rate}"),
    "satisfaction.none": ("尚无满意度测评结果", "no satisfaction survey results yet"),
    "satisfaction.open": ("满意度测评尚未结束", "the satisfaction survey is still open"),
    "satisfaction.few": ("测评样本不足（{responses} 份，需 {needed} 份）", "too few survey responses ({responses}, {needed} needed)"),
    "satisfaction.missing-hold": ("{why}，按设置暂缓公示", "{why}; held by setting"),
    "satisfaction.missing-publish": ("{why}，按设置不作为延后理由", "{why}; not a reason to hold, by setting"),
    "satisfaction.low": ("群众满意率 {rate}（{responses} 份），低于 {minimum}%", "satisfaction {rate} ({responses} responses), below {minimum}%"),
    "satisfaction.ok": ("群众满意率 {rate}（{responses} 份）", "satisfaction {rate} ({responses} responses)"),
    "consistency.differ": ("报告数字与台账不一致：{stated}", "figures in the report text differ from its ledger (整改台账): {stated}"),
    "consistency.ok": ("报告数字与台账一致", "figures in the report text match its ledger"),
    "not-due": ("报告尚未报送（报送期限 {due}）", "no report yet (due {due})"),
}
# fmt: on
