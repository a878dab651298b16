"""The dashboard's start: from the front of the list (the first screen drawn from it, the rest read after
without a repaint, keys acting on the whole list; the front saved again once the store has been still),
and without the garbage collector until the first screen is drawn."""

from __future__ import annotations

import gc

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.ingest.importer import import_paths
from eujobs.store.persistence.db import Store
from eujobs.tui.app import EujobsApp
from eujobs.tui.collecting import YOUNG_COLLECTION_EVERY
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import POSTINGS, fixed_clock
from .test_app import press, settle

FRONT_ROWS = 2  # of the five sample postings


@pytest.fixture
def started(sample_store: Store, monkeypatch) -> Store:
    """The sample store as a start finds it after an earlier one saved its front; nothing read yet."""
    monkeypatch.setattr("eujobs.store.persistence.db.FRONT_ROWS", FRONT_ROWS)
    sample_store.save_front()
    return Store.open(sample_store.root, fixed_clock, check_files=False)


async def rest_read(pilot) -> None:
    while pilot.app.screen.model.front is not None:
        await pilot.pause(0.05)
    await settle(pilot)


async def test_the_first_screen_comes_from_the_front_and_the_rest_is_taken_without_a_repaint(
        started, monkeypatch) -> None:
    # The rest is read at the latest, not as soon as the start is idle: a quick start got there before the
    # first look below.
    monkeypatch.setattr("eujobs.tui.dashboard.IDLE_CPU_S", -1)
    front = started.front()
    app = EujobsApp(started, front)
    async with app.run_test(size=(120, 40)) as pilot:
        screen, vacancy_list = app.screen, app.screen.query_one(VacancyList)
        assert screen.model.vacancies == () and screen.model.listing.shown is front.vacancies  # nothing read but the front
        assert vacancy_list.virtual_size.height == 1 + 5  # the header, and the whole list's rows to come
        assert "5 vacancies · 5 open" in screen.sub_title
        assert vacancy_list.border_title == "1 Vacancies · all 5 · by deadline"
        first = screen.current
        assert first == front.vacancies[0]
        rows_drawn = []
        drawing = VacancyList.render_line
        monkeypatch.setattr(VacancyList, "render_line", lambda self, y: rows_drawn.append(y) or drawing(self, y))
        await rest_read(pilot)
        assert len(screen.model.vacancies) == len(screen.model.listing.shown) == 5
        assert screen.model.listing.shown[:FRONT_ROWS] == front.vacancies and screen.current is first
        assert rows_drawn == []  # the screen already showed all of this
        await press(pilot, "G")
        assert vacancy_list.cursor == 4 and screen.current == screen.model.listing.shown[4]
        await press(pilot, "slash", *"496629", "enter")
        assert [v.posting.reference for v in screen.model.listing.shown] == ["EC/2026/DIGIT/496629"]
    app.saver.close()


async def test_keys_typed_ahead_of_the_rest_of_the_list_act_on_all_of_it(started, monkeypatch) -> None:
    """Keys a user types while the dashboard starts reach it with only the front of the list read."""
    monkeypatch.setattr("eujobs.tui.dashboard.IDLE_CPU_S", -1)  # never idle: the rest is read at the latest
    monkeypatch.setattr("eujobs.tui.dashboard.READ_REST_AT_LATEST_S", 1.0)
    app = EujobsApp(started, started.front())
    async with app.run_test(size=(120, 40)) as pilot:
        screen = app.screen
        await pilot.press("3", "space", "slash", *"496629", "enter")
        await settle(pilot)
        assert screen.model.front is not None and len(screen.model.listing.shown) == FRONT_ROWS  # the keys came before the rest
        ticked = screen.current
        assert any(ticked.ticks.values())  # the tick is shown at once
        await rest_read(pilot)
        assert [v.posting.reference for v in screen.model.listing.shown] == ["EC/2026/DIGIT/496629"]
        assert screen.model.filter.needle == "496629"
        assert any(v.ticks for v in screen.model.vacancies if v.id == ticked.id)
        assert store_ticks(started) == {ticked.id: ticked.ticks}
    app.saver.close()


