"""The store: the one API the rest of eujobs uses to read and change vacancies.

On disk a store is a folder:
  catalog.json   TinyDB: what each posting says (written only by imports)
  state.json     TinyDB: what the user did (status, history, notes, ticks) for the vacancies they touched; the vacancies
                 they deleted, each kept whole (its catalog record and its state) to be brought back; when the
                 dashboard last showed the list (its "last look": what a watch found since is new)
  texts/         each posting's cleaned text, named by the sha256 of its source; never changes once written
  attachments/   copies of the files sent with applications, named by the sha256 of their content (attachments.py)
  front.json     a cache: the list's first rows, for the dashboard's first screen (store/persistence/front.py)
  .lock          the cross-process lock held around every read-modify-write
A tick rewrites only state.json, so it costs the same with 50 postings as with 50,000.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Callable, Container, Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass
from datetime import date, datetime, timezone
from pathlib import Path
from typing import TYPE_CHECKING, NamedTuple

from tinydb import Query, TinyDB

from eujobs.store.eligibility.profile import Profile
from eujobs.store.errors import StoreError
from eujobs.store.listing.order import SORTS, sort_vacancies
from eujobs.store.listing.search import text_words
from eujobs.store.model import NO_STAGES, ChecklistItem, Posting, Source, StatusChange, Vacancy
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.attachments import attachment_of
from eujobs.store.persistence.bulk import long_lived
from eujobs.store.persistence.front import (
    FRONT_FILE,
    FRONT_ROWS,
    Front,
    FrontRows,
    front_document,
    read_front,
    row_parts,
)
from eujobs.store.persistence.ids import conflict_key, difference, identity_key, new_id
from eujobs.store.persistence.journal import JOURNAL, finish_restore
from eujobs.store.persistence.packing import posting_document
from eujobs.store.persistence.records import RecordError, check_state, vacancy_parts
from eujobs.store.persistence.state import REMOVED, Change, Step, apply_change, check, empty_state
from eujobs.store.persistence.texts import remove_files, remove_orphan_texts
from eujobs.store.persistence.storage import (
    SCHEMA_VERSION,
    TransactionalStorage,
    check_is_store,
    check_store_paths,
    check_writable,
    describe_error,
    fsync_directory,
    make_private_folder,
    open_tinydb,
    read_store_file,
    refuse_link,
    remove_leftovers,
    unreadable_record,
    write_new_file,
)
from eujobs.store.procedure.entries import deadline_of, event_of, stage_record

if TYPE_CHECKING:
    from filelock import FileLock

LOCK_TIMEOUT_S = 15
STORE_MARKS = ("catalog.json", "state.json", "texts")  # what a folder holds once eujobs has made a store of it
LOOKS = "looks"  # state.json's table of the dashboard's last look (one document)
Clock = Callable[[], datetime]
by_id = Query().id


@dataclass
class Incoming:
    """A posting read and parsed outside the lock, waiting to be saved."""

    posting: Posting
    text: str
    source: Source
    words: str | None = None  # text_words(text), when the reader (a worker process) worked them out
    replaces: str | None = None  # the vacancy this is a new version of, when the caller knows (a watch pass)


@dataclass
class Conflict:
    """The vacancy an import would have replaced under its key, had it not differed from it."""

    id: str
    title: str
    differs: str  # title | grade


@dataclass
class Saved:
    outcome: str  # imported | updated | unchanged | conflict (kept as a new vacancy, see `conflict`)
    vacancy_id: str
    conflict: Conflict | None = None


class Applied(NamedTuple):
    """A step made: the step that undoes it, each vacancy it changed as it now is (None: deleted), and the
    store's version just before and just after the write (no other process wrote in between)."""

    undo: Step
    vacancies: dict[str, Vacancy | None]
    version_before: tuple
    version_after: tuple

    @property
    def vacancy(self) -> Vacancy | None:
        """The vacancy changed, for a step about one."""
        return next(iter(self.vacancies.values()), None)


class Removed(NamedTuple):
    """A deleted vacancy, kept to be brought back."""

    id: str
    title: str
    removed_at: str


@dataclass
class Transaction:
    catalog: TinyDB
    state: TinyDB


