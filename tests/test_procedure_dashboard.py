"""Issue 22 in the dashboard: the tracker shows the procedure's stages, the events and every deadline, and the keys
r, v, w and R record them, each one undo step named in words."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.model import Posting, Source
from eujobs.store.outputs.safe_text import printable
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.procedure.changes import add_deadline, add_event, set_stage
from eujobs.tui.app import EujobsApp
from eujobs.tui.commands import COMMANDS, help_sections
from eujobs.tui.widgets.line_view import NO_BREAK_SPACE
from eujobs.tui.widgets.tracker import TrackerPane, tracker_lines

from .conftest import TODAY
from .test_app import press, settle

BRUSSELS = ZoneInfo("Europe/Brussels")
HOSTILE_NOTE = "[bold]38/40[/bold] \x1b[31mnot red"


def epso_competition(store: Store) -> str:
    """An EPSO competition of our own, its application closing a week after TODAY; the id of its vacancy."""
    posting = Posting(title="Administrators in digital policy (AD 7)", reference="EPSO/AD/999/26", kind="official",
                      institution="European Personnel Selection Office",
                      deadline=datetime(2026, 3, 17, 12, 0, tzinfo=BRUSSELS))
    [saved] = store.save_imports([Incoming(posting, "The competition's notice.",
                                           Source(None, "e" * 64, "text", TODAY.isoformat()))])
    return saved.vacancy_id


@pytest.fixture
def vacancy_id(store: Store) -> str:
    return epso_competition(store)


@pytest.fixture
async def pilot(store, vacancy_id, monkeypatch):
    monkeypatch.setenv("TZ", "Europe/London")  # the user's own zone, an hour behind Brussels: both times are shown
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


def said(lines) -> str:
    """The tracker's lines as one text, wrapped lines joined: what a person reads, whatever the pane's width."""
    return " ".join(" ".join(line.plain for line in lines).replace(NO_BREAK_SPACE, " ").split())


def last_notice(pilot) -> str:
    return [notice.message for notice in pilot.app._notifications][-1]


async def type_in(pilot, text: str, clear: bool = False) -> None:
    """Type into the dialog's box (clearing what it offers first) and press Enter."""
    if clear:
        await pilot.press("ctrl+u")
    await pilot.press(*text)
    await press(pilot, "enter")


async def record_stage(pilot, number: str, on: str, note: str = "") -> None:
    """r, the stage by its number, passed, its day and a note."""
    await press(pilot, "r", number, "1")
    await type_in(pilot, on, clear=True)
    await type_in(pilot, note)


async def test_an_epso_competition_walked_from_application_to_reserve_list(pilot, store, vacancy_id) -> None:
    await press(pilot, "4", "s", "4")  # applied: the application stage is passed, from the status
    await press(pilot, "w", "2")  # supporting documents...
    await type_in(pilot, "20/03/2026 12:00")
    await type_in(pilot, "upload the diploma")
    await press(pilot, "v", "1")  # a test...
    await type_in(pilot, "24/03/2026 10:00")
    await type_in(pilot, "online")
    await type_in(pilot, "reasoning tests")
    await record_stage(pilot, "2", "18/03/2026")
    await record_stage(pilot, "3", "24/03/2026", "38/40")
    for number, day in (("4", "02/06/2026"), ("5", "02/06/2026"), ("6", "01/09/2026"), ("7", "15/10/2026")):
        await record_stage(pilot, number, day)
    await press(pilot, "w", "6")  # the reserve list expires...
    await type_in(pilot, "31/12/2027")
    await type_in(pilot, "")

    vacancy = store.get(vacancy_id)
    assert vacancy.status == "applied"
    assert {stage: (record.result, record.on) for stage, record in vacancy.stages.items()} == {
        "documents": ("passed", date(2026, 3, 18)), "reasoning_tests": ("passed", date(2026, 3, 24)),
        "field_test": ("passed", date(2026, 6, 2)), "written_test": ("passed", date(2026, 6, 2)),
        "eligibility": ("passed", date(2026, 9, 1)), "reserve_list": ("passed", date(2026, 10, 15))}
    assert vacancy.stages["reasoning_tests"].note == "38/40"
    [event] = vacancy.events
    assert (event.kind, event.at, event.place, event.note) == (
        "test", datetime(2026, 3, 24, 9, 0, tzinfo=ZoneInfo("UTC")), "online", "reasoning tests")
    assert [(item.kind, item.at) for item in vacancy.deadlines] == [
        ("documents", datetime(2026, 3, 20, 12, 0, tzinfo=BRUSSELS)), ("reserve_list", date(2027, 12, 31))]
    record = vacancy.to_json()
    assert [stage["id"] for stage in record["stages"] if stage["current"]] == ["reserve_list"]
    assert record["reserve_list_until"] == "2027-12-31"

    shown = said(pilot.app.screen.query_one(TrackerPane).lines())
    assert "▶ ✓ reserve list passed 15/10/2026" in shown
    assert "✓ application passed 10/03/2026 (from the status)" in shown
    assert "✓ reasoning tests passed 24/03/2026 — 38/40" in shown
    assert "on reserve list until 31/12/2027 in 661 d" in shown
    assert "test 24/03/2026 10:00 Brussels time (09:00 London time), online in 14 d — reasoning tests" in shown
    assert "! supporting documents due in 10 d 20/03/2026 12:00 Brussels time (11:00 London time)" in shown
    assert "reserve list expires in 661 d 31/12/2027" in shown
    assert "application due in 7 d 17/03/2026 12:00" in shown  # the posting's own

    await press(pilot, "u")
    assert last_notice(pilot) == "Undone: added “reserve list expires” on 31/12/2027"
    assert [item.kind for item in store.get(vacancy_id).deadlines] == ["documents"]
    assert "on reserve list until" not in said(pilot.app.screen.query_one(TrackerPane).lines())
    await press(pilot, "u")
    assert last_notice(pilot) == "Undone: reserve list passed on 15/10/2026"
    assert "reserve_list" not in store.get(vacancy_id).stages


