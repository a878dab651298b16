"""The dashboard's one screen: the vacancy list, and the chosen vacancy's details, checklist and tracker.

The screen owns the shared state as reactives (all vacancies, the ones shown, the current one, the
filter, the sort) and the panes are bound to it. Wide terminals show the four panes at once; below
NARROW_BELOW columns the list takes the screen and a vacancy opens as three tabs.
"""

from __future__ import annotations

import gc
import operator
import time
from collections.abc import Mapping
from datetime import datetime, timezone
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.cache import LRUCache
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.reactive import var
from textual.screen import Screen
from textual.widgets import Header, Input, Static
from textual.worker import get_current_worker

from eujobs.store.persistence.bulk import collect_while_idle
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.front import Front
from eujobs.store.model import Vacancy
from eujobs.store.eligibility.profile import Profile
from eujobs.store.query import SORTS
from eujobs.store.eligibility.rules import Verdict
from eujobs.store.search import Finder
from eujobs.store.persistence.state import Change
from eujobs.store.persistence.storage import StoreError

from ..commands import bindings
from ..saver import Saved, Saver
from ..widgets.checklist import ChecklistPane
from ..widgets.detail import DetailPane
from ..widgets.filter_box import FilterBox
from ..widgets.hanging import LaidOutAhead
from ..widgets.key_bar import KeyBar
from ..widgets.tracker import TrackerPane
from ..widgets.vacancy_list import VacancyList
from .actions import VacancyActions
from .laying_out import LaidOut, Layout, lay_out, verdicts_shown

if TYPE_CHECKING:
    from textual.widgets import Tabs

NARROW_BELOW = 100
PANES = ("list", "detail", "checklist", "tracker")
REFRESH_EVERY_S = 1.0
# The rest of the list is read once the first screen, drawn from the front of the list, has reached the
# terminal and Textual's start-up repaints are done (it holds the interpreter while it reads): when a poll
# finds that the process used next to no CPU since the last one, as Textual's Pilot tells idleness.
IDLE_POLL_S = 0.02
IDLE_CPU_S = 0.002
READ_REST_AT_LATEST_S = 1.0
SAVE_FRONT_AFTER_S = 3.0  # of no change: a burst of ticks saves the front once, after it
READ_AHEAD = 8  # rows above and below the cursor whose texts are kept read
EMPTY_STORE = (
    "No postings yet.\n\nPress i to import a file or folder (.txt .md .pdf .html), A to add one by hand,\n"
    "or from the shell:  eujobs import PATH..."
)


class Loaded(Message):
    def __init__(self, vacancies: tuple[Vacancy, ...], profile: Profile, version: tuple) -> None:
        super().__init__()
        self.vacancies, self.profile, self.version = vacancies, profile, version


class Filtered(Message):
    def __init__(self, shown: tuple[Vacancy, ...], fits: Mapping[str, str], open_count: int,
                 of: tuple[Vacancy, ...]) -> None:
        super().__init__()
        self.shown, self.fits, self.open_count = shown, fits, open_count
        self.of = of  # the vacancies filtered: a result for an older load is dropped


class Indexed(Message):
    """The full-text words of every vacancy (by the sha256 of its text) have been read."""

    def __init__(self, words: dict[str, str]) -> None:
        super().__init__()
        self.words = words


class ReadAhead(Message):
    def __init__(self, layout: Layout, laid_out: list[LaidOut]) -> None:
        super().__init__()
        self.layout, self.laid_out = layout, laid_out


class TextLoaded(Message):
    def __init__(self, vacancy: Vacancy, text: str) -> None:
        super().__init__()
        self.vacancy, self.text = vacancy, text