class Store:
    def __init__(self, root: Path, clock: Clock) -> None:
        self.root = root
        self.clock = clock
        self._catalog = TransactionalStorage(root / "catalog.json", SCHEMA_VERSION, cached=False)
        self._state = TransactionalStorage(root / "state.json", SCHEMA_VERSION, check=check_state)
        self._lock: FileLock | None = None  # made by the first change: importing filelock is 10 ms of every start
        self._making_lock = threading.Lock()
        # Each vacancy of the catalog as read (by id), and the catalog file's stat key they were read at.
        # Kept instead of the catalog's JSON: 10,000 postings are some 100 MB less as built objects.
        self._rows: dict[str, _Row] = {}
        self._rows_at: tuple | None = ()

    @classmethod
    def open(cls, root: Path, clock: Clock, *, writable: bool = True, check_files: bool = True,
             must_exist: bool = False) -> Store:
        """Open (creating if needed, private whatever the umask) the store at `root`; refuse at once if it is
        unusable: a symbolic link in place of the folder or of one of its files, a folder or file not the user's
        alone, a folder holding other files, a folder no change could be saved to (writable=False for a command
        that only reads: it creates nothing, and a store not there yet reads as empty), damaged or newer files
        (check_files=False for restore, which replaces them), not there yet (must_exist: for a command about
        what it holds, so a mistyped path is said rather than made a store). A restore killed midway is
        finished or undone."""
        refuse_link(root, "store folder")
        if root.exists() and not root.is_dir():
            raise StoreError(f"{root} is not a folder (a store is a folder holding catalog.json and state.json)")
        check_store_paths(root)
        check_is_store(root)
        if must_exist and not any(os.path.lexists(root / name) for name in STORE_MARKS):
            raise StoreError(f"no store at {root} (a store is made by the first import into it)")
        if writable:
            try:
                make_private_folder(root / "texts")
            except OSError as error:
                raise StoreError(f"cannot create the store folder {root}: {error.strerror}") from None
            check_writable(root)
        store = cls(root, clock)
        if os.path.lexists(root / JOURNAL):
            with store.locked():  # which finishes the restore
                pass
        if check_files:
            store.check_files()
        return store

    def check_files(self) -> None:
        """Read the catalog and state files, so a damaged or newer one is refused (StoreError) now."""
        self._read_catalog()
        self._state.snapshot()

    @contextmanager
    def locked(self) -> Iterator[None]:
        """Hold the store's cross-process lock: no other eujobs changes it meanwhile. Refuses a symbolic link
        planted in the store since it was opened (the lock file is then opened with O_NOFOLLOW by filelock)."""
        check_store_paths(self.root)
        if not os.path.isdir(self.root):
            raise StoreError(f"the store folder {self.root} has gone (moved or deleted since eujobs opened it)")
        if not os.access(self.root, os.W_OK):
            raise StoreError(f"the store folder {self.root} is read-only")
        from filelock import Timeout

        lock = self._file_lock()
        try:
            lock.acquire()
        except Timeout:
            raise StoreError(f"the store {self.root} is locked by another eujobs for {LOCK_TIMEOUT_S} s; "
                             "try again once it has finished") from None
        except OSError as error:
            raise StoreError(f"{self.root / '.lock'}: cannot take the store's lock ({describe_error(error)})") from None
        try:
            if lock.lock_counter == 1:  # not within a restore this process is making
                finish_restore(self.root)
            yield
        finally:
            lock.release()

    def _file_lock(self) -> FileLock:
        from filelock import FileLock

        with self._making_lock:  # one per store, whichever thread makes the first change
            if self._lock is None:
                self._lock = FileLock(self.root / ".lock", timeout=LOCK_TIMEOUT_S, mode=0o600)
            return self._lock

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        """Everything inside happens under the lock on fresh data, and is saved at the end or not at all."""
        with self.locked():
            remove_leftovers(self.root)
            remove_leftovers(self.root / "backups")
            self._keep_a_daily_backup()
            try:
                yield Transaction(open_tinydb(self._catalog), open_tinydb(self._state))
                self._catalog.commit()
                self._state.commit()
            finally:
                self._catalog.rollback()
                self._state.rollback()

    def _keep_a_daily_backup(self) -> None:
        """Before the day's first change, a copy the user can go back to (the last 5 days are kept)."""
        # Imported here: zip files are no concern of a start that changes nothing.
        from eujobs.store.persistence.backup import daily_backup

        try:
            daily_backup(self, self.clock().date())
        except StoreError:
            pass  # the user's change matters more than the copy; a damaged store is refused on read anyway

    def version(self) -> tuple:
        """Changes whenever a file of the store is replaced, by this process or another."""
        return (self._catalog.stat_key(), self._state.stat_key())

    # Reading never takes the lock: files are replaced whole, so a reader sees one version or the next.

    def vacancies(self) -> list[Vacancy]:
        states = self._states()
        rows = self._read_catalog()
        with long_lived():
            return [_vacancy(row, states.get(vacancy_id)) for vacancy_id, row in rows.items()]

    def _states(self) -> dict[str, dict]:
        return {doc["id"]: doc for doc in self._state.snapshot().get("state", {}).values()}

    def front(self) -> Front | None:
        """The first rows of the list as the last full read saved them, if the store is as it was then (see
        store/persistence/front.py): what the dashboard's first screen shows, without reading the catalog."""
        version = self.version()
        rows = self._front_rows(version)
        if rows is None:
            return None
        states = self._states()
        try:
            vacancies = tuple(_vacancy(_Row(row["id"], *row_parts(row)), states.get(row["id"]))
                              for row in rows.documents)  # each checked by read_front
        except (KeyError, TypeError, ValueError, AttributeError):
            return None
        return Front(vacancies, rows.count, rows.open_count, self.profile(), version)

    def _front_rows(self, version: tuple) -> FrontRows | None:
        try:
            return read_front(json.loads(read_store_file(self.root / FRONT_FILE)), version, self.clock())
        except (StoreError, ValueError, RecursionError):  # a front nested deeper than the parser goes: ignored
            return None

    def front_or_read(self) -> Front | None:
        """The front, or None once the catalog and state files have been read whole (refusing damaged ones as
        Store.open does): how the dashboard starts."""
        front = self.front()  # it stands for the files it was read from, and they are unchanged
        if front is None:
            self.check_files()
        return front

    def save_front(self) -> None:
        """Keep the front of the list as the store is now, for the next start. A cache: nothing is saved if
        the store changes meanwhile, and failing to read the store or to write the front is no error here."""
        try:
            if self._front_rows(self.version()) is None and (front := self._front_now()) is not None:
                write_new_file(self.root / FRONT_FILE, json.dumps(front, separators=(",", ":")).encode())
        except (StoreError, OSError):  # OSError: a folder made unreadable, say (version() looks into it)
            pass

    def _front_now(self) -> dict | None:
        version = self.version()
        now = self.clock()
        rows = self._read_catalog()
        vacancies = self.vacancies()
        if not vacancies or self.version() != version:
            return None
        first = sort_vacancies(vacancies, SORTS[0], now)[:FRONT_ROWS]
        documents = [{"id": v.id, "posting": posting_document(rows[v.id].posting), "source": asdict(v.source)}
                     for v in first]
        return front_document(version, documents, vacancies, now)

    def get(self, vacancy_id: str) -> Vacancy | None:
        """One vacancy by its exact id, without building all the others."""
        row = self._read_catalog().get(vacancy_id)
        if row is None:
            return None
        state = next((s for s in self._state.snapshot().get("state", {}).values() if s["id"] == vacancy_id), None)
        return _vacancy(row, state)

    def _read_catalog(self) -> dict[str, _Row]:
        """The catalog's vacancies, read again only when its file was replaced: a tick changes none of
        them, and building 10,000 postings is the slow part of a read."""
        at = self._catalog.stat_key()
        if at != self._rows_at:
            rows = {}
            with long_lived():
                docs = self._catalog.snapshot().get("vacancies", {})  # parsed for us alone: not cached
                while docs:  # each document let go once built, so the JSON and the postings never peak together
                    doc = docs.popitem()[1]
                    try:
                        rows[doc["id"]] = _row(doc)
                    except RecordError as error:
                        raise unreadable_record(self._catalog.path, str(error)) from None
            self._rows, self._rows_at = dict(reversed(rows.items())), at
        return self._rows

    def find(self, wanted: str) -> Vacancy | None:
        """By id, by the posting's own reference, or by an unambiguous start of an id."""
        needle = wanted.strip().lower()
        vacancies = self.vacancies()
        for vacancy in vacancies:
            if vacancy.id == needle:
                return vacancy
        # Vacancies kept apart by a conflict share their reference: which one is meant is the user's to say.
        matching = [vacancy for vacancy in vacancies if (vacancy.posting.reference or "").lower() == needle]
        matching = matching or [vacancy for vacancy in vacancies if vacancy.id.startswith(needle)]
        if len(matching) > 1:
            raise StoreError(f"'{wanted}' matches {len(matching)} vacancies: " + ", ".join(v.id for v in matching))
        return matching[0] if matching else None

    def require(self, wanted: str) -> Vacancy:
        """find(), or one line saying there is no such vacancy."""
        vacancy = self.find(wanted)
        if vacancy is None:
            raise StoreError(f"no vacancy with id or reference '{one_line(wanted)}' (see: eujobs list)")
        return vacancy

    def text_of(self, vacancy: Vacancy) -> str:
        """The posting's cleaned text ("" if it is missing); StoreError if it cannot be read or is a link."""
        return _read_text(self._text_path(vacancy.source.sha256))

    def words_of(self, vacancy: Vacancy) -> str:
        """The text's distinct words, for the full-text search: saved beside the text at import (a store
        restored from a backup has only the texts, so they are worked out again)."""
        words = self._words_path(vacancy.source.sha256)
        return _read_text(words) if os.path.lexists(words) else text_words(self.text_of(vacancy))

    # Changing

    def save_imports(self, incoming: list[Incoming]) -> list[Saved]:
        """Add or refresh postings in one locked, atomic write; the user's state is never touched. A posting
        replaces the vacancy of its key only when it has the same title and grade (a new version of it);
        one that differs is kept as a vacancy of its own and reported as a conflict; one that names the vacancy
        it `replaces` (a watch pass matched it) updates that one. A save that fails leaves none of its texts
        behind: on a full disk they kept it full for good."""
        written: list[Path] = []  # the texts this save wrote
        with self.locked():  # held until they are removed again, should the catalog naming them not be saved
            catalog_before = self._catalog.stat_key()
            try:
                return self._save_imports(incoming, written)
            except BaseException:
                if self._catalog.stat_key() == catalog_before:
                    remove_files(written)
                raise

    def _save_imports(self, incoming: list[Incoming], written: list[Path]) -> list[Saved]:
        results = []
        with self.transaction() as tx:
            table = tx.catalog.table("vacancies")
            stored = table.all()
            doc_ids = {doc["id"]: doc.doc_id for doc in stored}
            docs = {doc["id"]: doc for doc in stored}
            # Every version a vacancy was read from counts as seen: the same call as .md and as .pdf is
            # one vacancy, and importing both again must change nothing.
            by_sha = {sha: doc["id"] for doc in stored for sha in doc["seen"]}
            by_key = {doc["key"]: doc["id"] for doc in stored}
            taken = set(docs)
            changed: dict[str, dict] = {}
            texts: dict[str, Incoming] = {}
            for item in incoming:
                posting, sha = item.posting, item.source.sha256
                if sha in by_sha:
                    results.append(Saved("unchanged", by_sha[sha]))
                    continue
                texts[sha] = item
                document = posting_document(posting)
                if item.replaces in docs:  # a new deadline changes the key of a posting without a reference
                    key, vacancy_id, conflict = docs[item.replaces]["key"], item.replaces, None
                else:
                    key, vacancy_id, conflict = _place(identity_key(posting), document, by_key, docs)
                if vacancy_id is None:
                    vacancy_id = new_id(key, taken)
                    results.append(Saved("conflict" if conflict else "imported", vacancy_id, conflict))
                else:
                    results.append(Saved("updated", vacancy_id))
                seen = docs[vacancy_id]["seen"] if vacancy_id in docs else []
                docs[vacancy_id] = changed[vacancy_id] = {
                    "id": vacancy_id, "key": key, "posting": document,
                    "source": _source_document(item.source, docs.get(vacancy_id)),
                    "seen": [*seen, sha],
                }
                taken.add(vacancy_id)
                by_key[key] = by_sha[sha] = vacancy_id
            # One TinyDB operation each, not one per posting: each rewrites the whole table (10,000 updates
            # one by one took 50 s), so a batch of 10,000 stays linear.
            table.update(lambda doc: doc.update(changed[doc["id"]]),
                         doc_ids=[doc_ids[vacancy_id] for vacancy_id in changed if vacancy_id in doc_ids])
            table.insert_multiple(doc for vacancy_id, doc in changed.items() if vacancy_id not in doc_ids)
            # A deleted vacancy's texts stay: it comes back whole.
            kept = {sha for record in tx.state.table("removed").all() for sha in record["vacancy"]["seen"]}
            self._save_texts(texts, kept.union(by_sha), written)
        return results

    def apply(self, change: Change) -> Change:
        """Make one change to a vacancy's state; returns the change that undoes it."""
        return self.apply_step(Step((change,))).changes[0]

    def apply_step(self, step: Step) -> Step:
        """Make the changes of one step together, all or none; returns the step that undoes it."""
        for change in step.changes:
            check(change)
            if change.slot != REMOVED:  # a deleted vacancy is not in the catalog: its state cannot change
                self._check_slot_of(change)
        at = self.clock().isoformat(timespec="seconds")
        with self.transaction() as tx:
            undo = [self._apply_in(tx, change, at) for change in step.changes]
        return Step(tuple(reversed(undo)), step.said)

    def _check_slot_of(self, change: Change) -> None:
        vacancy = self._require(change.vacancy_id)
        kind, _, key = change.slot.partition(":")
        if kind in ("tick", "item") and key not in {item.id for item in vacancy.checklist}:
            raise StoreError(f"vacancy {vacancy.id} has no checklist item '{key}'")

    def _apply_in(self, tx: Transaction, change: Change, at: str) -> Change:
        if change.slot == REMOVED:
            return _remove(tx, change.vacancy_id, at) if change.value else _bring_back(tx, change.vacancy_id)
        table = tx.state.table("state")
        found = table.get(by_id == change.vacancy_id)
        state = {**empty_state(change.vacancy_id), **(found or {})}
        undo = apply_change(state, change, at)
        table.upsert(state, by_id == change.vacancy_id)
        return undo

    def apply_and_read(self, step: Step) -> Applied:
        """Make one step and read its vacancies back under one hold of the lock: a caller that knew the version
        before can tell that the store changed by this write alone, and need not read it all again."""
        with self.locked():
            before = self.version()
            undo = self.apply_step(step)
            changed = dict.fromkeys(change.vacancy_id for change in step.changes)
            return Applied(undo, {vacancy_id: self.get(vacancy_id) for vacancy_id in changed}, before,
                           self.version())

    def remove(self, vacancy_id: str) -> Change:
        """Delete a vacancy, kept apart whole to come back; returns the change that brings it back."""
        return self.apply(Change(vacancy_id, REMOVED, True))

    def removed(self) -> list[Removed]:
        """The deleted vacancies, as kept to come back, the latest deleted first."""
        records = self._state.snapshot().get("removed", {}).values()
        found = [Removed(r["id"], r["vacancy"]["posting"]["title"], r["removed_at"]) for r in records]
        return sorted(found, key=lambda removed: removed.removed_at, reverse=True)

    def removed_vacancies(self) -> list[Vacancy]:
        """The deleted vacancies' postings as they were: a watch pass leaves them out rather than bring them back."""
        records = self._state.snapshot().get("removed", {}).values()
        return [_vacancy(_row(record["vacancy"]), None) for record in records]

    def last_look(self) -> datetime | None:
        """When the dashboard last showed the whole list; None if never (or the time kept cannot be read: then
        every posting a watch found counts as new, rather than none)."""
        looks = self._state.snapshot().get(LOOKS)
        try:
            moment = datetime.fromisoformat(next(iter(looks.values()))["at"]) if looks else None
        except (AttributeError, KeyError, TypeError, ValueError):  # a value no eujobs wrote
            return None
        return moment.replace(tzinfo=moment.tzinfo or timezone.utc) if moment else None

    def save_look(self) -> tuple[tuple, tuple]:
        """The dashboard shows the whole list now: the next start's last look. The store's version just before
        and just after the write (no other process wrote in between)."""
        with self.locked():
            before = self.version()
            with self.transaction() as tx:
                looks = tx.state.table(LOOKS)
                looks.truncate()
                looks.insert({"at": self.clock().isoformat(timespec="seconds")})
            return before, self.version()

    def profile(self) -> Profile:
        """The candidate's profile (empty until they write one); kept in state.json with their other data."""
        docs = list(self._state.snapshot().get("profile", {}).values())
        return Profile.from_json(docs[0]["profile"]) if docs else Profile.from_json({})

    def save_profile(self, profile: Profile) -> None:
        with self.transaction() as tx:
            table = tx.state.table("profile")
            table.truncate()
            table.insert({"profile": profile.to_json()})

    def add_by_hand(self, posting: Posting, text: str = "") -> Saved:
        """A vacancy the user typed in: saved like an import of a text that has no file."""
        import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start, which hashes nothing

        text = text or posting.title
        sha = hashlib.sha256(json.dumps(posting.to_document(), sort_keys=True).encode()).hexdigest()
        source = Source(None, sha, "text", self.clock().isoformat(timespec="seconds"))
        return self.save_imports([Incoming(posting, text, source)])[0]

    def tick(self, vacancy_id: str, item_id: str, done: bool = True) -> Change:
        return self.apply(Change(vacancy_id, f"tick:{item_id}", done))

    def set_status(self, vacancy_id: str, status: str, note: str = "") -> Change:
        return self.apply(Change(vacancy_id, "status", status, note))

    def _require(self, vacancy_id: str) -> Vacancy:
        vacancy = self.get(vacancy_id)
        if vacancy is None:
            raise StoreError(f"no vacancy with id '{vacancy_id}'")
        return vacancy

    def _text_path(self, sha256: str) -> Path:
        return self.root / "texts" / f"{sha256}.txt"

    def _words_path(self, sha256: str) -> Path:
        return self.root / "texts" / f"{sha256}.words"

    def _has_text(self, sha256: str) -> bool:
        path = self._text_path(sha256)
        if not os.path.lexists(path):
            return False
        refuse_link(path, "text file")  # kept, not written through
        return True

    def _save_texts(self, texts: dict[str, Incoming], referenced: Container[str], written: list[Path]) -> None:
        """Write a batch's texts (and their words; each in `written` once it is), then make them durable with
        one sync rather than one fsync each (10,000 fsyncs took seconds); they are on disk before the catalog
        that names them. Under the import's lock: what an import killed earlier left is removed first."""
        remove_leftovers(self.root / "texts")
        remove_orphan_texts(self.root / "texts", referenced)  # the catalog's, the batch's and deleted vacancies' shas
        new = {sha: item for sha, item in texts.items() if not self._has_text(sha)}
        for sha, item in new.items():
            words = item.words if item.words is not None else text_words(item.text)
            for path, data in ((self._words_path(sha), words), (self._text_path(sha), item.text)):
                write_new_file(path, data.encode("utf-8"))
                written.append(path)
        if new:
            os.sync()
            fsync_directory(self.root / "texts")


