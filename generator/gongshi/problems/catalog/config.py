"""Configuration errors that stop a run: the settings file, the settings, withdraw and verify."""

from __future__ import annotations

from gongshi.problems.phrasing import _OUTSIDE_OUTPUT, Message

# fmt: off
ERRORS: dict[str, Message] = {
    # the settings file itself (runner.load_settings) and the content folder it names (cli)
    "config.missing": Message(
        ("找不到配置文件 {config}。", "在网站项目文件夹中运行 gongshi，或用 --config 指定配置文件。"),
        ("Configuration file not found: {config}.", "Run gongshi in the project folder, or name the file with --config."),
    ),
    "config.unloadable": Message(
        ("配置文件 {config} 无法加载：{error}", "改正文件中的错误（它是 Python 文件，注意引号、括号和缩进）后重新运行。"),
        ("The configuration file {config} cannot be loaded: {error}", "Correct the mistake in the file (it is Python: check quotes, brackets and indentation) and run again."),
    ),
    "config.plugin": Message(
        ("{config} 的 PLUGINS 中没有“{plugin}”：不加载它，整改报告就不经把关。", "在 PLUGINS 中加上它：PLUGINS = [\"{plugin}\"]。"),
        ('PLUGINS in {config} does not include "{plugin}": without it nothing would be gated.', 'Add it: PLUGINS = ["{plugin}"].'),
    ),
    "config.plain-pelican": Message(
        ("这是 Gongshi 公示网站，不能直接用 pelican 生成：那样会跳过内容检查、公示把关和公示记录。", "改用 gongshi build（预览用 gongshi serve）。"),
        ("This is a Gongshi portal and cannot be built with plain pelican: that would skip validation, the publication gate and the record.", "Use gongshi build (or gongshi serve for a preview)."),
    ),
    "config.content-folder": Message(
        ("无法创建 {config} 中 PATH 指定的内容文件夹 {folder}：{error}", "检查 PATH 设置，以及是否有权限在那里新建文件夹。"),
        ("The content folder {folder} (PATH in {config}) cannot be created: {error}", "Check the PATH setting, and that you may create a folder there."),
    ),
    # what a run found in the content (errors.ContentError)
    "content.errors": Message(
        ("发现 {errors} 处内容错误。", "按上面列出的文件、行号逐条改正后重新运行。"),
        ("{errors} content error(s) found.", "Correct each problem listed above, at its file and line, and run again."),
    ),
    # gongshi build --batch --round (build.prepare)
    "batch.unknown-round": Message(
        ("--round 指定的轮次不存在：{rounds}。", "已有的轮次：{known}。检查轮次编号（即 content/rounds/ 下的文件名，不含 .toml）。"),
        ("No such round for --round: {rounds}.", "The rounds are: {known}. Check the round ID (the file name under content/rounds/, without .toml)."),
    ),
    # gongshi withdraw (runner.withdraw)
    "withdraw.not-published": Message(
        ("轮次“{round}”单位“{unit}”没有公示，无需撤回。", "检查轮次和单位编号；只有已公示的报告才能撤回。"),
        ('Round "{round}", unit "{unit}" is not published, so there is nothing to withdraw.', "Check the round and unit IDs; only a published report can be withdrawn."),
    ),
    "withdraw.no-reason": Message(
        ("撤回公示必须写明原因。", "用 --reason 写明原因；原因会公开显示。"),
        ("A withdrawal needs a reason.", "Give it with --reason; it is shown publicly."),
    ),
    "withdraw.control": Message(
        ("撤回理由含有看不见的控制字符 {chars}（多是从 Word 粘贴带来的），没有记录撤回。", "重新输入撤回理由，不要从 Word 粘贴换行。"),
        ("The reason holds invisible control character(s) {chars} (usually pasted from Word); nothing was recorded.", "Type the reason again, without line breaks pasted from Word."),
    ),
    # gongshi revise (runner.revise)
    "revise.not-published": Message(
        ("轮次“{round}”单位“{unit}”没有公示，无需修订。", "检查轮次和单位编号；未公示的报告直接修改，下一批次按修改后的内容公示。"),
        ('Round "{round}", unit "{unit}" is not published, so there is nothing to revise.', "Check the round and unit IDs; a report not yet published is simply edited, and the next batch publishes it as it stands."),
    ),
    "revise.no-reason": Message(
        ("发布修订必须写明原因。", "用 --reason 写明原因；原因会公开显示。"),
        ("A revision needs a reason.", "Give it with --reason; it is shown publicly."),
    ),
    "revise.control": Message(
        ("修订原因含有看不见的控制字符 {chars}（多是从 Word 粘贴带来的），没有记录修订。", "重新输入修订原因，不要从 Word 粘贴换行。"),
        ("The reason holds invisible control character(s) {chars} (usually pasted from Word); nothing was recorded.", "Type the reason again, without line breaks pasted from Word."),
    ),
    "revise.unchanged": Message(
        ("轮次“{round}”单位“{unit}”的报告与已公示的版本相同，没有可发布的修订。", "先修改报告文件 {path}，再运行 gongshi revise。"),
        ('The report of round "{round}", unit "{unit}" is the same as its published version: there is no revision to publish.', "Edit the report file {path} first, then run gongshi revise."),
    ),
    # gongshi verify (manifest.py)
    "verify.manifest": Message(
        ("无法读取清单 {path}：{error}", "确认这是 gongshi build 生成的公开网站文件夹（其中有 manifest.json）。"),
        ("No readable manifest at {path}: {error}", "Check that this is a public site folder written by gongshi build (it holds manifest.json)."),
    ),
    # GONGSHI_* settings in pelicanconf.py (settings.py)
    "setting.unknown": Message(
        ("pelicanconf.py 中有不认识的设置：{unknown}。", "检查拼写；可用的设置：{known}。"),
        ("Unknown setting(s) in pelicanconf.py: {unknown}.", "Check the spelling. Known: {known}."),
    ),
    "setting.value": Message(
        ("pelicanconf.py 中的 {name} = {value} 不对，应为：{expect}。", "改正这个值；每项设置的说明见 docs/settings.md。"),
        ("{name} = {value} in pelicanconf.py: expected {expect}.", "{help} See docs/settings.md."),
    ),
    # the office's signing key (rules/signing.py)
    "record.key-missing": Message(
        ("本网站的公示记录要签名，但没有设置环境变量 {env}（私钥文件的路径），没有写入公示记录。", "设置 {env} 为 gongshi keygen 生成的私钥文件路径后重新运行；私钥只存放在办公室的电脑上，不放进网站文件夹。"),
        ("This portal signs its record, but {env} (the path of the private key file) is not set; nothing was recorded.", "Set {env} to the private key file gongshi keygen made, and run again; the key stays on the office's computer, never in the project folder."),
    ),
    "record.key-unreadable": Message(
        ("无法读取私钥文件 {path}：{error}", "检查 GONGSHI_RECORD_KEY 指向的文件是否是 gongshi keygen 生成的私钥。"),
        ("The private key file {path} cannot be read: {error}", "Check that GONGSHI_RECORD_KEY names the private key gongshi keygen made."),
    ),
    "record.key-mismatch": Message(
        ("私钥文件 {path} 与 content/{public} 中的公钥不配对。", "用生成这个公钥时的私钥（从备份恢复）。私钥一旦丢失，已签名的记录无法续签，请联系维护人员。"),
        ("The private key {path} does not belong to the public key in content/{public}.", "Use the private key made with that public key (restore it from its backup). A lost key cannot sign on: contact the maintainers."),
    ),
    "keygen.exists": Message(
        ("本网站已有公钥 {public}，不再生成新密钥。", "继续使用原来的私钥（GONGSHI_RECORD_KEY 指向它）；换钥匙会让已签名的记录无法核对。"),
        ("This portal already has a public key, {public}; no new key was made.", "Keep using the private key made with it (GONGSHI_RECORD_KEY names it); a new key would leave the signed record unverifiable."),
    ),
    "keygen.inside": Message(
        ("私钥不能放在网站文件夹里（{path}）：它会被一起提交或复制。", "用 --key 指定网站文件夹之外的位置，如 ~/.gongshi/。"),
        ("The private key must not be kept inside the project ({path}): it would be committed or copied with it.", "Name a place outside the project with --key, e.g. ~/.gongshi/."),
    ),
    # one build at a time (build/lock.py)
    "lock.busy": Message(
        ("另一个构建正在进行（{owner}），等了 {wait} 秒仍未结束。", "等它结束后再运行；若确定没有其他构建在运行（例如电脑重启过），删除锁文件 {lock} 后重试。"),
        ("Another build is running ({owner}); it had not finished after {wait} seconds.", "Run again once it has finished; if you are sure none is running (the computer was restarted, say), delete the lock file {lock} and try again."),
    ),
    "lock.folder": Message(
        ("无法创建缓存文件夹 {folder}：{error}", "检查 GONGSHI_CACHE_PATH 设置，以及是否有权限在那里新建文件夹。"),
        ("The cache folder {folder} cannot be created: {error}", "Check the GONGSHI_CACHE_PATH setting, and that you may create a folder there."),
    ),
    # dates a command is asked to record (build/runner.py)
    "as-of.future": Message(
        ("统计日期 {as_of} 晚于今天（北京时间 {today}）：写入公示记录后，在那一天之前的每次构建都会失败。", "检查日期是否输错；确实要按将来的日期记录时，加上 --future-date。"),
        ("The as-of date {as_of} is later than today ({today}, Beijing time): once recorded, every build before that day would fail.", "Check the date for a typo; to record a future date on purpose, add --future-date."),
    ),
    # output folders a build would replace (build/folders.py): nothing is written or removed
    "output.protected": Message(
        ("{setting} 指向 {folder}：它是（或包含）项目文件夹、content、主题、插件、.git、缓存、主目录或根目录，构建会把它整个替换掉。", "改用专门的输出文件夹，如 output/；什么都没有写入或删除。"),
        ("{setting} names {folder}: it is (or holds) the project, its content, theme, plugins, .git, cache, the home folder or /, and a build replaces its folder wholesale.", "Name a folder of its own, e.g. output/; nothing was written or removed."),
    ),
    "output.foreign": Message(
        ("{setting} 指向 {folder}：这个文件夹不是空的，也不是以前生成的网站（没有 Gongshi 的清单文件），构建会删除其中的文件。", "改用新的或空的文件夹；若确实要用它，先自己清空。什么都没有写入或删除。"),
        ("{setting} names {folder}: the folder is neither empty nor an earlier Gongshi output (it has no Gongshi manifest), and a build would delete what it holds.", "Name a new or empty folder; to use this one, empty it yourself first. Nothing was written or removed."),
    ),
    "output.file": Message(
        ("{setting} 指向 {folder}：这是一个文件，不是文件夹。", "改用一个文件夹的路径。"),
        ("{setting} names {folder}: it is a file, not a folder.", "Name a folder."),
    ),
    "output.unreadable": Message(
        ("{setting} 指向 {folder}：无法读取这个文件夹的内容。", "检查文件夹的权限，或改用其他文件夹。"),
        ("{setting} names {folder}: its contents cannot be read.", "Check the folder's permissions, or name another folder."),
    ),
    "setting.internal-in-output": Message(
        ("GONGSHI_INTERNAL_PATH（{internal}）在 OUTPUT_PATH（{output}）之内：内部材料会被公开发布。", _OUTSIDE_OUTPUT[0]),
        ("GONGSHI_INTERNAL_PATH ({internal}) lies inside OUTPUT_PATH ({output}): the internal pack would be published.", _OUTSIDE_OUTPUT[1]),
    ),
    "setting.cache-in-output": Message(
        ("GONGSHI_CACHE_PATH（{cache}）在 OUTPUT_PATH（{output}）之内，缓存会被公开发布。", _OUTSIDE_OUTPUT[0]),
        ("GONGSHI_CACHE_PATH ({cache}) lies inside OUTPUT_PATH ({output}): the cache would be published.", _OUTSIDE_OUTPUT[1]),
    ),
    "setting.file": Message(
        ("pelicanconf.py 中的 {name} = {value} 不是本机上的文件（找的是 {path}）。", "填写相对于项目文件夹的本地图片路径；图片由网站自己提供，不从其他网站引用。"),
        ("{name} = {value} in pelicanconf.py is not a file on this machine (looked for {path}).", "Give the path of a local image, relative to the project folder; the site serves it itself, never from another host."),
    ),
}

# Warnings about the settings, listed with the content's problems (runner.prepare).
CATALOG: dict[str, Message | dict[str, Message]] = {
    "site.gov-missing": Message(
        ("GONGSHI_GOV_SITE = True，但政府网站页脚必备的以下项目没有设置：{missing}。", "在 pelicanconf.py 中设置这些项目（见 docs/settings.md“政府网站标识”）；不是政府网站就设 GONGSHI_GOV_SITE = False。"),
        ("GONGSHI_GOV_SITE = True, but these items a government website's footer must carry are not set: {missing}.", "Set them in pelicanconf.py (see docs/settings.md, government-site identity); for a site that is not a government website set GONGSHI_GOV_SITE = False."),
    ),
}
# fmt: on
