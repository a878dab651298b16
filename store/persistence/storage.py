"""TinyDB storage that is safe to share between processes.

TinyDB's own JSONStorage rewrites its file in place (a crash mid-write leaves broken JSON) and assumes one
process. Here every change happens inside a transaction: the store's lock is held, the file is read fresh
(or taken from a cache keyed on inode, mtime and size, so an unchanged file is not parsed again), TinyDB
works on that data in memory, and the commit writes a temporary file, fsyncs it and renames it over the old
one. A failed transaction writes nothing.

The store is its user's alone: a folder or file in it owned by another account, or writable by one, is refused
(as ssh refuses such a ~/.ssh). eujobs deletes only what it made, by the names it gives: its temporary files
are named `.eujobs-tmp-<pid>-<random>-<name>.tmp`, and only those of a process that is gone are cleared away.
"""

from __future__ import annotations

import errno
import json
import os
import re
import stat
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO

from tinydb import TinyDB
from tinydb.storages import Storage

from eujobs.store.errors import StoreCorruptError, StoreError
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.front import FRONT_FILE
from eujobs.store.persistence.packing import pack_checklists, postings_gain_warnings
from eujobs.store.persistence.records import RecordError

SCHEMA_VERSION = 3  # of the store's files; raise it with an entry in MIGRATIONS


@contextmanager
def atomic_file(path: Path, failure: str = "could not save") -> Iterator[BinaryIO]:
    """A file to write that replaces `path` only once complete and on disk: a reader sees the old
    file or the new one, never a mix; on any error the temporary file is removed."""
    fd, temp_name = temp_file(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as temp:
            yield temp
            temp.flush()
            os.fsync(temp.fileno())
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        intact = "; the previous version is intact" if path.exists() else ""
        raise StoreError(f"{path}: {failure} ({describe_error(error)}){intact}") from error
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_directory(path.parent)


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_file(path, "could not save") as file:
        file.write(data)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that never changes once written (mode 0600), replacing it whole; the caller syncs.
    Refuses when its folder or the file itself is a symbolic link: nothing is written through one."""
    refuse_link(path.parent, "folder")
    refuse_link(path, "file")
    fd, temp_name = temp_file(path.parent, path.name)
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{path}: could not save ({describe_error(error)})") from error


_TEMP_PREFIX = ".eujobs-tmp-"
_TEMP_NAME = re.compile(r"\.eujobs-tmp-(\d+)-.*\.tmp")


def temp_file(folder: Path, name: str) -> tuple[int, str]:
    """A new temporary file (mode 0600) in `folder` for a write of `name`: eujobs' own name, with this
    process's id, so that remove_leftovers knows it for one of ours and whether its writer is gone."""
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f"{_TEMP_PREFIX}{os.getpid()}-", suffix=f"-{name[:64]}.tmp")
    os.fchmod(fd, 0o600)  # whatever the umask: one that takes the owner's bits away would lock the user out
    return fd, temp_name


# What a store folder may hold, and the kind each must be when present. Every one is checked with lstat before
# the store is used and again whenever its lock is taken: a symbolic link planted at one of these paths (or
# at the store folder itself) is refused, never followed, so nothing is read from or written through it; so is
# one owned by another account or writable by others. The last three are a restore's (journal.py). The front
# (a cache) is left out: one that is a link or not the user's is not read (read_store_file), and not trusted.
STORE_ENTRIES = {
    "catalog.json": "file", "state.json": "file", ".lock": "file", "texts": "folder", "backups": "folder",
    "cache": "folder",  # pages fetched before (store/fetch/cache.py), with what to ask if they changed
    "attachments": "folder",  # copies of the files sent with applications (attachments.py)
    ".eujobs-restore": "file", ".eujobs-restore-catalog.json": "file", ".eujobs-restore-state.json": "file",
}
_KINDS = {"file": stat.S_ISREG, "folder": stat.S_ISDIR}


