"""TinyDB storage that is safe to share between processes.

TinyDB's own JSONStorage rewrites its file in place (a crash mid-write leaves broken JSON) and assumes one
process. Here every change happens inside a transaction: the store's lock is held, the file is read fresh
(or taken from a cache keyed on inode, mtime and size, so an unchanged file is not parsed again), TinyDB
works on that data in memory, and the commit writes a temporary file, fsyncs it and renames it over the old
one. A failed transaction writes nothing.
"""

from __future__ import annotations

import copy
import errno
import json
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, Callable

from tinydb import TinyDB
from tinydb.storages import Storage

SCHEMA_VERSION = 1  # of the store's files; raise it with an entry in MIGRATIONS


class StoreError(Exception):
    """A problem with the store that the user must hear about in one line."""


class StoreCorruptError(StoreError):
    pass


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
        raise StoreError(f"{path}: {failure} ({_describe(error)}){intact}") from error
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_directory(path.parent)


def write_atomically(path: Path, data: bytes) -> None:
    with atomic_file(path, "could not save") as file:
        file.write(data)


def write_new_file(path: Path, data: bytes) -> None:
    """Write a file that never changes once written (mode 0600), replacing it whole; the caller syncs."""
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(data)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise StoreError(f"{path}: could not save ({_describe(error)})") from error


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


def _describe(error: OSError) -> str:
    if error.errno == errno.ENOSPC:
        return "disk full"
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return "not writable"
    return error.strerror or str(error)


class TransactionalStorage(Storage):
    """Holds one JSON file's data in memory for the length of a transaction."""

    def __init__(self, path: Path, schema_version: int) -> None:
        self.path = path
        self.schema_version = schema_version
        self._data: dict | None = None
        self._dirty = False
        self._cached: tuple[tuple[int, int, int], dict] | None = None

    def load(self) -> None:
        # A private copy: TinyDB edits in place, and readers outside the transaction share the cache.
        self._data = copy.deepcopy(self._read_file())
        self._dirty = False

    def read(self) -> dict | None:
        # Loaded on first use, so a transaction that only changes state never copies the catalog.
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
        payload = json.dumps(self._data, ensure_ascii=False, separators=(",", ":")).encode()
        write_atomically(self.path, payload)
        self._cached = (self.stat_key(), self._data)
        self._dirty = False

    def rollback(self) -> None:
        self._data = None
        self._dirty = False

    def close(self) -> None:
        self._data = None

    def stat_key(self) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(self.path)
        except FileNotFoundError:
            return None
        return (stat.st_ino, stat.st_mtime_ns, stat.st_size)

    def _read_file(self) -> dict:
        key = self.stat_key()
        if key is None:
            return {}
        if self._cached is not None and self._cached[0] == key:
            return self._cached[1]
        try:
            data = json.loads(self.path.read_bytes())
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise StoreCorruptError(
                f"{self.path} is not valid JSON ({error}); eujobs will not overwrite it. "
                "Restore a backup (eujobs restore FILE; the store keeps one a day in its backups/ folder) "
                "or move the file aside, then run eujobs again"
            ) from None
        except OSError as error:
            raise StoreError(f"{self.path}: cannot read ({_describe(error)})") from None
        self._check_schema(data)
        self._cached = (key, data)
        return data

    def _check_schema(self, data) -> None:
        version = schema_version_of(data) if isinstance(data, dict) else None
        if version is None:
            raise StoreCorruptError(f"{self.path} does not hold an eujobs store; eujobs will not overwrite it")
        if version > self.schema_version:
            raise StoreError(
                f"{self.path} was written by a newer eujobs (store schema {version}, this one knows "
                f"{self.schema_version}); upgrade eujobs to open it"
            )
        if version < self.schema_version:
            migrate(data, version, self.schema_version)

    def snapshot(self) -> dict:
        """The file's current data for readers that do not hold the lock; shared, so never edit it."""
        return self._read_file()


def schema_version_of(data: dict) -> int | None:
    try:
        return int(data["_meta"]["1"]["schema"])
    except (KeyError, TypeError, ValueError):
        return None


# Each entry turns the raw data of schema N into schema N + 1. Add one when a change to the stored shape
# would make old files unreadable; the data is upgraded in memory and written back by the next commit.
MIGRATIONS: dict[int, Callable[[dict], None]] = {}


def migrate(data: dict, version: int, target: int) -> None:
    for step in range(version, target):
        if step not in MIGRATIONS:
            raise StoreError(f"no migration from store schema {step} to {step + 1}")
        MIGRATIONS[step](data)


def open_tinydb(storage: TransactionalStorage) -> TinyDB:
    # A fresh TinyDB per transaction: its tables cache query results and the next document id per
    # process, which would go stale or collide when another process has written in between.
    return TinyDB(storage=lambda: storage)
