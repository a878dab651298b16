"""The dashboard's dialogs and help screen, driven by the keyboard alone at 80x24."""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import asynccontextmanager

import pytest
from textual.app import App
from textual.containers import ScrollableContainer
from textual.screen import Screen
from textual.widgets import Input, Label, OptionList, TextArea

from eujobs.tui.screens.dialogs import ChoicePicker, Confirm, StatusPicker, TextPrompt
from eujobs.tui.screens.forms import AddVacancy, FieldEditor, NotesEditor
from eujobs.tui.screens.help import HelpScreen

HOSTILE = "Junior [bold]PM[/bold]"


class Host(App):
    """Pushes one dialog and records what it is dismissed with."""

    def __init__(self, make_dialog: Callable[[], Screen]) -> None:
        super().__init__()
        self.make_dialog = make_dialog
        self.results: list[object] = []

    def on_mount(self) -> None:
        self.push_screen(self.make_dialog(), self.results.append)


@asynccontextmanager
async def opened(make_dialog: Callable[[], Screen], size: tuple[int, int] = (80, 24)):
    app = Host(make_dialog)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        yield pilot, app


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def assert_fits(screen: Screen) -> None:
    """The dialog is on screen and every widget shown in it has room inside its frame."""
    dialog = screen.query_one("#dialog")
    assert screen.region.contains_region(dialog.region)
    frame = dialog.content_region
    shown = [
        widget
        for widget in dialog.query("*")
        if all(node.display for node in (widget, *widget.ancestors))
        # What lives inside a scrolling container may extend past it: that is what scrolling is for.
        and not any(isinstance(node, ScrollableContainer) for node in widget.ancestors)
    ]
    assert shown
    for widget in shown:
        assert widget.region.height > 0 and frame.contains_region(widget.region), widget


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


SECTIONS = [
    ("Anywhere", [("?", "Show this help"), ("q", "Quit"), ("ctrl+p", "Command palette")]),
    (
        "Vacancy list",
        [(f"k{n}", f"Action number {n}, described at some length so that it has to wrap at 80 columns") for n in range(12)],
    ),
    ("Checklist", [("space", f"Tick {HOSTILE}"), ("ctrl+shift+alt+up", "A key too long for the column")]),
]

DIALOGS = {
    "status": lambda: StatusPicker("applied"),
    "prompt": lambda: TextPrompt("Next action", "call back", "what next?"),
    "confirm": lambda: Confirm(f"Delete “{HOSTILE} ICT Security Officer at the European Union Agency for Cybersecurity”?"),
    "long question": lambda: Confirm("Delete " + "a very long title " * 40 + "?"),
    "notes": lambda: NotesEditor("Notes", "first line\n" * 40),
    "fields": lambda: FieldEditor([("title", "x " * 100), ("deadline", "15/05/2026 12:00")], lambda name, text: None),
    "add": AddVacancy,
    "help": lambda: HelpScreen(SECTIONS),
}


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
@pytest.mark.parametrize("name", sorted(DIALOGS))
async def test_every_dialog_fits_the_terminal(name, size) -> None:
    async with opened(DIALOGS[name], size) as (pilot, app):
        assert_fits(app.screen)


# StatusPicker


@pytest.mark.parametrize(("key", "status"), [("1", "new"), ("4", "applied"), ("9", "withdrawn"), ("0", "closed")])
async def test_a_digit_picks_its_status_at_once(key, status) -> None:
    async with opened(lambda: StatusPicker("new")) as (pilot, app):
        await pilot.press(key)
        assert app.results == [status]


async def test_the_statuses_are_numbered_and_the_current_one_is_highlighted() -> None:
    async with opened(lambda: StatusPicker("applied")) as (pilot, app):
        text = screen_text(app)
        assert all(line in text for line in ("1 new", "2 interested", "4 applied", "9 withdrawn", "0 closed"))
        assert re.search(r"4 applied\s+◂ current", text)
        await pilot.press("enter")
        assert app.results == ["applied"]


async def test_arrows_and_enter_pick_a_status() -> None:
    async with opened(lambda: StatusPicker("applied")) as (pilot, app):
        await pilot.press("down", "down", "up", "enter")
        assert app.results == ["interview"]


async def test_escape_leaves_the_status_unpicked() -> None:
    async with opened(lambda: StatusPicker("applied")) as (pilot, app):
        await pilot.press("escape")
        assert app.results == [None]


# TextPrompt


async def test_the_prompt_returns_what_was_typed() -> None:
    async with opened(lambda: TextPrompt(f"Next action for {HOSTILE}", placeholder="what next?")) as (pilot, app):
        assert f"Next action for {HOSTILE}" in screen_text(app)
        await type_text(pilot, "call HR")
        await pilot.press("enter")
        assert app.results == ["call HR"]