def check_store_paths(root: Path, uid: int | None = None) -> None:
    """Refuse with StoreError if the store folder or anything it must hold is a symbolic link, the wrong kind
    of file (a FIFO named state.json would block every read), or not the user's alone: owned by another uid
    than `uid` (the effective one unless a test says otherwise) or writable by group or others."""
    uid = os.geteuid() if uid is None else uid
    refuse_link(root, "store folder")
    found = _lstat(root)
    if found is None:
        return
    check_private(root, found, "store folder", uid)
    for name, kind in STORE_ENTRIES.items():
        found = _lstat(root / name)
        if found is None:
            continue
        refuse_link(root / name, kind, found)
        if not _KINDS[kind](found.st_mode):
            raise StoreError(f"{root / name} is not a {'regular file' if kind == 'file' else kind}; "
                             f"eujobs will not use it (move it out of the store)")
        check_private(root / name, found, "store file" if kind == "file" else "folder of the store", uid)


def check_private(path: Path, found: os.stat_result, what: str, uid: int) -> None:
    """Refuse what another account could change (or has made): a store that is not the user's alone cannot be
    trusted with what they did, nor written to safely."""
    mode = stat.S_IMODE(found.st_mode)
    if found.st_uid != uid:
        advice = "choose another with --store" if what == "store folder" else \
            "move it out of the store, or choose another store with --store"
        raise StoreError(f"{path}: {what} is owned by another user (uid {found.st_uid}; eujobs runs as uid {uid}); "
                         f"eujobs uses only a store of your own: {advice}")
    if mode & 0o022:
        writers = "others" if mode & 0o002 else "its group"
        private, another = ("600", "another store") if what == "store file" else ("700", "another")
        raise StoreError(f"{path}: {what} is writable by {writers} (mode {mode:04o}); chmod {private} it or choose "
                         f"{another} with --store")


def check_is_store(root: Path) -> None:
    """Refuse a folder that holds files of its own as a place for a new store: eujobs writes, and clears its
    leftovers, only in a folder that is a store already (it has catalog.json or state.json) or that holds
    nothing but what a store holds."""
    try:
        names = os.listdir(root)
    except FileNotFoundError:
        return
    except OSError as error:
        raise StoreError(f"{root}: cannot read the store folder ({describe_error(error)})") from None
    if "catalog.json" in names or "state.json" in names:
        return
    others = sorted(name for name in names
                    if name not in STORE_ENTRIES and name != FRONT_FILE and not _TEMP_NAME.fullmatch(name))
    if others:
        raise StoreError(f"{root}: not an eujobs store, and not empty (it holds {others[0]}); eujobs makes a new "
                         "store only in an empty folder: choose another with --store")


def make_private_folder(folder: Path) -> None:
    """Create `folder` and any missing parent, each 0700 whatever the umask (set explicitly, as a umask can
    also take bits away); one that exists is left as it is."""
    missing = []
    while not os.path.lexists(folder):
        missing.append(folder)
        folder = folder.parent
    for made in reversed(missing):
        try:
            os.mkdir(made, 0o700)
        except FileExistsError:
            continue  # made meanwhile by another process: not ours to change
        fd = os.open(made, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW | os.O_CLOEXEC)
        try:
            os.fchmod(fd, 0o700)
        finally:
            os.close(fd)


def make_folder_to_write(folder: Path, called: str, contents: str) -> None:
    """Make `folder` (private) if it is missing, to write `contents` in; one line when it cannot be made or is
    no folder ("cannot create the backup folder …", "… is not a folder; cannot write a backup in it")."""
    try:
        make_private_folder(folder)
    except OSError as error:
        raise StoreError(f"cannot create the {called} folder {one_line(str(folder))}: {describe_error(error)}") \
            from None
    if not os.path.isdir(folder):
        raise StoreError(f"{one_line(str(folder))} is not a folder; cannot write {contents} in it")


def refuse_link(path: Path, what: str, found: os.stat_result | None = None) -> None:
    found = found or _lstat(path)
    if found is not None and stat.S_ISLNK(found.st_mode):
        if what == "store folder":
            raise StoreError(
                f"the store folder {path} is a symbolic link (to {os.path.realpath(path)}); eujobs does not follow "
                "links for its store: name the real folder (--store PATH or EUJOBS_STORE)"
            )
        raise StoreError(
            f"{path} is a symbolic link; eujobs does not follow links inside its store and wrote nothing "
            f"through it (replace it with the real {what})"
        )


