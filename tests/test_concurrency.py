"""Two processes changing one store at once: the lock must keep every change of both."""

from __future__ import annotations

import multiprocessing
from pathlib import Path

from store.db import Store

from .conftest import fixed_clock, incoming

ITEMS = tuple(f"item-{n}" for n in range(40))


def tick_half(root: str, vacancy_id: str, parity: int) -> None:
    store = Store.open(Path(root), fixed_clock)
    for item in ITEMS[parity::2]:
        store.tick(vacancy_id, item)


def test_two_processes_ticking_at_once_lose_nothing(tmp_path) -> None:
    store = Store.open(tmp_path / "store", fixed_clock)
    (saved,) = store.save_imports([incoming(items=ITEMS)])
    context = multiprocessing.get_context("spawn")
    workers = [context.Process(target=tick_half, args=(str(store.root), saved.vacancy_id, p)) for p in (0, 1)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(60)
        assert worker.exitcode == 0
    ticked = {item.id for item in store.find(saved.vacancy_id).checklist if item.done}
    print(f"{len(ticked)} of {len(ITEMS)} ticks from two processes kept")
    assert ticked == set(ITEMS)