class MainScreen(VacancyActions, Screen):
    BINDINGS = bindings()

    # Plain vars: the screen draws none of this itself (a reactive would repaint all of it on each change).
    # always_update: comparing 10,000 vacancies field by field costs more than redrawing a screen.
    # init=False where the watcher filters: a filter worker's thread reads these, and a first read that set
    # one up there would run its watcher (and Textual's styling) off the UI thread. The first load filters.
    vacancies: var[tuple[Vacancy, ...]] = var((), always_update=True, init=False)
    shown: var[tuple[Vacancy, ...]] = var((), always_update=True)
    current: var[Vacancy | None] = var(None)
    text = var("")
    now: var[datetime] = var(datetime.min.replace(tzinfo=timezone.utc))
    needle = var("", init=False)
    status_only: var[str | None] = var(None, init=False)
    sort_by = var(SORTS[0], init=False)
    profile: var[Profile] = var(Profile.from_json({}), init=False)
    only_eligible = var(False, init=False)
    fits: var[Mapping[str, str]] = var(dict)  # vacancy id -> 'eligible', '2 blockers', '3 to check'
    verdicts: var[dict[str, Verdict]] = var(dict)  # the current vacancy's, by checklist item
    narrow = var(False)
    pane = var("list")  # the pane shown on a narrow terminal

    def __init__(self, store: Store, saver: Saver, front: Front | None = None) -> None:
        super().__init__()
        self.store, self.saver = store, saver
        self.now = store.clock()
        self.undo_stack: list = []
        self._version: tuple | None = None
        self._front = front  # until the rest of the list is read
        self._front_version = front.version if front else None  # the store's version the saved front is of
        self._changed_at = time.monotonic()
        self._words: dict[str, str] = {}  # the full-text words of each posting, by its text's sha256
        self._unindexed: tuple[Vacancy, ...] = ()  # loaded, their words not read yet
        self._finder: Finder | None = None  # of the vacancies, profile and day shown
        self._read_ahead: LRUCache[str, str] = LRUCache(maxsize=4 * READ_AHEAD)  # texts by sha256
        self._laid_out = LaidOutAhead(4 * READ_AHEAD)  # the verdicts of the vacancies laid out, by Layout

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            with Vertical(id="left"):
                yield Static(EMPTY_STORE, id="empty", markup=False)
                yield VacancyList(id="list").data_bind(vacancies=MainScreen.shown, now=MainScreen.now,
                                                       fits=MainScreen.fits)
                yield FilterBox(id="filter", placeholder="Filter: words of the title, institution, reference, text…")
            with Vertical(id="right"):
                yield DetailPane(id="detail-pane").data_bind(
                    vacancy=MainScreen.current, text=MainScreen.text, now=MainScreen.now)
                with Horizontal(id="bottom"):
                    yield ChecklistPane(id="checklist-pane").data_bind(
                        vacancy=MainScreen.current, verdicts=MainScreen.verdicts)
                    yield TrackerPane(id="tracker-pane").data_bind(vacancy=MainScreen.current, now=MainScreen.now)
        yield KeyBar()

    def on_mount(self) -> None:
        for name, title in zip(PANES, ("1 Vacancies", "2 Details", "3 Checklist", "4 Tracker")):
            self.pane_widget(name).border_title = title
        self.set_interval(REFRESH_EVERY_S, self.check_for_changes)
        self.set_interval(30, self.tick_clock)
        vacancy_list = self.query_one(VacancyList)
        self.watch(vacancy_list, "highlighted", self._show, init=False)
        self.watch(self.query_one("#filter", Input), "value", self.filter_typed, init=False)
        vacancy_list.focus()
        # Textual's toast rack hides itself once the screen is shown, a frame after the first, and that sets
        # a style, which lays out and repaints the whole screen again. Hidden already, that is no change.
        self.query("#textual-toastrack").set(display=False)  # none when notifications are off (tests)
        self.narrow = self.app.size.width < NARROW_BELOW  # before the first frame too: not drawn wide, then narrow
        if self._front is None:
            self._loaded(self._read())  # before the first frame, which then shows the vacancies, not an empty list
        else:
            self._show_front(self._front)

    def on_resize(self) -> None:
        self.narrow = self.size.width < NARROW_BELOW

    # ------------------------------------------------------------------ loading and filtering

    @work(thread=True, exclusive=True, group="load")
    def load(self) -> None:
        self.post_message(self._read())

    def _read(self) -> Loaded:
        version = self.store.version()
        return Loaded(tuple(self.store.vacancies()), self.store.profile(), version)

    def _show_front(self, front: Front) -> None:
        """The first screen from the front of the list (store/persistence/front.py); the rest is read after it."""
        self._version = front.version
        self.profile = front.profile
        self.sub_title = self._counts(front.count, front.open_count)
        self.query_one(VacancyList).expect(front.count)
        self.fits = Finder(front.vacancies, self.now, front.profile).fit_texts
        self.shown = front.vacancies
        self._idle_poll = self.set_interval(IDLE_POLL_S, self._read_rest_once_idle)
        self._cpu_at_poll, self._front_shown_at = time.process_time(), time.monotonic()

    def _read_rest_once_idle(self) -> None:
        cpu = time.process_time()
        busy, self._cpu_at_poll = cpu - self._cpu_at_poll >= IDLE_CPU_S, cpu
        if busy and time.monotonic() - self._front_shown_at < READ_REST_AT_LATEST_S:
            return
        self._idle_poll.stop()
        self._read_rest()

    def _read_rest(self) -> None:
        # Here rather than in a worker: keys wait the fraction of a second it takes, instead of acting on a
        # list that is only its first rows.
        try:
            loaded = self._read()
        except StoreError as error:  # the files changed since the front was saved, and are now damaged
            self.app.exit(error)
            return
        self._loaded(loaded)

    def check_for_changes(self) -> None:
        """Another eujobs (a second SSH session, an import from the shell) may have changed the store. Once
        it has been still a while, the front of the list is saved for the next start."""
        if self.saver.busy:
            return
        version = self.store.version()
        if version != self._version:
            self.load()
        elif version != self._front_version and time.monotonic() - self._changed_at >= SAVE_FRONT_AFTER_S:
            self._front_version = version
            self.save_front()

    @work(thread=True, exclusive=True, group="front", description="saving the front of the list")
    def save_front(self) -> None:
        self.store.save_front()

    def tick_clock(self) -> None:
        now = self.store.clock()
        new_day = now.date() != self.now.date()
        self.now = now
        if new_day:
            self._finder = None  # what is open and what the profile fits change with the day
            self.refilter()
            self._set_current(self.current, self.text)

    @on(Loaded)
    def _loaded(self, message: Loaded) -> None:
        # 10,000 vacancies are millions of objects that live as long as the load: left to the cyclic
        # collector, each of its full passes stalled a keystroke for 300 ms. They hold no cycles, so
        # reference counting alone still frees them after the next load.
        gc.freeze()
        self._version = message.version
        self._changed_at = time.monotonic()
        self.profile = message.profile
        if any(v.source.sha256 not in self._words for v in message.vacancies):
            self._unindexed = message.vacancies  # read once a vacancy is on screen, not beside its first paint
        self.vacancies = message.vacancies
        self._index_when_shown()

    # A description of our own: by default Textual writes one with repr() of every argument, which
    # for 10,000 vacancies took a third of a second.
    @work(thread=True, exclusive=True, group="index", description="reading the postings' words")
    def index_texts(self, vacancies: tuple[Vacancy, ...]) -> None:
        """Read every posting's words once, after the list is on screen, so `/` finds text beyond the titles."""
        words = dict(self._words)
        for count, vacancy in enumerate(vacancies):
            if vacancy.source.sha256 not in words:
                words[vacancy.source.sha256] = self._words_of(vacancy)
            if count % 100 == 0:
                time.sleep(0)  # let the UI thread have the interpreter: keys and paints come first
        self.post_message(Indexed(words))

    @on(Indexed)
    def _indexed(self, message: Indexed) -> None:
        self._words = message.words
        self.refilter()  # which also builds what the next keystroke searches, rather than that keystroke

    def watch_vacancies(self, vacancies: tuple[Vacancy, ...]) -> None:
        self.set_class(not vacancies, "-empty")
        if self.shown and self._front is None:
            self.refilter()
        else:  # the first load (the list is filled before the first frame instead of two or three frames
            # later), or the whole list after its front (no key has been handled in between)
            self._filtered(self._filter(self._finder_now()))

    def watch_needle(self) -> None:
        # The footer's Esc entry needs no refresh here: the filter box is shown whenever a needle is set.
        finder = self._finder
        if finder is not None and finder.vacancies is self.vacancies and finder.words is self._words:
            # What a keystroke searches is built (a few ms): filter here rather than start a thread and wait.
            self._filtered(self._filter(finder))
        else:
            self.refilter()

    def watch_status_only(self) -> None:
        self.refilter()

    def watch_sort_by(self) -> None:
        self.refilter()

    def watch_only_eligible(self) -> None:
        self.refilter()

    def watch_profile(self) -> None:
        self._finder = None
        self._set_current(self.current, self.text)  # its verdicts answer to the new profile
        self.call_after_refresh(self._read_around_cursor)  # as do those laid out ahead

    def refilter(self) -> None:
        """Filter and sort the list again, off the UI thread. Keys typed ahead of the start may change what
        to show while only the front of the list is here: the rest's arrival then filters it."""
        if self._front is None:
            self._refilter()

    @work(thread=True, exclusive=True, group="filter")
    def _refilter(self) -> None:
        finder = self._finder_now()
        finder.words = self._words
        filtered = self._filter(finder)
        if not get_current_worker().is_cancelled:  # a newer keystroke's result must not be overwritten
            self.post_message(filtered)
        finder.prepare_search()  # here, not in the first keystroke

    def _filter(self, finder: Finder) -> Filtered:
        found = finder.find(self.needle, self.status_only, self.sort_by)
        if self.only_eligible:
            found = tuple(v for v in found if finder.fits.get(v.id) and finder.fits[v.id].eligible)
        return Filtered(found, finder.fit_texts, finder.open_count, finder.vacancies)

    def _finder_now(self) -> Finder:
        """What every keystroke of the filter needs, worked out once per load, profile and day."""
        finder = self._finder
        if finder is None or finder.vacancies is not self.vacancies:
            finder = self._finder = Finder(self.vacancies, self.now, self.profile)
        return finder

    @on(Filtered)
    def _filtered(self, message: Filtered) -> None:
        if message.of is not self.vacancies:
            return
        keep = self.current.id if self.current else None
        self.sub_title = self._counts(len(self.vacancies), message.open_count)
        vacancy_list = self.query_one(VacancyList)
        front, self._front = self._front, None
        if front is not None:
            if _continues(front, message):
                # The screen already shows this: the rows are taken without a repaint (a screenful of bytes).
                self.set_reactive(MainScreen.fits, message.fits)
                self.set_reactive(MainScreen.shown, message.shown)
                vacancy_list.take_quietly(message.shown, message.fits)
                return
            vacancy_list.expect(0)
        if message.fits == self.fits and _same_objects(message.shown, self.shown):  # lazy fits: by identity
            return  # e.g. the words are indexed and nothing typed yet: repainting the list would only cost bytes
        self.fits = message.fits
        self.shown = message.shown
        vacancy_list.keep(keep)  # its highlighted vacancy, if another, reaches _show
        self.call_after_refresh(self._collect_once_shown)  # what filtering made, once the list is on screen

    def _counts(self, count: int, open_count: int) -> str:
        return f"{self.store.root} · {count} vacanc{'y' if count == 1 else 'ies'} · {open_count} open"

    def _show(self, vacancy: Vacancy | None) -> None:
        """Show another vacancy with its text, all panes in one repaint (at once when its text was read
        ahead, else once read); new data for the same vacancy at once."""
        if vacancy is not None and (self.current is None or vacancy.id != self.current.id):
            text = self._read_ahead.get(vacancy.source.sha256)
            if text is None and self.current is None:
                text = self._text_of(vacancy)  # the first one is read here, so the first frame shows it whole
            if text is None:
                self.load_text(vacancy)
            else:
                self._set_current(vacancy, text)
        else:
            checklist = self.query_one(ChecklistPane)
            item = checklist.current_item
            self._set_current(vacancy, self.text if vacancy is not None else "")
            checklist.keep(item.id if item else None)
        # After the frame: the worker would otherwise hold the interpreter while this vacancy is drawn; and the
        # first vacancy is shown before the panes have a size to wrap to. New data (a reload) is laid out anew.
        self.call_after_refresh(self._read_around_cursor)

    def _set_current(self, vacancy: Vacancy | None, text: str) -> None:
        if vacancy is None:
            self.verdicts = {}
        else:
            ahead = self._laid_out.get(vacancy, (self._layout_now(),))
            self.verdicts = ahead if ahead is not None else verdicts_shown(vacancy, self.profile, self.now)
        self.current = vacancy
        self.text = text
        self._index_when_shown()

    def _index_when_shown(self) -> None:
        if self._unindexed and self.text:
            self.call_after_refresh(self.index_texts, self._unindexed)
            self._unindexed = ()

    @work(thread=True, exclusive=True, group="text", description="reading a posting's text")
    def load_text(self, vacancy: Vacancy) -> None:
        self.post_message(TextLoaded(vacancy, self._text_of(vacancy)))

    @on(TextLoaded)
    def _text_loaded(self, message: TextLoaded) -> None:
        highlighted = self.query_one(VacancyList).highlighted
        if highlighted is not None and highlighted.id == message.vacancy.id:
            self._set_current(highlighted, message.text)
            self.call_after_refresh(self._read_around_cursor)

    def _text_pending(self) -> bool:
        """Is the list's vacancy still waiting for its text (load_text)? Its frame then comes first: reading
        ahead (a thread that holds the interpreter) or collecting before it doubled a keystroke that
        filtered the vacancy shown away (50 ms to 110 at 10,000 postings)."""
        highlighted = self.query_one(VacancyList).highlighted
        return highlighted is not None and (self.current is None or highlighted.id != self.current.id)

    def _collect_once_shown(self) -> None:
        if not self._text_pending():  # else _read_around_cursor collects, once the text is shown
            collect_while_idle()

    def _layout_now(self) -> Layout:
        return Layout(self.query_one(DetailPane).wrap_width, self.query_one(TrackerPane).wrap_width,
                      self.query_one(ChecklistPane).scrollable_content_region.width, self.now, self.profile)

    def _read_around_cursor(self) -> None:
        if self._text_pending():
            return  # called again once the text is shown
        layout = self._layout_now()
        around = self.query_one(VacancyList).around_cursor(READ_AHEAD)
        wanted = [v for v in around if self._laid_out.get(v, (layout,)) is None]
        if wanted:
            self.read_ahead(wanted, layout)  # then collects, once they are laid out
        else:
            collect_while_idle()

    @work(thread=True, exclusive=True, group="read-ahead", description="reading the texts around the cursor")
    def read_ahead(self, vacancies: list[Vacancy], layout: Layout) -> None:
        """Read the texts of the rows around the cursor and lay out the panes for them, so the next move
        shows its vacancy at once."""
        self.post_message(ReadAhead(layout, [lay_out(v, self._text_of(v), layout) for v in vacancies]))

    def _text_of(self, vacancy: Vacancy) -> str:
        try:
            return self.store.text_of(vacancy)
        except StoreError as error:  # a damaged or planted file: said in the pane, the rest still works
            return f"The posting's text cannot be shown: {error}"

    def _words_of(self, vacancy: Vacancy) -> str:
        try:
            return self.store.words_of(vacancy)
        except StoreError:
            return ""  # its list fields are still searched; the detail pane says what is wrong

    @on(ReadAhead)
    def _read_ahead_done(self, message: ReadAhead) -> None:
        layout = message.layout
        detail, tracker = self.query_one(DetailPane), self.query_one(TrackerPane)
        checklist = self.query_one(ChecklistPane)
        for laid in message.laid_out:
            vacancy, text = laid.vacancy, laid.text
            self._read_ahead[vacancy.source.sha256] = text
            detail.keep_wrapped(text, layout.detail_width, laid.text_lines)
            detail.ahead.keep(vacancy, (layout.detail_width, layout.now, text), laid.detail)
            tracker.ahead.keep(vacancy, (layout.tracker_width, layout.now), laid.tracker)
            checklist.ahead.keep(vacancy, (layout.checklist_width, laid.verdicts), laid.checklist)
            self._laid_out.keep(vacancy, (layout,), laid.verdicts)
        collect_while_idle()  # after the move's frame, rather than in the middle of the next one

    @on(VacancyList.Chosen)
    def _chosen(self) -> None:
        self.action_focus_pane(2)

    # ------------------------------------------------------------------ saving

    def save(self, change: Change, undoable: bool = True) -> None:
        """Apply a change off the UI thread, then show the vacancy as it now is on disk."""

        def run() -> tuple[Change, Vacancy | None]:
            return self.store.apply(change), self.store.get(change.vacancy_id)

        def done(result: tuple[Change, Vacancy | None]) -> None:
            undo, fresh = result
            if undoable:
                self.undo_stack.append(undo)
            if fresh is not None:
                self._replace(fresh)

        self.saver.submit(run, self, done)

    @on(Saved)
    def _saved(self, message: Saved) -> None:
        if message.error is not None:
            self.notify(str(message.error), title="Not saved", severity="error", markup=False)
            self.load()
        elif message.on_done is not None:
            message.on_done(message.result)
        self._version = None  # our own write changed the files: read them back at the next check
        self._changed_at = time.monotonic()

    def _replace(self, fresh: Vacancy) -> None:
        if self._front is not None:  # saved before the rest of the list is read, which will hold it
            self.shown = tuple(fresh if v.id == fresh.id else v for v in self.shown)
            return
        finder = self._finder
        if finder is not None and finder.vacancies is self.vacancies:
            self._finder = finder.replacing(fresh)
            self.vacancies = self._finder.vacancies
        else:
            vacancies = tuple(fresh if v.id == fresh.id else v for v in self.vacancies)
            self.vacancies = vacancies if any(v.id == fresh.id for v in vacancies) else (*vacancies, fresh)

    # ------------------------------------------------------------------ layout

    def watch_narrow(self, narrow: bool) -> None:
        self.set_class(narrow, "narrow")
        self._layout()

    def watch_pane(self) -> None:
        self._layout()

    def _layout(self) -> None:
        for pane in PANES:
            self.set_class(self.narrow and self.pane == pane, f"-show-{pane}")
        if self.narrow and self.pane != "list":
            self._show_tab(self.pane)
        self.refresh_bindings()

    def _show_tab(self, pane: str) -> None:
        """The pane's tab made active; the tabs are mounted the first time a narrow screen shows a pane: at
        the width of most terminals they are never seen, and mounted hidden they cost every start a frame."""
        from textual.widgets import Tab, Tabs

        if tabs := self.query(Tabs):
            tabs.first().active = pane
        else:
            self.query_one("#right").mount(Tabs(
                Tab("2 Details", id="detail"), Tab("3 Checklist", id="checklist"), Tab("4 Tracker", id="tracker"),
                id="tabs", active=pane), before=0)

    def on_tabs_tab_activated(self, message: Tabs.TabActivated) -> None:
        # With the list shown the tabs are hidden: an activation then is the Tabs' own on mounting.
        if self.narrow and self.pane != "list" and message.tab.id != self.pane:
            self.action_focus_pane(PANES.index(message.tab.id) + 1)

    def pane_widget(self, name: str):
        return self.query_one("#list" if name == "list" else f"#{name}-pane")

    @property
    def focused_pane(self) -> str | None:
        widget = self.focused
        while widget is not None and widget is not self:
            if widget.id == "list" or (widget.id or "").removesuffix("-pane") in PANES[1:]:
                return "list" if widget.id == "list" else widget.id.removesuffix("-pane")
            widget = widget.parent
        return None


def _continues(front: Front, found: Filtered) -> bool:
    """Whether the whole list, as filtered, is what the front of it showed: its rows first, as many in all."""
    rows = front.vacancies
    return len(found.shown) == front.count and found.open_count == front.open_count and \
        found.shown[:len(rows)] == rows


def _same_objects(these: tuple, those: tuple) -> bool:
    """Element by element identity: equality would compare 10,000 vacancies field by field."""
    return len(these) == len(those) and all(map(operator.is_, these, those))
