"""Text that fits its pane: wrapped between words, an e-mail address or URL never split, hints shown whole."""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest
from textual.app import App
from textual.content import Content
from textual.widgets import Input, Label

from eujobs.store.eligibility.profile import Profile, set_field
from eujobs.store.eligibility.verdict import ELIGIBLE, MEETS, Fit, Verdict
from eujobs.store.model import ChecklistItem, HowToApply, Posting, Source
from eujobs.store.persistence.db import Incoming, Store
from eujobs.store.persistence.edit import field_change
from eujobs.tui.app import EujobsApp
from eujobs.tui.screens.forms import AddVacancy
from eujobs.tui.screens.profile import FIELDS, ProfileForm, field_texts
from eujobs.tui.widgets.checklist import BOX_WIDTH, EMPTY_HINT, MARK_WIDTH, VERDICT_WIDTH, checklist_lines
from eujobs.tui.widgets.detail import detail_lines
from eujobs.tui.widgets.line_view import NO_BREAK_SPACE, wrap_text
from eujobs.tui.widgets.panes import Panes
from eujobs.tui.widgets.text_pane import LABEL_WIDTH

from .conftest import TODAY
from .test_widget_vacancy_list import vacancy as listed_vacancy
from .test_app import press, settle

EMAIL = "TAXUD-B2-RECRUITMENT@ec.europa.eu"
URL = "https://eu-careers.europa.eu/en/job-opportunities/open-for-application"


def wrapped(text: str | Content, width: int) -> list[str]:
    return [line.plain for line in wrap_text(Content(text) if isinstance(text, str) else text, width)]


# ---------------------------------------------------------------- the wrapping


def test_words_wrap_between_them_and_lines_keep_their_breaks() -> None:
    assert wrapped("No checklist items. Press a to add your own.", 20) == [
        "No checklist items.", "Press a to add your", "own."]
    assert wrapped("Asked Anna.\n\n\tCall HR", 20) == ["Asked Anna.", "", "        Call HR"]
    assert wrapped("", 20) == [""]


def test_an_email_that_fits_a_line_moves_to_the_next_one_whole() -> None:
    assert wrapped(f"Send the form to {EMAIL} before the deadline.", 36) == [
        "Send the form to", EMAIL, "before the deadline."]


def test_an_address_wider_than_a_line_is_cut_short_with_an_ellipsis_never_split() -> None:
    assert wrapped(f"Send the form to {EMAIL} before the deadline.", 22) == [
        "Send the form to", "TAXUD-B2-RECRUITMENT@…", "before the deadline."]
    assert wrapped(f"Apply at {URL}", 30) == ["Apply at", "https://eu-careers.europa.eu/…"]
    assert wrapped(f"<{EMAIL}>.", 10) == ["<TAXUD-B2…"]


def test_a_long_word_of_another_kind_folds_and_keeps_every_letter() -> None:
    assert wrapped("Datenschutzgrundverordnung gilt", 10) == ["Datenschut", "zgrundvero", "rdnung", "gilt"]


def test_words_joined_by_no_break_spaces_stay_on_one_line_drawn_with_plain_spaces() -> None:
    hint = NO_BREAK_SPACE.join(["s", "to", "change"])
    assert wrapped(f"☆{NO_BREAK_SPACE}interested  {hint}", 18) == ["☆ interested", "s to change"]
    # Wider together than a line, they part where they are joined rather than mid-word.
    assert wrapped(f"new {hint}", 6) == ["new s", "to", "change"]


def test_styles_stay_with_their_letters() -> None:
    text = Content.assemble(("Apply", "bold"), f" to {EMAIL}")
    first, second = wrap_text(text, 30)
    assert (first.plain, second.plain) == ("Apply to", "TAXUD-B2-RECRUITMENT@ec.europ…")
    assert [(span.start, span.end) for span in first.spans] == [(0, 5)] and not second.spans


# ---------------------------------------------------------------- on screen


