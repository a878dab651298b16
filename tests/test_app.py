"""Every key of the dashboard, driven with Pilot, checked on screen and in the store afterwards."""

from __future__ import annotations

import json
import threading

import pytest
from textual.worker import WorkerCancelled

from eujobs.store.eligibility.profile import Profile
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.tui.app import EujobsApp
from eujobs.tui.commands import COMMANDS
from eujobs.tui.messages import Indexed
from eujobs.tui.widgets.checklist import ChecklistPane
from eujobs.tui.widgets.panes import Panes
from eujobs.tui.widgets.vacancy_list import VacancyList

from .conftest import POSTINGS, ROOT, fixed_clock

CNECT = "EC/2026/CNECT/510505"
DIGIT = "EC/2026/DIGIT/496629"


@pytest.fixture
def store(sample_store: Store) -> Store:
    return sample_store


def vacancy(store: Store, reference: str):
    return store.find(reference)


async def settle(pilot) -> None:
    """Let the thread workers (load, filter, text) and the saver finish and their messages land."""
    app = pilot.app
    for _ in range(50):
        await pilot.pause()
        for worker in [w for w in app.workers if w.group != "dialog" and w.is_running]:
            try:
                await worker.wait()
            except WorkerCancelled:  # an exclusive worker replaced by a newer one
                pass
        if not app.saver.busy:
            await pilot.pause()
            return
        await pilot.pause(0.02)


async def press(pilot, *keys: str) -> None:
    for key in keys:
        await pilot.press(key)
        await settle(pilot)


def save_the_example_profile(store: Store) -> None:
    store.save_profile(Profile.from_json(json.loads((ROOT / "tests" / "spec" / "profile.example.json").read_text())))


def shown_titles(app) -> list[str]:
    return [v.posting.title for v in app.screen.model.listing.shown]


@pytest.fixture
async def pilot(store):
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


async def test_opens_on_the_soonest_deadline_with_counts_in_the_header(pilot, store) -> None:
    screen = pilot.app.screen
    assert shown_titles(pilot.app)[:2] == ["IT Project Officer – IT project leader", "ICT Security Officer"]
    assert screen.current.posting.reference == CNECT
    assert screen.sub_title == f"5 vacancies · 5 open · {store.root}"
    assert screen.view.text.startswith("MAKE A DIFFERENCE")  # the detail pane got the posting's text


async def test_list_keys_move_the_current_vacancy(pilot) -> None:
    screen = pilot.app.screen
    await press(pilot, "j")
    assert screen.current.posting.reference == DIGIT
    await press(pilot, "G")
    assert screen.current.id == screen.model.listing.shown[-1].id
    await press(pilot, "g")
    assert screen.current.id == screen.model.listing.shown[0].id
    await press(pilot, "down", "up")
    assert screen.current.id == screen.model.listing.shown[0].id


async def test_space_ticks_the_checklist_item_and_u_undoes_it(pilot, store) -> None:
    await press(pilot, "3")
    assert pilot.app.screen.query_one(Panes).focused_pane == "checklist"
    await press(pilot, "space")
    assert vacancy(store, CNECT).ticks == {"elig-citizenship": True}
    assert pilot.app.screen.current.ticks == {"elig-citizenship": True}
    await press(pilot, "u")
    assert vacancy(store, CNECT).ticks == {}


async def test_quick_presses_of_space_toggle_each_time(pilot, store, monkeypatch) -> None:
    await press(pilot, "3")
    gate = threading.Event()  # holds the saves back, as a slow disk would
    apply = store.apply_step
    monkeypatch.setattr(store, "apply_step", lambda step: gate.wait(10) and apply(step))
    await pilot.press("space")
    assert pilot.app.screen.current.ticks == {"elig-citizenship": True}  # shown before the save comes back
    await pilot.press("space")
    gate.set()
    await settle(pilot)
    assert vacancy(store, CNECT).ticks == {}
    await press(pilot, "space")
    assert vacancy(store, CNECT).ticks == {"elig-citizenship": True}


