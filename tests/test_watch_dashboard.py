"""Watching in the dashboard: postings a watch found since the last look are marked and counted in the header,
the palette's "Watch for new postings" runs a pass in a worker against a server on 127.0.0.1 (tests/web.py),
and the details show where a posting was read."""

from __future__ import annotations

import os
import threading
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest

from eujobs.store.model import Source, Vacancy
from eujobs.store.persistence.db import Store
from eujobs.tui.app import EujobsApp
from eujobs.tui.dashboard import Dashboard
from eujobs.tui.new_postings import NEW_MARK
from eujobs.tui.widgets.detail import fact_blocks
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import incoming
from .test_app import settle
from .web import WebServer, detail_page, listing_page

NOW = datetime(2026, 9, 20, 8, 0, tzinfo=timezone.utc)
DEADLINE = "2026-10-13T10:00:00Z"


class Clock:
    """The store's clock, moved on by the test."""

    def __init__(self, now: datetime) -> None:
        self.now = now

    def __call__(self) -> datetime:
        return self.now


def found_by_a_watch(title: str, number: int, at: datetime | None, url: str | None = None):
    """A posting as a watch pass saves it: first seen `at` (None: imported from a file)."""
    item = incoming(reference=f"EPSO/AD/{number}/26", sha=f"{number:064x}", title=title)
    item.source = replace(item.source, url=url, first_seen=at.isoformat(timespec="seconds") if at else None)
    return item


@pytest.fixture
def clock() -> Clock:
    return Clock(NOW)


@pytest.fixture
def store(tmp_path: Path, clock: Clock) -> Store:
    """Two postings found before the last look, two after it, one imported from a file after it."""
    store = Store.open(tmp_path / "store", clock)
    earlier, looked = NOW - timedelta(days=2), NOW - timedelta(days=1)
    store.save_imports([found_by_a_watch("Economist", 1, earlier), found_by_a_watch("Lawyer", 2, earlier)])
    clock.now = looked
    store.save_look()
    store.save_imports([found_by_a_watch("Data scientist", 3, NOW - timedelta(hours=3)),
                        found_by_a_watch("Translator", 4, NOW - timedelta(hours=2)),
                        found_by_a_watch("Statistician", 5, None)])
    clock.now = NOW
    return store


def test_what_a_watch_found_since_the_last_look_is_new_and_counted(store: Store) -> None:
    dashboard = Dashboard(store)
    dashboard.take(dashboard.read())
    assert sorted(v.posting.title for v in dashboard.vacancies if dashboard.new.is_new(v)) == [
        "Data scientist", "Translator"]
    assert dashboard.counts(5, 5) == f"5 vacancies · 5 open · 2 new · {store.root}"


def test_before_a_first_look_everything_a_watch_found_is_new(tmp_path: Path, clock: Clock) -> None:
    store = Store.open(tmp_path / "store", clock)
    store.save_imports([found_by_a_watch("Economist", 1, NOW - timedelta(days=30)),
                        found_by_a_watch("Statistician", 2, None)])
    dashboard = Dashboard(store)
    dashboard.take(dashboard.read())
    assert dashboard.counts(2, 2) == f"2 vacancies · 2 open · 1 new · {store.root}"


def test_a_look_is_kept_only_when_it_showed_something_new(tmp_path: Path, clock: Clock) -> None:
    """Nothing to keep when nothing was new: the store is not written (its front stays good)."""
    store = Store.open(tmp_path / "store", clock)
    store.save_imports([found_by_a_watch("Statistician", 2, None)])
    dashboard = Dashboard(store)
    dashboard.take(dashboard.read())
    assert dashboard.look() is None and store.last_look() is None


def test_a_kept_time_that_is_no_time_leaves_every_found_posting_new(store: Store) -> None:
    with store.transaction() as tx:
        tx.state.table("looks").update({"at": "yesterday"})
    assert store.last_look() is None
    assert Dashboard(store).new.last_look is None


