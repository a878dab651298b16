"""What leaves the dashboard: `y` asks which detail to copy; an export asks where to write, refuses a folder that
is not there, asks before replacing a file, and says what it wrote, counted."""

from __future__ import annotations

import pytest
from textual.widgets import Input, OptionList

from eujobs.tui.app import EujobsApp
from eujobs.tui.screens.dialogs import ChoicePicker, Confirm, TextPrompt

from .test_app import CNECT, press, settle


@pytest.fixture
async def pilot(sample_store, tmp_path, monkeypatch):
    monkeypatch.setenv("HOME", str(tmp_path))  # the export's suggested folder
    monkeypatch.chdir(tmp_path / "store")  # not where an export goes unasked
    app = EujobsApp(sample_store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


def last_said(app) -> str:
    return list(app._notifications)[-1].message


async def test_y_asks_which_detail_to_copy_and_says_what_it_copied(pilot) -> None:
    await press(pilot, "y")
    picker = pilot.app.screen
    assert isinstance(picker, ChoicePicker)
    options = picker.query_one(OptionList)
    assert [str(options.get_option_at_index(index).prompt) for index in range(options.option_count)] == [
        "1 apply e-mail  CNECT-R3@ec.europa.eu", f"2 reference     {CNECT}",
        "3 title         IT Project Officer – IT project leader"]  # the posting gives no apply URL
    await press(pilot, "2")
    assert pilot.app.clipboard == CNECT
    assert last_said(pilot.app) == f"Copied the reference: {CNECT}"
    await press(pilot, "y", "enter")  # the first is highlighted
    assert pilot.app.clipboard == "CNECT-R3@ec.europa.eu"


async def export_calendar(pilot) -> None:
    await press(pilot, "ctrl+p")
    await pilot.press(*"Export calendar")
    await settle(pilot)
    await press(pilot, "enter")


async def type_over(pilot, text: str) -> None:
    await pilot.press("ctrl+u", *text)
    await press(pilot, "enter")


async def test_an_export_asks_where_suggesting_a_dated_file_at_home(pilot, tmp_path) -> None:
    await export_calendar(pilot)
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPrompt) and prompt.query_one(Input).value == "~/eujobs-2026-03-10.ics"
    await press(pilot, "enter")
    await settle(pilot)
    written = tmp_path / "eujobs-2026-03-10.ics"
    assert written.read_bytes().count(b"BEGIN:VEVENT") == 2
    assert last_said(pilot.app) == f"Wrote 2 deadlines from 5 vacancies to {written}"
    assert list((tmp_path / "store").glob("eujobs-*")) == []


async def test_an_export_to_a_folder_that_is_not_there_is_refused_in_one_line(pilot, tmp_path) -> None:
    await export_calendar(pilot)
    await type_over(pilot, "~/nowhere/deadlines.ics")
    prompt = pilot.app.screen
    assert isinstance(prompt, TextPrompt)  # still asking
    error = str(prompt.query_one("#dialog-error").render())
    assert error == f"✗ there is no folder {tmp_path / 'nowhere'}: create it first, or choose another"
    assert not (tmp_path / "nowhere").exists()


async def test_an_export_asks_before_replacing_a_file(pilot, tmp_path) -> None:
    kept = tmp_path / "deadlines.ics"
    kept.write_text("mine")
    await export_calendar(pilot)
    await type_over(pilot, str(kept))
    assert isinstance(pilot.app.screen, Confirm)
    await press(pilot, "n")
    assert kept.read_text() == "mine"
    await export_calendar(pilot)
    await type_over(pilot, str(kept))
    await press(pilot, "y")
    await settle(pilot)
    assert kept.read_bytes().startswith(b"BEGIN:VCALENDAR")