def _read_text(path: Path) -> str:
    if not os.path.lexists(path):
        return ""
    return read_store_file(path).decode("utf-8", "replace")  # never through a link planted there


def _remove(tx: Transaction, vacancy_id: str, at: str) -> Change:
    """Move a vacancy's catalog record and state into the state file's removed table, whole."""
    catalog, states = tx.catalog.table("vacancies"), tx.state.table("state")
    document = catalog.get(by_id == vacancy_id)
    if document is None:
        raise StoreError(f"no vacancy with id '{vacancy_id}'")
    state = states.get(by_id == vacancy_id)
    record = {"id": vacancy_id, "removed_at": at, "vacancy": dict(document), "state": dict(state) if state else None}
    tx.state.table("removed").upsert(record, by_id == vacancy_id)
    catalog.remove(by_id == vacancy_id)
    states.remove(by_id == vacancy_id)
    return Change(vacancy_id, REMOVED, False)


def _bring_back(tx: Transaction, vacancy_id: str) -> Change:
    """Put a deleted vacancy back as it was, unless an import has brought its posting back meanwhile."""
    removed, catalog = tx.state.table("removed"), tx.catalog.table("vacancies")
    record = removed.get(by_id == vacancy_id)
    if record is None:
        raise StoreError(f"no deleted vacancy with id '{vacancy_id}'")
    document = record["vacancy"]
    if catalog.contains((by_id == vacancy_id) | (Query().key == document["key"])):
        raise StoreError(f"vacancy {vacancy_id} cannot come back: its posting was imported again since it was "
                         "deleted, and is in the list")
    catalog.insert(document)
    if record["state"] is not None:
        tx.state.table("state").upsert(record["state"], by_id == vacancy_id)
    removed.remove(by_id == vacancy_id)
    return Change(vacancy_id, REMOVED, True)


