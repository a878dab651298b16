"""The cyclic collector around large reads: frozen after a read, and run between two changes on screen."""

from __future__ import annotations

import gc
import weakref

import pytest

from store.bulk import collect_if_due, long_lived


@pytest.fixture
def collector():
    """The collector as the tests leave it: enabled, thresholds and frozen objects as they were."""
    thresholds, enabled = gc.get_threshold(), gc.isenabled()
    yield
    gc.set_threshold(*thresholds)
    gc.unfreeze()
    (gc.enable if enabled else gc.disable)()


class Node:
    def __init__(self) -> None:
        self.me = self  # a reference cycle: only the cyclic collector frees it


def test_a_read_inside_long_lived_is_frozen_and_not_collected_meanwhile(collector) -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        kept = [Node() for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)


def test_the_full_collection_runs_when_due_and_its_survivors_are_frozen(collector) -> None:
    gc.enable()
    gc.set_threshold(100_000, 10, 1000)  # no collection by itself here; a full one due only after 999 more
    garbage = weakref.ref(Node())
    frozen = gc.get_freeze_count()
    collect_if_due()
    assert gc.get_freeze_count() == frozen and garbage() is not None  # not due: nothing done
    gc.set_threshold(100_000, 10, gc.get_count()[2] + 1)  # the next collection of generation 1 would start it
    survivor = Node()
    collect_if_due()
    assert gc.get_count()[2] == 0 and garbage() is None  # the full collection ran and freed the cycle
    assert gc.get_freeze_count() > frozen and survivor.me is survivor  # what survived is frozen, kept