def _lstat(path: Path) -> os.stat_result | None:
    try:
        return os.lstat(path)
    except FileNotFoundError:
        return None
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({describe_error(error)})") from None


def check_writable(root: Path) -> None:
    """Refuse at once, with one line, a store whose changes could not be saved (a read-only mount, a folder
    of another account), by creating a file where the store writes. Root ignores permission bits, so asking
    os.access is not enough. The file has no name (O_TMPFILE), so a process killed meanwhile leaves nothing."""
    for folder in (root, root / "texts"):
        try:
            _create_nameless_file(folder)
        except OSError as error:
            state = "is read-only" if error.errno in (errno.EROFS, errno.EACCES, errno.EPERM) else "cannot be written"
            raise StoreError(
                f"the store folder {folder} {state} ({describe_error(error)}): eujobs could not save any change "
                "there (make it writable, or name another store with --store PATH)"
            ) from None


def _create_nameless_file(folder: Path) -> None:
    if hasattr(os, "O_TMPFILE"):
        try:
            os.close(os.open(folder, os.O_TMPFILE | os.O_WRONLY | os.O_CLOEXEC, 0o600))
            return
        except OSError as error:
            if error.errno not in (errno.EOPNOTSUPP, errno.EISDIR, errno.EINVAL):  # not supported by this file system
                raise
    fd, name = temp_file(folder, "write-probe")
    os.close(fd)
    _remove_quietly(name)


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files of writes cut short (a process killed mid-write): only files of eujobs' own
    naming (temp_file), and only those whose process is gone, so a write under way elsewhere keeps its file."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        match = _TEMP_NAME.fullmatch(entry.name)
        if match and not _running(int(match[1])) and entry.is_file(follow_symlinks=False):
            _remove_quietly(entry.path)


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True  # another thread of this process may be writing it
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (OverflowError, ValueError):
        return False  # no process has such an id
    except OSError:
        return True  # one of another account's: alive
    return True