def _source_document(source: Source, before: dict | None) -> dict:
    """A new version's source as the catalog keeps it. When a watch first found the vacancy, and the address it
    came from, outlive versions read from files; they are left out when there are none (most of a store)."""
    document = asdict(source)
    earlier = before["source"] if before else {}
    document["first_seen"] = earlier.get("first_seen") if before else source.first_seen
    document["url"] = source.url or earlier.get("url")
    return {key: value for key, value in document.items() if value is not None or key not in ("url", "first_seen")}


def _place(key: str, document: dict, by_key: dict[str, str], docs: dict[str, dict]
           ) -> tuple[str, str | None, Conflict | None]:
    """Where an imported posting goes: the key it is kept under, the vacancy it is a new version of (None for
    a new vacancy), and the vacancy of its identity key it differs from, if any. A posting kept apart once is
    found again under its longer key: its next version updates it, without a conflict."""
    vacancy_id, conflict = by_key.get(key), None
    while vacancy_id is not None and (field := difference(docs[vacancy_id]["posting"], document)):
        conflict = conflict or Conflict(vacancy_id, docs[vacancy_id]["posting"]["title"], field)
        key = conflict_key(key, document, field)
        vacancy_id = by_key.get(key)
    return key, vacancy_id, conflict


@dataclass(slots=True)
class _Row:
    """A vacancy as the catalog holds it: what its posting says and where it was read from."""

    id: str
    posting: Posting
    source: Source


