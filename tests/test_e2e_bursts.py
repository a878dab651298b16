"""Keys that arrive together, as over SSH or in a paste: each sequence is one write to the pseudo-terminal of the
installed `eujobs` (or, with Pilot, key events sent back to back), and every key must land where it would have
landed typed slowly: the store and the screen are checked afterwards."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

import pytest
from textual import events

from eujobs.store.model import GROUPS
from eujobs.store.persistence.db import Store
from eujobs.tui.app import EujobsApp
from eujobs.tui.widgets.detail import DetailPane
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import fixed_clock
from .terminal import CTRL_S, ENTER, EUJOBS, Terminal, focused

NOW = "2026-03-10T09:00:00+00:00"
TAB, SHIFT_TAB, BACKSPACE = "\t", "\x1b[Z", "\x7f"
IT_OFFICER = "IT Project Officer"
CHARACTERS = {"space": " ", "escape": "\x1b", "enter": "\r", "tab": "\t", "backspace": "\x7f", "ctrl+u": "\x15",
              "ctrl+s": "\x13"}
CNECT = "EC/2026/CNECT/510505"  # the IT Project Officer, first in the list


@pytest.fixture
def home(tmp_path) -> dict[str, str]:
    """The environment of a user whose home, settings and data are in tmp_path, on a fixed day."""
    return {"HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "config"),
            "XDG_DATA_HOME": str(tmp_path / "data"), "XDG_CACHE_HOME": str(tmp_path / "cache"), "EUJOBS_NOW": NOW}


@pytest.fixture
def store_path(sample_store_template, tmp_path):
    """A throwaway copy of the sample postings' store."""
    return shutil.copytree(sample_store_template, tmp_path / "store")


def eujobs(home: dict[str, str], *args: str):
    return json.loads(subprocess.run([str(EUJOBS), *args], check=True, capture_output=True, text=True,
                                     env={**os.environ, **home}).stdout)


def listed(home, store_path) -> dict[str, dict]:
    """Every vacancy as `eujobs list --json` gives it, by title."""
    return {vacancy["title"]: vacancy for vacancy in eujobs(home, "--store", str(store_path), "list", "--json")}


def dashboard(home, store_path) -> Terminal:
    terminal = Terminal("--store", str(store_path), env=home)
    terminal.wait_for_line(IT_OFFICER, "▶")
    return terminal


def quit_dashboard(terminal: Terminal) -> None:
    terminal.press("q")
    assert terminal.wait_exit() == 0


@pytest.mark.parametrize("fill", [
    # title, Tab, institution, Tab, reference, Tab, deadline: the issue's own sequence
    "Statistician" + TAB + "Eurostat" + TAB + "ESTAT/2026/42" + TAB + "20/12/2026 12:00",
    # Enter moves on as Tab does; shift+Tab comes back to a field passed over
    "Statistician" + ENTER + ENTER + "ESTAT/2026/42" + SHIFT_TAB + "Eurostat" + TAB + TAB + "20/12/2026 12:00",
], ids=["tab", "enter-and-shift-tab"])
def test_the_add_form_filled_in_one_write_keeps_each_field(home, store_path, fill) -> None:
    terminal = dashboard(home, store_path)
    try:
        terminal.press("A" + fill + CTRL_S)  # the form opens, is filled and saved from this one write
        terminal.wait_for("Statistician")  # in the list
        terminal.wait_gone("Add a vacancy")
        quit_dashboard(terminal)
    finally:
        terminal.close()

    added = listed(home, store_path)["Statistician"]
    assert (added["institution"], added["reference"], added["deadline"]) == (
        "Eurostat", "ESTAT/2026/42", "2026-12-20T12:00:00+01:00")


def test_filter_typing_with_backspaces_in_one_write_shows_the_last_word(home, store_path) -> None:
    terminal = dashboard(home, store_path)
    try:
        terminal.press("/" + "brux" + BACKSPACE * 2 + "ssels" + BACKSPACE * 7 + "brussels")
        # 80 columns: the list alone, the filter box a line of its own under it
        terminal.wait_until(lambda _: any(line.strip() == "brussels" for line in terminal.screen.display),
                            "the filter box showing 'brussels'")
        terminal.wait_gone("Trainee – Networks")  # in Luxembourg: the list keeps the postings that say Brussels
        terminal.press(ENTER)  # from the box to the list
        terminal.wait_for_line(IT_OFFICER, "▶")
        quit_dashboard(terminal)
    finally:
        terminal.close()


def shown_order(checklist: list[dict]) -> list[dict]:
    """The items in the order the checklist pane shows them: group by group."""
    return sorted(checklist, key=lambda item: GROUPS.index(item["group"]))


def test_four_moves_and_a_tick_in_one_write_tick_the_fifth_item(home, store_path) -> None:
    terminal = dashboard(home, store_path)
    try:
        # open the vacancy, go to its checklist, four lines down, tick: one write
        terminal.press(ENTER + "3" + "jjjj" + " ")
        terminal.wait_for(focused("3 Checklist"))
        terminal.wait_for("▶ [x]")
        quit_dashboard(terminal)
    finally:
        terminal.close()

    [vacancy_id] = [v["id"] for title, v in listed(home, store_path).items() if title.startswith(IT_OFFICER)]
    items = shown_order(eujobs(home, "--store", str(store_path), "show", vacancy_id, "--json")["checklist"])
    assert [item["done"] for item in items[:6]] == [False, False, False, False, True, False]
    assert sum(item["done"] for item in items) == 1


