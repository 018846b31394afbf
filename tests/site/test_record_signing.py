"""Nothing forged: the record is signed with the office's key, and a site is only replaced by a record
that holds what it published."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from factories import make_project, report_text, round_text

from gongshi.build.keygen import keygen
from gongshi.build.manifest import verify
from gongshi.build.runner import build, check
from gongshi.problems.errors import ConfigError, ContentError, ProblemLog
from gongshi.rules.record import PublishedUnit, append_batch, dumps, parse_record
from gongshi.rules.signing import KEY_ENV, new_key, read_public_key, signer_from_pem

AS_OF = dt.date(2025, 10, 1)
UNITS = {"edu": "市教育局党组", "water": "市水务局党组", "market": "市市场监管局党组"}


def project(tmp_path):
    reports = {"2025-r1/edu.md": report_text()}
    return make_project(tmp_path / "portal", {"2025-r1": round_text(units=UNITS)}, reports)


def record_path(config):
    return config.parent / "content" / "publication-record.jsonl"


def publish(config, unit, name, as_of=AS_OF):
    report = report_text(Unit=unit, Unit_Name=name)
    (config.parent / "content" / "reports" / "2025-r1" / f"{unit}.md").write_text(report, encoding="utf-8")
    return build(config, as_of=as_of, batch=True)


def test_parse_record_checks_every_signature_against_the_public_key():
    pem, public_text = new_key()
    signer, public = signer_from_pem(pem), read_public_key(public_text)
    unit = PublishedUnit("2025-r1", "edu", "市教育局党组")
    record = append_batch(
        append_batch(
            __import__("gongshi.rules.record", fromlist=["Record"]).Record(), AS_OF, [unit], 0
        ).signed(signer),
        AS_OF,
        [unit],
        1,
    ).signed(signer)
    assert parse_record(dumps(record), ProblemLog("r", []), public) == record
    forged = append_batch(
        record, AS_OF, [PublishedUnit("2025-r1", "water", "市水务局党组")], 0
    )  # appended, unsigned
    problems = []
    assert parse_record(dumps(forged), ProblemLog("r", problems), public) is None
    assert [(p.line, p.code) for p in problems] == [(3, "record.unsigned")]
    other = signer_from_pem(new_key()[0])  # someone else's key, chain recomputed
    problems = []
    assert parse_record(dumps(forged.signed(other)), ProblemLog("r", problems), public) is None
    assert [(p.line, p.code) for p in problems] == [(3, "record.signature")]
    problems = []
    assert parse_record(dumps(record), ProblemLog("r", problems), None) is None  # the key file went missing
    assert {p.code for p in problems} == {"record.signed-without-key"}


def test_a_portal_with_a_key_signs_every_batch_and_refuses_a_forged_one(tmp_path, monkeypatch):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)  # batch 1, before the office made its key
    made = keygen(config, tmp_path / "keys" / "office.key")
    assert made.private == (tmp_path / "keys" / "office.key").resolve() and made.signed == 1
    assert (made.private.stat().st_mode & 0o777) == 0o600
    assert made.public == config.parent / "content" / "record-key.pub"
    assert '"sig":' in record_path(config).read_text(encoding="utf-8").splitlines()[-1]
    with pytest.raises(ConfigError) as caught:  # a batch needs the private key
        publish(config, "water", "市水务局党组")
    assert caught.value.code == "record.key-missing"
    assert record_path(config).read_text(encoding="utf-8").count("\n") == 1
    monkeypatch.setenv(KEY_ENV, str(made.private))
    publish(config, "water", "市水务局党组")
    lines = record_path(config).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and all('"sig":' in line for line in lines)
    output = config.parent / "output"
    assert (output / "record" / "record-key.pub").read_text() == made.public.read_text()
    assert (output / "record" / "publication-record.jsonl").read_text() == record_path(config).read_text()
    assert verify(output).ok
    # someone appends a unit to the record by hand, recomputing the chain: refused, with the line
    unsigned = append_batch(
        parse_record(record_path(config).read_text(), ProblemLog("r", []), read_public_key(made.public.read_text())),
        AS_OF, [PublishedUnit("2025-r1", "market", "市市场监管局党组")], 0,
    )  # fmt: skip
    record_path(config).write_text(dumps(unsigned), encoding="utf-8")
    with pytest.raises(ContentError) as forged:
        check(config, AS_OF)
    assert [(p.path, p.line, p.code) for p in forged.value.problems] == [
        ("content/publication-record.jsonl", 3, "record.unsigned")
    ]


def test_verify_finds_a_published_record_that_was_tampered_with(tmp_path, monkeypatch):
    config = project(tmp_path)
    made = keygen(config, tmp_path / "office.key")
    monkeypatch.setenv(KEY_ENV, str(made.private))
    build(config, as_of=AS_OF, batch=True)
    output = config.parent / "output"
    assert verify(output).ok
    published = output / "record" / "publication-record.jsonl"
    published.write_text(published.read_text().replace("市教育局党组", "市教育局党委"), encoding="utf-8")
    result = verify(output)
    assert not result.ok and "record/publication-record.jsonl" in result.altered
    assert [p.code for p in result.record] == ["record.altered"]


@pytest.mark.slow
def test_a_record_cut_short_cannot_replace_the_site_without_a_reason_the_site_keeps(tmp_path):
    config = project(tmp_path)
    build(config, as_of=AS_OF, batch=True)
    publish(config, "water", "市水务局党组")
    first_line = record_path(config).read_text(encoding="utf-8").splitlines()[0] + "\n"
    record_path(config).write_text(first_line, encoding="utf-8")  # batch 2 silently gone
    internal_copy = config.parent / "internal" / "publication-record.jsonl"
    internal_copy.unlink()  # and the staff pack's copy with it: only the deployed site remembers
    before = (config.parent / "output" / "manifest.json").read_bytes()
    with pytest.raises(ContentError) as caught:
        build(config, as_of=AS_OF)
    assert [p.code for p in caught.value.problems] == ["record.behind-site"]
    assert (config.parent / "output" / "manifest.json").read_bytes() == before
    build(config, as_of=AS_OF, record_reset="第2批误发，经领导小组同意撤销")
    manifest = json.loads((config.parent / "output" / "manifest.json").read_text(encoding="utf-8"))
    (reset,) = manifest["record_resets"]
    assert reset["reason"] == "第2批误发，经领导小组同意撤销" and reset["previous_head"]
    build(config, as_of=AS_OF)  # the reset is kept by every later build
    kept = json.loads((config.parent / "output" / "manifest.json").read_text(encoding="utf-8"))
    assert kept["record_resets"] == manifest["record_resets"]


def test_keygen_keeps_the_private_key_out_of_the_project_and_makes_one_key_only(tmp_path):
    config = project(tmp_path)
    with pytest.raises(ConfigError) as inside:
        keygen(config, config.parent / "keys" / "office.key")
    assert inside.value.code == "keygen.inside" and not (config.parent / "keys").exists()
    keygen(config, tmp_path / "office.key")
    with pytest.raises(ConfigError) as twice:
        keygen(config, tmp_path / "second.key")
    assert twice.value.code == "keygen.exists" and not (tmp_path / "second.key").exists()
