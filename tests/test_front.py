"""The front of the list (store/persistence/front.py): saved after a full read, trusted only while the store and the
open postings are as they were, ignored whenever anything about it is wrong."""

from __future__ import annotations

import json
import os
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone

import pytest

from eujobs.store.listing.order import sort_vacancies
from eujobs.store.model import ChecklistItem, Posting, Source
from eujobs.store.outputs.timeline import is_open
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.front import FRONT_FILE

from .conftest import POSTINGS, TODAY, fixed_clock

# Closed, closing soon, closing later, open with no deadline: every group of the opening order.
DEADLINES = {
    "EC/2026/A/1": datetime(2026, 3, 1, 12, tzinfo=timezone.utc),
    "EC/2026/A/2": datetime(2026, 3, 12, 11, tzinfo=timezone.utc),
    "EC/2026/A/3": date(2026, 4, 2),
    "EC/2026/A/4": None,
    "EC/2026/A/5": datetime(2026, 3, 20, 11, tzinfo=timezone.utc),
}
NEXT_DEADLINE = DEADLINES["EC/2026/A/2"]
LAST_PASSED = DEADLINES["EC/2026/A/1"]


def posting_with(reference: str, deadline) -> Incoming:
    posting = Posting(title=f"Officer {reference}", reference=reference, institution="European Commission",
                      deadline=deadline, checklist=[ChecklistItem("elig-cv", "eligibility", "A CV")])
    sha = reference.encode().hex().ljust(64, "0")
    return Incoming(posting, f"text of {reference}", Source(None, sha, "text", TODAY.isoformat()))


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store.open(tmp_path / "store", fixed_clock)
    store.save_imports([posting_with(reference, deadline) for reference, deadline in DEADLINES.items()])
    return store


def reopened(store: Store, clock=fixed_clock) -> Store:
    """The store as the next start opens it: nothing read yet."""
    return Store.open(store.root, clock, check_files=False)


def test_the_front_is_the_lists_first_rows_and_counts_as_a_full_read_gives_them(store, monkeypatch) -> None:
    monkeypatch.setattr("eujobs.store.persistence.db.FRONT_ROWS", 3)
    store.tick(store.find("EC/2026/A/5").id, "elig-cv")
    store.save_front()
    front = reopened(store).front()
    everything = store.vacancies()
    assert front.vacancies == tuple(sort_vacancies(everything, "deadline", TODAY)[:3])
    assert [v.posting.reference for v in front.vacancies] == ["EC/2026/A/2", "EC/2026/A/5", "EC/2026/A/3"]
    assert front.vacancies[1].ticks == {"elig-cv": True}  # the user's state, from state.json
    assert (front.count, front.open_count) == (5, sum(is_open(v, TODAY) for v in everything)) == (5, 4)
    assert front.version == store.version()


@pytest.mark.parametrize("change", ["tick", "import", "profile"])
def test_any_change_to_the_store_makes_the_front_stale_until_it_is_saved_again(store, change) -> None:
    store.save_front()
    first = store.vacancies()[0]
    if change == "tick":
        store.tick(first.id, "elig-cv")
    elif change == "import":
        store.save_imports([posting_with("EC/2026/A/6", None)])
    else:
        store.save_profile(replace(store.profile(), experience_years=3))
    assert reopened(store).front() is None
    store.save_front()
    assert reopened(store).front() is not None


@pytest.mark.parametrize(("moment", "valid"), [
    (TODAY, True),
    (NEXT_DEADLINE, True),  # a deadline is open up to its very instant
    (NEXT_DEADLINE + timedelta(seconds=1), False),  # one posting closed since: the order changed
    (LAST_PASSED + timedelta(seconds=1), True),
    (LAST_PASSED, False),  # the clock went back to when a closed posting was still open
])
def test_the_front_holds_while_the_same_postings_are_open(store, moment, valid) -> None:
    store.save_front()
    assert (reopened(store, lambda: moment).front() is not None) is valid


DAMAGED = {
    "empty": b"",
    "not JSON": b"\x00\xff{",
    "a list": b"[]",
    "another format": None,
    "rows that are not documents": None,
    "a row missing its posting": None,
    "no rows": None,
}


@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_front_is_ignored(store, damage) -> None:
    store.save_front()
    path = store.root / FRONT_FILE
    data = json.loads(path.read_bytes())
    if damage == "another format":
        data["front"] = 99
    elif damage == "rows that are not documents":
        data["rows"] = [1, 2]
    elif damage == "a row missing its posting":
        del data["rows"][0]["posting"]
    elif damage == "no rows":
        data["rows"] = []
    path.write_bytes(DAMAGED[damage] if DAMAGED[damage] is not None else json.dumps(data).encode())
    assert reopened(store).front() is None


def test_a_link_in_place_of_the_front_is_not_followed(store, tmp_path) -> None:
    store.save_front()
    elsewhere = tmp_path / "elsewhere.json"
    (store.root / FRONT_FILE).rename(elsewhere)
    os.symlink(elsewhere, store.root / FRONT_FILE)
    assert reopened(store).front() is None


def test_an_empty_store_has_no_front(tmp_path) -> None:
    store = Store.open(tmp_path / "store", fixed_clock)
    store.save_front()
    assert not (store.root / FRONT_FILE).exists()
    assert store.front() is None


def test_an_import_saves_the_front_and_the_dashboard_starts_from_it_without_reading_the_catalog(
        tmp_path, monkeypatch) -> None:
    from eujobs.tui import cli

    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    root = tmp_path / "store"
    assert cli.main(["--store", str(root), "import", str(POSTINGS / "ec-digit-b1-ict-security-officer.txt")]) == 0
    opened = []
    monkeypatch.setattr(cli, "open_dashboard", lambda store, front: opened.append(front) or 0)
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True)  # as on a terminal: the dashboard is stubbed
    monkeypatch.setattr(Store, "check_files", lambda self: pytest.fail("the catalog was read before the first screen"))
    assert cli.main(["--store", str(root)]) == 0
    [front] = opened
    assert [v.posting.reference for v in front.vacancies] == ["EC/2026/DIGIT/496629"]
