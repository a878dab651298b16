"""TinyDB storage that is safe to share between processes.

TinyDB's own JSONStorage rewrites its file in place (a crash mid-write leaves broken JSON) and assumes one
process. Here every change happens inside a transaction: the store's lock is held, the file is read fresh
(or taken from a cache keyed on inode, mtime and size, so an unchanged file is not parsed again), TinyDB
works on that data in memory, and the commit writes a temporary file, fsyncs it and renames it over the old
one. A failed transaction writes nothing.
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
from eujobs.store.persistence.packing import pack_checklists, postings_gain_warnings

SCHEMA_VERSION = 3  # of the store's files; raise it with an entry in MIGRATIONS


@contextmanager
def atomic_file(path: Path, failure: str = "could not save") -> Iterator[BinaryIO]:
    """A file to write that replaces `path` only once complete and on disk: a reader sees the old
    file or the new one, never a mix; on any error the temporary file is removed."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")  # mode 0600
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
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{path}: could not save ({describe_error(error)})") from error


# What a store folder may hold, and the kind each must be when present. Every one is checked with lstat before
# the store is used and again whenever its lock is taken: a symbolic link planted at one of these paths (or
# at the store folder itself) is refused, never followed, so nothing is read from or written through it.
STORE_ENTRIES = {
    "catalog.json": "file", "state.json": "file", ".lock": "file", "texts": "folder", "backups": "folder",
}
_KINDS = {"file": stat.S_ISREG, "folder": stat.S_ISDIR}


def check_store_paths(root: Path) -> None:
    """Refuse with StoreError if the store folder or anything it must hold is a symbolic link or the wrong kind
    of file (a FIFO named state.json would block every read)."""
    refuse_link(root, "store folder")
    for name, kind in STORE_ENTRIES.items():
        found = _lstat(root / name)
        if found is None:
            continue
        refuse_link(root / name, kind, found)
        if not _KINDS[kind](found.st_mode):
            raise StoreError(f"{root / name} is not a {'regular file' if kind == 'file' else kind}; "
                             f"eujobs will not use it (move it out of the store)")


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
    fd, name = tempfile.mkstemp(dir=folder, prefix=".eujobs-write-probe-")
    os.close(fd)
    _remove_quietly(name)


def remove_leftovers(folder: Path) -> None:
    """Remove the temporary files of writes cut short (a process killed mid-write). Called under the store's
    lock, when no write of the store is under way, so every one found is garbage."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    for entry in entries:
        name = entry.name
        if name.startswith(".") and (name.endswith(".tmp") or name.startswith(".eujobs-write-probe-")) \
                and entry.is_file(follow_symlinks=False):
            _remove_quietly(entry.path)


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
        return "not writable"
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

    def __init__(self, path: Path, schema_version: int, cached: bool = True) -> None:
        self.path = path
        self.schema_version = schema_version
        self.cached = cached
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
        return data

    def _check_schema(self, data) -> None:
        version = schema_version_of(data) if isinstance(data, dict) else None
        if version is None:
            raise StoreCorruptError(
                f"{self.path} does not hold an eujobs store; eujobs will not overwrite it. "
                f"{restore_hint(self.path.parent)}, or move the file aside"
            )
        if version > self.schema_version:
            raise StoreError(
                f"{self.path} was written by a newer eujobs (store schema {version}, this one knows "
                f"{self.schema_version}); upgrade eujobs to open it"
            )
        if version < self.schema_version:
            migrate(data, version, self.schema_version)


def read_store_file(path: Path) -> bytes:
    """The bytes of a store file, refusing a symbolic link (O_NOFOLLOW) or anything but a regular file
    (O_NONBLOCK: a FIFO put there must not hang the read)."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except OSError as error:
        if error.errno == errno.ELOOP:
            refuse_link(path, "file")
        raise StoreError(f"{path}: cannot read ({describe_error(error)})") from None
    try:
        if not stat.S_ISREG(os.fstat(fd).st_mode):
            raise StoreError(f"{path} is not a regular file; eujobs will not use it (move it out of the store)")
        with os.fdopen(fd, "rb", closefd=False) as file:
            return file.read()
    except OSError as error:
        raise StoreError(f"{path}: cannot read ({describe_error(error)})") from None
    finally:
        os.close(fd)


def restore_hint(root: Path) -> str:
    """How to get the store back from its own backups, naming the newest daily one when there is one (daily
    backups are only ever taken of an undamaged store; those taken before a restore may hold a damaged one)."""
    folder = root / "backups"
    store = os.path.abspath(root)
    try:
        daily = sorted(entry.path for entry in os.scandir(folder) if re.fullmatch(r"daily-[0-9-]+\.zip", entry.name))
    except OSError:
        daily = []
    if daily:
        newest = os.path.abspath(daily[-1])
        day = os.path.basename(newest)[len("daily-"):-len(".zip")]
        return (f"To go back to the store as it was before its first change of {day}, run: "
                f"eujobs --store {store} restore {newest}")
    return (f"Restore a backup with: eujobs --store {store} restore FILE (the store keeps one a day in {folder}, "
            "none there yet)")


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