async def test_undo_reaches_back_through_several_changes_anywhere(pilot, store) -> None:
    await press(pilot, "3", "space", "j", "space", "1", "s", "4")
    assert vacancy(store, CNECT).status == "applied" and len(vacancy(store, CNECT).ticks) == 2
    await press(pilot, "u")
    assert vacancy(store, CNECT).status == "new"
    await press(pilot, "u", "u")
    assert vacancy(store, CNECT).ticks == {}
    await press(pilot, "u")
    assert pilot.app._notifications and "Nothing to undo" in list(pilot.app._notifications)[-1].message


async def test_s_sets_the_status_with_a_digit_and_dates_it(pilot, store) -> None:
    await press(pilot, "s", "5")
    record = vacancy(store, CNECT)
    assert record.status == "interview"
    assert [(c.status, c.at) for c in record.history] == [("interview", "2026-03-10T09:00:00+00:00")]


async def test_n_writes_notes_saved_with_ctrl_s(pilot, store) -> None:
    await press(pilot, "n")
    await pilot.press(*"Call Anna")
    await press(pilot, "enter")
    await pilot.press(*"[bold]x")
    await press(pilot, "ctrl+s")
    assert vacancy(store, CNECT).notes == "Call Anna\n[bold]x"


async def test_a_e_d_manage_own_checklist_items(pilot, store) -> None:
    await press(pilot, "3", "a")
    await pilot.press(*"Ask for a reference")
    await press(pilot, "enter")
    (custom,) = vacancy(store, CNECT).custom
    assert custom.text == "Ask for a reference"
    checklist = pilot.app.screen.query_one(ChecklistPane)
    await press(pilot, "G")
    assert checklist.current_item.id == custom.id
    await press(pilot, "e", "ctrl+u")
    await pilot.press(*"Ask Bob")
    await press(pilot, "enter")
    assert vacancy(store, CNECT).custom[0].text == "Ask Bob"
    await press(pilot, "d", "y")
    assert vacancy(store, CNECT).custom == []


async def test_d_refuses_to_delete_the_postings_own_items(pilot, store) -> None:
    before = len(vacancy(store, CNECT).checklist)
    await press(pilot, "3", "d")
    assert len(vacancy(store, CNECT).checklist) == before
    assert "only your own items can be deleted" in list(pilot.app._notifications)[-1].message


async def test_e_on_a_postings_item_keeps_the_users_wording(pilot, store) -> None:
    await press(pilot, "3", "e", "ctrl+u")
    await pilot.press(*"EU citizen")
    await press(pilot, "enter")
    item = next(i for i in vacancy(store, CNECT).checklist if i.id == "elig-citizenship")
    assert item.text == "EU citizen"


async def test_shift_e_fixes_a_field_and_refuses_a_wrong_value(pilot, store) -> None:
    await press(pilot, "E", *["down"] * 9, "enter", "ctrl+u")  # the tenth field is the deadline
    await pilot.press(*"next week")
    await press(pilot, "enter")
    assert pilot.app.screen.__class__.__name__ == "FieldEditor"  # refused inline, still open
    await press(pilot, "ctrl+u")
    await pilot.press(*"30/03/2026 12:00")
    await press(pilot, "enter")
    record = vacancy(store, CNECT)
    assert record.posting.deadline.isoformat() == "2026-03-30T12:00:00+02:00"
    assert record.edited == ("deadline",)


async def test_shift_d_sets_the_tracker_dates(pilot, store) -> None:
    await press(pilot, "D")
    await pilot.press(*"12/03/2026")
    await press(pilot, "enter")
    await pilot.press(*"20/03/2026")
    await press(pilot, "enter")
    await pilot.press(*"Call HR")
    await press(pilot, "enter")
    record = vacancy(store, CNECT)
    assert (record.applied_date.isoformat(), record.next_action_on.isoformat(), record.next_action) == (
        "2026-03-12", "2026-03-20", "Call HR")


async def test_slash_filters_as_you_type_and_escape_clears(pilot) -> None:
    await press(pilot, "slash")
    await pilot.press(*"496629")
    await settle(pilot)
    assert shown_titles(pilot.app) == ["ICT Security Officer"]
    await press(pilot, "escape")
    assert len(shown_titles(pilot.app)) == 5
    assert pilot.app.screen.query_one(Panes).focused_pane == "list"