async def test_removing_an_event_asks_first_and_u_brings_it_back(pilot, store, vacancy_id) -> None:
    vacancy = store.get(vacancy_id)
    store.apply(add_event(vacancy, "interview", datetime(2026, 4, 2, 14, 30, tzinfo=BRUSSELS), place="Brussels"))
    store.apply(add_deadline(vacancy, "review", date(2026, 3, 20)))
    pilot.app.screen.load()  # as another eujobs's change is read again
    await settle(pilot)
    await press(pilot, "4")
    await press(pilot, "R", "1", "n")  # the interview; no: it stays
    assert len(store.get(vacancy_id).events) == 1
    await press(pilot, "R", "1", "y")
    assert store.get(vacancy_id).events == ()
    assert "• interview" not in said(pilot.app.screen.query_one(TrackerPane).lines())
    await press(pilot, "u")
    assert last_notice(pilot) == "Undone: removed the interview on 02/04/2026 14:30 Brussels time"
    [event] = store.get(vacancy_id).events
    assert (event.kind, event.place) == ("interview", "Brussels")
    await press(pilot, "R", "2", "y")  # the request for review, after the one event
    assert store.get(vacancy_id).deadlines == ()
    await press(pilot, "u")
    assert last_notice(pilot) == "Undone: removed “request for review” on 20/03/2026"


async def test_r_with_nothing_of_the_users_to_remove_says_so(pilot, store) -> None:
    await press(pilot, "4", "R")
    assert last_notice(pilot) == "No events or deadlines of yours to remove."


async def test_a_day_that_is_none_is_refused_in_the_dialog_and_nothing_is_saved(pilot, store, vacancy_id) -> None:
    await press(pilot, "4", "v", "2")
    await type_in(pilot, "31/02/2026 10:00")
    error = str(pilot.app.screen.query_one("#dialog-error").render())
    assert error == "✗ '31/02/2026 10:00' is no date (day first, e.g. 14/01/2027 10:00)"
    await press(pilot, "escape")
    await press(pilot, "r", "2", "1")
    await type_in(pilot, "18/03/2026 10:00", clear=True)  # a stage is reached on a day, not at a time
    assert str(pilot.app.screen.query_one("#dialog-error").render()) == "✗ a day, without a time: e.g. 18/03/2026"
    await press(pilot, "escape")
    vacancy = store.get(vacancy_id)
    assert (vacancy.events, vacancy.stages) == ((), {})


def test_the_keys_are_in_the_help_and_free_of_clashes() -> None:
    keys = [key for command in COMMANDS for key in command.keys.split(",") if key]
    assert len(keys) == len(set(keys))
    tracker = dict(dict(help_sections())["Tracker"])
    assert tracker["r"].startswith("Record a stage") and tracker["v"].startswith("Add a test")
    assert tracker["w"].startswith("Add a deadline") and tracker["R"].startswith("Remove one of your events")


def test_the_tracker_marks_the_current_stage_and_a_failed_one_by_symbol_and_shows_notes_literally(
        store, vacancy_id) -> None:
    store.set_status(vacancy_id, "applied")
    vacancy = store.get(vacancy_id)
    store.apply(set_stage(vacancy, "reasoning_tests", "failed", date(2026, 3, 24), HOSTILE_NOTE))
    lines = [line.plain.replace(NO_BREAK_SPACE, " ") for line in tracker_lines(store.get(vacancy_id), 78, TODAY)]
    stages = lines[lines.index("EPSO competition  r to record a stage") + 1:][:10]
    assert stages[:4] == ["  ✓ application  passed 10/03/2026  (from the status)",
                          "  ✓ supporting documents  passed  (implied)",
                          f"▶ ✗ reasoning tests  failed 24/03/2026 — {printable(HOSTILE_NOTE)}",
                          "  · field-related test"]


def test_before_any_stage_the_tracker_says_so_in_a_line_and_names_the_keys_that_add_dates(store, vacancy_id) -> None:
    text = said(tracker_lines(store.get(vacancy_id), 60, TODAY))
    assert ("EPSO competition r to record a stage Not started: 10 stages, from application to job offer. "
            "v adds an event (a test, an interview), w a deadline. History") in text
    assert "Events" not in text and "Deadlines" not in text


def test_a_time_in_brussels_is_shown_once_when_the_user_lives_there_too(store, vacancy_id) -> None:
    store.apply(add_event(store.get(vacancy_id), "call", datetime(2026, 3, 12, 15, 0, tzinfo=BRUSSELS)))
    text = said(tracker_lines(store.get(vacancy_id), 78, TODAY, "Europe/Brussels"))
    assert "• call 12/03/2026 15:00 Brussels time in 2 d" in text