def _row(document: dict) -> _Row:
    """A vacancy's catalog document (as the catalog or the front holds it) as the store keeps it."""
    return _Row(document["id"], *vacancy_parts(document))


def _vacancy(row: _Row, state: dict | None) -> Vacancy:
    if state is None:  # most of a large store: untouched, so the defaults (empty_state) need no merging
        return Vacancy(id=row.id, posting=row.posting, source=row.source)
    state = {**empty_state(row.id), **state}
    overrides = state["overrides"]
    posting = Posting.from_json({**row.posting.to_document(), **overrides}) if overrides else row.posting
    return Vacancy(
        id=row.id,
        posting=posting,
        source=row.source,
        status=state["status"],
        notes=state["notes"],
        history=[StatusChange(**change) for change in state["history"]],
        ticks=dict(state["ticks"]),
        item_texts=dict(state["item_texts"]),
        custom=[ChecklistItem(item["id"], "custom", item["text"]) for item in state["custom"]],
        applied_on=date.fromisoformat(state["applied_on"]) if state["applied_on"] else None,
        next_action_on=date.fromisoformat(state["next_action_on"]) if state["next_action_on"] else None,
        next_action=state["next_action"],
        edited=tuple(overrides),
        chosen_procedure=state["procedure"],
        stages={stage_id: stage_record(entry) for stage_id, entry in state["stages"].items()} or NO_STAGES,
        events=tuple(sorted((event_of(entry) for entry in state["events"]), key=lambda event: event.at)),
        deadlines=tuple(deadline_of(entry) for entry in state["deadlines"]),
        attachments=tuple(attachment_of(entry) for entry in state["attachments"]),
    )