async def test_the_filter_box_follows_its_cursor_without_laying_out_the_screen(pilot, monkeypatch) -> None:
    screen = pilot.app.screen
    await press(pilot, "slash")
    layouts = []
    real_layout = screen._refresh_layout
    monkeypatch.setattr(screen, "_refresh_layout", lambda *a, **k: layouts.append(1) or real_layout(*a, **k))
    box = screen.query_one("#filter")
    typed = " " * 150  # longer than the box is wide; blanks, so that the list (which may lay out) stays as it is

    await pilot.press(*["space"] * len(typed))
    await settle(pilot)

    assert box.value == typed and screen.model.filter.needle == typed
    assert box.scroll_offset.x > 0
    assert box.region.x <= box.cursor_screen_offset.x < box.region.right
    assert layouts == []  # a layout made every scrollbar repaint a frame later: 30 ms a key


@pytest.mark.parametrize("with_profile", [False, True])
async def test_the_words_read_later_do_not_repaint_an_unfiltered_list(store, with_profile, monkeypatch) -> None:
    """At 10,000 postings the words arrive a second after the first screen: redrawing the list then is
    bytes and a frame for nothing."""
    if with_profile:
        save_the_example_profile(store)
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = app.screen
        repaints = []
        real_refresh = VacancyList.refresh
        monkeypatch.setattr(VacancyList, "refresh", lambda self, *regions, **kw: repaints.append(regions)
                            or real_refresh(self, *regions, **kw))
        screen.post_message(Indexed(dict(screen.model.words)))
        await settle(pilot)
        assert repaints == []
        await press(pilot, "slash", *"officer")
        assert repaints  # the same spy sees a filter's repaint
    app.saver.close()


async def test_filter_reaches_the_full_text(pilot) -> None:
    await press(pilot, "slash")
    await pilot.press(*"osi-model")  # only in the SPEPRO traineeship's profile
    await settle(pilot)
    assert shown_titles(pilot.app) == [
        "Trainee – Networks and Access Unit, Telecom Cabling and Specific Projects Service (SPEPRO)"]


async def test_f_shows_one_status_and_again_all(pilot, store) -> None:
    store.set_status(vacancy(store, DIGIT).id, "applied")
    pilot.app.screen.check_for_changes()  # rather than wait for the once-a-second poll
    await settle(pilot)
    await press(pilot, "f", "4")
    assert shown_titles(pilot.app) == ["ICT Security Officer"]
    await press(pilot, "f")
    assert len(shown_titles(pilot.app)) == 5


async def test_o_cycles_the_sort(pilot) -> None:
    await press(pilot, "o")
    titles = shown_titles(pilot.app)
    assert titles == sorted(titles, key=str.casefold)
    await press(pilot, "o", "o")
    assert shown_titles(pilot.app)[0] == "IT Project Officer – IT project leader"


async def test_y_copies_the_apply_address(pilot) -> None:
    await press(pilot, "y", "1")  # the first of what it asks to choose from
    assert pilot.app.clipboard == "CNECT-R3@ec.europa.eu"


async def test_i_imports_a_typed_path(pilot, store, tmp_path) -> None:
    posting = tmp_path / "another.txt"
    posting.write_text((POSTINGS / "ep-traineeship-itec-pmco.txt").read_text().replace("10B30-7323", "10B30-9999"))
    await press(pilot, "i")
    await pilot.press(*str(posting))
    await press(pilot, "enter")
    await settle(pilot)
    assert store.find("10B30-9999") is not None
    assert len(pilot.app.screen.model.vacancies) == 6


async def test_shift_a_adds_a_vacancy_by_hand(pilot, store) -> None:
    await press(pilot, "A")
    for text in ("Policy officer", "tab", "European Parliament", "tab", "EP/2026/1", "tab", "01/04/2026 12:00"):
        if text == "tab":
            await pilot.press("tab")
        else:
            await pilot.press(*text)
    await press(pilot, "ctrl+s")
    await settle(pilot)
    added = store.find("EP/2026/1")
    assert added.posting.title == "Policy officer"
    assert added.posting.deadline.isoformat() == "2026-04-01T12:00:00+02:00"
    assert any(v.id == added.id for v in pilot.app.screen.model.listing.shown)


async def test_digits_tab_and_shift_tab_move_between_panes(pilot) -> None:
    screen = pilot.app.screen
    for key, pane in (("2", "detail"), ("4", "tracker"), ("1", "list"), ("tab", "detail"), ("tab", "checklist"),
                      ("shift+tab", "detail"), ("3", "checklist")):
        await press(pilot, key)
        assert screen.query_one(Panes).focused_pane == pane, key