# ---------------------------------------------------------------------------------------------- with Pilot


async def burst(pilot, *keys: str) -> None:
    """Send the keys as the terminal's reader does when they arrive together: all before any is handled."""
    app = pilot.app
    for key in keys:
        event = events.Key(key, key if len(key) == 1 else CHARACTERS[key])
        event.set_sender(app)
        app._driver.send_message(event)


async def until(pilot, condition, what: str) -> None:
    """Let the app work until condition() holds (each pause lasts until the app is idle: no clock involved)."""
    for _ in range(500):
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()  # the scrolls the keys animate
        if condition():
            return
    raise AssertionError(f"{what} never happened")


@pytest.fixture
async def pilot(sample_store_template, tmp_path):
    shutil.copytree(sample_store_template, tmp_path / "store")
    app = EujobsApp(Store.open(tmp_path / "store", fixed_clock))
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        yield pilot
    app.saver.close()


def saved(pilot) -> Store:
    """The store as another process reads it, once the dashboard's saves are on disk."""
    pilot.app.saver.close()
    return Store.open(pilot.app.store.root, fixed_clock)


def back_on_the_main_screen(pilot, screen, shows) -> bool:
    """Is the dialog closed and does the main screen show the vacancy as shows(vacancy) wants it?"""
    return pilot.app.screen is screen and screen.current is not None and shows(screen.current)


async def test_j_k_g_and_shift_g_move_the_details_pane_line_by_line(pilot) -> None:
    await pilot.press("2")
    detail = pilot.app.screen.query_one(DetailPane)
    assert detail.has_focus and detail.max_scroll_y > 5  # a posting longer than the pane

    for keys, line in ((("j", "j", "j"), 3), (("k",), 2), (("G",), detail.max_scroll_y), (("k", "k", "g"), 0)):
        await burst(pilot, *keys)
        await until(pilot, lambda: detail.scroll_offset.y == line, f"{keys} scrolling to line {line}")


async def test_keys_after_escape_in_the_same_burst_reach_the_list(pilot) -> None:
    screen = pilot.app.screen
    vacancy_list = screen.query_one(VacancyList)
    assert vacancy_list.cursor == 0

    await pilot.press("i")  # a prompt
    assert pilot.app.screen is not screen
    await burst(pilot, "z", "escape", "j", "j")  # typed in and left, then two moves down the list
    await until(pilot, lambda: pilot.app.screen is screen and vacancy_list.cursor == 2, "the list's cursor on row 3")
    assert vacancy_list.has_focus


async def test_three_date_prompts_answered_in_one_burst(pilot) -> None:
    screen = pilot.app.screen
    await pilot.press("D")  # the applied date, then the next action's date, then what it is
    await burst(pilot, "ctrl+u", *"11/03/2026", "enter", "ctrl+u", *"24/03/2026", "enter", "ctrl+u", *"Call", "enter")
    await until(pilot, lambda: back_on_the_main_screen(pilot, screen, lambda v: v.next_action == "Call"),
                "the next action shown")
    vacancy = saved(pilot).find(CNECT)
    assert (vacancy.applied_date.isoformat(), vacancy.next_action_on.isoformat(), vacancy.next_action) == (
        "2026-03-11", "2026-03-24", "Call")


async def test_a_field_picked_and_typed_in_one_burst(pilot) -> None:
    screen = pilot.app.screen
    await pilot.press("E")  # the fields, the title first
    await burst(pilot, "enter", "ctrl+u", *"Project lead", "enter")
    await until(pilot, lambda: back_on_the_main_screen(pilot, screen, lambda v: v.posting.title == "Project lead"),
                "the new title shown")
    assert saved(pilot).find(CNECT).posting.title == "Project lead"


async def test_the_profile_filled_in_one_burst(pilot) -> None:
    screen = pilot.app.screen
    await pilot.press("p")
    await burst(pilot, "ctrl+u", *"Belgium", "tab", "tab", "ctrl+u", *"English C1", "ctrl+s")
    await until(pilot, lambda: pilot.app.screen is screen and screen.profile.citizenships == ["Belgium"],
                "the profile saved and read back")
    profile = saved(pilot).profile()
    assert [(lang.language, lang.level) for lang in profile.languages] == [("English", "C1")]


async def test_notes_typed_with_backspaces_in_one_burst(pilot) -> None:
    screen = pilot.app.screen
    await pilot.press("n")
    await burst(pilot, *"Call HR", "backspace", "backspace", *"HR on Monday", "ctrl+s")
    await until(pilot, lambda: back_on_the_main_screen(pilot, screen, lambda v: v.notes != ""), "the notes shown")
    assert saved(pilot).find(CNECT).notes == "Call HR on Monday"