@pytest.fixture
def store(tmp_path) -> Store:
    store = Store.open(tmp_path / "store", lambda: TODAY)
    mailed = Posting(
        title="Customs IT officer", institution="European Commission", reference="TAXUD/2026/1",
        deadline=datetime(2026, 3, 20, 12, 0, tzinfo=timezone.utc), apply=HowToApply(email=EMAIL),
        checklist=[ChecklistItem("app-send", "application", f"Send the application form to {EMAIL}")])
    empty = Posting(title="Statistician", reference="ESTAT/2026/42",
                    deadline=datetime(2026, 4, 20, 12, 0, tzinfo=timezone.utc))
    saved = store.save_imports([
        Incoming(mailed, f"How to apply\nSend your application to {EMAIL} by the deadline.",
                 Source("/tmp/taxud.txt", "a" * 64, "text", TODAY.isoformat())),
        Incoming(empty, "A posting without a checklist.",
                 Source("/tmp/estat.txt", "b" * 64, "text", TODAY.isoformat())),
    ])
    store.set_status(saved[0].vacancy_id, "interested")
    return store


def pane_lines(app, pane: str) -> list[str]:
    """The pane's rows as they are drawn on the screen."""
    widget = app.screen.query_one(f"#{pane}")
    return [widget.render_line(y).text.strip() for y in range(widget.scrollable_content_region.height)]


def address_fragments(lines: list[str]) -> list[str]:
    """Every piece of the e-mail address on these rows that is neither the whole of it nor cut short visibly."""
    return [word for line in lines for word in re.findall(r"[\w.@-]*(?:@|europa)[\w.@-]*…?", line)
            if EMAIL not in word and not (word.endswith("…") and EMAIL.startswith(word[:-1]))]


def screen_text(app) -> str:
    return "\n".join(strip.text for strip in app.screen._compositor.render_strips())


async def open_vacancy(pilot) -> None:
    """Show the current vacancy's panes: on a narrow terminal they open over the list, as tabs."""
    if pilot.app.screen.query_one(Panes).narrow:
        await press(pilot, "enter")


async def shown(pilot, pane: str) -> list[str]:
    """Go to the pane and read it."""
    await press(pilot, {"detail-pane": "2", "checklist-pane": "3", "tracker-pane": "4"}[pane])
    return pane_lines(pilot.app, pane)


SIZES = [(80, 24), (100, 30), (120, 40)]


@pytest.mark.parametrize("size", SIZES)
async def test_the_panes_show_an_email_address_whole_or_cut_short_visibly_never_split(store, size) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_vacancy(pilot)
        detail = await shown(pilot, "detail-pane")
        assert any(f"e-mail to {EMAIL}" in line or line == EMAIL for line in detail)
        assert address_fragments(detail) == []
        checklist = await shown(pilot, "checklist-pane")
        assert any("TAXUD" in line for line in checklist) and address_fragments(checklist) == []
    app.saver.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_deadlines_countdown_stays_in_one_piece(store, size) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_vacancy(pilot)
        assert any(line.endswith("in 10 d") for line in await shown(pilot, "detail-pane"))
    app.saver.close()


@pytest.mark.parametrize("size", SIZES)
async def test_the_tracker_keeps_the_status_and_its_hint_each_in_one_piece(store, size) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await open_vacancy(pilot)
        tracker = await shown(pilot, "tracker-pane")
        status = next(number for number, line in enumerate(tracker) if line.startswith("Status"))
        assert "☆ interested" in " / ".join(tracker[status:status + 2])
        assert "s to change" in " / ".join(tracker[status:status + 3])
        pane = pilot.app.screen.query_one("#tracker-pane")  # the history may be below the procedure: scrolled to
        whole = [pane.line_strip(index).text.strip() for index in range(len(pane.lines()))]
        history = whole.index("History")
        assert "☆ interested" in " / ".join(whole[history + 1:history + 3])
    app.saver.close()


@pytest.mark.parametrize("size", SIZES)
async def test_an_empty_checklist_says_how_to_add_an_item_in_full(store, size) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        await press(pilot, "j")
        await open_vacancy(pilot)
        assert EMPTY_HINT in " ".join(await shown(pilot, "checklist-pane"))
    app.saver.close()


async def test_the_header_says_the_counts_first_where_a_narrow_terminal_has_room_for_them(store) -> None:
    app = EujobsApp(store)  # a store deep in pytest's folders: a long path
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert "eujobs — 2 vacancies · 2 open · " in screen_text(app).splitlines()[0]
    app.saver.close()


# ---------------------------------------------------------------- prompts