def store_ticks(store: Store) -> dict:
    return {v.id: v.ticks for v in Store.open(store.root, fixed_clock).vacancies() if v.ticks}


async def test_a_store_changed_since_the_front_shows_as_it_is_now(started) -> None:
    front = started.front()
    other = Store.open(started.root, fixed_clock)
    (other.root.parent / "more").mkdir()
    extra = other.root.parent / "more" / "extra.txt"
    extra.write_text((POSTINGS / "ec-digit-b1-ict-security-officer.txt").read_text().replace("496629", "496630"))
    import_paths(other, [str(extra)])  # another eujobs, between this start's front and the rest of its read
    app = EujobsApp(started, front)
    async with app.run_test(size=(120, 40)) as pilot:
        await rest_read(pilot)
        screen = app.screen
        assert len(screen.model.listing.shown) == 6 and "6 vacancies" in screen.sub_title
        assert app.screen.query_one(VacancyList).virtual_size.height == 1 + 6
    app.saver.close()


async def test_a_catalog_damaged_since_the_front_ends_the_dashboard_with_its_error(started) -> None:
    front = started.front()
    catalog = started.root / "catalog.json"
    catalog.write_bytes(catalog.read_bytes()[:100])
    app = EujobsApp(started, front)
    async with app.run_test(size=(120, 40)) as pilot:
        while app.is_running:
            await pilot.pause(0.05)
    assert isinstance(app.return_value, StoreError) and str(catalog) in str(app.return_value)
    app.saver.close()


async def test_the_front_is_saved_again_once_the_store_has_been_still(sample_store, monkeypatch) -> None:
    monkeypatch.setattr("eujobs.tui.dashboard.SAVE_FRONT_AFTER_S", 0)
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert sample_store.front() is None
        screen.check_for_changes()
        await settle(pilot)
        assert sample_store.front().vacancies == screen.model.listing.shown
        await press(pilot, "3", "space")  # a tick changes state.json: the front saved is now stale
        assert sample_store.front() is None
        screen.check_for_changes()  # reads the store back
        await settle(pilot)
        screen.check_for_changes()  # still since: saves the front
        await settle(pilot)
        ticked = sample_store.front().vacancies[0]
        assert ticked.id == screen.current.id and any(ticked.ticks.values())
    app.saver.close()


def test_a_command_runs_with_the_collector_the_dashboard_starts_without_it(sample_store, monkeypatch) -> None:
    from eujobs.tui import cli, launch

    monkeypatch.setattr("sys.argv", ["eujobs", "--store", str(sample_store.root), "list"])
    try:
        collecting = []
        monkeypatch.setattr(cli, "run_list", lambda store, args: collecting.append(gc.isenabled()) or 0)
        assert launch.main() == 0
        monkeypatch.setattr("sys.argv", ["eujobs", "--store", str(sample_store.root)])
        monkeypatch.setattr(cli, "open_dashboard", lambda store, front: collecting.append(gc.isenabled()) or 0)
        monkeypatch.setattr(cli, "on_a_terminal", lambda: True)  # as on a terminal: the dashboard is stubbed
        assert launch.main() == 0
        assert collecting == [True, False]
    finally:
        gc.enable()


async def test_the_dashboard_collects_again_once_its_first_screen_is_drawn(sample_store) -> None:
    app = EujobsApp(sample_store)
    thresholds = gc.get_threshold()
    gc.disable()  # as open_dashboard leaves it
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await settle(pilot)
            assert gc.isenabled() and gc.get_threshold() == (YOUNG_COLLECTION_EVERY, *thresholds[1:])
    finally:
        gc.enable()
        gc.set_threshold(*thresholds)
    app.saver.close()
