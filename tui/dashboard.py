"""The dashboard's state and the rules that change it, free of Textual so that tests drive it without a terminal.

It owns the vacancies loaded and the store's version they are of, the filter and the Finder that applies it,
the hand-over from the front of the list (the first rows a start shows before reading the store) to the
whole list, and the undo stack. The screen mirrors what it holds in reactives; its workers call the methods
marked "any thread", and it hands their results back on the UI thread.
"""

from __future__ import annotations

import operator
import os
import time
from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import datetime
from enum import Enum
from pathlib import Path
from typing import NamedTuple

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.listing.order import SORTS
from eujobs.store.listing.search import Finder
from eujobs.store.model import Vacancy
from eujobs.store.outputs.safe_text import one_line, printable
from eujobs.store.outputs.timeline import is_open
from eujobs.store.persistence.db import Applied, Store
from eujobs.store.persistence.front import Front
from eujobs.store.persistence.state import REMOVED, Change, Step

from .new_postings import NewSince
from .trouble import said

SAVE_FRONT_AFTER_S = 3.0  # of no change: a burst of ticks saves the front once, after it
# The rest of the list is read once the first screen, drawn from the front of the list, has reached the
# terminal and Textual's start-up repaints are done (reading holds the interpreter): when the process used
# next to no CPU between two asks, as Textual's Pilot tells idleness, or at the latest READ_REST_AT_LATEST_S
# after the front was shown.
IDLE_CPU_S = 0.002
READ_REST_AT_LATEST_S = 1.0
NOTES_MERGED = "Another eujobs changed these notes while you wrote: both texts are kept, its own marked."
SHOWN_AS_SAVED = " (the screen shows what is saved)"  # said of a change that could not be saved
NEEDLE_SAID = 24  # characters of the filter's text the list's border repeats: the order after it stays in sight
NAMED_UP_TO = 60  # characters of a title or an item quoted in a message
PROBLEMS_SAID = 3  # of a watch pass, in its notice


# The records below are NamedTuples: immutable like frozen dataclasses, and several times cheaper to define,
# which every start of the dashboard does.
class Load(NamedTuple):
    """What one read of the store gave."""

    vacancies: tuple[Vacancy, ...]
    profile: Profile
    version: tuple


class Filter(NamedTuple):
    """What the list shows of the vacancies, and in which order."""

    needle: str = ""
    status_only: str | None = None
    sort_by: str = SORTS[0]
    only_eligible: bool = False  # open postings the profile is eligible to, maybe once the user confirms some items


class Listing(NamedTuple):
    """The list as a filter found it: the rows, how the profile fits each, how many of all are open."""

    shown: tuple[Vacancy, ...]
    fits: Mapping[str, str]  # vacancy id -> 'eligible', 'eligible, 2 to confirm', 'not checked'...
    open_count: int
    of: tuple[Vacancy, ...]  # the vacancies filtered: a listing of an older load is dropped

    def __repr__(self) -> str:
        return f"Listing({len(self.shown)} of {len(self.of)} shown, {self.open_count} open)"


class Arrival(Enum):
    """What a listing that arrives means for the list on screen."""

    STALE = "of vacancies since replaced: dropped"
    SAME = "what the list shows already"
    CONTINUES_FRONT = "the whole list, whose first rows the front showed: taken without a repaint"
    REPLACES_FRONT = "the whole list, unlike what the front showed"
    NEW = "to show"


