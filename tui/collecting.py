"""When the dashboard lets the cyclic garbage collector run: after a start made without it, and between
two keys rather than in the middle of one. The store freezes what a read builds (store/persistence/bulk.py);
this is the screen's side of the same policy."""

from __future__ import annotations

import gc

# Python's default is 700. A cursor move of the dashboard makes some 6,000 objects (Textual's strips and their
# caches), gone by the next move: left to the collector at 700 or 2,000, it walked them 2-4 times in the middle
# of each move, 1-3 ms a time. The dashboard collects them itself once the move is on screen (collect_while_idle),
# and the collector starts by itself only after a burst of work with no pause between.
YOUNG_COLLECTION_EVERY = 20_000


def resume_collecting() -> None:
    """Let the collector run again after a start that went without it, never walking what the start made,
    and starting by itself only every YOUNG_COLLECTION_EVERY allocations."""
    gc.freeze()
    gc.set_threshold(YOUNG_COLLECTION_EVERY, *gc.get_threshold()[1:])
    gc.enable()


def collect_while_idle() -> None:
    """Run now the collection the collector would start by itself in the middle of the next key's handling:
    the young objects, the older ones when due, and everything when a full collection is due, freezing what
    survives that. A full collection left to the collector walked every object made since the last freeze
    (20-40 ms at 10,000 vacancies) every 40 or so cursor moves; frozen, those are not walked again."""
    if not gc.isenabled():
        return
    _young, middle, old = gc.get_count()
    _, middle_every, old_every = gc.get_threshold()
    if old >= old_every - 1:
        gc.collect()
        gc.freeze()
    else:
        gc.collect(1 if middle >= middle_every - 1 else 0)
