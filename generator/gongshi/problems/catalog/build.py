"""A build that broke after validation: the published site is left as it was."""

from __future__ import annotations

from gongshi.problems.phrasing import Message

# fmt: off
ERRORS: dict[str, Message] = {
    # a build that broke after validation (errors.BuildError): the published site is left as it was
    "build.changed": Message(
        ("{path} 在构建过程中被修改了。", "等文件保存完毕后重新构建。"),
        ("{path} changed while the site was being built.", "Build again once the file is saved."),
    ),
    "build.unreadable": Message(
        ("构建过程中无法再次读取 {path}。", "检查文件是否被移走或改了权限，然后重新构建。"),
        ("{path} could not be read again while the site was being built.", "Check that the file was not moved and may be read, then build again."),
    ),
    "build.pelican": Message(
        ("Pelican 运行失败：{error}", "这通常是主题模板或插件的问题。请把这条信息发给维护人员。"),
        ("Pelican failed: {error}", "This is usually a theme template or plugin problem. Send this message to the maintainers."),
    ),
    "build.filesystem": Message(
        ("无法写入 {path}：{error}", "检查这个文件夹是否存在、是否可写、磁盘是否已满；改正后重新构建。"),
        ("Cannot write {path}: {error}", "Check that the folder exists and may be written to, and that the disk is not full; then build again."),
    ),
    "build.pelican-log": Message(
        ("Pelican 报告了问题：\n  {problems}", "请把这条信息发给维护人员。"),
        ("Pelican reported problems:\n  {problems}", "Send this message to the maintainers."),
    ),
    "build.pagefind-missing": Message(
        ("站内搜索需要 Pagefind 扩展版：{error}", "重新安装依赖：pip install -e . （pyproject.toml 固定了 pagefind[extended] 的版本）。"),
        ("Search needs Pagefind's extended build: {error}", "Install the dependencies again: pip install -e . (pyproject.toml pins pagefind[extended])."),
    ),
    "build.pagefind": Message(
        ("Pagefind 建立搜索索引失败：{error}", "重新构建；仍然失败请把这条信息发给维护人员。"),
        ("Pagefind could not build the search index: {error}", "Build again; if it fails again, send this message to the maintainers."),
    ),
    "build.pagefind-format": Message(
        ("无法读取 Pagefind 索引文件 {path}：{error}", "检查 pagefind 的版本是否是 pyproject.toml 固定的版本。"),
        ("The Pagefind index file {path} cannot be read: {error}", "Check that pagefind is the version pyproject.toml pins."),
    ),
}
# fmt: on
