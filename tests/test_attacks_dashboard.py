"""Attacks on the dashboard while it runs (issue 19, items 4 to 8): a store damaged, deleted or locked under it,
saves that fail, two dashboards changing one vacancy, signals, a planted front of the list. The dashboard never
shows a traceback, shows what is saved, applies changes as operations, drains its saves at a signal, and ignores
a front it cannot trust."""

from __future__ import annotations

import errno
import json
import os
import shutil
import signal
import sys
import threading
import time
from types import SimpleNamespace

import pytest
from filelock import FileLock

from eujobs.store.errors import StoreError
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.front import FRONT_FILE
from eujobs.store.persistence.state import OTHER_NOTES, Change, Step, add_item, delete_item, edit_item
from eujobs.tui.app import EujobsApp
from eujobs.tui.dashboard import NOTES_MERGED, SHOWN_AS_SAVED, Dashboard
from eujobs.tui.saver import Saver
from eujobs.tui.widgets.checklist import ChecklistPane

from .conftest import POSTINGS, fixed_clock
from .terminal import Terminal
from .test_app import CNECT, pilot, press, settle  # noqa: F401 (a fixture)
from .test_e2e_terminal import ENV, filled_store, open_checklist, record  # noqa: F401 (a fixture)

DIGIT = "EC/2026/DIGIT/496629"


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


def notices(app) -> list[str]:
    return [notification.message for notification in app._notifications]


async def checks(pilot, times: int = 3) -> None:
    """The checks for another process's changes that `times` seconds would make."""
    for _ in range(times):
        pilot.app.screen.check_for_changes()
        await settle(pilot)


# ---------------------------------------------------------------------- 4. a store's trouble is one line on screen


async def test_a_store_damaged_under_the_dashboard_is_said_once_and_the_list_stays(pilot, store) -> None:
    (store.root / "catalog.json").write_text("{ damaged")
    await checks(pilot)
    said = [notice for notice in notices(pilot.app) if notice.startswith("Cannot read the store")]
    assert len(said) == 1, notices(pilot.app)  # once, not at every check
    assert "catalog.json is not valid JSON" in said[0] and "restore" in said[0]
    assert pilot.app.return_code is None and len(pilot.app.screen.model.listing.shown) == 5


async def test_a_store_folder_deleted_under_the_dashboard_is_said_and_the_list_is_not_emptied(pilot, store) -> None:
    shutil.rmtree(store.root)
    await checks(pilot)
    assert any("has gone" in notice for notice in notices(pilot.app)), notices(pilot.app)
    assert len(pilot.app.screen.model.listing.shown) == 5  # as last read, not an empty store
    await press(pilot, "3", "space")
    assert any("Not saved" == n.title for n in pilot.app._notifications)
    assert pilot.app.return_code is None and pilot.app.screen.current.ticks == {}


async def test_a_store_folder_made_unreadable_under_the_dashboard_is_said_once(pilot, store, monkeypatch) -> None:
    real_lstat = os.lstat

    def refused(path, *args, **kwargs):  # as chmod 000 does to anyone but root, who runs these tests
        if str(path).startswith(str(store.root)):
            raise PermissionError(errno.EACCES, "Permission denied", str(path))
        return real_lstat(path, *args, **kwargs)

    monkeypatch.setattr(os, "lstat", refused)
    await checks(pilot)
    said = [notice for notice in notices(pilot.app) if notice.startswith("Cannot read the store")]
    assert len(said) == 1 and "Permission denied" in said[0], notices(pilot.app)
    assert pilot.app.return_code is None and len(pilot.app.screen.model.listing.shown) == 5


@pytest.fixture
def another_posting(tmp_path):
    posting = tmp_path / "another.txt"
    posting.write_text((POSTINGS / "ep-traineeship-itec-pmco.txt").read_text().replace("10B30-7323", "10B30-9999"))
    return posting


