"""The three right-hand panes on their own: what they show for real postings, and the checklist's keys."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import timedelta

import pytest
from rich.cells import cell_len
from textual.app import App, ComposeResult
from textual.geometry import Region
from textual.strip import Strip
from textual.widget import Widget
from textual.widgets import Footer

from eujobs.store.ingest.importer import import_paths
from eujobs.store.model import Vacancy
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.edit import date_change, field_change
from eujobs.store.persistence.state import Change, add_item
from eujobs.tui.widgets.checklist import ChecklistPane
from eujobs.tui.widgets.detail import DetailPane
from eujobs.tui import commands
from eujobs.tui.widgets.tracker import TrackerPane, tracker_lines

from .conftest import POSTINGS, TODAY, incoming

SIZES = [(80, 24), (120, 40)]
CNECT = "ec-cnect-r3-it-project-officer.md"
HOSTILE = "[bold]not bold[/bold] \x1b[31mred"
HOSTILE_SHOWN = "[bold]not bold[/bold] ␛[31mred"


class Host(App):
    """Composes one pane, and keeps the messages it posts."""

    def __init__(self, pane: Widget) -> None:
        super().__init__()
        self.pane = pane
        self.toggled: list[ChecklistPane.Toggled] = []

    def compose(self) -> ComposeResult:
        yield self.pane
        yield Footer()

    def on_checklist_pane_toggled(self, message: ChecklistPane.Toggled) -> None:
        self.toggled.append(message)


def imported(store: Store, name: str = CNECT) -> Vacancy:
    [outcome] = import_paths(store, [str(POSTINGS / name)])
    return fresh(store, outcome.vacancy_id)


def fresh(store: Store, vacancy_id: str) -> Vacancy:
    return next(vacancy for vacancy in store.vacancies() if vacancy.id == vacancy_id)


def drawn(pane: Widget) -> list[str]:
    """Every line the pane's text draws, scrolled into view or not."""
    return [pane.line_strip(index).text.rstrip() for index in range(len(pane.lines()))]


def visible(pane: ChecklistPane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.scrollable_content_region.height)]


def line_with(lines: list[str], text: str) -> str:
    return next(line for line in lines if text in line)


# ---------------------------------------------------------------- detail


@pytest.mark.parametrize("size", SIZES)
async def test_detail_shows_the_key_facts_on_top(store, size) -> None:
    vacancy = imported(store)
    app = Host(DetailPane())
    async with app.run_test(size=size) as pilot:
        app.pane.now = TODAY
        app.pane.vacancy = vacancy
        app.pane.text = store.text_of(vacancy)
        await pilot.pause()
        lines = drawn(app.pane)
        top = lines[: lines.index("") + 20]  # the title, a gap, then the facts
        assert lines[0].strip() == "IT Project Officer – IT project leader"
        assert line_with(top, "Institution").split(maxsplit=1)[1] == "European Commission"
        assert "DG CONNECT" in line_with(top, "Department")
        assert "23/03/2026 12:00 Brussels time (UTC+01:00) · in 13 d" in line_with(top, "Deadline")
        assert "contract agent · 3b · FG IV" in line_with(top, "Contract")
        assert "English C1, French B2" in line_with(top, "Languages")
        assert "at least 6 years" in line_with(top, "Experience")
        assert "CNECT-R3@ec.europa.eu" in line_with(top, "Apply by")
        assert "EC/2026/CNECT/510505" in line_with(top, "Subject")
        assert "CV, application form" in line_with(top, "Documents")
        assert "✎" not in "".join(lines)


async def test_detail_shows_the_sections_once_the_text_arrives(store) -> None:
    vacancy = imported(store)
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.now = TODAY
        app.pane.vacancy = vacancy
        await pilot.pause()
        assert "Main tasks" not in drawn(app.pane)

        app.pane.text = store.text_of(vacancy)
        await pilot.pause()
        lines = [line.strip() for line in drawn(app.pane)]
        headings = ["WE PROPOSE", "Main tasks", "WE LOOK FOR", "HOW TO EXPRESS YOUR INTEREST?", "General criteria"]
        assert [lines.index(heading) for heading in headings] == sorted(lines.index(heading) for heading in headings)
        assert lines[lines.index("Main tasks") + 1].startswith("• Manage IT project autonomously")
        heading_strip = app.pane.line_strip(lines.index("Main tasks"))
        assert all(segment.style.bold for segment in heading_strip if segment.text.strip())