def test_the_details_show_the_address_a_posting_was_read_from_literally() -> None:
    found = found_by_a_watch("Economist", 1, NOW, url="https://example.org/job?[bold]x[/bold]\x1b[2J")
    shown = [(str(name).strip(), str(value)) for name, value in fact_blocks(
        Vacancy("economist", found.posting, found.source), NOW)]
    assert ("Source", "https://example.org/job?[bold]x[/bold]␛[2J") in shown  # no markup, no escape obeyed
    from_a_file = Vacancy("economist", found.posting, Source(None, "a" * 64, "text", NOW.isoformat()))
    assert "Source" not in [str(name).strip() for name, _ in fact_blocks(from_a_file, NOW)]


async def test_the_header_counts_the_new_postings_and_the_look_is_kept(store: Store, clock: Clock) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.sub_title == f"5 vacancies · 5 open · 2 new · {store.root}"
        assert sorted(v.posting.title for v in screen.model.listing.shown if screen.model.new.is_new(v)) == [
            "Data scientist", "Translator"]
        assert not screen.model.changed_elsewhere()  # the look was our own write: the list is not read again
        rows = screen.query_one(VacancyList)
        lines = [rows.render_line(y).text for y in range(1, 6)]
        assert sorted(line.split(f"{NEW_MARK} ")[1].split()[0] for line in lines if NEW_MARK in line) == [
            "Data", "Translator"]  # the mark before the title, as the urgency marks are before the deadline
    app.saver.close()
    assert store.last_look() == NOW

    clock.now = NOW + timedelta(hours=1)
    again = EujobsApp(store)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.screen.sub_title == f"5 vacancies · 5 open · {store.root}"  # looked at since
    again.saver.close()


# ---------------------------------------------------------------------- the palette's watch

LISTING = "/en/open-competition-permanent-staff"
ROWS = [("Data scientist", "/en/job/data-scientist", "EPSO/AD/501/26"),
        ("Cloud engineer", "/en/job/cloud-engineer", "EPSO/AD/502/26"),
        ("Economist", "/en/job/economist", "EPSO/AD/503/26")]


@pytest.fixture
def web():
    with WebServer() as server:
        yield server


@pytest.fixture
def watched(web: WebServer, tmp_path: Path, monkeypatch) -> str:
    """The user's watch.toml (in a config folder of the test's) names the local server's listing alone."""
    for name in [key for key in os.environ if "proxy" in key.lower()]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("NO_PROXY", "*")
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    (tmp_path / "config" / "eujobs").mkdir(parents=True)
    listing = web.url(LISTING)
    (tmp_path / "config" / "eujobs" / "watch.toml").write_text(
        f'sources = ["{listing}"]\ndefaults = false\npause_seconds = 0\ntimeout_seconds = 300\n')
    rows = [{"title": title, "link": link, "grade": "AD 5", "location": "Brussels (Belgium)", "deadline": DEADLINE}
            for title, link, _ in ROWS]
    web.page(LISTING, listing_page(rows))
    for title, link, reference in ROWS:
        web.page(link, detail_page(title, reference, DEADLINE, grade="AD 5"))
    return listing


async def run_from_the_palette(pilot, label: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*label)
    for _ in range(500):  # the palette's providers answer in a worker
        await pilot.pause(0.02)
        from textual.command import CommandList

        entries = pilot.app.screen.query(CommandList)
        if entries and entries.first().option_count and entries.first().highlighted is not None:
            break
    await pilot.press("enter")


async def until(pilot, condition, what: str) -> None:
    """Wait for the dashboard (the workers, the local server) until `condition()`; never a time to meet."""
    for _ in range(6000):
        if condition():
            return
        assert pilot.app.is_running, f"the dashboard ended before: {what}"
        await pilot.pause(0.05)
    raise AssertionError(f"never: {what}")


