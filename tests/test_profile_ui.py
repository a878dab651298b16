"""The profile in the dashboard: the form that edits it, the checklist's verdicts and the list's FIT column."""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, datetime

import pytest
from textual.app import App, ComposeResult
from textual.color import Color
from textual.reactive import reactive
from textual.widgets import Input, Static

from eujobs.store.eligibility.profile import Profile, set_field
from eujobs.store.eligibility.rules import Verdict, fit, verdicts
from eujobs.store.ingest.importer import import_paths
from eujobs.store.model import Vacancy
from eujobs.store.persistence.db import Store
from eujobs.tui.screens.dialogs import Confirm
from eujobs.tui.screens.profile import FIELDS, KEYS, ProfileForm, field_texts
from eujobs.tui.widgets.checklist import OVERRIDDEN, ChecklistPane
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import POSTINGS, TODAY
from .test_widget_vacancy_list import vacancy as listed_vacancy

SIZES = [(80, 24), (120, 40)]
CNECT = "ec-cnect-r3-it-project-officer.md"
OPSYS = "opsys-junior-project-manager.txt"
TRAINEESHIP = "ep-traineeship-itec-pmco.txt"  # starts 01/03/2026, no eligibility items


def profile_of(*assignments: str) -> Profile:
    profile = Profile()
    for assignment in assignments:
        profile = set_field(profile, assignment)
    return profile


CANDIDATE = profile_of(
    "citizenships=Belgium", "languages=English C1, French B1", "education=master 7 5 Information Systems",
    "experience_years=4", "experience_by_domain=IT security:2", "epso_cast=FG IV ICT 2025-10-02",
    "available_from=01/04/2026",
)


def imported(store: Store, name: str) -> Vacancy:
    [outcome] = import_paths(store, [str(POSTINGS / name)])
    return next(vacancy for vacancy in store.vacancies() if vacancy.id == outcome.vacancy_id)


# ---------------------------------------------------------------- the form


class FormHost(App):
    """Opens the form at once and keeps what it returns."""

    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile
        self.results: list[Profile | None] = []

    def on_mount(self) -> None:
        self.push_screen(ProfileForm(self.profile), self.results.append)


def field(app: App, key: str) -> Input:
    return app.screen.query_one(f"#{key}", Input)


def screen_text(app: App) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


def error_line(app: App) -> str:
    line = app.screen.query_one("#dialog-error", Static)
    return str(line.render()) if line.display and line.has_class("-shown") else ""


async def retype(pilot, key: str, text: str) -> None:
    """Go to the field and type its new value over the old, as a person does."""
    field(pilot.app, key).focus()
    await pilot.press("end", "ctrl+u", *("space" if char == " " else char for char in text))


def test_field_texts_are_what_set_field_reads_back() -> None:
    profile = profile_of(
        "citizenships=Belgian, Norway", "work_permits=Belgium", "languages=English C1, french native",
        "education=master 7 5 Information Systems; bachelor - 3 Law; doctorate - - 3D printing; secondary",
        "experience_years=6.5", "experience_by_domain=IT security:2, IT project management:4.5",
        "epso_cast=FG IV ICT 2025-10-02; AD; fg 3 Finance", "available_from=01/02/2026",
    )
    texts = field_texts(profile)
    assert texts["languages"] == "English C1, French C2"
    assert texts["education"] == "master 7 5 Information Systems; bachelor - 3 Law; doctorate - - 3D printing; secondary"
    assert texts["available_from"] == "01/02/2026"
    assert profile_of(*(f"{key}={texts[key]}" for key in KEYS)) == profile
    assert set(field_texts(Profile()).values()) == {""}


def test_every_date_the_form_shows_is_day_first() -> None:
    shown = [hint for _, _, hint in FIELDS] + list(field_texts(CANDIDATE).values())
    assert [text for text in shown if re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)] == []


