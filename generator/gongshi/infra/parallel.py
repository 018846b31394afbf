"""Both cores for the work that is the same for every report: parsing, drawing, rendering.

Workers are forked, so the function they run may be a closure over anything
the build holds (settings, rounds, the Jinja environment): it is inherited,
never pickled. Only the items and the results cross between processes. Where
fork is unavailable, or the work is too small to pay for starting workers,
everything runs in this process, with the same results in the same order.
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 48  # below this, starting the workers costs more than they save

# Set only inside a forked worker, by `_install`: the function of the pool that forked it.
_work: Callable[[object], object] | None = None


def workers() -> int:
    """The cores this process may use (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def fork_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = MIN_ITEMS,
) -> Iterator[R]:
    """`map(func, items)` over forked workers; results come back in order, as they are ready.

    `min_items`: fewer items than this run here (lower it for items that are each much work).
    """
    count = workers()
    if count < 2 or len(items) < min_items or "fork" not in multiprocessing.get_all_start_methods():
        yield from map(func, items)
        return
    size = max(1, min(32, len(items) // (count * 8)))
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(count, mp_context=context, initializer=_install, initargs=(func,)) as pool:
        yield from pool.map(_run, items, chunksize=size)


def _install(func: Callable[[object], object]) -> None:
    global _work
    _work = func


def _run(item: object) -> object:
    assert _work is not None, "a gongshi worker started without its function"
    return _work(item)