async def test_detail_marks_the_fields_the_user_edited(store) -> None:
    vacancy = imported(store)
    store.apply(field_change(vacancy, "deadline", "30/03/2026 12:00"))
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.now = TODAY
        app.pane.vacancy = fresh(store, vacancy.id)
        await pilot.pause()
        lines = drawn(app.pane)
        assert line_with(lines, "Deadline").endswith("30/03/2026 12:00 Brussels time (UTC+02:00) · in 20 d ✎")
        assert "✎" not in line_with(lines, "Reference")


async def test_detail_shows_a_hint_without_a_vacancy_and_posting_text_literally(store) -> None:
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [line.strip() for line in drawn(app.pane) if line.strip()] == ["Select a vacancy"]

        store.save_imports([incoming(title=HOSTILE)])
        app.pane.vacancy = store.vacancies()[0]
        app.pane.text = f"Duties\n- {HOSTILE}"
        await pilot.pause()
        lines = drawn(app.pane)
        assert lines[0].strip() == HOSTILE_SHOWN
        assert f"• {HOSTILE_SHOWN}" in [line.strip() for line in lines]


async def test_detail_scrolls_with_the_keys_and_starts_at_the_top_for_another_vacancy(store) -> None:
    cnect = imported(store)
    other = imported(store, "ec-digit-b1-ict-security-officer.txt")
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = cnect
        app.pane.text = store.text_of(cnect)
        app.pane.focus()
        await pilot.pause()
        await pilot.press("pagedown", "down")
        assert app.pane.scroll_y > 20

        app.pane.vacancy = other
        app.pane.text = store.text_of(other)
        await pilot.pause()
        assert app.pane.scroll_y == 0


# ---------------------------------------------------------------- checklist


@pytest.mark.parametrize("size", SIZES)
async def test_checklist_shows_groups_with_progress_and_ticks(store, size) -> None:
    vacancy = imported(store)
    store.tick(vacancy.id, "elig-citizenship")
    store.tick(vacancy.id, "app-cv")
    app = Host(ChecklistPane())
    async with app.run_test(size=size) as pilot:
        await focus_on(pilot, app.pane, fresh(store, vacancy.id))
        lines = visible(app.pane)
        assert lines[0].strip() == "Eligibility 1/9"
        assert lines[1].startswith("▶ [x] Are a citizen of a Member State of the EU")
        assert line_with(lines, "Have fulfilled any obligations").startswith("  [ ] ")

        await pilot.press("end")
        lines = visible(app.pane)
        header = lines.index("  Application 1/6")
        assert lines[header + 1].startswith("  [ ] Register in the EPSO CAST database")
        assert lines[header + 2: header + 4] == ["  [x] CV", "  [ ] Application form"]


async def test_checklist_wraps_long_items_under_their_text(store) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = vacancy
        await pilot.pause()
        lines = visible(app.pane)
        start = lines.index(line_with(lines, "At least 6 years of relevant"))
        assert lines[start + 1].startswith("      ") and lines[start + 1].strip()
        assert "similar)" in " ".join(lines[start: start + 3])


async def test_checklist_cursor_skips_the_group_headers(store) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(pilot, app.pane, vacancy)
        await pilot.press("up", "k")
        assert app.pane.current_item.id == "elig-citizenship"

        await pilot.press(*["down"] * 8)
        assert app.pane.current_item.id == "elig-cast"
        await pilot.press("j")
        assert app.pane.current_item.group == "selection"
        lines = visible(app.pane)
        cursor_line = next(y for y, line in enumerate(lines) if line.startswith("▶"))
        assert lines[cursor_line].startswith("▶ [ ] Experience in IT project management")
        assert lines[cursor_line - 1].strip() == "Selection 0/10"

        await pilot.press("k")
        assert app.pane.current_item.id == "elig-cast"
        await pilot.press("G")
        assert app.pane.current_item.id == "app-deadline"
        await pilot.press("g")
        assert app.pane.current_item.id == "elig-citizenship"