async def test_an_import_while_another_eujobs_holds_the_lock_is_one_line(pilot, store, another_posting,
                                                                         monkeypatch) -> None:
    monkeypatch.setattr("eujobs.store.persistence.db.LOCK_TIMEOUT_S", 0.2)  # the 15 s, shortened
    with FileLock(store.root / ".lock"):
        await press(pilot, "i")
        await pilot.press(*str(another_posting))
        await press(pilot, "enter")
    [said] = [notice for notice in notices(pilot.app) if notice.startswith("Nothing imported")]
    assert "locked by another eujobs" in said and "try again" in said
    assert pilot.app.return_code is None and store.find("10B30-9999") is None


async def test_an_import_into_a_store_folder_deleted_meanwhile_is_one_line(pilot, store, another_posting) -> None:
    shutil.rmtree(store.root)
    await press(pilot, "i")
    await pilot.press(*str(another_posting))
    await press(pilot, "enter")
    await checks(pilot, 1)
    assert pilot.app.return_code is None
    assert any(n.severity in ("error", "warning") and str(store.root) in n.message for n in pilot.app._notifications)


CRASHING = """
import sys
from eujobs.tui import cli, dashboard
def boom(*args, **kwargs):
    raise RuntimeError("boom")
dashboard.Dashboard.read_words = boom  # an error no one expected, in a worker
sys.exit(cli.main(sys.argv[1:]))
"""


def test_an_unexpected_error_ends_the_dashboard_with_one_line_and_a_failure_status(filled_store) -> None:
    terminal = Terminal("--store", str(filled_store), env=ENV, program=[sys.executable, "-c", CRASHING])
    try:
        status = terminal.wait_exit(timeout=30)
    finally:
        terminal.close()
    output = bytes(terminal.output)
    assert status == 1
    assert b"Traceback" not in output and b"boom" in output
    after = output[output.rindex(b"\x1b[?1049l"):]  # said once the terminal is back to the shell's screen
    assert b"eujobs: internal error (RuntimeError: boom)" in after


# ---------------------------------------------------------------------- 5. the screen shows what is saved


async def test_a_tick_that_could_not_be_saved_is_taken_back_on_screen(pilot, store, monkeypatch) -> None:
    apply = store.apply_step

    def disk_full(step: Step):
        raise StoreError(f"{store.root / 'state.json'}: could not save (disk full)")

    monkeypatch.setattr(store, "apply_step", disk_full)
    await press(pilot, "3", "space")
    screen = pilot.app.screen
    checklist = screen.query_one(ChecklistPane)
    assert screen.current.ticks == {} and checklist.current_item.done is False
    [notification] = [n for n in pilot.app._notifications if n.title == "Not saved"]
    assert "disk full" in notification.message and notification.message.endswith(SHOWN_AS_SAVED)

    monkeypatch.setattr(store, "apply_step", apply)
    await press(pilot, "space")  # the next press ticks: it sees the item unticked
    assert store.find(CNECT).ticks == {"elig-citizenship": True} and checklist.current_item.done is True


def test_a_failed_change_leaves_the_changes_still_on_their_way_shown_and_an_undo_to_try_again(store) -> None:
    model = Dashboard(store)
    model.take(model.read())
    vacancy = store.find(CNECT)
    first = Step((Change(vacancy.id, "tick:elig-citizenship", True),))
    second = Step((Change(vacancy.id, "tick:app-cv", True),))
    model.asked(first)
    model.asked(second)
    shown = model.not_saved(first, undoable=True, shown=vacancy)
    assert shown.ticks == {"app-cv": True} and model.unsaved == [second]
    assert model.not_saved(second, undoable=True, shown=store.find(DIGIT)) is None  # not the vacancy shown

    undo = Step((Change(vacancy.id, "status", "new"),))
    model.asked(undo, undoable=False)
    model.not_saved(undo, undoable=False, shown=None)
    assert model.pop_undo() is undo  # to be tried again


def test_saves_left_waiting_at_a_signal_are_counted_not_waited_for() -> None:
    saver, gate = Saver(), threading.Event()
    saver.submit(lambda: gate.wait(30), SimpleNamespace(post_message=lambda message: None), "change")
    assert saver.close(timeout=0.05) == 1  # still waiting: left behind, and said
    gate.set()


# ---------------------------------------------------------------------- 6. changes are operations


