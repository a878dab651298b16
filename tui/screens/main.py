"""The dashboard's one screen: the vacancy list on the left, the chosen vacancy's panes on the right.

The state and its rules live in the Dashboard model (tui/dashboard.py). The screen binds the time and the
profile to its two sides (tui/widgets/list_side.py, tui/widgets/vacancy_view.py), runs the model's slow
calls in workers that post messages back (tui/messages.py), and maps keys to actions (tui/commands.py).
"""

from __future__ import annotations

import time
from datetime import datetime
from functools import cached_property
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.model import Vacancy

from ..collecting import collect_while_idle
from ..commands import availability, bindings
from ..dashboard import NOTES_MERGED, SHOWN_AS_SAVED, Arrival, Dashboard
from ..formatting import NOT_YET
from ..messages import ChangeAsked, Filtered, Indexed, Loaded
from ..saver import Saver, Written
from ..textual_hooks import hide_toast_rack
from ..trouble import SHOWN_FOR_S, reporting, said
from ..widgets.checklist import ChecklistPane
from ..widgets.key_bar import KeyBar
from ..widgets.list_side import ListSide
from ..widgets.panes import NAMES as PANE_NAMES
from ..widgets.panes import Panes
from ..widgets.vacancy_list import VacancyList
from ..widgets.vacancy_view import VacancyView
from . import asking

REFRESH_EVERY_S = 1.0
IDLE_POLL_S = 0.02  # how often to ask whether the rest of the list is due (Dashboard.rest_due)