@pytest.mark.parametrize("key", ["end", "G", "shift+g"])  # as in the list and the text panes
async def test_checklist_goes_to_its_last_item_on_the_keys_every_pane_takes(store, key) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(pilot, app.pane, vacancy)
        await pilot.press(key)
        assert app.pane.current_item.id == "app-deadline"


async def test_checklist_pages_and_keeps_the_cursor_in_view(store) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(pilot, app.pane, vacancy)
        await pilot.press("pagedown")
        assert app.pane.cursor > 5
        assert any(line.startswith("▶ ") for line in visible(app.pane))
        await pilot.press("pagedown", "pagedown", "pagedown")
        assert app.pane.current_item.id == "app-deadline"
        assert any(line.startswith("▶ [ ] Before the deadline") for line in visible(app.pane))
        await pilot.press("pageup")
        assert 0 < app.pane.cursor < len(app.pane.items) - 1
        assert any(line.startswith("▶ ") for line in visible(app.pane))


async def test_space_asks_for_the_item_to_be_ticked_then_unticked(store) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = vacancy
        app.pane.focus()
        await pilot.press("down", "down", "space")
        assert [(m.vacancy_id, m.item_id, m.done) for m in app.toggled] == [
            (vacancy.id, "elig-physical-fitness", True)]
        assert "[ ] Are physically fit" in line_with(visible(app.pane), "▶")  # the screen applies it, not the pane

        # What the screen does: tick, then set the vacancy back.
        store.tick(vacancy.id, "elig-physical-fitness")
        app.pane.vacancy = fresh(store, vacancy.id)
        await pilot.pause()
        assert app.pane.current_item.id == "elig-physical-fitness"
        assert line_with(visible(app.pane), "▶").startswith("▶ [x] Are physically fit")
        assert visible(app.pane)[0].strip() == "Eligibility 1/9"

        await pilot.press("enter")
        assert (app.toggled[-1].item_id, app.toggled[-1].done) == ("elig-physical-fitness", False)


async def test_the_footer_offers_tick_when_the_checklist_has_focus(store) -> None:
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(pilot, app.pane, imported(store))
        shown = {key: binding.binding for key, binding in app.screen.active_bindings.items() if binding.binding.show}
        assert shown["space"].description == "Tick"
        assert not {"up", "down", "j", "k", "enter"} & shown.keys()


async def test_keep_puts_the_cursor_back_on_an_item_by_id(store) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = vacancy
        await pilot.pause()
        app.pane.keep("app-cv")  # shown now: the cursor moves at once
        assert app.pane.current_item.id == "app-cv"

        # A new item of the user's own: kept before the vacancy that has it arrives.
        undo = store.apply(add_item(vacancy, HOSTILE))
        new_id = undo.slot.partition(":")[2]  # given as it was saved; the undo deletes it
        app.pane.keep(new_id)
        app.pane.vacancy = fresh(store, vacancy.id)
        await pilot.pause()
        assert app.pane.current_item.id == new_id
        lines = visible(app.pane)
        assert lines[-2:] == ["  Your items 0/1", f"▶ [ ] {HOSTILE_SHOWN}"]


async def test_another_vacancy_starts_at_its_first_item_and_an_empty_one_says_how_to_add(store) -> None:
    cnect = imported(store)
    store.save_imports([incoming(reference="EC/2026/EMPTY/1", sha="b" * 64, items=())])
    empty = next(vacancy for vacancy in store.vacancies() if not vacancy.checklist)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = cnect
        app.pane.focus()
        await pilot.press("end")
        app.pane.vacancy = empty
        await pilot.press("space", "down")
        assert visible(app.pane)[0] == "  No checklist items. Press a to add your own."
        assert app.pane.current_item is None and app.toggled == []

        app.pane.vacancy = cnect
        await pilot.pause()
        assert app.pane.current_item.id == "elig-citizenship"
        assert visible(app.pane)[0].strip() == "Eligibility 0/9"


# ---------------------------------------------------------------- tracker