@pytest.fixture
def other(store: Store) -> Store:
    """A second eujobs on the same store."""
    return Store.open(store.root, fixed_clock)


def test_two_dashboards_adding_an_item_each_from_the_same_view_keep_both(store, other) -> None:
    seen = store.find(CNECT)  # what both dialogs opened on
    other.apply(add_item(seen, "Ask Anna"))
    store.apply(add_item(seen, "Ask Bob"))
    other.apply(add_item(seen, "Ask Bob"))  # the same text twice: two items
    custom = store.find(CNECT).custom
    assert [item.text for item in custom] == ["Ask Anna", "Ask Bob", "Ask Bob"]
    assert len({item.id for item in custom}) == 3


def test_an_edit_and_a_delete_change_only_their_own_item(store, other) -> None:
    store.apply(add_item(store.find(CNECT), "Ask Anna"))
    store.apply(add_item(store.find(CNECT), "Ask Bob"))
    seen = store.find(CNECT)
    anna, bob = seen.custom
    other.apply(add_item(seen, "Ask Carla"))
    store.apply(edit_item(seen, anna.id, "Ask Anna twice"))
    other.apply(delete_item(seen, bob.id))
    assert [item.text for item in store.find(CNECT).custom] == ["Ask Anna twice", "Ask Carla"]
    undo = store.apply(add_item(seen, "Ask Dora"))
    store.apply(undo)  # undoing an add deletes that item, whatever else changed
    assert [item.text for item in store.find(CNECT).custom] == ["Ask Anna twice", "Ask Carla"]


def test_two_notes_written_at_once_are_both_kept_and_the_later_one_is_told(store, other) -> None:
    model = Dashboard(store)
    model.take(model.read())
    seen = store.find(CNECT)
    other.apply(Change(seen.id, "notes", "Theirs: call HR", was=seen.notes))
    mine = Step((Change(seen.id, "notes", "Mine: send the CV", was=seen.notes),))
    applied = model.apply(mine)
    assert applied.vacancy.notes == f"Mine: send the CV\n\n{OTHER_NOTES}\nTheirs: call HR"
    assert model.notes_merged(mine, applied)
    model.apply(applied.undo)  # nobody changed them since: back to theirs alone
    assert store.find(CNECT).notes == "Theirs: call HR"

    unchanged = Step((Change(seen.id, "notes", "Mine again", was="Theirs: call HR"),))
    assert not model.notes_merged(unchanged, model.apply(unchanged))


async def test_the_notes_dialog_keeps_what_another_eujobs_saved_meanwhile_and_says_so(pilot, store, other) -> None:
    await press(pilot, "n")
    other.apply(Change(store.find(CNECT).id, "notes", "Theirs"))
    await pilot.press(*"Mine")
    await press(pilot, "ctrl+s")
    assert store.find(CNECT).notes == f"Mine\n\n{OTHER_NOTES}\nTheirs"
    assert NOTES_MERGED in notices(pilot.app)


async def test_the_item_dialog_adds_to_the_items_saved_meanwhile(pilot, store, other) -> None:
    await press(pilot, "3", "a")
    other.apply(add_item(store.find(CNECT), "Theirs"))
    await pilot.press(*"Mine")
    await press(pilot, "enter")
    assert [item.text for item in store.find(CNECT).custom] == ["Theirs", "Mine"]


# ---------------------------------------------------------------------- 7. signals drain


def left_the_terminal_as_found(output: bytes) -> bool:
    """The alternate screen left and mouse reporting off, after the last time they were turned on."""
    return all(output.rfind(off) > output.rfind(on) >= 0 for on, off in (
        (b"\x1b[?1049h", b"\x1b[?1049l"), (b"\x1b[?1000h", b"\x1b[?1000l"), (b"\x1b[?1003h", b"\x1b[?1003l"),
        (b"\x1b[?1006h", b"\x1b[?1006l")))


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_saves_the_tick_on_its_way_restores_the_terminal_and_exits_with_its_code(filled_store,
                                                                                         signum) -> None:
    terminal = Terminal("--store", str(filled_store), env=ENV)
    lock = FileLock(filled_store / ".lock")
    try:
        open_checklist(terminal)
        with lock:  # another eujobs holds the store: the tick's save waits for it
            terminal.press(" ")
            terminal.wait_for_line("Are a citizen of a Member State", "[x]")
            terminal.pump(0.3)
            terminal.process.kill(signum)
        status = terminal.wait_exit(timeout=30)
    finally:
        terminal.close()
    assert status == 128 + signum
    assert left_the_terminal_as_found(bytes(terminal.output))
    shown = record(filled_store, "IT Project Officer – IT project leader")
    assert shown["checklist"][0]["done"] is True


