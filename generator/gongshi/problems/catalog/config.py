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
    "config.content-folder": Message(
        ("无法创建 {config} 中 PATH 指定的内容文件夹 {folder}：{error}", "检查 PATH 设置，以及是否有权限在那里新建文件夹。"),
        ("The content folder {folder} (PATH in {config}) cannot be created: {error}", "Check the PATH setting, and that you may create a folder there."),
    ),
    # what a run found in the content (errors.ContentError)
    "content.errors": Message(
        ("发现 {errors} 处内容错误。", "按上面列出的文件、行号逐条改正后重新运行。"),
        ("{errors} content error(s) found.", "Correct each problem listed above, at its file and line, and run again."),
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