@pytest.mark.parametrize("size", SIZES)
async def test_tracker_shows_status_dates_history_and_notes(store, size) -> None:
    vacancy = imported(store)
    store.set_status(vacancy.id, "interested")
    store.set_status(vacancy.id, "applied", "by e-mail")
    store.apply(date_change(vacancy, "applied_on", "10/03/2026"))
    store.apply(date_change(vacancy, "next_action_on", "05/03/2026"))
    store.apply(Change(vacancy.id, "next_action", "Call HR"))
    store.apply(Change(vacancy.id, "notes", f"Asked Anna.\n{HOSTILE}"))
    app = Host(TrackerPane())
    async with app.run_test(size=size) as pilot:
        app.pane.now = TODAY
        app.pane.vacancy = fresh(store, vacancy.id)
        await pilot.pause()
        lines = [line.strip() for line in drawn(app.pane)]
        assert lines[0].startswith("Status      ✉ applied  s to change")
        assert line_with(lines, "Applied") == "Applied     10/03/2026"
        assert line_with(lines, "Next") == "Next        ! 05/03/2026 overdue  Call HR"
        history = lines[lines.index("History") + 1: lines.index("History") + 3]
        assert history == ["10/03/2026 09:00  ✉ applied — by e-mail", "10/03/2026 09:00  ☆ interested"]
        assert lines[lines.index("Notes") + 1:][:2] == ["Asked Anna.", HOSTILE_SHOWN]

        app.pane.now = TODAY - timedelta(days=10)  # before the next action is due
        await pilot.pause()
        assert line_with(drawn(app.pane), "Next").strip() == "Next        05/03/2026  Call HR"


async def test_tracker_hints_when_there_is_nothing_yet(store) -> None:
    app = Host(TrackerPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert [line.strip() for line in drawn(app.pane) if line.strip()] == ["Select a vacancy"]

        app.pane.vacancy = imported(store)
        await pilot.pause()
        lines = [line.strip() for line in drawn(app.pane)]
        assert lines[0].startswith("Status      • new")
        assert "No status changes yet." in lines
        assert lines[lines.index("Notes") + 1] == "No notes. Press n to write some."
        assert line_with(lines, "Next") == "Next        —"


def test_the_trackers_hints_name_the_keys_the_table_of_commands_gives(store, monkeypatch) -> None:
    keys = {"ask('status')": "S", "ask('notes')": "N"}
    monkeypatch.setattr(commands, "COMMANDS", tuple(replace(command, keys=keys.get(command.action, command.keys))
                                                    for command in commands.COMMANDS))
    lines = [line.plain.strip() for line in tracker_lines(imported(store), 60, TODAY)]
    assert lines[0].endswith("• new  S to change")
    assert lines[lines.index("Notes") + 1] == "No notes. Press N to write some."


async def test_tracker_takes_the_applied_date_from_the_history_when_none_was_given(store) -> None:
    vacancy = imported(store)
    store.set_status(vacancy.id, "applied")
    app = Host(TrackerPane())
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = fresh(store, vacancy.id)
        await pilot.pause()
        assert line_with(drawn(app.pane), "Applied").strip() == "Applied     10/03/2026"


# ---------------------------------------------------------------- repainting only what changed
#
# Over a slow SSH link every cell rewritten costs bytes: a pane rewrites the rows that changed, up to their
# last changed cell, and the terminal keeps the rest. The tests read what the app writes to the terminal,
# and compare what it then shows (Textual's caches: a row not repainted keeps what it had) with a fresh app.

MOVE_TO = re.compile(r"\x1b\[(\d+);(\d+)H")
COLOUR = re.compile(r"\x1b\[[\d;]*m")


@pytest.fixture
def written(monkeypatch) -> dict[int, list[tuple[int, int]]]:
    """Screen row -> the runs of columns written to it, (first, last + 1) each, as a terminal receives them
    (App._display hands each update to the terminal's driver; headless, it is rendered here instead)."""
    rows: dict[int, list[tuple[int, int]]] = {}
    display = App._display

    def spy(self, screen, renderable) -> None:
        display(self, screen, renderable)
        if renderable is not None and not self._batch_count and hasattr(renderable, "render_segments"):
            parts = MOVE_TO.split(renderable.render_segments(self.console))
            for row, column, text in zip(parts[1::3], parts[2::3], parts[3::3]):
                y, x, width = int(row) - 1, int(column) - 1, cell_len(COLOUR.sub("", text).rstrip("\r\n"))
                if width:
                    rows.setdefault(y, []).append((x, x + width))

    monkeypatch.setattr(App, "_display", spy)
    return rows


def painted(pane: Widget) -> list[list[Strip]]:
    """The pane and its scrollbar as on screen."""
    shown = [pane.render_lines(Region(0, 0, *pane.outer_size))]
    if pane.show_vertical_scrollbar:
        bar = pane.vertical_scrollbar
        shown.append(bar.render_lines(Region(0, 0, *bar.outer_size)))
    return shown


async def show(pilot, pane: Widget, vacancy: Vacancy, text: str = "") -> None:
    """The pane on TODAY with the vacancy and its text, painted."""
    pane.now = TODAY
    pane.vacancy = vacancy
    pane.text = text
    await pilot.pause()


async def focus_on(pilot, pane: Widget, vacancy: Vacancy) -> None:
    """The pane with the vacancy, focused (its cursor shown), painted."""
    pane.vacancy = vacancy
    pane.focus()
    await pilot.pause()


async def painted_fresh(pane: Widget, vacancy: Vacancy, text: str = "") -> list[list[Strip]]:
    """What a new app shows for the vacancy, drawn once, whole."""
    app = Host(type(pane)())
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app.pane, vacancy, text)
        return painted(app.pane)


