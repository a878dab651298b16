"""The dashboard's one screen: the vacancy list on the left, the chosen vacancy's panes on the right.

The state and its rules live in the Dashboard model (tui/dashboard.py). The screen binds the time and the
profile to its two sides (tui/widgets/list_side.py, tui/widgets/vacancy_view.py), runs the model's slow
calls in workers that post messages back (tui/messages.py), and maps keys to actions (tui/commands.py).
"""

from __future__ import annotations

import time
from datetime import date, datetime
from functools import cached_property

from textual import on, work
from textual.app import ComposeResult
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header
from textual.worker import get_current_worker

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.model import Posting, Vacancy
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.state import REMOVED, Step

from ..collecting import collect_while_idle
from ..commands import availability, bindings
from ..dashboard import NOTES_MERGED, SHOWN_AS_SAVED, Arrival, Dashboard, quoted
from ..formatting import NOT_YET, own_zone, printable
from ..messages import ChangeAsked, Filtered, Indexed, Loaded, Looked, Watched, WatchProgress
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
from . import asking, handing_out

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
        self._brought_back: str | None = None  # a vacancy an undo brought back: the list's cursor goes to it
        self.looked = False  # the whole list has been shown: the time of this look is kept
        self.watching = False  # a watch pass is on its way

    def compose(self) -> ComposeResult:
        yield Header()
        with Panes(id="body"):
            yield ListSide(id="left").data_bind(now=MainScreen.now)
            rows_around = lambda rows: self.query_one(VacancyList).around_cursor(rows)  # noqa: E731
            yield VacancyView(self.model.text_of, rows_around, own_zone=own_zone(), id="right").data_bind(
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
        self.query_one(VacancyList).is_new = self.model.new.is_new  # marked: found by a watch since the last look
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
        self.list_side.show_filter(self.model.filter_said(front.count, front.count))
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

    @property
    def today(self) -> date:
        """The user's day (their system's zone), for the dates the questions suggest."""
        return self.now.astimezone().date()

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
        if not self.looked:
            self.looked = True
            self.keep_look()

    @work(thread=True, group="look", description="keeping the time of this look")
    def keep_look(self) -> None:
        versions = self.model.look()
        if versions is not None:
            self.post_message(Looked(versions))

    @on(Looked)
    def _looked(self, message: Looked) -> None:
        self.model.took_look(message.versions)

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
        if arrival is Arrival.STALE:
            return
        # Said even of the same rows: another filter or order may keep them (it repaints only when it changed).
        self.list_side.show_filter(self.model.filter_said(len(listing.shown), len(listing.of)))
        if arrival is Arrival.SAME:  # the words were read, say: repainting costs bytes
            return
        self.sub_title = self.model.counts(len(self.model.vacancies), listing.open_count)
        back, self._brought_back = self._brought_back, None
        kept = next((vacancy for vacancy in listing.shown if vacancy.id == back), self.current)
        self.list_side.take(listing, arrival, keep=kept)
        if arrival is not Arrival.CONTINUES_FRONT:
            self.call_after_refresh(self._collect_once_shown)  # what filtering made, once the list is on screen

    def _collect_once_shown(self) -> None:
        if not self.view.text_pending:  # else the view collects, once the text is shown
            collect_while_idle()

    # ------------------------------------------------------------------ saving

    @on(ChangeAsked)
    def _change_asked(self, message: ChangeAsked) -> None:
        self.save(asking.tick_step(self.current, message.change))

    def save(self, step: Step, undoable: bool = True) -> None:
        """Make a step off the UI thread, in order with every other; its vacancy is then shown as it now is."""
        self.model.asked(step, undoable)
        self.saver.submit(lambda: self.model.apply(step), self, "change" if undoable else "undo", step)

    @on(Written)
    def _written(self, message: Written) -> None:
        if message.error is not None:  # what the screen showed of the change is taken back
            if message.about and (saved := self.model.not_saved(message.about, message.job != "undo", self.current)):
                self.view.show(saved)
            self.notify(said(message.error) + (SHOWN_AS_SAVED if message.about else ""), severity="error",
                        markup=False, title="Not exported" if message.job == "export" else "Not saved")
            self.load()
        elif message.job in ("change", "undo"):
            self.model.answered(message.about, undoable=message.job == "change")
            if self.model.notes_merged(message.about, message.result):
                self.notify(NOTES_MERGED, title="Notes", severity="warning", markup=False, timeout=SHOWN_FOR_S)
            if self.model.take_applied(message.result, undoable=message.job == "change"):
                self._brought_back = brought_back(message.about) or self._brought_back
                self.refilter()  # the list shows the vacancy as it now is
            elif self.model.front is not None:  # only the front of the list is here: its rows are changed
                self.list_side.shown = self.model.listing.shown
        elif message.job == "export":
            self.notify(message.result, title="Export", markup=False)
        else:  # a profile, a vacancy added by hand: read back whole
            if message.job == "vacancy":
                self.model.answered(message.about)
                self.model.take_undo(message.result)
            self.model.wrote()
            self.load()
        if (undo := self.model.undo_due()) is not None:  # asked for while this was being saved
            self._undo(undo)

    # ------------------------------------------------------------------ actions (keys: tui/commands.py)

    def check_action(self, action: str, parameters: tuple) -> bool | None:
        panes, can_go_back = self.panes, self.model.filter.needle or self.list_side.filter_box.display
        return availability(action, parameters, focused_pane=panes.focused_pane, has_vacancy=self.current is not None,
                            can_go_back=bool(can_go_back or panes.away_from_list))

    def action_help(self) -> None:
        from ..commands import help_sections
        from .help import HelpScreen

        self.app.push_screen(HelpScreen(help_sections()))

    def action_stats(self) -> None:
        if self.model.front is not None:  # only the first rows are read yet
            self.notify("The statistics count the whole list: it is still being read.", markup=False)
            return
        from ..stats_report import StatsView
        from .stats import StatsScreen

        self.app.push_screen(StatsScreen(StatsView(self.model.vacancies, self.now)))

    def action_quit(self) -> None:
        self.app.exit()

    def action_undo(self) -> None:
        undo = self.model.pop_undo()
        if undo is not None:
            self._undo(undo)
        elif not self.model.undos_waiting:  # else it is made once the step being saved is
            self.notify("Nothing to undo.")

    def _undo(self, undo: Step) -> None:
        self.save(undo, undoable=False)
        self.notify(f"Undone: {undo.said}", markup=False)

    def action_copy(self) -> None:
        handing_out.ask_what_to_copy(self.app, self.current.posting, self.copy)

    def copy(self, what: str, text: str) -> None:
        self.app.copy_to_clipboard(text)  # OSC 52: the terminal's clipboard, over SSH too
        self.notify(f"Copied the {what}: {printable(text)}", markup=False)

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

    def action_watch(self) -> None:
        if self.watching:
            self.notify("A watch is on its way already: its summary follows.", markup=False)
            return
        self.watching, self.title = True, "Watching for new postings…"
        self.watch_postings()

    @work(thread=True, group="watch", description="watching for new postings")
    @reporting("Watch stopped")
    def watch_postings(self) -> None:
        outcome = None
        try:
            outcome = self.model.watch(lambda doing: self.post_message(WatchProgress(doing)))
        finally:
            self.post_message(Watched(outcome))

    @on(WatchProgress)
    def _watch_progress(self, message: WatchProgress) -> None:
        self.title = f"Watching: {one_line(message.doing)}"  # the header, before the counts

    @on(Watched)
    def _watched(self, message: Watched) -> None:
        self.watching, self.title = False, None
        outcome = message.outcome
        if outcome is not None:  # else it stopped, and @reporting said why
            severity = "error" if outcome.broken else "warning" if outcome.problems else "information"
            self.notify(outcome.said(), title="Watch", severity=severity, markup=False,
                        timeout=SHOWN_FOR_S if outcome.problems else None)
        self.load()  # what it imported; the list keeps its place

    def action_edit_profile(self) -> None:
        asking.ask_profile(self.app, self.profile, lambda profile: self.saver.submit(
            lambda: self.model.save_profile(profile), self, "profile"), today=self.today)

    def action_export(self, fmt: str) -> None:
        handing_out.ask_export_path(self.app, fmt, self.today, lambda path: self.saver.submit(
            lambda: self.model.export(fmt, path), self, "export"))

    def action_import_path(self) -> None:
        asking.ask_import_path(self.app, self.start_import)

    def start_import(self, path: str) -> None:
        importing = Step((), "the import")  # on its way like a change: an undo waits for it
        self.model.asked(importing)
        self.import_path(path, importing)

    @work(thread=True, group="import")
    @reporting("Nothing imported")
    def import_path(self, path: str, importing: Step) -> None:
        undo = None
        try:
            summary, failed, undo = self.model.import_path(path)
            self.notify(summary, title="Import", severity="warning" if failed else "information", markup=False)
        finally:
            self.app.call_from_thread(self._imported, importing, undo)

    def _imported(self, importing: Step, undo: Step | None) -> None:
        self.model.answered(importing)
        self.model.take_undo(undo)
        self.load()
        if (due := self.model.undo_due()) is not None:  # asked for while the import ran
            self._undo(due)

    def action_add_vacancy(self) -> None:
        asking.ask_new_vacancy(self.app, self.add_vacancy)

    def add_vacancy(self, posting: Posting, notes: str) -> None:
        adding = Step((), f"added {quoted(posting.title)}")  # on its way like a change: an undo waits for it
        self.model.asked(adding)
        self.saver.submit(lambda: self.model.add_by_hand(posting, notes), self, "vacancy", adding)

    def action_delete_vacancy(self) -> None:
        asking.ask_vacancy_delete(self.app, self.current, self.save)

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
        elif question in asking.IN_TURN:  # questions in turn, each waiting for the user's answer: a worker
            self.run_worker(asking.IN_TURN[question](self.app, self.current, self.save, self.today),
                            group="dialog")
        else:
            asking.ABOUT_THE_VACANCY[question](self.app, self.current, self.save)


def brought_back(step: Step) -> str | None:
    """The vacancy a step brings back from deletion (the undo of a delete), if any."""
    return next((change.vacancy_id for change in step.changes if change.slot == REMOVED and change.value is False),
                None)