async def test_the_prompt_starts_from_the_value_given() -> None:
    async with opened(lambda: TextPrompt("Rename", value="old name")) as (pilot, app):
        assert app.screen.query_one(Input).value == "old name"
        await pilot.press("enter")
        assert app.results == ["old name"]


async def test_the_prompt_shows_the_validation_error_and_stays() -> None:
    def whole_days(text: str) -> str | None:
        return None if text.isdigit() else f"Not a number of days: {text}"

    async with opened(lambda: TextPrompt("Remind me in", validate=whole_days)) as (pilot, app):
        await type_text(pilot, "[b]x")
        await pilot.press("enter")
        assert app.results == []
        assert isinstance(app.screen, TextPrompt)
        assert "✗ Not a number of days: [b]x" in screen_text(app)
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        assert "Not a number" not in screen_text(app)
        await type_text(pilot, "14")
        await pilot.press("enter")
        assert app.results == ["14"]


async def test_escape_cancels_the_prompt() -> None:
    async with opened(lambda: TextPrompt("Rename", value="old")) as (pilot, app):
        await type_text(pilot, "new")
        await pilot.press("escape")
        assert app.results == [None]


# Confirm


@pytest.mark.parametrize(("keys", "answer"), [(["y"], True), (["n"], False), (["escape"], False), (["enter"], False)])
async def test_confirm_answers(keys, answer) -> None:
    async with opened(lambda: Confirm(f"Delete {HOSTILE}?")) as (pilot, app):
        await pilot.press(*keys)
        assert app.results == [answer]


async def test_confirm_shows_the_question_literally_and_can_be_answered_with_the_buttons() -> None:
    async with opened(lambda: Confirm(f"Delete {HOSTILE}?", yes="Discard")) as (pilot, app):
        text = screen_text(app)
        assert f"Delete {HOSTILE}?" in text and "Discard (y)" in text and "No (n)" in text
        assert app.focused.id == "no"
        await pilot.press("left", "enter")
        assert app.results == [True]


# NotesEditor


async def test_ctrl_s_saves_the_notes_with_their_newlines() -> None:
    async with opened(lambda: NotesEditor(f"Notes — {HOSTILE}", "first")) as (pilot, app):
        assert f"Notes — {HOSTILE}" in screen_text(app)
        await pilot.press("end", "enter")
        await type_text(pilot, "[bold]second")
        await pilot.press("ctrl+s")
        assert app.results == ["first\n[bold]second"]


async def test_escape_on_unchanged_notes_closes_at_once() -> None:
    async with opened(lambda: NotesEditor("Notes", "first")) as (pilot, app):
        await pilot.press("escape")
        assert app.results == [None]


async def test_escape_on_changed_notes_asks_before_discarding() -> None:
    async with opened(lambda: NotesEditor("Notes", "first")) as (pilot, app):
        await type_text(pilot, "new ")
        await pilot.press("escape")
        assert isinstance(app.screen, Confirm) and app.results == []
        assert "Discard your changes?" in screen_text(app)
        await pilot.press("n")
        assert isinstance(app.screen, NotesEditor)
        assert app.screen.query_one(TextArea).text == "new first"
        await pilot.press("escape", "y")
        assert app.results == [None]
        assert not isinstance(app.screen, (NotesEditor, Confirm))


# FieldEditor


def check_deadline(name: str, text: str) -> str | None:
    if name == "deadline" and not re.fullmatch(r"\d\d/\d\d/\d{4} \d\d:\d\d", text):
        return "Write the deadline day first: 23/03/2026 12:00"
    return None


FIELDS = [("title", f"{HOSTILE} Officer"), ("deadline", "15/05/2026 12:00"), ("reference", "")]


async def test_the_field_list_shows_names_and_values_literally() -> None:
    async with opened(lambda: FieldEditor(FIELDS, check_deadline)) as (pilot, app):
        text = screen_text(app)
        assert f"title: {HOSTILE} Officer" in text
        assert "deadline: 15/05/2026 12:00" in text
        assert "reference: —" in text


async def test_a_field_is_edited_and_checked() -> None:
    async with opened(lambda: FieldEditor(FIELDS, check_deadline)) as (pilot, app):
        await pilot.press("down", "enter")
        field = app.screen.query_one(Input)
        assert app.focused is field and field.value == "15/05/2026 12:00"
        assert "Edit deadline" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "next Friday")
        await pilot.press("enter")
        assert app.results == []
        assert "✗ Write the deadline day first: 23/03/2026 12:00" in screen_text(app)
        await pilot.press("ctrl+u")
        await type_text(pilot, "20/05/2026 17:00")
        await pilot.press("enter")
        assert app.results == [("deadline", "20/05/2026 17:00")]


