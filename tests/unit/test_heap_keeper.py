"""The heap keeper: freezes after snapshots at its interval, and a full pass frees frozen cycles."""

from __future__ import annotations

import gc
import weakref
from collections.abc import Iterator

import pytest

from tipline.services.heap import HeapKeeper


class _Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


class _Node:
    """An object that can sit in a reference cycle and be weakly referenced."""

    def __init__(self) -> None:
        self.other: _Node | None = None


@pytest.fixture(autouse=True)
def _unfrozen() -> Iterator[None]:
    """Freezing is process-wide: leave the test process as it was."""
    yield
    gc.unfreeze()
    gc.collect()


def _cycle() -> weakref.ref[_Node]:
    a, b = _Node(), _Node()
    a.other, b.other = b, a
    return weakref.ref(a)


def test_it_freezes_only_when_the_interval_has_passed() -> None:
    clock = _Clock()
    keeper = HeapKeeper(freeze_every_s=5.0, full_every_s=900.0, clock=clock)
    keeper.after_snapshot()
    assert keeper.freezes == 0
    clock.now += 4.9
    keeper.after_snapshot()
    assert keeper.freezes == 0
    clock.now += 0.2
    keeper.after_snapshot()
    assert keeper.freezes == 1
    assert gc.get_freeze_count() > 0
    keeper.after_snapshot()  # same moment: nothing more
    assert keeper.freezes == 1
    assert keeper.full_passes == 0


def test_zero_turns_it_off() -> None:
    clock = _Clock()
    keeper = HeapKeeper(freeze_every_s=0.0, full_every_s=1.0, clock=clock)
    clock.now += 10_000
    keeper.after_snapshot()
    assert keeper.freezes == 0
    assert keeper.full_passes == 0


def test_young_garbage_cycles_are_collected_before_a_freeze() -> None:
    clock = _Clock()
    keeper = HeapKeeper(freeze_every_s=5.0, full_every_s=900.0, clock=clock)
    dead = _cycle()  # unreachable already: the young collection frees it
    clock.now += 5
    keeper.after_snapshot()
    assert dead() is None


def test_a_frozen_cycle_is_freed_by_the_next_full_pass() -> None:
    clock = _Clock()
    keeper = HeapKeeper(freeze_every_s=5.0, full_every_s=60.0, clock=clock)
    holder = [_Node()]
    holder[0].other = _Node()
    holder[0].other.other = holder[0]  # a cycle, reachable for now
    ref = weakref.ref(holder[0])
    clock.now += 5
    keeper.after_snapshot()  # frozen while reachable
    holder.clear()  # now garbage, but frozen: a collection does not see it
    gc.collect()
    assert ref() is not None
    clock.now += 60
    keeper.after_snapshot()
    assert keeper.full_passes == 1
    assert ref() is None
    assert gc.get_freeze_count() > 0  # frozen again after the pass