async def test_the_palette_watch_imports_in_a_worker_with_progress_and_the_list_follows(
        watched: str, web: WebServer, tmp_path: Path, clock: Clock) -> None:
    store = Store.open(tmp_path / "store", clock)
    store.save_imports([found_by_a_watch("Statistician", 9, None)])
    held = web.replies["/en/job/economist"].held = threading.Event()  # the pass waits for it
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        titles: list[str | None] = []
        screen.watch(screen, "title", lambda title: titles.append(title), init=False)
        await run_from_the_palette(pilot, "Watch for new postings")
        await until(pilot, lambda: web.requests_for("/en/job/economist"), "the pass reads the last page")

        # Meanwhile the dashboard answers keys: the list is sorted again while the pass waits on the server.
        sort_before = screen.model.filter.sort_by
        await pilot.press("o")
        await until(pilot, lambda: screen.model.filter.sort_by != sort_before, "the key is handled")
        assert screen.watching and store.vacancies()[0].posting.title == "Statistician"  # nothing saved yet

        held.set()
        await until(pilot, lambda: not screen.watching, "the pass ends")
        await settle(pilot)
        assert f"Watching: reading {watched}, page 1" in titles
        assert f"Watching: reading {web.url('/en/job/data-scientist')}" in titles
        assert screen.title is None  # the header is the dashboard's again
        notice = [n for n in app._notifications if n.title == "Watch"][-1]
        assert (notice.message, notice.severity) == ("3 new, 0 changed, 0 unchanged", "information")
        assert sorted(v.posting.title for v in screen.model.vacancies) == [
            "Cloud engineer", "Data scientist", "Economist", "Statistician"]
        assert screen.sub_title == f"4 vacancies · 4 open · 3 new · {store.root}"
        assert sum(map(screen.model.new.is_new, screen.model.listing.shown)) == 3
    app.saver.close()


async def test_a_watch_of_a_broken_listing_says_so_in_a_line_and_saves_nothing(
        watched: str, web: WebServer, tmp_path: Path, clock: Clock) -> None:
    from .conftest import store_bytes

    web.page(LISTING, listing_page([]).replace("<table", "<div").replace("</table>", "</div>"))
    store = Store.open(tmp_path / "store", clock)
    store.save_imports([found_by_a_watch("Statistician", 9, None)])
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = store_bytes(store.root)
        app.screen.action_watch()
        await until(pilot, lambda: not app.screen.watching, "the pass ends")
        await settle(pilot)
        notice = [n for n in app._notifications if n.title == "Watch"][-1]
        assert notice.severity == "error"
        assert notice.message.splitlines() == ["0 new, 0 changed, 0 unchanged", f"{watched}: not a listing eujobs "
                                               "can read: no listing table: no job rows (tr.job-row) and no \"no "
                                               "results\" message"]
        assert store_bytes(store.root) == before
    app.saver.close()


async def test_watch_settings_that_cannot_be_read_are_one_line(watched: str, tmp_path: Path, clock: Clock) -> None:
    (tmp_path / "config" / "eujobs" / "watch.toml").write_text("pages = many\n")
    store = Store.open(tmp_path / "store", clock)
    store.save_imports([found_by_a_watch("Statistician", 9, None)])
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.screen.action_watch()
        await until(pilot, lambda: not app.screen.watching, "the pass ends")
        messages = [n.message for n in app._notifications]
        assert len(messages) == 1 and messages[0].startswith("Watch stopped: ")
        assert "watch.toml: not TOML" in messages[0] and "\n" not in messages[0]
        assert app.screen.title is None
    app.saver.close()


def test_the_dashboard_starts_without_the_web_libraries() -> None:
    """httpx, selectolax and the watch's own code are imported by a watch, never by opening the dashboard."""
    import subprocess
    import sys

    code = ("import sys\nimport eujobs.tui.cli, eujobs.tui.app\n"
            "print(sorted(m for m in sys.modules if m.split('.')[0] in ('httpx', 'selectolax', 'httpcore')\n"
            "             or m.startswith(('eujobs.store.fetch', 'eujobs.store.watch'))))")
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "[]"