async def test_escape_goes_back_to_the_fields_then_cancels() -> None:
    async with opened(lambda: FieldEditor(FIELDS, check_deadline)) as (pilot, app):
        await pilot.press("down", "enter")
        await type_text(pilot, "bad")
        await pilot.press("enter", "escape")
        assert app.results == []
        assert app.focused is app.screen.query_one(OptionList)
        text = screen_text(app)
        assert "Edit a field" in text and "deadline: 15/05/2026 12:00" in text and "✗" not in text
        await pilot.press("escape")
        assert app.results == [None]


# ChoicePicker


@pytest.mark.parametrize("count, digits", [(1, "1"), (3, "1-3"), (12, "1-9")])
async def test_the_choice_pickers_hint_names_the_digits_that_pick(count, digits) -> None:
    choices = [(f"thing {number}", f"value {number}") for number in range(1, count + 1)]
    async with opened(lambda: ChoicePicker("Copy", choices)) as (pilot, app):
        assert f"│ {digits} pick · ↑↓ Enter · Esc cancel " in screen_text(app)
        await pilot.press(digits[-1])
        assert app.results == [int(digits[-1]) - 1]


# AddVacancy


async def test_a_vacancy_needs_a_title() -> None:
    async with opened(AddVacancy) as (pilot, app):
        await type_text(pilot, "   ")
        await pilot.press("ctrl+s")
        assert app.results == []
        assert "✗ A title is needed." in screen_text(app)
        await pilot.press(*["tab"] * 5, "enter")
        assert app.results == [] and app.focused.id == "title"


async def test_the_form_returns_every_field_stripped() -> None:
    async with opened(AddVacancy) as (pilot, app):
        for text, key in [
            ("  Data [bold]Steward ", "tab"),
            ("EEA", "enter"),
            ("EEA/AD/2026/01", "enter"),
            ("23/03/2026 12:00", "tab"),
            ("jobs@eea.europa.eu", "tab"),
            ("ask Anna", "enter"),
        ]:
            await type_text(pilot, text)
            await pilot.press(key)
        assert app.results == [
            {
                "title": "Data [bold]Steward",
                "institution": "EEA",
                "reference": "EEA/AD/2026/01",
                "deadline": "23/03/2026 12:00",
                "apply_to": "jobs@eea.europa.eu",
                "notes": "ask Anna",
            }
        ]


async def test_ctrl_s_adds_with_the_empty_fields_empty() -> None:
    async with opened(AddVacancy) as (pilot, app):
        await type_text(pilot, "Translator")
        await pilot.press("ctrl+s")
        assert app.results == [
            {"title": "Translator", "institution": "", "reference": "", "deadline": "", "apply_to": "", "notes": ""}
        ]


async def test_tab_and_enter_mark_the_focused_fields_name_and_only_its() -> None:
    async with opened(AddVacancy) as (pilot, app):
        labels = [label for _, label, _ in AddVacancy.FIELDS]
        for number, label in enumerate(labels):
            await pilot.pause()
            marked = [str(name.render()) for name in app.screen.query(Label) if name.styles.text_style.reverse]
            assert marked == [label]
            await pilot.press("tab" if number % 2 else "enter")


async def test_escape_cancels_the_form() -> None:
    async with opened(AddVacancy) as (pilot, app):
        await type_text(pilot, "Translator")
        await pilot.press("escape")
        assert app.results == [None]


# HelpScreen


async def test_help_shows_every_key_scrolling_at_80x24() -> None:
    async with opened(lambda: HelpScreen(SECTIONS)) as (pilot, app):
        first_page = screen_text(app)
        assert "Checklist" not in first_page
        seen = set(first_page.splitlines())
        for _ in range(5):
            await pilot.press("pagedown")
            seen |= set(screen_text(app).splitlines())
        *short_keys, (long_key, long_description) = [row for _, rows in SECTIONS for row in rows]
        for key, description in short_keys:
            # Two columns: the key, then its description on the same line.
            assert any(re.search(rf"│ {re.escape(key)} +{re.escape(description[:30])}", line) for line in seen), key
        assert any(f"│ {long_key}" in line for line in seen) and any(long_description in line for line in seen)
        assert {heading for heading, _ in SECTIONS} <= {line.strip("│ ") for line in seen}


@pytest.mark.parametrize("key", ["escape", "q", "question_mark"])
async def test_help_closes(key) -> None:
    async with opened(lambda: HelpScreen(SECTIONS)) as (pilot, app):
        await pilot.press(key)
        assert app.results == [None]
        assert not isinstance(app.screen, HelpScreen)
