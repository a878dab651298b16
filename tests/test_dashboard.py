"""The dashboard's model (tui/dashboard.py), driven without a terminal: loads, the filter, changes and their
undo, the store's version, the front of the list handed over to the whole list."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from datetime import timedelta

import pytest

from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change, Step
from eujobs.tui.dashboard import Arrival, Dashboard

from .conftest import TODAY, fixed_clock

DIGIT = "EC/2026/DIGIT/496629"


class Clock:
    """A monotonic clock the test moves by hand."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def loaded(sample_store: Store) -> Dashboard:
    model = Dashboard(sample_store)
    model.take(model.read())
    return model


def find(model: Dashboard, reference: str):
    return next(v for v in model.vacancies if v.posting.reference == reference)


def listed(model: Dashboard) -> list[str]:
    return [v.posting.reference for v in model.list_with(model.finder()).shown]


def test_the_model_imports_nothing_of_textual() -> None:
    code = "import sys, eujobs.tui.dashboard; print(sorted(m for m in sys.modules if m.split('.')[0] == 'textual'))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "[]\n"


def test_a_load_is_taken_with_its_version_and_the_store_is_then_unchanged(loaded: Dashboard) -> None:
    assert len(loaded.vacancies) == 5 and loaded.version == loaded.store.version()
    assert not loaded.changed_elsewhere()
    assert loaded.unindexed == loaded.vacancies  # their words are still to read
    assert loaded.take_unindexed() == loaded.vacancies and loaded.unindexed == ()


def test_the_filter_narrows_and_sorts_the_list(loaded: Dashboard) -> None:
    assert len(listed(loaded)) == 5
    assert loaded.set_filter(needle="496629") and listed(loaded) == [DIGIT]
    assert not loaded.set_filter(needle="496629")  # no change: nothing to filter again
    loaded.set_filter(needle="", sort_by=loaded.next_sort())
    titles = [v.posting.title for v in loaded.list_with(loaded.finder()).shown]
    assert loaded.filter.sort_by == "title" and titles == sorted(titles, key=str.casefold)


def test_the_lists_border_says_how_many_it_shows_what_the_filter_keeps_and_the_order(loaded: Dashboard) -> None:
    assert loaded.filter_said(5, 5) == "all 5 · by deadline"
    loaded.set_filter(needle="brussels", status_only="applied", only_eligible=True, sort_by="title")
    assert loaded.filter_said(1, 5) == "1 of 5 · /brussels · status applied · eligible · by title"
    loaded.set_filter(needle=" [b]Brussels\x1b[31m\tdata ", status_only=None, only_eligible=False)
    assert loaded.filter_said(0, 5) == "0 of 5 · /[b]Brussels␛[31m data · by title"  # as typed, on one line
    loaded.set_filter(needle="policy officer for statistics")
    assert loaded.filter_said(0, 5) == "0 of 5 · /policy officer for stat… · by title"  # the order stays in sight


def test_the_words_read_let_the_filter_find_a_postings_text(loaded: Dashboard) -> None:
    loaded.set_filter(needle="osi-model")  # only in one posting's text
    assert listed(loaded) == [] and not loaded.search_ready
    loaded.take_words(loaded.read_words(loaded.take_unindexed()))
    assert len(loaded.refilter().shown) == 1 and loaded.search_ready


def test_a_change_is_applied_once_and_recognised_as_ours(loaded: Dashboard) -> None:
    vacancy = find(loaded, DIGIT)
    item = vacancy.checklist[0].id
    applied = loaded.apply(Step((Change(vacancy.id, f"tick:{item}", True),)))
    assert loaded.take_applied(applied)
    fresh = find(loaded, DIGIT)
    assert fresh.ticks[item] is True and fresh is applied.vacancy
    assert not loaded.changed_elsewhere()  # our own write: the next check reads nothing back
    assert loaded.undo_stack == [applied.undo]


def test_a_write_by_another_process_in_between_is_read_back(loaded: Dashboard) -> None:
    vacancy = find(loaded, DIGIT)
    Store.open(loaded.store.root, fixed_clock).apply(Change(vacancy.id, "notes", "from another session"))
    applied = loaded.apply(Step((Change(vacancy.id, "status", "applied"),)))
    loaded.take_applied(applied)
    assert loaded.changed_elsewhere()  # the other write is not in what was loaded: read it all again
    loaded.take(loaded.read())
    assert find(loaded, DIGIT).notes == "from another session" and find(loaded, DIGIT).status == "applied"


