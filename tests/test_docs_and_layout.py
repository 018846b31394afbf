"""Docs that cannot drift, and the layering of the package: folders import one way only."""

import ast
import re
import sys
from importlib.metadata import packages_distributions, requires
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "generator" / "gongshi"
COMMAND_LINE = PACKAGE / "cli"  # the command line layer: the only code that prints
PLUGIN = REPO / "plugins" / "gongshi_portal"

# The package's folders, lowest layer first: a folder imports only from itself and those before it.
LAYERS = ("infra", "problems", "config", "content", "rules", "surveys", "site", "authoring", "build", "cli")
DOMAIN = ("infra", "problems", "config", "content", "rules", "surveys")
RENDERING = {"pelican", "jinja2", "markupsafe", "feedgenerator"}
TERMINAL = {"click", "rich"}
FORBIDDEN = {
    **{folder: RENDERING | TERMINAL for folder in DOMAIN},
    "site": {"pelican", "jinja2"} | TERMINAL,  # site may mark markup safe and write feeds
    "authoring": RENDERING | TERMINAL,
    "build": {"pelican", "jinja2"} | TERMINAL,  # but build/pelican_adapter.py, the one door to Pelican
    "cli": {"pelican", "jinja2"},
}
MODULES = sorted(p for p in PACKAGE.rglob("*.py") if "__pycache__" not in p.parts)


def imports(module: Path) -> set[str]:
    """Every module named by an import in `module`, at any depth (lazy imports included)."""
    tree = ast.parse(module.read_text(encoding="utf-8"))
    found = {alias.name for node in ast.walk(tree) if isinstance(node, ast.Import) for alias in node.names}
    found |= {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
    assert not any(isinstance(n, ast.ImportFrom) and n.level for n in ast.walk(tree)), "absolute imports only"
    return found


def folder_of(module: Path) -> str | None:
    parts = module.relative_to(PACKAGE).parts
    return parts[0] if len(parts) > 1 else None


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_no_folder_imports_upward(module):
    folder = folder_of(module)
    if folder is None:  # gongshi/__init__.py: the front door imports no room
        assert not {m for m in imports(module) if m.startswith("gongshi.")}
        return
    assert folder in LAYERS, f"{folder}/ is not in the layer list of this test and docs/internals.md"
    rank = LAYERS.index(folder)
    for name in imports(module):
        if name.startswith("gongshi."):
            used = name.split(".")[1]
            assert used in LAYERS and LAYERS.index(used) <= rank, f"{folder}/ imports {name} (upward)"


@pytest.mark.parametrize("module", MODULES, ids=lambda p: str(p.relative_to(PACKAGE)))
def test_domain_imports_no_rendering_and_only_the_adapter_imports_pelican(module):
    folder = folder_of(module)
    top = {name.split(".")[0] for name in imports(module)}
    forbidden = set(FORBIDDEN.get(folder, RENDERING | TERMINAL))
    if module.name == "pelican_adapter.py" and folder == "build":
        forbidden -= {"pelican", "jinja2"}
    assert not top & forbidden, f"{module.relative_to(PACKAGE)} imports {sorted(top & forbidden)}"


def declared_dependencies() -> set[str]:
    """The distributions pyproject.toml names, with those its extras (pagefind[extended]) bring."""
    lines = (REPO / "pyproject.toml").read_text(encoding="utf-8").split("dependencies = [", 1)[1]
    declared = set()
    for line in lines.split("]\n", 1)[0].splitlines():
        match = re.match(r'\s*"([A-Za-z0-9_.-]+)(?:\[([a-z,]+)\])?', line)
        if match:
            name, extras = match.group(1), (match.group(2) or "").split(",")
            declared.add(name.lower().replace("_", "-"))
            for requirement in requires(name) or []:
                marker = re.search(r"extra == [\"']([a-z-]+)", requirement)
                if marker and marker.group(1) in extras:
                    declared.add(re.split(r"[=<>;\[ ]", requirement)[0].lower().replace("_", "-"))
    return declared


def test_every_library_imported_is_a_declared_dependency():
    declared = declared_dependencies()
    distributions = packages_distributions()
    missing = set()
    for module in [*MODULES, *PLUGIN.rglob("*.py")]:
        for name in imports(module):
            top = name.split(".")[0]
            if top in sys.stdlib_module_names or top == "gongshi":
                continue
            owners = {d.lower().replace("_", "-") for d in distributions.get(top, [top])}
            if not owners & declared:
                missing.add(f"{top} ({module.name})")
    assert not missing, f"imported but not in pyproject.toml's dependencies: {sorted(missing)}"


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


def test_every_test_the_security_page_names_exists():
    """docs/security.md names the test that holds each answer to an attack: the names cannot drift."""
    table = (REPO / "docs" / "security.md").read_text(encoding="utf-8").split("## Attacks tried", 1)[1]
    named = set(re.findall(r"`(test_[a-z0-9_]+)`", table))
    defined = {
        name
        for path in (REPO / "tests").rglob("test_*.py")
        for name in re.findall(r"^def (test_[a-z0-9_]+)", path.read_text(encoding="utf-8"), re.M)
    }
    assert len(named) >= 15 and sorted(named - defined) == []


def test_every_test_folder_is_collected(request):
    """pytest skips folders matching `norecursedirs`, by default every one named "build": the
    tests of the build room were never run until the setting was made explicit."""
    import fnmatch

    skipped = request.config.getini("norecursedirs")
    folders = [p for p in (REPO / "tests").rglob("*") if p.is_dir() and p.name != "__pycache__"]
    assert folders
    assert [
        p.relative_to(REPO).as_posix() for p in folders if any(fnmatch.fnmatch(p.name, g) for g in skipped)
    ] == []