class Dashboard:
    def __init__(self, store: Store, front: Front | None = None, monotonic: Callable[[], float] = time.monotonic,
                 cpu_time: Callable[[], float] = time.process_time) -> None:
        self.store = store
        self.now = store.clock()
        self.front = front  # until the whole list has been read and filtered
        self.vacancies: tuple[Vacancy, ...] = ()
        self.version: tuple | None = front.version if front else None  # of the store, as loaded
        self.profile = front.profile if front else Profile.from_json({})
        self.filter = Filter()
        self.listing: Listing | None = None  # as last shown
        if front is not None:
            finder = Finder(front.vacancies, self.now, front.profile)
            self.listing = Listing(front.vacancies, finder.fit_texts, front.open_count, ())
        self.words: dict[str, str] = {}  # the full-text words of each posting, by its text's sha256
        self.unindexed: tuple[Vacancy, ...] = ()  # loaded, their words not read yet
        self.undo_stack: list[Step] = []  # one step per thing the user did, the last one last
        self.unsaved: list[Step] = []  # sent to be saved, not answered yet, in order
        self._steps_unsaved = 0  # of those, the user's own (not undos): an undo waits for them
        self.undos_waiting = 0  # undos asked for while a step was being saved: made once it is (undo_due)
        self._finder: Finder | None = None  # of the vacancies, profile and day
        self._monotonic, self._cpu_time = monotonic, cpu_time
        self._changed_at = monotonic()
        self._front_shown_at, self._cpu_at_ask = monotonic(), cpu_time()
        self._front_saved = self.version  # the version whose front is saved
        self._unreadable_at: object = _NONE  # the version a read failed at: not tried again until it changes
        self.new = NewSince(_last_look(store))  # as the session began: what a watch found since stays marked

    # ------------------------------------------------------------------ reading

    def read(self) -> Load:
        """Any thread: the store as it is now. StoreError when it cannot be read, or its folder has gone (its
        missing files would read as an empty store: the list would empty itself, and every change fail)."""
        try:
            if not os.path.isdir(self.store.root):
                raise StoreError(f"the store folder {self.store.root} has gone (moved or deleted): what is shown is "
                                 "as last read and nothing more can be saved; quit (q) and put the folder back")
            version = self.store.version()
            return Load(tuple(self.store.vacancies()), self.store.profile(), version)
        except (StoreError, OSError) as error:
            self._unreadable_at = self._version_now()  # said once: not read again until the files change
            if isinstance(error, OSError):  # a folder made unreadable, say: said as the store's own errors are
                raise StoreError(said(error)) from None
            raise

    def take(self, load: Load) -> None:
        self.version = load.version
        self._changed_at = self._monotonic()
        if load.profile != self.profile:
            self.profile = load.profile
            self._finder = None
        self.vacancies = load.vacancies
        if any(v.source.sha256 not in self.words for v in load.vacancies):
            self.unindexed = load.vacancies

    def rest_due(self) -> bool:
        """With the front of the list on screen: is it time to read the rest? See IDLE_CPU_S."""
        cpu = self._cpu_time()
        busy, self._cpu_at_ask = cpu - self._cpu_at_ask >= IDLE_CPU_S, cpu
        return not busy or self._monotonic() - self._front_shown_at >= READ_REST_AT_LATEST_S

    def changed_elsewhere(self) -> bool:
        """Has another process (a second SSH session, an import from the shell) changed the store since the
        load? A write of ours is not such a change: apply() tells it apart."""
        version = self._version_now()
        return version != self.version and version != self._unreadable_at

    def _version_now(self) -> tuple | None:
        try:
            return self.store.version()
        except OSError:  # the folder cannot be looked into: a read says why
            return None

    def front_to_save(self) -> bool:
        """Is the front of the list due to be saved for the next start: the store still a while and its front
        not saved since? Answers yes once per version."""
        if self.version == self._front_saved or self._monotonic() - self._changed_at < SAVE_FRONT_AFTER_S:
            return False
        self._front_saved = self.version
        return True

    def text_of(self, vacancy: Vacancy) -> str:
        """Any thread. A damaged or planted file is said in the pane instead; the rest still works."""
        try:
            return self.store.text_of(vacancy)
        except StoreError as error:
            return f"The posting's text cannot be shown: {error}"

    def read_words(self, vacancies: tuple[Vacancy, ...], pause: Callable[[], None] = lambda: None) -> dict[str, str]:
        """Any thread: the words of every posting, those known and those read now; `pause` is called every
        hundred postings to let the UI thread have the interpreter."""
        words = dict(self.words)
        for count, vacancy in enumerate(vacancies):
            if vacancy.source.sha256 not in words:
                try:
                    words[vacancy.source.sha256] = self.store.words_of(vacancy)
                except StoreError:
                    words[vacancy.source.sha256] = ""  # its list fields are still searched
            if count % 100 == 0:
                pause()
        return words

    def take_words(self, words: dict[str, str]) -> None:
        self.words = words

    def take_unindexed(self) -> tuple[Vacancy, ...]:
        """The vacancies whose words are still to read, once: the caller reads them."""
        unindexed, self.unindexed = self.unindexed, ()
        return unindexed

    # ------------------------------------------------------------------ filtering

    def finder(self) -> Finder:
        """Any thread: what every keystroke of the filter needs, worked out once per load, profile and day."""
        finder = self._finder
        if finder is None or finder.vacancies is not self.vacancies:
            finder = self._finder = Finder(self.vacancies, self.now, self.profile)
        return finder

    @property
    def search_ready(self) -> bool:
        """Is what a keystroke searches built, so filtering now costs milliseconds?"""
        finder = self._finder
        return finder is not None and finder.vacancies is self.vacancies and finder.words is self.words

    def list_with(self, finder: Finder) -> Listing:
        """Any thread: the filter applied to the finder's vacancies."""
        wanted = self.filter
        found = finder.find(wanted.needle, wanted.status_only, wanted.sort_by)
        if wanted.only_eligible:
            found = tuple(v for v in found if is_open(v, finder.now) and finder.fits.get(v.id) is not None
                          and finder.fits[v.id].possible)
        return Listing(found, finder.fit_texts, finder.open_count, finder.vacancies)

    def refilter(self) -> Listing:
        """Any thread: the list filtered again, the search built for the next keystroke on the way."""
        finder = self.finder()
        finder.words = self.words
        listing = self.list_with(finder)
        finder.prepare_search()
        return listing

    def set_filter(self, **changes) -> bool:
        """Change what the list shows; whether that changed anything."""
        wanted = self.filter._replace(**changes)
        changed, self.filter = wanted != self.filter, wanted
        return changed

    def next_sort(self) -> str:
        """The sort order after the one in use."""
        return SORTS[(SORTS.index(self.filter.sort_by) + 1) % len(SORTS)]

    # The filter's commands: the change each asks of the filter, and what to say of it.

    def only_status(self, status: str | None) -> tuple[dict, str]:
        return {"status_only": status}, (f"Showing only '{status}' (f again shows all)." if status
                                         else "Showing every status.")

    def only_eligible_toggled(self) -> tuple[dict, str]:
        if self.filter.only_eligible:
            return {"only_eligible": False}, "Showing every posting."
        if self.profile.is_empty:
            return {}, "Fill in your profile first (p): it says which postings you can apply to."
        return {"only_eligible": True}, "Showing only open postings you can apply to (some once you confirm items)."

    def filter_said(self, shown: int, of: int) -> str:
        """What the list shows, for its border: `shown` vacancies of `of`, what the filter keeps, the order.
        '12 of 80 · /brussels · eligible · by deadline'; 'all 80 · by deadline' when the filter keeps every one."""
        wanted = self.filter
        needle = " ".join(printable(wanted.needle).split())  # as typed, escapes shown
        kept = [f"/{needle if len(needle) <= NEEDLE_SAID else needle[:NEEDLE_SAID - 1] + '…'}"] if needle else []
        kept += [f"status {wanted.status_only}"] if wanted.status_only else []
        kept += ["eligible"] if wanted.only_eligible else []
        return " · ".join([f"{shown} of {of}" if kept else f"all {of}", *kept, f"by {wanted.sort_by}"])

    def sorted_next(self) -> tuple[dict, str]:
        sort_by = self.next_sort()
        return {"sort_by": sort_by}, f"Sorted by {sort_by}."

    def arrival(self, listing: Listing) -> Arrival:
        """What to do with a listing that arrives, taking it when it is to be shown. The first whole listing
        after the front ends the front."""
        if listing.of is not self.vacancies:
            return Arrival.STALE
        front, self.front = self.front, None
        shown = self.listing
        self.listing = listing
        if front is not None:
            return Arrival.CONTINUES_FRONT if _continues(front, listing) else Arrival.REPLACES_FRONT
        if shown is not None and listing.fits is shown.fits and _same_objects(listing.shown, shown.shown):
            return Arrival.SAME
        return Arrival.NEW

    def clock_moved(self, now: datetime) -> bool:
        """The clock moved on; whether to another day, when what is open and what the profile fits change."""
        day_changed = now.date() != self.now.date()
        self.now = now
        if day_changed:
            self._finder = None
        return day_changed

    # ------------------------------------------------------------------ changing

    def apply(self, step: Step) -> Applied:
        """Any thread (the saver's): make the step; what undoes it and its vacancies as they now are."""
        return self.store.apply_and_read(step)

    def take_applied(self, applied: Applied, undoable: bool = True) -> bool:
        """A step made: keep its undo, put its vacancies in place (or take a deleted one out), and recognise the
        write as ours so that it is not read back. Whether the vacancies changed (else only the front of the
        list's rows did)."""
        if undoable:
            self.undo_stack.append(applied.undo)
        if applied.version_before == self.version:  # no other process wrote since the load: nothing to read
            self.version = applied.version_after
        self._changed_at = self._monotonic()
        changed = False
        for vacancy_id, fresh in applied.vacancies.items():
            changed = self._put_in_place(vacancy_id, fresh) or changed
        return changed

    def take_undo(self, undo: Step | None) -> None:
        """The undo of a step saved apart from the others (a vacancy added by hand, an import)."""
        if undo is not None:
            self.undo_stack.append(undo)

    def pop_undo(self) -> Step | None:
        """The last step, to undo now; None when there is none, or when a step of the user's is still being saved:
        the step to undo is the last one, so it is undone once saved (undo_due)."""
        if self._steps_unsaved:
            self.undos_waiting += 1
            return None
        return self.undo_stack.pop() if self.undo_stack else None

    def undo_due(self) -> Step | None:
        """An undo asked for while a step was being saved, due now that every step is."""
        if not self.undos_waiting or self._steps_unsaved:
            return None
        self.undos_waiting -= 1
        return self.pop_undo()

    def asked(self, step: Step, undoable: bool = True) -> None:
        """A step sent to be saved (a tick is shown ticked before the save comes back); undoable: the user's own,
        not an undo."""
        self.unsaved.append(step)
        self._steps_unsaved += undoable

    def answered(self, step: Step, undoable: bool = True) -> None:
        """The save of a step came back, done or not."""
        if any(s is step for s in self.unsaved):
            self._steps_unsaved -= undoable
        self.unsaved = [s for s in self.unsaved if s is not step]

    def not_saved(self, step: Step, undoable: bool, shown: Vacancy | None) -> Vacancy | None:
        """A step that could not be saved: what the screen showed of it is taken back. An undo goes back on
        the stack, to be tried again. When the panes show its vacancy (`shown`), what they are to show now: the
        vacancy as saved, the steps still on their way shown in it."""
        self.answered(step, undoable)
        if not undoable:
            self.undo_stack.append(step)
        elif self.undos_waiting:  # the undo asked for while it was on its way has nothing left to undo
            self.undos_waiting -= 1
        if shown is None or all(change.vacancy_id != shown.id for change in step.changes):
            return None
        rows = self.listing.shown if self.listing is not None else ()  # the front's, before the whole list
        saved = next((v for v in (*self.vacancies, *rows) if v.id == shown.id), None)
        if saved is None:
            return None
        for pending in self.unsaved:
            saved = _shown_with(saved, pending)
        return saved

    @staticmethod
    def notes_merged(step: Step, applied: Applied) -> bool:
        """Did a change of the notes find them changed meanwhile by another eujobs, and keep both texts?"""
        return any(change.slot == "notes" and (fresh := applied.vacancies.get(change.vacancy_id)) is not None
                   and fresh.notes != change.value for change in step.changes)

    def wrote(self) -> None:
        """A write whose outcome is read back whole (a profile, an import): the store changed."""
        self._changed_at = self._monotonic()

    def _put_in_place(self, vacancy_id: str, fresh: Vacancy | None) -> bool:
        """The vacancy as it now is among those loaded; None: deleted, taken out."""
        if self.front is not None:  # changed before the rest of the list is read, which will hold it
            rows = tuple(fresh if v.id == vacancy_id else v for v in self.listing.shown)
            rows = tuple(v for v in rows if v is not None)
            self.front = replace(self.front, vacancies=rows)  # as shown: what the whole list continues
            self.listing = self.listing._replace(shown=rows)
            return False
        finder = self._finder
        if fresh is None:
            self.vacancies = tuple(v for v in self.vacancies if v.id != vacancy_id)
        elif finder is not None and finder.vacancies is self.vacancies:
            self._finder = finder.replacing(fresh)
            self.vacancies = self._finder.vacancies
        else:
            vacancies = tuple(fresh if v.id == fresh.id else v for v in self.vacancies)
            self.vacancies = vacancies if any(v.id == fresh.id for v in vacancies) else (*vacancies, fresh)
        return True

    # ------------------------------------------------------------------ other writes (the saver's thread)

    def save_profile(self, profile: Profile) -> None:
        self.store.save_profile(profile)

    def add_by_hand(self, posting, notes: str) -> Step | None:
        """Any thread (the saver's): add a vacancy typed in; the step that undoes it, which deletes it (or, when
        the same posting was there already, puts its notes back; None when nothing changed)."""
        saved = self.store.add_by_hand(posting)
        undo_notes = self.store.apply(Change(saved.vacancy_id, "notes", notes)) if notes else None
        if saved.outcome in ("imported", "conflict"):  # a vacancy of its own
            return Step((Change(saved.vacancy_id, REMOVED, True),), f"added {quoted(posting.title)}")
        return Step((undo_notes,), f"the notes added to {quoted(posting.title)}") if undo_notes else None

    def export(self, fmt: str, path: Path) -> str:
        """The saver's thread: write every vacancy to `path` in format `fmt`; what was written, counted."""
        from eujobs.store.outputs.export import export
        from eujobs.store.persistence.storage import write_atomically

        from .outputs import what_was_exported

        vacancies, now = self.store.vacancies(), self.store.clock()
        write_atomically(path, export(vacancies, fmt, now, bom=fmt == "csv"))
        return f"Wrote {what_was_exported(vacancies, fmt, now)} to {path}"

    def import_path(self, path: str) -> tuple[str, bool, Step | None]:
        """Any thread: import a file or folder; a one-line summary, whether any file failed, and the step that
        deletes the vacancies it added (a posting it updated stays updated; None when it added none)."""
        from eujobs.store.ingest.importer import import_paths

        outcomes = import_paths(self.store, [os.path.expanduser(path)])
        failed = [o for o in outcomes if o.failed]
        summary = f"{len(outcomes) - len(failed)} of {len(outcomes)} read"
        details = "; ".join(f"{os.path.basename(o.name)}: {o.reason}" for o in failed[:3])
        added = list(dict.fromkeys(o.vacancy_id for o in outcomes if o.outcome in ("imported", "conflict")))
        updated = len({o.vacancy_id for o in outcomes if o.outcome == "updated"} - set(added))
        said = f"the import of {len(added)} new vacanc{'y' if len(added) == 1 else 'ies'}" + (
            f" ({updated} updated stay{'s' if updated == 1 else ''} as updated)" if updated else "")
        undo = Step(tuple(Change(vacancy_id, REMOVED, True) for vacancy_id in added), said) if added else None
        return summary + (f". {details}" if details else "."), bool(failed), undo

    def counts(self, count: int, open_count: int) -> str:
        """The screen's subtitle: how many vacancies, how many open, how many new since the last look (once the
        whole list is read), where the store is (last: a narrow terminal cuts the end of the header)."""
        new = self.new.count(self.vacancies)
        return f"{count} vacanc{'y' if count == 1 else 'ies'} · {open_count} open · " + (
            f"{new} new · " if new else "") + str(self.store.root)

    # ------------------------------------------------------------------ new postings, watching

    def look(self) -> tuple[tuple, tuple] | None:
        """Any thread: the whole list is shown; when it shows new postings, keep the time as the last look, so
        they are not new at the next start. The store's version before and after; None when nothing was
        saved (nothing new, or the store cannot be written: they stay new)."""
        if not self.new.count(self.vacancies):
            return None
        try:
            return self.store.save_look()
        except (StoreError, OSError):
            return None

    def took_look(self, versions: tuple[tuple, tuple]) -> None:
        """The look saved: a write of ours, not read back (no other process wrote since the load)."""
        before, after = versions
        if before == self.version:
            self.version = after

    def watch(self, progress: Callable[[str], None]) -> WatchOutcome:
        """Any thread: one watch pass over the user's sources (watch.toml), as `eujobs watch` makes it. httpx
        and the listing parser are imported now, never at the start."""
        from .watching import watch_sources

        report = watch_sources(self.store, [], progress)
        problems = tuple(one_line(line) for line in report.broken + report.failures)
        return WatchOutcome(report.summary(), problems, bool(report.broken))