class MainScreen(Screen):
    BINDINGS = bindings()

    now: var[datetime] = var(NOT_YET)
    profile: var[Profile] = var(Profile.from_json({}), init=False)

    def __init__(self, store, saver: Saver, front=None) -> None:
        super().__init__()
        self.model = Dashboard(store, front)
        self.saver = saver
        self.now = self.model.now

    def compose(self) -> ComposeResult:
        yield Header()
        with Panes(id="body"):
            yield ListSide(id="left").data_bind(now=MainScreen.now)
            rows_around = lambda rows: self.query_one(VacancyList).around_cursor(rows)  # noqa: E731
            yield VacancyView(self.model.text_of, rows_around, id="right").data_bind(
                now=MainScreen.now, profile=MainScreen.profile)
        yield KeyBar()

    # The screen's parts, found once: check_action asks for them for every key the footer shows.
    @cached_property
    def list_side(self) -> ListSide:
        return self.query_one(ListSide)

    @cached_property
    def view(self) -> VacancyView:
        return self.query_one(VacancyView)

    @cached_property
    def panes(self) -> Panes:
        return self.query_one(Panes)

    @property
    def current(self) -> Vacancy | None:
        """The vacancy the panes show, which the commands about one vacancy act on."""
        return self.view.current

    def on_mount(self) -> None:
        self.set_interval(REFRESH_EVERY_S, self.check_for_changes)
        self.set_interval(30, self.tick_clock)
        self.watch(self.query_one(VacancyList), "highlighted", self.view.show, init=False)
        self.watch(self.view, "text", self._index_when_shown, init=False)
        # The box's text as each key changes it: Input.Changed came after the frame showing the key.
        self.watch(self.list_side.filter_box, "value", lambda needle: self.filter_changed(needle=needle), init=False)
        self.query_one(VacancyList).focus()
        hide_toast_rack(self)
        if self.model.front is None:
            self._loaded(Loaded(self.model.read()))  # before the first frame, which then shows the vacancies
        else:
            self._show_front()

    # ------------------------------------------------------------------ loading

    @work(thread=True, exclusive=True, group="load")
    @reporting("Cannot read the store")
    def load(self) -> None:
        self.post_message(Loaded(self.model.read()))

    def _show_front(self) -> None:
        """The first screen from the front of the list (store/persistence/front.py); the rest is read after it."""
        front = self.model.front
        self.profile = front.profile
        self.sub_title = self.model.counts(front.count, front.open_count)
        self.list_side.show_front(self.model.listing, front.count)
        self._idle_poll = self.set_interval(IDLE_POLL_S, self._read_rest_once_due)

    def _read_rest_once_due(self) -> None:
        if not self.model.rest_due():
            return
        self._idle_poll.stop()
        try:  # here rather than in a worker: keys wait the fraction of a second it takes, rather than act on
            load = self.model.read()  # a list that is only its first rows
        except StoreError as error:  # the files changed since the front was saved, and are now damaged
            self.app.exit(error)
            return
        self._loaded(Loaded(load))

    def check_for_changes(self) -> None:
        """Another eujobs may have changed the store: read it again. Once it has been still a while, the front
        of the list is saved for the next start."""
        if self.saver.busy:
            return
        if self.model.changed_elsewhere():
            self.load()
        elif self.model.front_to_save():
            self.save_front()

    @work(thread=True, exclusive=True, group="front", description="saving the front of the list")
    def save_front(self) -> None:
        self.model.store.save_front()

    def tick_clock(self) -> None:
        now = self.model.store.clock()
        if self.model.clock_moved(now):  # what is open and what the profile fits change with the day
            self.refilter()
        self.now = now

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        model = self.model
        model.take(message.load)
        self.profile = model.profile  # a new one lays the vacancy shown out again (VacancyView.watch_profile)
        self.list_side.set_empty(not model.vacancies)
        if self.list_side.shown and model.front is None:
            self.refilter()
        else:  # the first load (the list is filled before the first frame instead of two or three frames
            # later), or the whole list after its front (no key has been handled in between)
            self._filtered(Filtered(model.list_with(model.finder())))
        self._index_when_shown()

    # A description of our own: by default Textual writes one with repr() of every argument, which
    # for 10,000 vacancies took a third of a second.
    @work(thread=True, exclusive=True, group="index", description="reading the postings' words")
    def index_texts(self, vacancies: tuple[Vacancy, ...]) -> None:
        """Read every posting's words once, after the list is on screen, so `/` finds text beyond the titles.
        Every hundred postings the UI thread gets the interpreter: keys and paints come first."""
        self.post_message(Indexed(self.model.read_words(vacancies, pause=lambda: time.sleep(0))))

    @on(Indexed)
    def _indexed(self, message: Indexed) -> None:
        self.model.take_words(message.words)
        self.refilter()  # which also builds what the next keystroke searches, rather than that keystroke

    def _index_when_shown(self) -> None:
        if self.model.unindexed and self.view.text:  # once a vacancy is on screen, not beside its first paint
            self.call_after_refresh(self.index_texts, self.model.take_unindexed())

    # ------------------------------------------------------------------ filtering

    def filter_changed(self, **changes) -> None:
        if not self.model.set_filter(**changes):
            return
        if self.model.search_ready:  # a keystroke's search is built (a few ms): filter here, not in a thread
            self._filtered(Filtered(self.model.list_with(self.model.finder())))
        else:
            self.refilter()

    def refilter(self) -> None:
        """Filter and sort the list again, off the UI thread. Keys typed ahead of the start may change what
        to show while only the front of the list is here: the rest's arrival then filters it."""
        if self.model.front is None:
            self._refilter()

    @work(thread=True, exclusive=True, group="filter")
    def _refilter(self) -> None:
        listing = self.model.refilter()
        if not get_current_worker().is_cancelled:  # a newer keystroke's result must not be overwritten
            self.post_message(Filtered(listing))

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        listing = message.listing
        arrival = self.model.arrival(listing)
        if arrival in (Arrival.STALE, Arrival.SAME):  # SAME: the words were read, say: repainting costs bytes
            return
        self.sub_title = self.model.counts(len(self.model.vacancies), listing.open_count)
        self.list_side.show_filter(self.model.filter_said())
        self.list_side.take(listing, arrival, keep=self.current)
        if arrival is not Arrival.CONTINUES_FRONT:
            self.call_after_refresh(self._collect_once_shown)  # what filtering made, once the list is on screen

    def _collect_once_shown(self) -> None:
        if not self.view.text_pending:  # else the view collects, once the text is shown
            collect_while_idle()

    # ------------------------------------------------------------------ saving

    @on(ChangeAsked)
    def _change_asked(self, message: ChangeAsked) -> None:
        self.save(message.change)

    def save(self, change, undoable: bool = True) -> None:
        """Apply a change off the UI thread, in order with every other; the vacancy is then shown as it now is."""
        self.model.asked(change)
        self.saver.submit(lambda: self.model.apply(change), self, "change" if undoable else "undo", change)

    @on(Written)
    def _written(self, message: Written) -> None:
        if message.error is not None:  # what the screen showed of the change is taken back
            if message.about and (saved := self.model.not_saved(message.about, message.job == "change", self.current)):
                self.view.show(saved)
            self.notify(said(message.error) + (SHOWN_AS_SAVED if message.about else ""), severity="error",
                        markup=False, title="Not exported" if message.job == "export" else "Not saved")
            self.load()
        elif message.job in ("change", "undo"):
            self.model.answered(message.about)
            if self.model.notes_merged(message.about, message.result):
                self.notify(NOTES_MERGED, title="Notes", severity="warning", markup=False, timeout=SHOWN_FOR_S)
            if self.model.take_applied(message.result, undoable=message.job == "change"):
                self.refilter()  # the list shows the vacancy as it now is
            elif self.model.front is not None:  # only the front of the list is here: its rows are changed
                self.list_side.shown = self.model.listing.shown
        elif message.job == "export":
            self.notify(f"Wrote {message.result}", title="Export", markup=False)
        else:  # a profile, a vacancy added by hand: read back whole
            self.model.wrote()
            self.load()

    # ------------------------------------------------------------------ actions (keys: tui/commands.py)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        panes, can_go_back = self.panes, self.model.filter.needle or self.list_side.filter_box.display
        return availability(action, parameters, focused_pane=panes.focused_pane, has_vacancy=self.current is not None,
                            can_go_back=bool(can_go_back or panes.away_from_list))

    def action_help(self) -> None:
        from ..commands import help_sections
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(help_sections()))

    def action_quit(self) -> None:
        self.app.exit()

    def action_undo(self) -> None:
        undo = self.model.pop_undo()
        if undo is None:
            self.notify("Nothing to undo.")
            return
        self.save(undo, undoable=False)
        self.notify(f"Undone: {asking.describe(undo)}", markup=False)

    def action_copy(self) -> None:
        posting = self.current.posting
        text = posting.apply.email or posting.apply.url or posting.reference or posting.title
        self.app.copy_to_clipboard(text)
        self.notify(f"Copied {text}", markup=False)

    def action_focus_pane(self, number: int) -> None:
        self.panes.focus_pane(PANE_NAMES[number - 1])

    def action_step_pane(self, step: int) -> None:
        self.panes.step(step)

    @on(VacancyList.Chosen)
    def _chosen(self) -> None:
        self.action_focus_pane(2)

    def action_back(self) -> None:
        if self.focused is self.list_side.filter_box or self.model.filter.needle:
            self.list_side.close_filter()
            self.filter_changed(needle="")
        self.action_focus_pane(1)

    def action_filter(self) -> None:
        self.panes.shown = "list"
        self.list_side.open_filter()

    def action_status_filter(self) -> None:
        if self.model.filter.status_only is None:
            asking.ask_status_only(self.app, lambda status: self._filter_and_say(*self.model.only_status(status)))
        else:
            self._filter_and_say(*self.model.only_status(None))

    def action_eligible_filter(self) -> None:
        self._filter_and_say(*self.model.only_eligible_toggled())

    def action_sort(self) -> None:
        self._filter_and_say(*self.model.sorted_next())

    def _filter_and_say(self, changes: dict, text: str) -> None:
        self.filter_changed(**changes)
        self.notify(text, markup=False)

    def action_edit_profile(self) -> None:
        asking.ask_profile(self.app, self.profile, lambda profile: self.saver.submit(
            lambda: self.model.save_profile(profile), self, "profile"), today=self.now.date())

    def action_export(self, fmt: str) -> None:
        self.saver.submit(lambda: self.model.export(fmt, Path.cwd()), self, "export")

    def action_import_path(self) -> None:
        asking.ask_import_path(self.app, self.import_path)

    @work(thread=True, group="import")
    @reporting("Nothing imported")
    def import_path(self, path: str) -> None:
        summary, failed = self.model.import_path(path)
        self.notify(summary, title="Import", severity="warning" if failed else "information", markup=False)
        self.app.call_from_thread(self.load)

    def action_add_vacancy(self) -> None:
        asking.ask_new_vacancy(self.app, lambda posting, notes: self.saver.submit(
            lambda: self.model.add_by_hand(posting, notes), self, "vacancy"))

    def action_toggle_item(self) -> None:
        self.query_one(ChecklistPane).action_toggle()  # the pane's own key posts Toggled; this serves the palette

    def action_ask(self, question: str) -> None:
        """Ask in a dialog for a change to the vacancy (tui/screens/asking.py), and save what the user answers."""
        if question in asking.ABOUT_AN_ITEM:
            item = self.query_one(ChecklistPane).current_item
            if item is None:
                self.app.bell()
                return
            asking.ABOUT_AN_ITEM[question](self.app, self.current, item, self.save)
        elif question == "dates":  # three questions in turn, each waiting for the user: a worker
            self.run_worker(asking.ask_dates(self.app, self.current, self.save), group="dialog")
        else:
            asking.ABOUT_THE_VACANCY[question](self.app, self.current, self.save)