@pytest.mark.parametrize("size", SIZES)
async def test_the_form_opens_filled_in_with_a_hint_under_each_field(size) -> None:
    app = FormHost(CANDIDATE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert {key: field(app, key).value for key in KEYS} == field_texts(CANDIDATE)
        assert field(app, "languages").value == "English C1, French B1"
        assert field(app, "epso_cast").value == "FG IV ICT 02/10/2025"  # day first, as every date shown
        screen = screen_text(app)
        # The form shows, title to key hints, with each field's format; a short terminal scrolls the fields.
        for text in ("Your profile", "Citizenships", "English C1, French B2", "master 7 5 Information Systems",
                     "master 7 5 30/06/2019 Law", "ctrl+s save"):
            assert text in screen
        assert ("Declarations" in screen) == (size == (120, 40))
        field(app, "declarations").focus()
        wanted = ("Available from", "01/02/2026", "Declarations", "military service, physically fit", "ctrl+s save")
        for _ in range(100):  # the form scrolls to the focused field over a few frames: slower on a busy machine
            await pilot.pause(0.02)
            screen = screen_text(app)
            if all(text in screen for text in wanted):
                break
        for text in wanted:
            assert text in screen


@pytest.mark.parametrize("size", SIZES)
async def test_tab_moves_between_fields_and_ctrl_s_returns_the_new_profile(size) -> None:
    app = FormHost(CANDIDATE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert app.focused is field(app, "citizenships")
        await pilot.press("tab")
        assert app.focused is field(app, "work_permits")
        await pilot.press("tab", "tab", "tab")
        assert app.focused is field(app, "experience_years")
        await retype(pilot, "work_permits", "Norway")
        await retype(pilot, "experience_years", "6")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.results == [replace(CANDIDATE, work_permits=["Norway"], experience_years=6.0)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize(("key", "typed", "message"), [
    ("languages", "English D1", "'D1' is not a CEFR level"),
    ("experience_years", "-2", "experience_years: cannot be negative"),
    ("languages", "Klingon C1", "'Klingon' is not a language eujobs knows"),
])
async def test_a_field_that_does_not_read_is_named_and_marked_and_nothing_is_saved(size, key, typed, message) -> None:
    app = FormHost(CANDIDATE)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        await retype(pilot, key, typed)
        field(app, "citizenships").focus()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm) and app.results == []
        assert message in error_line(app) and message in screen_text(app)
        assert [name for name in KEYS if field(app, name).has_class("-invalid")] == [key]
        assert app.focused is field(app, key)

        # Typing in the marked field takes the mark and the message away; fixed, it saves.
        await retype(pilot, key, "5" if key == "experience_years" else "English C1")
        assert not field(app, key).has_class("-invalid") and error_line(app) == ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert len(app.results) == 1 and app.results[0] is not None


async def test_esc_leaves_at_once_when_nothing_changed() -> None:
    app = FormHost(CANDIDATE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.results == [None] and not isinstance(app.screen, ProfileForm)


async def test_esc_asks_before_discarding_changes() -> None:
    app = FormHost(CANDIDATE)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await retype(pilot, "citizenships", "Ireland")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, Confirm) and "Discard your changes?" in screen_text(app)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, ProfileForm) and field(app, "citizenships").value == "Ireland"
        await pilot.press("escape", "y")
        await pilot.pause()
        assert app.results == [None] and not isinstance(app.screen, (ProfileForm, Confirm))


# ---------------------------------------------------------------- the checklist's verdicts


class ChecklistHost(App):
    def __init__(self) -> None:
        super().__init__()
        self.pane = ChecklistPane()

    def compose(self) -> ComposeResult:
        yield self.pane


def drawn(pane: ChecklistPane) -> list[str]:
    """Every line of the pane, scrolled into view or not, without the cursor's column."""
    return [line.content.plain.rstrip() for line in pane._lines()]


def visible(pane: ChecklistPane) -> list[str]:
    return [pane.render_line(y).text.rstrip() for y in range(pane.scrollable_content_region.height)]


def line_after(lines: list[str], text: str) -> str:
    return lines[next(y for y, line in enumerate(lines) if text in line) + 1]


HAND_MADE = {
    "elig-citizenship": Verdict("meets", "EU citizen (Belgium)"),
    "elig-lang-french": Verdict("does_not_meet", "You have French B1; B2 required"),
    "elig-experience": Verdict("does_not_meet", "6 years required, you have 4"),
    "elig-physical-fitness": Verdict("check", "Check yourself: physically fit"),
}


@pytest.mark.parametrize("size", SIZES)
async def test_eligibility_items_show_their_verdict_and_why(store, size) -> None:
    vacancy = imported(store, CNECT)
    app = ChecklistHost()
    async with app.run_test(size=size) as pilot:
        app.pane.vacancy = vacancy
        app.pane.verdicts = HAND_MADE
        await pilot.pause()
        lines = drawn(app.pane)
        assert lines[0].strip() == "Eligibility 0/9 · 2 ✗ · 1 ?"
        assert lines[1].startswith("[ ] ✓ Are a citizen of a Member State")
        assert visible(app.pane)[:2] == ["  " + lines[0], "▶ " + lines[1]]
        assert "EU citizen (Belgium)" in " ".join(lines[1:5])
        assert next(line for line in lines if "French at B2" in line).startswith("[ ] ✗ French at B2")
        assert line_after(lines, "French at B2") == "      You have French B1; B2 required"
        assert next(line for line in lines if "physically fit to" in line).startswith("[ ] ? Are physically")
        # An item without a verdict keeps its place in the column, blank.
        assert next(line for line in lines if "Have fulfilled" in line).startswith("[ ]   Have fulfilled")
        # The reasons are muted: only the symbol carries the verdict's colour.
        french = next(y for y, line in enumerate(lines) if "French at B2" in line)
        reason = app.pane._lines()[french + 1].content
        assert all("$text-muted" in str(span.style) for span in reason.spans)


async def test_in_a_narrow_pane_the_header_wraps_between_counts(store) -> None:
    vacancy = imported(store, CNECT)
    app = ChecklistHost()
    app.CSS = "ChecklistPane { width: 26; }"
    async with app.run_test(size=(120, 40)) as pilot:
        app.pane.vacancy = vacancy
        app.pane.verdicts = HAND_MADE
        await pilot.pause()
        assert visible(app.pane)[:3] == ["  Eligibility 0/9 · 2 ✗", "  · 1 ?", "▶ [ ] ✓ Are a citizen of"]


async def test_a_tick_overrides_a_failing_verdict_and_says_so(store) -> None:
    vacancy = imported(store, CNECT)
    store.tick(vacancy.id, "elig-lang-french")
    store.tick(vacancy.id, "elig-citizenship")
    ticked = next(v for v in store.vacancies() if v.id == vacancy.id)
    app = ChecklistHost()
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = ticked
        app.pane.verdicts = HAND_MADE
        await pilot.pause()
        lines = drawn(app.pane)
        assert lines[0].strip() == "Eligibility 2/9 · 1 ✗ · 1 ?"  # the ticked ✗ no longer counts
        assert next(line for line in lines if "French at B2" in line).startswith("[x] ✗ French at B2")
        assert line_after(lines, "French at B2") == f"      {OVERRIDDEN} · You have French B1; B2 required"
        # Ticking an item the profile meets is no override.
        assert OVERRIDDEN not in " ".join(lines[1:4])


async def test_without_verdicts_the_checklist_is_as_before(store) -> None:
    vacancy = imported(store, CNECT)
    app = ChecklistHost()
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = vacancy
        await pilot.pause()
        before = drawn(app.pane)
        app.pane.verdicts = HAND_MADE
        await pilot.pause()
        assert drawn(app.pane) != before
        app.pane.verdicts = {}
        await pilot.pause()
        assert drawn(app.pane) == before
        assert before[0].strip() == "Eligibility 0/9" and before[1].startswith("[ ] Are a citizen")


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("name", [CNECT, OPSYS])
async def test_the_rules_verdicts_on_real_postings_agree_with_the_fit(store, size, name) -> None:
    vacancy = imported(store, name)
    found = verdicts(CANDIDATE, vacancy, TODAY.date())
    result = fit(CANDIDATE, vacancy, TODAY.date())
    app = ChecklistHost()
    async with app.run_test(size=size) as pilot:
        app.pane.vacancy = vacancy
        app.pane.verdicts = found
        app.pane.focus()
        await pilot.pause()
        lines = drawn(app.pane)
        counts = "".join(f" · {n} {symbol}" for n, symbol in ((result.fails, "✗"), (result.to_confirm, "?")) if n)
        assert lines[0].strip().endswith(counts) and lines[0].startswith("Eligibility 0/")
        symbols = {"meets": "✓", "does_not_meet": "✗", "check": "?"}
        for item in (item for item in vacancy.checklist if item.group == "eligibility"):
            first = next(line for line in lines if item.text[:20] in line)
            assert first[4] == symbols[found[item.id].verdict], first
            assert found[item.id].reason[:20] in " ".join(lines)
        # The cursor still moves item by item, past the reasons.
        await pilot.press("down")
        assert app.pane.current_item.id == vacancy.checklist[1].id


async def test_a_start_before_availability_shows_under_eligibility(store) -> None:
    vacancy = imported(store, TRAINEESHIP)
    found = verdicts(CANDIDATE, vacancy, TODAY.date())
    assert found["start-date"].verdict == "does_not_meet"
    app = ChecklistHost()
    async with app.run_test(size=(80, 24)) as pilot:
        app.pane.vacancy = vacancy
        app.pane.verdicts = found
        await pilot.pause()
        lines = drawn(app.pane)
        assert lines[0].strip() == "Eligibility · 1 ✗"
        assert lines[1] == "    ✗ Start date"
        assert lines[2] == "      " + found["start-date"].reason
        assert "01/03/2026" in lines[2] and "01/04/2026" in lines[2]
        # Nothing to tick there: the cursor starts on the first item after it.
        shown = visible(app.pane)
        assert shown[:3] == ["  " + line for line in lines[:3]]
        assert next(line for line in shown if line.startswith("▶")).startswith("▶ [ ] ")
        assert app.pane.current_item == vacancy.checklist[0]


# ---------------------------------------------------------------- the list's FIT column


class ListHost(App):
    rows: reactive[tuple[Vacancy, ...]] = reactive(())
    now: reactive[datetime] = reactive(TODAY)
    fits: reactive[dict[str, str]] = reactive(dict)

    def __init__(self, rows: tuple[Vacancy, ...]) -> None:
        super().__init__()
        self.initial_rows = rows

    def compose(self) -> ComposeResult:
        yield VacancyList().data_bind(vacancies=ListHost.rows, now=ListHost.now, fits=ListHost.fits)

    def on_mount(self) -> None:
        self.rows = self.initial_rows
        self.query_one(VacancyList).measure_over(self.rows)


def list_lines(app: App) -> list[str]:
    widget = app.query_one(VacancyList)
    return [widget.render_line(y).text for y in range(widget.scrollable_content_region.height)]


def fit_cell(app: App, title: str) -> str:
    lines = list_lines(app)
    fit = lines[0].index("FIT")  # the columns are as wide as what they hold
    return next(line for line in lines if title in line)[fit:fit + 5]


@pytest.mark.parametrize("size", SIZES)
async def test_the_fit_column_says_the_profiles_fit_in_a_symbol_and_a_count(size) -> None:
    rows = tuple(listed_vacancy(number, f"Post {number}", date(2026, 5, number)) for number in range(1, 6))
    app = ListHost(rows)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        assert fit_cell(app, "Post 2") == "1/2  "  # no profile: the eligibility items ticked
        app.fits = {rows[0].id: "eligible", rows[1].id: "not eligible: 2 rules not met",
                    rows[2].id: "not checked", rows[3].id: "eligible, 3 to confirm"}
        await pilot.pause()
        assert [fit_cell(app, f"Post {n}") for n in range(1, 6)] == ["✓ ok ", "✗ 2  ", "?    ", "✓ ?3 ", "1/2  "]
        assert list_lines(app)[0].split()[:3] == ["DEADLINE", "STATUS", "FIT"]

        # Off the cursor the colour repeats the symbol.
        widget = app.query_one(VacancyList)
        blocked = next(segment for segment in widget.render_line(2) if "✗" in segment.text)
        assert blocked.style.color == Color.parse(app.theme_variables["error"]).rich_color

        # A new fit for the same rows redraws them (the row cache knows the fit).
        app.fits = {**app.fits, rows[1].id: "eligible"}
        await pilot.pause()
        assert fit_cell(app, "Post 2") == "✓ ok "
