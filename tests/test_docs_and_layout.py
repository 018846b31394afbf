"""Docs that cannot drift, and the one-way dependency from plugin to domain."""

import ast
from pathlib import Path

import pytest

from gongshi.settings import SETTINGS

REPO = Path(__file__).resolve().parent.parent
PELICAN_FREE = sorted(
    p for p in (REPO / "generator" / "gongshi").glob("*.py") if p.name not in {"runner.py", "cli.py"}
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
    for module in (REPO / "generator" / "gongshi").glob("*.py"):
        if module.name == "cli.py":
            continue
        calls = [
            n
            for n in ast.walk(ast.parse(module.read_text(encoding="utf-8")))
            if isinstance(n, ast.Call) and getattr(n.func, "id", "") == "print"
        ]
        assert not calls, module.name