async def test_question_mark_lists_every_command(pilot) -> None:
    await press(pilot, "question_mark")
    table = pilot.app.screen.query_one("KeyTable")
    shown = " ".join(str(table.render()).split())  # the whole table, wrapped lines joined
    for command in COMMANDS:
        assert f"{command.shown_key or command.keys} {command.help}" in shown, command.action
    await press(pilot, "escape")
    assert pilot.app.screen.__class__.__name__ == "MainScreen"


async def test_the_command_palette_runs_a_command(pilot, store) -> None:
    await press(pilot, "3", "space")
    await press(pilot, "ctrl+p")
    await pilot.press(*"Undo the last")
    await settle(pilot)
    await press(pilot, "enter")
    assert vacancy(store, CNECT).ticks == {}


async def test_q_quits(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        await pilot.press("q")
    assert app.return_code == 0


async def test_narrow_enter_opens_tabs_and_escape_goes_back(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.query_one(Panes).narrow and screen.query_one("#right").display is False
        await press(pilot, "enter")
        assert screen.query_one(Panes).shown == "detail" and screen.query_one("#left").display is False
        await press(pilot, "3", "space")
        assert vacancy(store, CNECT).ticks == {"elig-citizenship": True}
        await press(pilot, "escape")
        assert screen.query_one(Panes).shown == "list" and screen.query_one(Panes).focused_pane == "list"
    app.saver.close()


async def test_a_change_by_another_process_shows_up_without_moving_the_cursor(pilot, store) -> None:
    await press(pilot, "j")
    other = Store.open(store.root, fixed_clock)
    digit = vacancy(other, DIGIT)
    other.apply(Change(digit.id, "tick:app-cv", True))
    other.set_status(vacancy(other, CNECT).id, "applied")
    await pilot.pause(1.5)
    await settle(pilot)
    screen = pilot.app.screen
    assert screen.current.posting.reference == DIGIT
    assert screen.current.ticks == {"app-cv": True}
    assert next(v for v in screen.model.vacancies if v.posting.reference == CNECT).status == "applied"


async def test_every_change_is_on_disk_when_the_app_ends(store) -> None:
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("3", "space", "j", "space", "j", "space")
    app.saver.close()
    assert len(vacancy(store, CNECT).ticks) == 3


async def test_an_empty_store_says_how_to_import(tmp_path) -> None:
    app = EujobsApp(Store.open(tmp_path / "empty", fixed_clock))
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        empty = app.screen.query_one("#empty")
        assert empty.display and "eujobs import PATH" in str(empty.render())
        assert app.screen.query_one(VacancyList).display is False
    app.saver.close()


async def test_p_edits_the_profile_and_the_checklist_answers_itself(pilot, store) -> None:
    await press(pilot, "p")
    form = pilot.app.screen
    assert form.__class__.__name__ == "ProfileForm"
    await pilot.press(*"Belgium", "tab", "tab")
    await pilot.press(*"English C1, French B1")
    await press(pilot, "ctrl+s")
    await settle(pilot)
    profile = store.profile()
    assert profile.citizenships == ["Belgium"] and [lang.level for lang in profile.languages] == ["C1", "B1"]
    screen = pilot.app.screen
    assert screen.view.verdicts["elig-lang-french"].verdict == "does_not_meet"
    assert screen.model.listing.fits[vacancy(store, CNECT).id].startswith("not eligible: ")


async def test_p_refuses_a_wrong_level_and_saves_nothing(pilot, store) -> None:
    await press(pilot, "p", "tab", "tab")
    await pilot.press(*"English D1")
    await press(pilot, "ctrl+s")
    assert pilot.app.screen.__class__.__name__ == "ProfileForm"
    assert store.profile().is_empty


async def test_shift_f_shows_only_postings_the_profile_can_apply_to(pilot, store) -> None:
    await press(pilot, "F")
    assert len(shown_titles(pilot.app)) == 5  # no profile yet: the filter explains and stays off
    assert "profile first" in list(pilot.app._notifications)[-1].message
    save_the_example_profile(store)
    pilot.app.screen.check_for_changes()
    await settle(pilot)
    await press(pilot, "F")
    shown = shown_titles(pilot.app)
    assert 0 < len(shown) < 5
    listing = pilot.app.screen.model.listing
    assert all(listing.fits[v.id].startswith("eligible") for v in listing.shown)  # or eligible once confirmed
    border = f"1 Vacancies · {len(shown)} of 5 · eligible · by deadline"
    assert pilot.app.screen.query_one(VacancyList).border_title == border
    await press(pilot, "F")
    assert len(shown_titles(pilot.app)) == 5
    assert pilot.app.screen.query_one(VacancyList).border_title == "1 Vacancies · all 5 · by deadline"


async def test_a_vacancy_not_read_ahead_is_shown_before_the_rows_around_it_are_read(pilot, monkeypatch) -> None:
    """Its text is read first, and only once it is shown are the rows around it read: a thread reading them
    while the text was on its way held the interpreter, and doubled a keystroke that filtered the vacancy
    shown away."""
    screen = pilot.app.screen
    view, vacancy_list = screen.view, screen.query_one(VacancyList)
    shown_when_reading: list[bool] = []
    real = type(view).lay_out_ahead
    monkeypatch.setattr(type(view), "lay_out_ahead", lambda self, *args: shown_when_reading.append(
        self.current is vacancy_list.highlighted and bool(self.text)) or real(self, *args))
    view.read_ahead.clear()  # nothing read ahead: the next vacancy's text is read when it is shown

    await press(pilot, "j")
    await settle(pilot)

    assert screen.current is vacancy_list.highlighted and screen.view.text
    assert shown_when_reading and all(shown_when_reading)


@pytest.mark.parametrize("with_profile", [False, True])
async def test_the_next_vacancy_is_shown_as_laid_out_ahead_off_the_ui_thread(pilot, store, with_profile,
                                                                            monkeypatch) -> None:
    """A cursor move only draws: the texts, facts, history and checklist (and the verdicts) of the rows
    around the cursor were laid out by a worker, and are what the panes would lay out themselves."""
    import eujobs.tui.read_ahead as read_ahead
    import eujobs.tui.widgets.checklist as checklist
    import eujobs.tui.widgets.detail as detail
    import eujobs.tui.widgets.tracker as tracker

    if with_profile:
        save_the_example_profile(store)
        pilot.app.screen.check_for_changes()
    await press(pilot, "j")  # the rows around the cursor are laid out meanwhile
    await settle(pilot)
    done_here = []

    def spy(module, name):
        real = getattr(module, name)
        monkeypatch.setattr(module, name, lambda *args: done_here.append(
            (name, threading.current_thread() is threading.main_thread())) or real(*args))

    for module, name in ((detail, "wrap_blocks"), (tracker, "wrap_blocks"), (checklist, "_item_lines"),
                         (read_ahead, "verdicts")):
        spy(module, name)
    screen = pilot.app.screen
    shown = screen.model.listing.shown
    before, following = screen.current, shown[shown.index(screen.current) + 1]
    assert screen.view.read_ahead.get(following) is not None  # laid out ahead

    await press(pilot, "j")
    await settle(pilot)

    assert screen.current is not before and screen.current is following and screen.view.text
    assert not [name for name, here in done_here if here]  # nothing was laid out while the key was handled
    monkeypatch.undo()
    vacancy, now = screen.current, screen.now
    pane = screen.query_one(detail.DetailPane)
    width = pane.wrap_width
    assert pane.vacancy is vacancy and pane.text == screen.view.text
    fit = read_ahead.fit_shown(vacancy, screen.profile, screen.view.verdicts)
    assert (screen.view.fit, fit is not None) == (fit, with_profile)
    assert pane.lines() == detail.detail_lines(vacancy, width, now, detail.text_lines(screen.view.text, width),
                                               screen.view.verdicts, fit)
    history = screen.query_one(tracker.TrackerPane)
    assert history.lines() == tracker.tracker_lines(vacancy, history.wrap_width, now)
    items = screen.query_one(checklist.ChecklistPane)
    assert screen.view.verdicts == read_ahead.verdicts_shown(vacancy, screen.profile, now)
    assert bool(screen.view.verdicts) == with_profile
    assert items._lines() == checklist._item_lines(vacancy, items.items, screen.view.verdicts,
                                               items.scrollable_content_region.width - checklist.MARK_WIDTH)
