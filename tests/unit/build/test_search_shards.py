"""How search pages are packed into shards: small shards on a small site, a bounded count on a large one,
and shards that keep their rounds from build to build."""

import pytest

from gongshi.build.search import MIN_SHARD, TARGET_SHARDS, plan_shards, shard_size


def pages(rounds, published):
    """The searched pages of `rounds`, each with its round page and `published` report pages."""
    return ["method.html", "batches/1.html"] + [
        p for r in rounds for p in [f"rounds/{r}.html"] + [f"rounds/{r}/u{n}.html" for n in range(published)]
    ]


def rounds_of(plan):
    """Each report shard's rounds, by name."""
    return {
        name: sorted({p.split("/")[1].removesuffix(".html") for p in paths})
        for name, paths in plan.items()
        if name != "site"
    }


def ids(count, year=2025):
    return [f"{year}-r{n:03d}" for n in range(count)]


@pytest.mark.parametrize(
    ("units", "size", "shards"),
    [(60, MIN_SHARD, 1), (1_000, 128, 10), (2_000, 128, 20), (5_000, 256, 20), (5_200, 512, 11)],
)
def test_shards_are_small_on_a_small_site_and_bounded_in_count_on_a_large_one(units, size, shards):
    rounds = ids(units // 20 if units < 100 else units // 50)
    weight = units // len(rounds)
    plan = plan_shards(pages(rounds, weight - 8), dict.fromkeys(rounds, weight))
    assert shard_size(units) == size
    assert len(plan) - 1 == shards <= TARGET_SHARDS + 1
    assert all(len(paths) <= size for name, paths in plan.items() if name != "site")
    assert next(iter(plan)) == "site" and plan["site"] == ["batches/1.html", "method.html"]


def test_the_size_is_a_power_of_two_times_the_smallest_and_grows_only_at_a_doubling():
    sizes = {shard_size(total) for total in range(1, 20_000, 7)}
    assert all(s % MIN_SHARD == 0 and (s // MIN_SHARD) & (s // MIN_SHARD - 1) == 0 for s in sizes)
    assert shard_size(MIN_SHARD * TARGET_SHARDS) == MIN_SHARD
    assert shard_size(MIN_SHARD * TARGET_SHARDS + 1) == 2 * MIN_SHARD
    assert shard_size(0) == shard_size(1) == MIN_SHARD


def test_every_page_is_in_one_shard_and_a_round_is_never_split():
    rounds = ids(40)
    plan = plan_shards(pages(rounds, 30), dict.fromkeys(rounds, 50))
    where = {p: name for name, paths in plan.items() for p in paths}
    assert sorted(where) == sorted(pages(rounds, 30)) and sum(map(len, plan.values())) == len(where)
    for r in rounds:
        assert len({where[p] for p in pages([r], 30)[2:]}) == 1, r
    huge = plan_shards(pages(["2025-big"], 600), {"2025-big": 600})
    assert rounds_of(huge) == {"r00": ["2025-big"]}


def test_publishing_more_units_moves_no_round_to_another_shard():
    """Weights are the units a round file lists, not the pages public now."""
    rounds = ids(40)
    weights = dict.fromkeys(rounds, 50)
    plan = plan_shards(pages(rounds, 10), weights)
    for published in (11, 30, 50):
        assert rounds_of(plan_shards(pages(rounds, published), weights)) == rounds_of(plan)


def test_a_new_round_only_changes_the_last_shard_within_a_doubling():
    rounds = ids(30)  # 1,500 units: shards of 128, two rounds of 50 each
    weights = dict.fromkeys(rounds, 50)
    plan = plan_shards(pages(rounds, 40), weights)
    assert len(plan) - 1 == 15
    grown = plan_shards(pages([*rounds, "2026-r001"], 40), weights | {"2026-r001": 50})
    assert {name for name in grown if grown[name] != plan.get(name)} == {"r15"}  # a new sixteenth shard
    again = plan_shards(
        pages([*rounds, "2026-r001", "2026-r002"], 40),
        weights | dict.fromkeys(["2026-r001", "2026-r002"], 50),
    )
    assert {name for name in again if again[name] != grown.get(name)} == {
        "r15"
    }  # it takes the next round too


def test_a_tenth_shard_renames_none_of_the_others():
    weights = dict.fromkeys(ids(12), MIN_SHARD)  # one round a shard
    nine = plan_shards(pages(ids(9), 5), weights)
    twelve = plan_shards(pages(ids(12), 5), weights)
    assert all(twelve[name] == paths for name, paths in nine.items())
    assert list(twelve)[-1] == "r11"
