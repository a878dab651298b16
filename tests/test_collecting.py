"""The dashboard's collections: run between two changes on screen, freezing only after a full one."""

from __future__ import annotations

import gc
import weakref

from eujobs.tui.collecting import collect_while_idle

from .conftest import Node


def test_idle_collection_frees_young_garbage_and_freezes_only_after_a_full_one(collector) -> None:
    gc.enable()
    gc.set_threshold(100_000, 10, 1000)  # no collection by itself here; a full one due only after 999 more
    garbage = weakref.ref(Node())
    frozen = gc.get_freeze_count()
    collect_while_idle()
    assert garbage() is None  # the young cycle was collected
    assert gc.get_freeze_count() == frozen and gc.get_count()[1] >= 1  # young only: nothing frozen

    gc.set_threshold(100_000, gc.get_count()[1] + 1, 1000)  # the next collection is one of generation 1
    older = gc.get_count()[2]
    collect_while_idle()
    assert gc.get_count()[1] == 0 and gc.get_count()[2] == older + 1 and gc.get_freeze_count() == frozen

    gc.set_threshold(100_000, 10, gc.get_count()[2] + 1)  # the next collection of generation 1 would start a full one
    garbage = weakref.ref(Node())
    survivor = Node()
    collect_while_idle()
    assert gc.get_count()[2] == 0 and garbage() is None  # the full collection ran and freed the cycle
    assert gc.get_freeze_count() > frozen and survivor.me is survivor  # what survived is frozen, kept
