"""The cyclic collector around large reads: off while they build, and what they built frozen after."""

from __future__ import annotations

import gc

from eujobs.store.persistence.bulk import long_lived

from .conftest import Node


def test_a_read_inside_long_lived_is_frozen_and_not_collected_meanwhile(collector) -> None:
    gc.enable()
    frozen = gc.get_freeze_count()
    with long_lived():
        assert not gc.isenabled()
        kept = [Node() for _ in range(1000)]
    assert gc.isenabled() and gc.get_freeze_count() >= frozen + len(kept)
