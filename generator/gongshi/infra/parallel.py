"""Both cores for the work that is the same for every report: parsing, drawing, rendering.

Where the process starts workers by forking (Linux), the function they run
may be a closure over anything the build holds (settings, rounds, the
templates): it is inherited, never pickled. Where workers are spawned
(Windows, macOS, or a program that chose "spawn"), only a function that
pickles is sent to them (a module-level function or a small object, such as
the report parser); anything else runs in this process. Either way the
results are the same, in the same order; only the time differs. Too little
work to pay for starting workers also runs here.
"""

from __future__ import annotations

import multiprocessing
import os
import pickle
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 48  # below this, starting the workers costs more than they save

# Set only inside a worker, by `_install`: the function of the pool that started it.
_work: Callable[[object], object] | None = None


def workers() -> int:
    """The cores this process may use (a container's CPU set, not the host's count)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 1


def parallel_map(
    func: Callable[[T], R],
    items: Sequence[T],
    *,
    min_items: int = MIN_ITEMS,
) -> Iterator[R]:
    """`map(func, items)` over worker processes; results come back in order, as they are ready.

    `min_items`: fewer items than this run here (lower it for items that are each much work).
    """
    count = workers()
    method = multiprocessing.get_start_method()
    if count < 2 or len(items) < min_items or (method != "fork" and not _pickles(func)):
        yield from map(func, items)
        return
    size = max(1, min(32, len(items) // (count * 8)))
    context = multiprocessing.get_context(method)
    with ProcessPoolExecutor(count, mp_context=context, initializer=_install, initargs=(func,)) as pool:
        yield from pool.map(_run, items, chunksize=size)


def _pickles(func: Callable[..., object]) -> bool:
    """Can `func` be sent to a spawned worker? Closures and lambdas cannot."""
    try:
        pickle.dumps(func)
    except (pickle.PicklingError, TypeError, AttributeError):
        return False
    return True


def _install(func: Callable[[object], object]) -> None:
    global _work
    _work = func


def _run(item: object) -> object:
    assert _work is not None, "a gongshi worker started without its function"
    return _work(item)