def fsync_directory(directory: Path) -> None:
    """Make a rename durable: without this a power cut can forget it."""
    fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def describe_error(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "disk full"
    if error.errno == errno.EROFS:
        return "read-only file system"
    if error.errno in (errno.EACCES, errno.EPERM):
        return "permission denied"  # to read as well as to write
    if error.errno == errno.ELOOP:
        return "a symbolic link, which eujobs does not follow"
    return error.strerror or str(error)


class TransactionalStorage(Storage):
    """Holds one JSON file's data in memory for the length of a transaction.

    A transaction holds the store's lock and always reads the file afresh: a file another process
    rewrote within one timestamp tick, on a reused inode and at the same size, looks unchanged to a
    stat, and trusting a cached copy then would write that process's changes away. Readers outside the
    lock may share a copy cached by (inode, mtime, size) when `cached` (the small state file); the
    catalog is parsed for each reader that asks, who keeps what it builds from it.
    """

    def __init__(self, path: Path, schema_version: int, cached: bool = True,
                 check: Callable[[dict], None] | None = None) -> None:
        self.path = path
        self.schema_version = schema_version
        self.cached = cached
        self.check = check  # raises RecordError for a record of the wrong shape
        self._data: dict | None = None
        self._dirty = False
        self._cached: tuple[tuple[int, int, int] | None, dict] | None = None

    def load(self) -> None:
        # A private copy, parsed afresh under the lock (TinyDB edits it in place).
        self._data = self._parse(self.stat_key())
        self._dirty = False

    def read(self) -> dict | None:
        # Loaded on first use, so a transaction that only changes state never reads the catalog.
        if self._data is None:
            self.load()
        return self._data

    def write(self, data: dict) -> None:
        self._data = data
        self._dirty = True

    def commit(self) -> None:
        if not self._dirty or self._data is None:
            return
        self._data.setdefault("_meta", {})["1"] = {"schema": self.schema_version}
        # ASCII (other characters as \u escapes): read back as a 1-byte-per-character string, a catalog of
        # 10,000 postings parses in two thirds of the time its UTF-8 took.
        payload = json.dumps(self._data, separators=(",", ":")).encode()
        write_atomically(self.path, payload)
        self._cached = (self.stat_key(), self._data) if self.cached else None
        self._dirty = False

    def rollback(self) -> None:
        self._data = None
        self._dirty = False

    def close(self) -> None:
        self._data = None

    def stat_key(self) -> tuple[int, int, int] | None:
        # lstat: a symbolic link put in the file's place is a change, and the read refuses it
        try:
            found = os.lstat(self.path)
        except FileNotFoundError:
            return None
        return (found.st_ino, found.st_mtime_ns, found.st_size)

    def snapshot(self) -> dict:
        """The file's current data for readers that do not hold the lock; shared, so never edit it."""
        key = self.stat_key()
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        data = self._parse(key)
        if self.cached:
            self._cached = (key, data)
        return data

    def _parse(self, key: tuple[int, int, int] | None) -> dict:
        if key is None:
            return {}
        try:
            data = json.loads(read_store_file(self.path))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreCorruptError(
                f"{self.path} is not valid JSON ({error}); eujobs will not overwrite it. "
                f"{restore_hint(self.path.parent)}, or move the file aside, then run eujobs again"
            ) from None
        self._check_schema(data)
        try:
            if self.check is not None:
                self.check(data)
        except RecordError as error:
            raise unreadable_record(self.path, str(error)) from None
        return data

    def _check_schema(self, data) -> None:
        version = schema_version_of(data) if isinstance(data, dict) else None
        if version is None:
            raise StoreCorruptError(
                f"{self.path} does not hold an eujobs store; eujobs will not overwrite it. "
                f"{restore_hint(self.path.parent)}, or move the file aside"
            )
        for name, rows in data.items():  # what TinyDB and every reader take for granted
            if not isinstance(rows, dict) or any(not isinstance(row, dict) for row in rows.values()):
                raise unreadable_record(self.path, f"its table '{one_line(name)}' is not a table of records")
        if version > self.schema_version:
            raise StoreError(
                f"{self.path} was written by a newer eujobs (store schema {version}, this one knows "
                f"{self.schema_version}); upgrade eujobs to open it"
            )
        if version < self.schema_version:
            migrate(data, version, self.schema_version)


def read_store_file(path: Path) -> bytes:
    """The bytes of a store file, refusing a symbolic link (O_NOFOLLOW), anything but a regular file
    (O_NONBLOCK: a FIFO put there must not hang the read) and a file that is not the user's alone."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            refuse_link(path, "file")
        raise StoreError(f"{path}: cannot read ({describe_error(error)})") from None
    try:
        found = os.fstat(fd)
        if not stat.S_ISREG(found.st_mode):
            raise StoreError(f"{path} is not a regular file; eujobs will not use it (move it out of the store)")
        check_private(path, found, "store file", os.geteuid())
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({describe_error(error)})") from None
    finally:
        os.close(fd)


def unreadable_record(path: Path, problem: str) -> StoreCorruptError:
    """A store file of valid JSON and schema holding a record of the wrong shape (edited by hand, say)."""
    return StoreCorruptError(f"{path} holds a record eujobs cannot read ({problem}); eujobs will not overwrite it. "
                             f"{restore_hint(path.parent)}, or move the file aside, then run eujobs again")


def restore_hint(root: Path) -> str:
    """How to get the store back from its own backups: the newest daily backup that holds data (backup.py)."""
    # Imported here: zip files are no concern of a start that finds the store sound.
    from eujobs.store.persistence.backup import restore_advice

    return restore_advice(root)


def schema_version_of(data: dict) -> int | None:
    try:
        return int(data["_meta"]["1"]["schema"])
    except (KeyError, TypeError, ValueError):
        return None


# Each entry turns the raw data of schema N into schema N + 1. Add one when a change to the stored shape
# would make old files unreadable; the data is upgraded in memory and written back by the next commit.
MIGRATIONS: dict[int, Callable[[dict], None]] = {1: pack_checklists, 2: postings_gain_warnings}


def migrate(data: dict, version: int, target: int) -> None:
    for step in range(version, target):
        if step not in MIGRATIONS:
            raise StoreError(f"no migration from store schema {step} to {step + 1}")
        MIGRATIONS[step](data)


def open_tinydb(storage: TransactionalStorage) -> TinyDB:
    # A fresh TinyDB per transaction: its tables cache query results and the next document id per
    # process, which would go stale or collide when another process has written in between.
    return TinyDB(storage=lambda: storage)