async def test_an_edited_fact_rewrites_its_line_alone_up_to_its_last_changed_cell(store, written) -> None:
    vacancy = imported(store)
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app.pane, vacancy, store.text_of(vacancy))
        store.apply(field_change(vacancy, "reference", "EC/2026/X/1"))
        edited = fresh(store, vacancy.id)
        written.clear()
        app.pane.vacancy = edited
        await pilot.pause()
        lines = drawn(app.pane)
        content = app.pane.content_region
        row = content.y + lines.index(line_with(lines, "Reference"))
        [(_, end)] = written.pop(row)
        assert written == {}
        # The blanks after both the old and the new reference stay as they are.
        assert content.x + len(line_with(lines, "Reference").rstrip()) <= end < app.pane.vertical_scrollbar.region.x
        assert painted(app.pane) == await painted_fresh(app.pane, edited, store.text_of(vacancy))


async def test_a_clock_tick_that_changes_no_countdown_writes_nothing(store, written) -> None:
    vacancy = imported(store)
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app.pane, vacancy)
        written.clear()
        app.pane.now = TODAY + timedelta(minutes=1)
        await pilot.pause()
        assert written == {}


async def test_another_vacancy_rewrites_only_the_lines_and_scrollbar_rows_that_differ(store, written) -> None:
    cnect = imported(store)
    other = imported(store, "ep-traineeship-itec-pmco.txt")  # a quarter as long: a longer scrollbar thumb
    app = Host(DetailPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await show(pilot, app.pane, cnect, store.text_of(cnect))
        written.clear()
        await show(pilot, app.pane, other, store.text_of(other))
        top, bar = app.pane.content_region.y, app.pane.vertical_scrollbar.region
        text = {y: [run for run in runs if run[0] < bar.x] for y, runs in written.items()}
        assert not text[top + 1]  # the blank line under the title
        assert text[top][0][1] < bar.x - 1  # the title, not the blanks after it
        bar_rows = [y for y, runs in written.items() if any(first >= bar.x for first, _ in runs)]
        assert 0 < len(bar_rows) < bar.height  # the rows the thumb's end moved over
        assert painted(app.pane) == await painted_fresh(app.pane, other, store.text_of(other))


async def test_the_checklist_cursor_rewrites_the_two_marks_it_moves(store, written) -> None:
    vacancy = imported(store)
    app = Host(ChecklistPane())
    async with app.run_test(size=(80, 24)) as pilot:
        await focus_on(pilot, app.pane, vacancy)
        left = marked_row(app.pane)
        written.clear()
        await pilot.press("down")
        reached = marked_row(app.pane)
        x = app.pane.region.x
        # The cursor's item is drawn like the others but for its mark: one cell on each of two rows.
        assert written == {left: [(x, x + 1)], reached: [(x, x + 1)]}


def marked_row(pane: ChecklistPane) -> int:
    return pane.content_region.y + next(y for y, line in enumerate(visible(pane)) if line.startswith("▶"))