def test_a_connection_dropping_saves_the_tick_on_its_way_and_exits_as_hung_up(filled_store) -> None:
    terminal = Terminal("--store", str(filled_store), env=ENV)
    try:
        open_checklist(terminal)
        with FileLock(filled_store / ".lock"):
            terminal.press(" ")
            terminal.wait_for_line("Are a citizen of a Member State", "[x]")
            terminal.pump(0.3)
            terminal.process.fileobj.close()  # the terminal's side gone, as with sshd's: the kernel hangs up
        deadline = time.monotonic() + 30
        while terminal.process.isalive() and time.monotonic() < deadline:
            time.sleep(0.1)
        status = terminal.process.exitstatus
    finally:
        terminal.close()
    assert status == 128 + signal.SIGHUP
    assert record(filled_store, "IT Project Officer – IT project leader")["checklist"][0]["done"] is True


# ---------------------------------------------------------------------- 8. a front of the list it cannot trust


def planted_front(store: Store, plant) -> Store:
    """The store's front as saved, changed by `plant`; the store as the next start opens it."""
    store.save_front()
    path = store.root / FRONT_FILE
    data = json.loads(path.read_text())
    assert Store.open(store.root, fixed_clock, check_files=False).front() is not None  # as saved: used
    path.write_text(plant(data) if callable(plant) else plant)
    return Store.open(store.root, fixed_clock, check_files=False)


def first_row(change):
    """A plant: the front with its first row changed by `change`."""
    def plant(data: dict) -> str:
        change(data["rows"][0])
        return json.dumps(data)
    return plant


def posting_field(**fields):
    return first_row(lambda row: row["posting"].update(fields))


@pytest.mark.parametrize("plant", [
    posting_field(locations=5), posting_field(title=None), posting_field(languages=[{"language": 7}]),
    posting_field(apply={"documents": "cv"}), posting_field(checklist='[["a", "b", 3]]'), posting_field(checklist="[["),
    posting_field(applicants=True), first_row(lambda row: row["source"].update(sha256="../../../etc/passwd")),
    first_row(lambda row: row.update(id=["x"])),
    lambda data: json.dumps({**data, "count": 1e308}), lambda data: json.dumps({**data, "open_count": -1}),
    lambda data: json.dumps({**data, "rows": {"0": data["rows"][0]}}),
    '{"front": 1, "version": ' + "[" * 200_000 + "]" * 200_000 + "}",
    "[" * 200_000,
], ids=["locations 5", "no title", "language 7", "documents text", "item text 3", "checklist cut", "applicants true",
        "sha256 path", "id list", "count 1e308", "open count -1", "rows object", "nested 200000", "unclosed"])
def test_a_planted_front_is_ignored_and_the_store_read_whole(store, plant) -> None:
    reopened = planted_front(store, plant)
    assert reopened.front_or_read() is None  # no error: the catalog is read as it always was


async def test_the_dashboard_starts_on_a_store_whose_front_says_locations_5(store) -> None:
    reopened = planted_front(store, posting_field(locations=5))
    app = EujobsApp(reopened, reopened.front_or_read())
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert len(app.screen.model.listing.shown) == 5 and app.return_code is None
    app.saver.close()


def test_the_dashboard_starts_in_a_terminal_on_a_deeply_nested_front(filled_store) -> None:
    (filled_store / FRONT_FILE).write_text("[" * 200_000)
    terminal = Terminal("--store", str(filled_store), env=ENV)
    try:
        terminal.wait_for("IT Project Officer")
        terminal.press("q")
        assert terminal.wait_exit() == 0
    finally:
        terminal.close()
