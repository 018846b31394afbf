"""Indexing shards with Pagefind: Chinese segmented into words, the same bytes every time, failures named."""

from __future__ import annotations

import subprocess
import sys
import time

import pytest

from gongshi.build import search
from gongshi.infra.staging import Stage
from gongshi.problems.errors import BuildError

PAGE = """<!DOCTYPE html><html lang="zh-CN"><head><meta charset="utf-8"><title>{title}</title></head>
<body><nav>跳到正文</nav><main data-pagefind-body><h1>{title}</h1><p>{text}</p></main></body></html>
"""
PAGES = {
    "method.html": ("计算方法", "整改完成率按已完成事项计算。"),
    "rounds/2025-r1.html": ("第一轮巡察", "本轮巡察共有两个单位。"),
    "rounds/2025-r1/yunshan.html": ("云山街道党工委", "云山街道党工委公车管理制度执行不严，已修订管理办法。"),
    "rounds/2025-r1/edu.html": ("市教育局党组", "机关食堂经费使用不规范，已开展专项审计。"),
    "rounds/2025-r2.html": ("第二轮巡察", "本轮巡察共有一个单位。"),
    "rounds/2025-r2/water.html": ("市水务局党组", "农村饮水安全工程验收滞后，已建立月度调度制度。"),
}
WEIGHTS = dict.fromkeys(("2025-r1", "2025-r2"), search.MIN_SHARD * 2 // 3)  # too heavy to share a shard


def stage_of(root):
    for path, (title, text) in PAGES.items():
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_text(PAGE.format(title=title, text=text), encoding="utf-8")
    stage = Stage(root, root.parent / "published", {})
    stage.complete()
    return stage


def files(folder):
    return {
        p.relative_to(folder).as_posix(): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    root = tmp_path_factory.mktemp("service") / "site"
    stage = stage_of(root)
    result = search.index_site(stage, list(PAGES), WEIGHTS)
    return root, stage, result


def test_every_shard_is_indexed_and_chinese_is_segmented_into_words(indexed):
    root, stage, result = indexed
    assert (result.shards, result.indexed) == (3, 3)
    words = search.words_of(root / "pagefind")
    assert words["街道"] == ["r00"] and words["公车"] == ["r00"] and words["饮水"] == ["r01"]
    assert words["计算"] == ["site"] and words["食堂"] == ["r00"]
    assert "跳到正文" not in "".join(text for _, text in search.bundle_texts(root / "pagefind"))
    assert (root / "pagefind/site/pagefind.js").is_file() and not (root / "pagefind/r00/pagefind.js").exists()
    assert {p for p in stage.files if p.startswith("pagefind/r01/")} == {
        p.relative_to(root).as_posix() for p in (root / "pagefind/r01").rglob("*") if p.is_file()
    }


def test_a_shard_is_byte_for_byte_what_the_pagefind_cli_makes_of_the_same_pages(indexed, tmp_path):
    """So the vocabulary, and every file a browser fetches, is as it was when the CLI indexed shards."""
    root, _, _ = indexed
    for name, paths in search.plan_shards(PAGES, WEIGHTS).items():
        glob = "{" + ",".join(paths) + "}" if len(paths) > 1 else paths[0]
        out = tmp_path / name
        command = [str(search.pagefind_executable()), "--site", str(root), "--output-path", str(out)]
        subprocess.run([*command, "--glob", glob, "--keep-index-url", "--silent"], check=True, timeout=120)
        for unused in search.UNUSED + (() if name == search.SITE_SHARD else search.ENGINE):
            (out / unused).unlink(missing_ok=True)
        (out / search.WORDS_FILE).write_text(
            "".join(w + "\n" for w in search.vocabulary(out)), encoding="utf-8"
        )
        assert files(out) == files(root / "pagefind" / name), name


def test_indexing_the_same_pages_again_gives_the_same_bytes(indexed, tmp_path):
    root, _, _ = indexed
    again = stage_of(tmp_path / "site")
    search.index_site(again, list(PAGES), WEIGHTS)
    assert files(tmp_path / "site" / "pagefind") == files(root / "pagefind")


def fake_pagefind(tmp_path, monkeypatch, body):
    """A stand-in for Pagefind's binary: a Python script."""
    script = tmp_path / "pagefind"
    script.write_text(f"#!{sys.executable}\nimport sys\n{body}\n", encoding="utf-8")
    script.chmod(0o755)
    monkeypatch.setattr(search, "pagefind_executable", lambda: script)


def failure(tmp_path):
    stage = stage_of(tmp_path / "site")
    with pytest.raises(BuildError) as raised:
        search.index_site(stage, list(PAGES), WEIGHTS)
    return raised.value


def test_pagefind_failing_is_an_error_naming_the_shard_with_what_it_said(tmp_path, monkeypatch):
    fake_pagefind(
        tmp_path, monkeypatch, "sys.stderr.write('thread main panicked: out of memory')\nsys.exit(101)"
    )
    error = failure(tmp_path)
    assert error.code == "build.pagefind" and "exit 101" in str(error) and "out of memory" in str(error)
    assert any(f"{name}: " in str(error) for name in ("site", "r00", "r01"))


def test_pagefind_saying_bytes_that_are_no_text_is_still_an_error_not_a_traceback(tmp_path, monkeypatch):
    fake_pagefind(tmp_path, monkeypatch, "sys.stderr.buffer.write(b'\\xff\\xfe GBK?')\nsys.exit(3)")
    error = failure(tmp_path)
    assert error.code == "build.pagefind" and "exit 3" in str(error) and "GBK?" in str(error)


def test_pagefind_that_never_ends_is_stopped(tmp_path, monkeypatch):
    fake_pagefind(tmp_path, monkeypatch, "import time\ntime.sleep(60)")
    monkeypatch.setattr(search, "TIMEOUT", 1)
    started = time.perf_counter()
    error = failure(tmp_path)
    assert error.code == "build.pagefind" and "timed out" in str(error)
    assert time.perf_counter() - started < 10


def test_without_the_extended_build_the_error_says_how_to_install_it(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "pagefind_bin_extended", None)
    error = failure(tmp_path)
    assert error.code == "build.pagefind-missing" and "pagefind[extended]" in error.text("en")[1]