async def test_the_date_prompts_show_the_form_and_examples_from_the_clock_that_cannot_pass_for_a_value(store) -> None:
    app = EujobsApp(store)  # its clock says 10/03/2026
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "D")
        for placeholder in ("dd/mm/yyyy, e.g. 10/03/2026", "dd/mm/yyyy, e.g. 17/03/2026", "e.g. Call HR"):
            field = app.screen.query_one(Input)
            assert (field.value, field.placeholder) == ("", placeholder)
            assert placeholder in screen_text(app)
            await press(pilot, "enter")  # nothing typed: nothing set, whatever the example says
        vacancy = store.find("TAXUD/2026/1")
        assert (vacancy.applied_date, vacancy.next_action_on, vacancy.next_action) == (None, None, "")
    app.saver.close()


async def test_the_import_prompt_shows_an_example_that_cannot_pass_for_a_typed_path(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await press(pilot, "i")
        field = app.screen.query_one(Input)
        assert (field.value, field.placeholder) == ("", "a path, e.g. ~/Downloads/call.pdf")
        assert field.placeholder in screen_text(app)
    app.saver.close()


async def test_the_add_form_shows_the_deadlines_form_not_a_date() -> None:
    app = App()
    async with app.run_test(size=(80, 24)) as pilot:
        app.push_screen(AddVacancy())
        await pilot.pause()
        placeholder = app.screen.query_one("#deadline", Input).placeholder
        assert placeholder.startswith("dd/mm/yyyy") and not re.search(r"\d", placeholder)


# ---------------------------------------------------------------- the profile form

LONG_CAST = "FG IV Information and communication technology 2025-10-02"


class FormHost(App):
    def __init__(self, profile: Profile) -> None:
        super().__init__()
        self.profile = profile

    def on_mount(self) -> None:
        self.push_screen(ProfileForm(self.profile))


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
async def test_the_profile_form_shows_each_field_whole_under_its_marked_name(size) -> None:
    profile = set_field(set_field(Profile(), f"epso_cast={LONG_CAST}"), "languages=Dutch C2, English C1, German A2")
    app = FormHost(profile)
    async with app.run_test(size=size) as pilot:
        await pilot.pause()
        texts = field_texts(profile)
        for key, label, _ in FIELDS:
            field = app.screen.query_one(f"#{key}", Input)
            for _ in range(100):  # focused once laid out, then scrolled to over a few frames
                screen = screen_text(app)
                if app.focused is field and label in screen and texts[key] in screen:
                    break
                await pilot.pause(0.02)
            assert app.focused is field and label in screen and texts[key] in screen
            marked = [str(name.render()) for name in app.screen.query(Label) if name.styles.text_style.reverse]
            assert marked == [label]  # the focused field's name, and only its
            await pilot.press("tab")


def test_a_reasons_closing_tick_stays_with_the_word_before_it_in_the_checklist_and_the_details() -> None:
    reason = "CAST FG IV passed 02/10/2025 ✓"
    vacancy = listed_vacancy(1)  # its item elig-b unticked
    verdicts = {"elig-b": Verdict(MEETS, reason)}
    reason_indent = MARK_WIDTH + BOX_WIDTH + VERDICT_WIDTH
    # As wide as the reason without its tick: the tick does not fit after it.
    checklist = [line.content.plain.strip() for line in checklist_lines(vacancy, verdicts, reason_indent + 28)]
    details = [line.plain.strip()
               for line in detail_lines(vacancy, LABEL_WIDTH + len("✓ b · " + reason) - 2, TODAY, [], verdicts,
                                        Fit(ELIGIBLE))]
    for lines in (checklist, details):
        assert "✓" not in lines and "02/10/2025 ✓" in lines


def test_the_edited_mark_stays_with_the_value_it_marks(store) -> None:
    vacancy = store.find("TAXUD/2026/1")
    reference = "TAXUD/2026/1 (corrected from the posting)"
    store.apply(field_change(vacancy, "reference", reference))
    edited = next(other for other in store.vacancies() if other.id == vacancy.id)
    # As wide as the label and the reference: the mark does not fit after it.
    lines = [line.plain.strip() for line in detail_lines(edited, LABEL_WIDTH + len(reference), TODAY, [])]
    assert "✎" not in lines and "posting) ✎" in lines