_NONE = object()  # no version: no read has failed


class WatchOutcome(NamedTuple):
    summary: str  # "3 new, 1 changed (deadline 13/10 → 20/10), 41 unchanged"
    problems: tuple[str, ...]  # one line each: a listing or a page that could not be read
    broken: bool  # a listing could not be read at all: its new postings are not in the summary

    def said(self) -> str:
        """The notice: the summary, then the first problems (a notice is no log: the command lists them all)."""
        more = len(self.problems) - PROBLEMS_SAID
        rest = [f"…and {more} more (eujobs watch lists them)"] if more > 0 else []
        return "\n".join([self.summary, *self.problems[:PROBLEMS_SAID], *rest])


def _last_look(store: Store) -> datetime | None:
    try:
        return store.last_look()
    except StoreError:  # said by the read that follows; meanwhile every posting a watch found is new
        return None


def quoted(text: str) -> str:
    """A title or an item's text in a message: on one line, never obeyed by the terminal, not too long."""
    text = one_line(" ".join(text.split()))
    return f"“{text if len(text) <= NAMED_UP_TO else text[:NAMED_UP_TO - 1] + '…'}”"


def _shown_with(vacancy: Vacancy, step: Step) -> Vacancy:
    """The vacancy as the panes show it while the step is being saved: a tick at once (VacancyView), the
    rest once saved."""
    for change in step.changes:
        kind, _, item_id = change.slot.partition(":")
        if kind == "tick" and change.vacancy_id == vacancy.id:
            vacancy = replace(vacancy, ticks={**vacancy.ticks, item_id: change.value})
    return vacancy


def _continues(front: Front, listing: Listing) -> bool:
    """Whether the whole list, as filtered, is what the front of it showed: its rows first, as many in all."""
    rows = front.vacancies
    return len(listing.shown) == front.count and listing.open_count == front.open_count and \
        listing.shown[:len(rows)] == rows


def _same_objects(these: tuple, those: tuple) -> bool:
    """Element by element identity: equality would compare 10,000 vacancies field by field."""
    return len(these) == len(those) and all(map(operator.is_, these, those))
