"""The publication record: append-only, hash-chained, tamper-evident."""

import datetime as dt
import json

from gongshi.problems.errors import ProblemLog
from gongshi.rules.record import (
    PublishedUnit,
    Record,
    append_batch,
    append_withdrawal,
    dumps,
    is_prefix,
    parse_record,
)

EDU = PublishedUnit("2025-r1", "edu", "市教育局党组")
WATER = PublishedUnit("2025-r1", "water", "市水务局党组")


def two_batches():
    record = append_batch(Record(), dt.date(2025, 8, 1), [EDU], 2)
    return append_batch(record, dt.date(2025, 9, 1), [WATER], 1)


def parse(text):
    log = ProblemLog("content/publication-record.jsonl", [])
    return parse_record(text, log), log.problems


def test_a_record_round_trips_through_its_file():
    record = append_withdrawal(two_batches(), dt.date(2025, 10, 1), EDU, "报告含有个人信息")
    parsed, problems = parse(dumps(record))
    assert problems == [] and parsed == record
    assert parsed.public_keys() == {WATER.key}
    assert parsed.first_batch(WATER.key).number == 2 and parsed.next_number == 3


def test_altering_an_earlier_entry_is_caught_with_its_line():
    lines = dumps(two_batches()).splitlines()
    first = json.loads(lines[0])
    first["deferred"] = 0
    lines[0] = json.dumps(first, ensure_ascii=False)
    record, problems = parse("\n".join(lines))
    assert record is None and problems[0].code == "record.altered" and problems[0].line == 1


def test_removing_an_earlier_entry_breaks_the_chain():
    lines = dumps(two_batches()).splitlines()
    record, problems = parse(lines[1])
    assert record is None and problems[0].code == "record.chain"


def test_rehashing_an_altered_entry_still_breaks_the_next_link():
    record = two_batches()
    forged = append_batch(
        Record(), dt.date(2025, 8, 1), [EDU, WATER], 0
    )  # a different first batch, validly hashed
    lines = dumps(record).splitlines()
    lines[0] = dumps(forged).splitlines()[0]
    parsed, problems = parse("\n".join(lines))
    assert parsed is None and problems[0].code == "record.chain" and problems[0].line == 2


def test_dropping_the_last_entries_is_caught_by_the_prefix_check():
    record = two_batches()
    truncated = Record(record.entries[:1])
    assert is_prefix(truncated, record) and not is_prefix(record, truncated)


def test_same_inputs_give_the_same_bytes():
    assert dumps(two_batches()) == dumps(two_batches())


def test_a_batch_limited_to_rounds_says_so_and_records_without_it_hash_as_before():
    old = dumps(two_batches())
    assert '"rounds"' not in old  # a batch of every round writes no key: old records stay valid
    record = append_batch(
        two_batches(), dt.date(2025, 10, 1), [PublishedUnit("2026-r1", "a", "甲")], 0, ("2026-r1",)
    )
    text = dumps(record)
    assert text.startswith(old)
    assert json.loads(text.splitlines()[-1])["rounds"] == ["2026-r1"]
    parsed, problems = parse(text)
    assert problems == [] and parsed.batches[-1].rounds == ("2026-r1",)
    altered = text.replace('"rounds":["2026-r1"]', '"rounds":["2025-r1"]')
    assert [p.code for p in parse(altered)[1]] == ["record.altered"]


SHA1, SHA2, SHA3 = "a" * 64, "b" * 64, "c" * 64


def test_pinned_versions_updates_and_revisions_round_trip_and_list_each_units_versions():
    from dataclasses import replace

    from gongshi.rules.record import append_revision

    record = append_batch(Record(), dt.date(2025, 8, 1), [replace(EDU, sha256=SHA1), WATER], 0)
    updated = (replace(EDU, sha256=SHA2, changes=("第 3 项状态由“推进中”推进为“已完成”",)),)
    record = append_batch(
        record, dt.date(2025, 9, 1), [], 0, updated=updated, pinned=(replace(WATER, sha256=SHA3),)
    )
    record = append_revision(
        record, dt.date(2025, 9, 2), replace(EDU, sha256=SHA3), "更正笔误", ("修改了报告正文",)
    )
    parsed, problems = parse(dumps(record))
    assert problems == [] and parsed == record
    assert [(v.number, v.kind, v.batch, v.sha256) for v in parsed.versions(EDU.key)] == [
        (1, "publish", 1, SHA1), (2, "update", 2, SHA2), (3, "revision", None, SHA3)
    ]  # fmt: skip
    assert parsed.versions(EDU.key)[-1].reason == "更正笔误" and parsed.pin(EDU.key) == SHA3
    # a unit published before pinning: its first version takes the pin, no new version
    assert [(v.number, v.kind, v.sha256) for v in parsed.versions(WATER.key)] == [(1, "publish", SHA3)]
    assert parsed.public_keys() == {EDU.key, WATER.key}  # a revision publishes no new unit


def test_a_record_from_before_pinning_keeps_its_hashes():
    old = dumps(two_batches())
    assert "sha256" not in old and "updated" not in old and "pinned" not in old
    parsed, problems = parse(old)
    assert problems == [] and dumps(parsed) == old and parsed.pin(EDU.key) == ""


def test_a_pin_that_is_no_sha256_is_refused():
    line = json.loads(dumps(two_batches()).splitlines()[0])
    line["published"][0]["sha256"] = "../../etc/passwd"
    _parsed, problems = parse(json.dumps(line, ensure_ascii=False))
    assert [p.code for p in problems] == ["record.syntax"] and "not a SHA-256" in problems[0].message
