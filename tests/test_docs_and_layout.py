"""Docs that cannot drift, and the one-way dependency from plugin to domain."""

import ast
from pathlib import Path

import pytest

from gongshi.config.settings import SETTINGS

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator" / "gongshi"
COMMAND_LINE = PACKAGE / "cli"  # the command line layer: the only code that prints
PELICAN_FREE = sorted(
    p for p in PACKAGE.rglob("*.py") if p.name != "runner.py" and COMMAND_LINE not in p.parents
)


@pytest.mark.parametrize("setting", SETTINGS, ids=lambda s: s.name)
def test_every_setting_is_documented_and_set_in_the_demo_config(setting):
    assert f"`{setting.name}`" in (REPO / "docs" / "settings.md").read_text(encoding="utf-8")
    if setting.name != "GONGSHI_AS_OF":
        assert setting.name in (REPO / "pelicanconf.py").read_text(encoding="utf-8")


@pytest.mark.parametrize("module", PELICAN_FREE, ids=lambda p: p.name)
def test_domain_modules_import_no_pelican_jinja_or_click(module):
    tree = ast.parse(module.read_text(encoding="utf-8"))
    imported = {
        alias.name.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.Import)
        for alias in node.names
    }
    imported |= {
        node.module.split(".")[0]
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom) and node.module and node.level == 0
    }
    assert not imported & {"pelican", "jinja2", "click", "rich"}, module.name


def test_no_print_outside_the_command_line_module():
    for module in PACKAGE.rglob("*.py"):
        if COMMAND_LINE in module.parents:
            continue
        calls = [
            n
            for n in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"
        ]
        assert not calls, module.name