def test_undo_takes_back_the_last_change(loaded: Dashboard) -> None:
    vacancy = find(loaded, DIGIT)
    loaded.take_applied(loaded.apply(Step((Change(vacancy.id, "status", "interview"),))))
    undo = loaded.pop_undo()
    loaded.take_applied(loaded.apply(undo), undoable=False)
    assert find(loaded, DIGIT).status == vacancy.status and loaded.pop_undo() is None


def test_a_listing_of_vacancies_since_replaced_is_dropped_and_the_same_one_is_not_shown_twice(
        loaded: Dashboard) -> None:
    old = loaded.list_with(loaded.finder())
    assert loaded.arrival(old) is Arrival.NEW
    assert loaded.arrival(loaded.list_with(loaded.finder())) is Arrival.SAME
    vacancy = find(loaded, DIGIT)
    loaded.take_applied(loaded.apply(Step((Change(vacancy.id, "status", "applied"),))))
    assert loaded.arrival(old) is Arrival.STALE
    assert loaded.arrival(loaded.refilter()) is Arrival.NEW


@pytest.fixture
def started(sample_store: Store, monkeypatch) -> Store:
    monkeypatch.setattr("eujobs.store.persistence.db.FRONT_ROWS", 2)
    sample_store.save_front()
    return Store.open(sample_store.root, fixed_clock, check_files=False)


def test_the_whole_list_continues_the_front_or_replaces_it(started: Store) -> None:
    model = Dashboard(started, started.front())
    assert model.listing.shown == model.front.vacancies and len(model.listing.shown) == 2
    model.take(model.read())
    assert model.arrival(model.list_with(model.finder())) is Arrival.CONTINUES_FRONT and model.front is None

    other = Dashboard(started, started.front())
    other.set_filter(needle="496629")  # typed before the rest of the list arrived
    other.take(other.read())
    assert other.arrival(other.list_with(other.finder())) is Arrival.REPLACES_FRONT


def test_a_change_before_the_rest_of_the_list_changes_the_front_it_continues(started: Store) -> None:
    model = Dashboard(started, started.front())
    first = model.listing.shown[0]
    item = first.checklist[0].id
    tick = Step((Change(first.id, f"tick:{item}", True),))
    assert not model.take_applied(model.apply(tick))  # only the front's rows
    assert model.listing.shown[0].ticks[item] and model.front.vacancies[0].ticks[item]
    model.take(model.read())
    assert model.arrival(model.list_with(model.finder())) is Arrival.CONTINUES_FRONT


def test_the_rest_of_the_list_is_due_when_idle_or_at_the_latest(started: Store) -> None:
    wall, cpu = Clock(), Clock()
    model = Dashboard(started, started.front(), monotonic=wall, cpu_time=cpu)
    cpu.now += 0.5  # Textual's first frames
    assert not model.rest_due()
    assert model.rest_due()  # no CPU used since the last ask
    cpu.now += 0.5
    wall.now += 1.0
    assert model.rest_due()  # busy, but it has waited long enough


def test_the_front_is_saved_once_the_store_has_been_still(loaded: Dashboard) -> None:
    wall = Clock()
    model = Dashboard(loaded.store, monotonic=wall)
    model.take(model.read())
    assert not model.front_to_save()  # just read
    wall.now += 3.0
    assert model.front_to_save() and not model.front_to_save()  # once per version
    vacancy = find(model, DIGIT)
    model.take_applied(model.apply(Step((Change(vacancy.id, "status", "applied"),))))
    wall.now += 1.0
    assert not model.front_to_save()
    wall.now += 3.0
    assert model.front_to_save()


def test_another_day_works_out_what_is_open_again(loaded: Dashboard) -> None:
    finder = loaded.finder()
    assert not loaded.clock_moved(TODAY + timedelta(hours=1)) and loaded.finder() is finder
    assert loaded.clock_moved(TODAY + timedelta(days=1)) and loaded.finder() is not finder


def test_a_profile_taken_works_out_the_fits_again(loaded: Dashboard) -> None:
    finder = loaded.finder()
    profile = replace(loaded.profile, experience_years=5)
    loaded.take(loaded.read()._replace(profile=profile))
    assert loaded.profile == profile and loaded.finder() is not finder
