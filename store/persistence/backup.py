"""Backups of a store: one zip file that can be checked, kept elsewhere and restored.

A backup holds
  eujobs-backup.json   {"format": 1, "schema": <store schema of the data>, "taken_at": ISO time,
                        "records": {<table>: <rows>, ...}}   (records: since eujobs 0.1.1)
                       and "damaged_attachments": [<sha256>, ...], the copies left out as they no longer match
  catalog.json         the store's files, byte for byte as they were under the lock
  state.json
  texts/<sha256>.txt
  attachments/<sha256>  copies of the files sent with applications, each checked against its name on restore
A missing catalog.json or state.json (a store nothing was saved to yet) is backed up as an empty store file,
so that every backup restores to a complete store.

The store keeps its own backups in `<store>/backups`: one `daily-YYYY-MM-DD.zip` a day (the newest few are
kept) and one `eujobs-backup-YYYYmmdd-HHMMSS.zip` taken before every restore, so a wrong restore can be undone.
A daily backup is taken before the day's first change to a store that holds something (of an empty store it
would give nothing back). Only a file eujobs can tell for its own backup is ever deleted or overwritten: named as
it names them, and holding its manifest, whose date is the one in the name.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from typing import TYPE_CHECKING

from eujobs.store.errors import StoreCorruptError, StoreError
from eujobs.store.persistence import journal
from eujobs.store.persistence.attachments import ATTACHMENTS, KEPT_NAME, MAX_ATTACHMENT_BYTES
from eujobs.store.persistence.records import RecordError, check_catalog, check_state
from eujobs.store.persistence.storage import (
    SCHEMA_VERSION,
    atomic_file,
    describe_error,
    make_folder_to_write,
    make_private_folder,
    migrate,
    read_store_file,
    remove_leftovers,
    schema_version_of,
    write_atomically,
)

if TYPE_CHECKING:
    from eujobs.store.persistence.db import Store

FORMAT = 1
MANIFEST = "eujobs-backup.json"
STORE_FILES = journal.STORE_FILES
BACKUPS_FOLDER = "backups"
MAX_UNPACKED_BYTES = 500 * 1024 * 1024  # the store's files and texts
# The copies of files sent, apart: up to 20 MB each, the disk a hundred CVs at the limit would take.
MAX_ATTACHMENTS_BYTES = 100 * MAX_ATTACHMENT_BYTES
MAX_MEMBERS = 200_000
_TEXT_NAME = re.compile(r"[0-9a-f]{64}\.txt")
_TEXT_MEMBER = re.compile(r"texts/[0-9a-f]{64}\.txt")
_ATTACHMENT_MEMBER = re.compile(r"attachments/[0-9a-f]{64}")
_DAILY = re.compile(r"daily-(\d{4}-\d{2}-\d{2})\.zip")
_TAKEN = re.compile(r"eujobs-backup-(\d{8}-\d{6})(?:-(\d+))?\.zip")
_CHUNK = 1024 * 1024
_CHECKS = {"catalog.json": check_catalog, "state.json": check_state}


# Taking a backup


@dataclass
class _Snapshot:
    """The store as it was at one moment under its lock; texts never change once written, so names suffice."""

    files: dict[str, bytes]
    texts: list[str]
    schema: int
    damaged: list[str] = field(default_factory=list)
    records: dict[str, int] = field(default_factory=dict)  # rows in each table of the sound files
    attachments: list[str] = field(default_factory=list)  # the copies of files sent: never change once written


def write_backup(store: Store, destination: Path, now: datetime) -> Path:
    """Back the store up into one zip file; `destination` is a folder or a path ending in .zip."""
    with store.locked():
        snapshot = _snapshot(store, allow_damaged=False)
    # Outside the lock: the texts named in the snapshot are never rewritten, so they are read at leisure.
    return _write_zip(store, snapshot, destination, now)


def _snapshot(store: Store, allow_damaged: bool, check_records: bool = True) -> _Snapshot:
    """Must be called with the store's lock held."""
    files, versions, damaged, records = {}, [], [], {}
    for name in STORE_FILES:
        path = store.root / name
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            files[name] = _empty_store_file()
            continue
        except OSError as error:
            raise StoreError(f"{path}: cannot read ({describe_error(error)}), so it cannot be backed up") from None
        document, problem = _store_file(name, data, check_records)
        if problem and not allow_damaged:
            raise StoreCorruptError(
                f"{path} {problem}; eujobs will not back up a damaged store. Restore a backup instead"
            )
        if problem:
            damaged.append(name)
        else:
            versions.append(schema_version_of(document))  # as written: a migration in memory leaves it be
            records.update(_records_of(document))
        files[name] = data
    try:
        texts = sorted(entry.name for entry in os.scandir(store.root / "texts") if _TEXT_NAME.fullmatch(entry.name))
    except FileNotFoundError:
        texts = []
    return _Snapshot(files, texts, max(versions, default=SCHEMA_VERSION), damaged, records,
                     attachments=_kept(store.root))


def _kept(root: Path) -> list[str]:
    try:
        return sorted(entry.name for entry in os.scandir(root / ATTACHMENTS) if KEPT_NAME.fullmatch(entry.name))
    except FileNotFoundError:
        return []


def _records_of(document: dict) -> dict[str, int]:
    return {table: len(rows) for table, rows in document.items() if table != "_meta"}


def _empty_store_file() -> bytes:
    return json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION}}}, separators=(",", ":")).encode()


def _write_zip(store: Store, snapshot: _Snapshot, destination: Path, now: datetime) -> Path:
    target = _target(destination, now)
    manifest = {"format": FORMAT, "schema": snapshot.schema, "taken_at": now.isoformat(timespec="seconds"),
                "records": snapshot.records}
    if snapshot.damaged:
        manifest["damaged"] = snapshot.damaged
    stamp = (max(now.year, 1980), now.month, now.day, now.hour, now.minute, now.second)
    try:
        remove_leftovers(target.parent)  # the temporary files of backups killed before they were written whole
        _write_archive(store, snapshot, target, manifest, stamp)
    except OSError as error:  # a folder it may not read or write, or that takes no files (/proc)
        raise StoreError(f"{target}: could not write the backup ({describe_error(error)})") from None
    return target


def _write_archive(store: Store, snapshot: _Snapshot, target: Path, manifest: dict, stamp: tuple) -> None:
    with atomic_file(target, "could not write the backup") as temp:
        with zipfile.ZipFile(temp, "w", zipfile.ZIP_DEFLATED) as archive:
            left_out = _add_attachments(archive, store.root, snapshot.attachments, stamp)
            if left_out:
                manifest["damaged_attachments"] = left_out
            _add(archive, MANIFEST, json.dumps(manifest, indent=1).encode(), stamp)
            for name, data in snapshot.files.items():
                _add(archive, name, data, stamp)
            for name in snapshot.texts:
                path = store.root / "texts" / name
                try:
                    data = path.read_bytes()
                except FileNotFoundError:  # deleted by hand since: the store reads it as empty too
                    continue
                except OSError as error:
                    raise StoreError(f"{path}: cannot read ({describe_error(error)}), so it cannot be backed up") \
                        from None
                _add(archive, f"texts/{name}", data, stamp)


def _add_attachments(archive: zipfile.ZipFile, root: Path, names: list[str], stamp: tuple) -> list[str]:
    """Add the copies of files sent, stored as they are (a PDF or a document is compressed already); one whose
    content no longer matches its name (or put there as a link) is left out, and named: a restore would refuse the
    whole backup."""
    left_out = []
    for name in names:
        path = root / ATTACHMENTS / name
        if not os.path.lexists(path):
            continue  # gone since the snapshot (by hand: eujobs never removes one)
        if (data := _intact_copy(path, name)) is None:
            left_out.append(name)
            continue
        _add(archive, f"{ATTACHMENTS}/{name}", data, stamp, zipfile.ZIP_STORED)
    return left_out


def _target(destination: Path, now: datetime) -> Path:
    """The file to write: `destination` itself when it names a .zip (replacing only a backup of eujobs'), else a
    new dated file in that folder. Missing folders are made, private."""
    # os.path, not Path methods: a path in a folder the user may not look into is no error here (said below)
    if not os.path.isdir(destination) and destination.suffix.lower() == ".zip":
        folder, target = destination.parent, destination
        if os.path.lexists(target) and own_manifest(target) is None:
            raise StoreError(f"{target} exists and is not an eujobs backup; eujobs will not overwrite it "
                             "(name a new file, or a folder)")
    elif os.path.exists(destination) and not os.path.isdir(destination):
        raise StoreError(f"{destination} is neither a folder nor a .zip file; cannot write a backup there")
    else:
        folder, target = destination, None
    make_folder_to_write(folder, "backup", "a backup")
    if target is not None:
        return target
    # Never overwrite an earlier backup taken in the same second (two restores in a row, say).
    stem = f"eujobs-backup-{now:%Y%m%d-%H%M%S}"
    target, number = folder / f"{stem}.zip", 1
    while os.path.lexists(target):
        number += 1
        target = folder / f"{stem}-{number}.zip"
    return target


def _add(archive: zipfile.ZipFile, name: str, data: bytes, stamp: tuple,
         method: int = zipfile.ZIP_DEFLATED) -> None:
    info = zipfile.ZipInfo(name, date_time=stamp)
    info.compress_type = method
    info.external_attr = 0o100600 << 16  # unzipped by hand, the files stay private too
    archive.writestr(info, data)


# Checking a backup


class _Checked:
    """An open, fully checked backup: its store files in memory, its texts read from the zip on demand."""

    def __init__(self, path: Path, archive: zipfile.ZipFile, manifest: dict, files: dict[str, bytes],
                 texts: list[str], attachments: list[str]) -> None:
        self.path, self.archive, self.manifest, self.files, self.texts = path, archive, manifest, files, texts
        self.attachments = attachments  # members, each checked against its name

    def text(self, member: str) -> bytes:
        try:
            return self.archive.read(member)
        except (zipfile.BadZipFile, zlib.error, EOFError, OSError) as error:
            raise StoreError(f"{self.path} is not an eujobs backup: {member} is damaged ({error})") from None


def check_backup(path: Path) -> dict:
    """Refuse with StoreError unless `path` is a complete, readable backup this eujobs can restore; returns
    its manifest. Every member is unpacked (in memory, a piece at a time) to prove it is intact."""
    with _open_checked(path) as backup:
        return backup.manifest


@contextmanager
def _open_checked(path: Path) -> Iterator[_Checked]:
    def refuse(reason: str) -> StoreError:
        return StoreError(f"{path} is not an eujobs backup: {reason}")

    try:
        archive = zipfile.ZipFile(path)
    except FileNotFoundError:
        raise refuse("there is no such file") from None
    except IsADirectoryError:
        raise refuse("it is a folder") from None
    except OSError as error:
        raise refuse(f"cannot read it ({describe_error(error)})") from None
    except (zipfile.BadZipFile, zlib.error, EOFError, ValueError) as error:
        raise refuse(f"not a zip file, or a damaged or truncated one ({error})") from None
    try:
        backup = _check(archive, refuse)
    except StoreError:
        archive.close()
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, NotImplementedError, ValueError) as error:
        # A damaged member (bad CRC, cut short), an encrypted one, an unknown compression method.
        archive.close()
        raise refuse(f"a file in it cannot be read ({error})") from None
    with archive:
        yield backup


def _check(archive: zipfile.ZipFile, refuse) -> _Checked:
    infos = archive.infolist()
    if len(infos) > MAX_MEMBERS:
        raise refuse(f"it holds {len(infos)} files, more than a store ever has")
    names = [info.filename for info in infos]
    duplicated = sorted({name for name in names if names.count(name) > 1}) if len(set(names)) != len(names) else []
    if duplicated:
        raise refuse(f"it holds {duplicated[0]} twice")
    for name in names:
        if name not in (MANIFEST, *STORE_FILES) and not _TEXT_MEMBER.fullmatch(name) \
                and not _ATTACHMENT_MEMBER.fullmatch(name):
            raise refuse(f"it holds an unexpected file '{name}'")
    # The sizes in the zip's directory bound what reading can return (zipfile stops there and checks the CRC).
    attached = [info for info in infos if _ATTACHMENT_MEMBER.fullmatch(info.filename)]
    if sum(info.file_size for info in infos) - sum(info.file_size for info in attached) > MAX_UNPACKED_BYTES:
        raise refuse(f"it would unpack to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB")
    if sum(info.file_size for info in attached) > MAX_ATTACHMENTS_BYTES:
        raise refuse(f"its attached files would unpack to more than {MAX_ATTACHMENTS_BYTES // (1024 * 1024)} MB")
    if any(info.file_size > MAX_ATTACHMENT_BYTES for info in attached):
        raise refuse(f"it holds an attached file over the {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB eujobs keeps")
    for name in (MANIFEST, *STORE_FILES):
        if name not in names:
            raise refuse(f"it has no {name}")

    budget = [MAX_UNPACKED_BYTES]
    manifest = _parse_json(_read(archive, MANIFEST, budget, refuse), MANIFEST, refuse)
    newest = SCHEMA_VERSION
    if not isinstance(manifest, dict) or manifest.get("format") is None:
        raise refuse(f"{MANIFEST} is not a backup manifest")
    if manifest["format"] != FORMAT:
        raise refuse(f"it is in backup format {manifest['format']!r}; this eujobs reads format {FORMAT}")
    schema = manifest.get("schema")
    if not isinstance(schema, int) or isinstance(schema, bool):
        raise refuse(f"{MANIFEST} names no store schema")
    if schema > newest:
        raise refuse(f"it was written by a newer eujobs (store schema {schema}, this one knows {newest})")
    try:
        datetime.fromisoformat(manifest.get("taken_at"))
    except (TypeError, ValueError):
        raise refuse(f"{MANIFEST} does not say when it was taken") from None

    files = {}
    for name in STORE_FILES:
        data = _read(archive, name, budget, refuse)
        _, problem = _store_file(name, data)
        if problem:
            raise refuse(f"its {name} {problem}")
        files[name] = data
    texts = sorted(name for name in names if _TEXT_MEMBER.fullmatch(name))
    for name in texts:
        try:
            _read(archive, name, budget, refuse).decode("utf-8")
        except UnicodeDecodeError:
            raise refuse(f"{name} is not UTF-8 text") from None
    for info in attached:
        if _member_sha256(archive, info.filename, refuse) != info.filename.removeprefix(f"{ATTACHMENTS}/"):
            raise refuse(f"the attached file {info.filename} is damaged (its content does not match its name)")
    return _Checked(Path(archive.filename), archive, manifest, files, texts, [info.filename for info in attached])


def _member_sha256(archive: zipfile.ZipFile, name: str, refuse) -> str:
    """The sha256 of a member, read a piece at a time; no more than an attached file may hold is read."""
    digest, left = hashlib.sha256(), MAX_ATTACHMENT_BYTES
    with archive.open(name) as member:
        while piece := member.read(_CHUNK):
            left -= len(piece)
            if left < 0:
                raise refuse(f"it holds an attached file over the {MAX_ATTACHMENT_BYTES // (1024 * 1024)} MB "
                             "eujobs keeps")
            digest.update(piece)
    return digest.hexdigest()


def _read(archive: zipfile.ZipFile, name: str, budget: list[int], refuse) -> bytes:
    """One member, counting what is actually unpacked against the budget the directory promised."""
    pieces = []
    with archive.open(name) as member:
        while piece := member.read(_CHUNK):
            budget[0] -= len(piece)
            if budget[0] < 0:
                raise refuse(f"it would unpack to more than {MAX_UNPACKED_BYTES // (1024 * 1024)} MB")
            pieces.append(piece)
    return b"".join(pieces)


def _parse_json(data: bytes, name: str, refuse):
    try:
        return json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise refuse(f"its {name} is not valid JSON") from None


def _store_file(name: str, data: bytes, check_records: bool = True) -> tuple[dict, str | None]:
    """The store file `name` these bytes hold, brought to this eujobs' schema, and why it is not one this eujobs
    can read (None if it is): its records are checked as opening the store checks them, and more (unless
    check_records is off)."""
    try:
        document = json.loads(data)
    except (UnicodeDecodeError, json.JSONDecodeError):
        return {}, "is not valid JSON"
    version = schema_version_of(document) if isinstance(document, dict) else None
    if version is None:
        return {}, "does not hold an eujobs store"
    if any(not isinstance(table, dict) or any(not isinstance(row, dict) for row in table.values())
           for table in document.values()):
        return {}, "does not hold an eujobs store"
    newest = SCHEMA_VERSION
    if version > newest:
        return {}, f"was written by a newer eujobs (store schema {version}, this one knows {newest})"
    try:
        migrate(document, version, newest)
        if check_records:
            _CHECKS[name](document)
    except (RecordError, StoreError) as error:
        return {}, f"holds a record eujobs cannot read ({error})"
    return document, None


# Restoring


def restore_backup(store: Store, path: Path, now: datetime) -> Path:
    """Put the store back as it was in the backup at `path`; returns the backup of the store as it was just
    before, taken into <store>/backups. A backup that fails check_backup changes nothing at all."""
    with _open_checked(path) as backup, store.locked():
        # As it is, even damaged: undoing the restore must give back exactly what was there.
        safety = _write_zip(store, _snapshot(store, allow_damaged=True), store.root / BACKUPS_FOLDER, now)
        texts = store.root / "texts"
        make_private_folder(texts)
        journal.begin(store.root, path)
        try:
            _put_attachments(store.root, backup)
            for member in backup.texts:
                _put_text(texts, member.removeprefix("texts/"), backup.text(member))
            for name in STORE_FILES:
                journal.stage(store.root, name, backup.files[name])
        except BaseException:
            journal.finish_restore(store.root)  # not committed: undone, the store as it was
            raise
        journal.commit(store.root, path)
    return safety


def _put_text(texts: Path, name: str, data: bytes) -> None:
    """A text the store lacks is written at once (no record of the old store names it); one that differs
    waits beside its target for the restore to commit."""
    target = texts / name
    if not os.path.lexists(target):
        write_atomically(target, data)
    elif read_store_file(target) != data:
        journal.stage(texts, name, data)


def _put_attachments(root: Path, backup: _Checked) -> None:
    """Each copy the store lacks is written at once, as a text is; so is one whose content no longer matches its
    name: the name says what it must hold, in the old store as in the restored one."""
    if not backup.attachments:
        return
    folder = root / ATTACHMENTS
    make_private_folder(folder)
    for member in backup.attachments:
        name = member.removeprefix(f"{ATTACHMENTS}/")
        target = folder / name
        if not os.path.lexists(target) or _intact_copy(target, name) is None:
            write_atomically(target, backup.text(member))  # replaces a link put there: never writes through it


def _intact_copy(path: Path, sha256: str) -> bytes | None:
    """The copy at `path` when it holds what its name says; None when it does not, or is no file of the user's."""
    try:
        data = read_store_file(path)
    except StoreError:
        return None
    return data if hashlib.sha256(data).hexdigest() == sha256 else None


# The store's own backups


def daily_backup(store: Store, today: date, keep: int = 5) -> Path | None:
    """Take today's backup into <store>/backups unless there is one; keep the newest `keep` daily backups.
    Costs one stat when today's exists. Returns the new backup's path, or None."""
    if keep < 1:
        raise ValueError("keep must be at least 1")
    folder = store.root / BACKUPS_FOLDER
    target = folder / f"daily-{today:%Y-%m-%d}.zip"
    if target.exists():
        return None
    clock_now = store.clock()
    now = clock_now if clock_now.date() == today else datetime.combine(today, time(), clock_now.tzinfo)
    with store.locked():
        if target.exists():  # another process took it while this one waited for the lock
            return None
        # The store's own files, whose records every read of them checks: the day's first change need not build
        # every posting again (a tenth of a gigabyte at 10,000) to back them up.
        snapshot = _snapshot(store, allow_damaged=False, check_records=False)
        if not any(snapshot.records.values()):
            return None  # nothing to give back: the day's backup waits for a change that finds something
        written = _write_zip(store, snapshot, target, now)
        older = sorted((p for _, p in _backups(folder) if _DAILY.fullmatch(p.name) and p != written), reverse=True)
        for stale in [p for p in older if own_manifest(p) is not None][keep - 1:]:
            try:
                stale.unlink()
            except FileNotFoundError:
                pass
    return written


def own_manifest(path: Path) -> dict | None:
    """The manifest of a backup eujobs wrote at `path`, or None when eujobs cannot tell the file for one of its
    own: a zip holding a manifest of a format it knows, and, for a name with a day in it, taken that day."""
    if not path.is_file():  # a named pipe would hang the read
        return None
    try:
        with zipfile.ZipFile(path) as archive:
            if archive.getinfo(MANIFEST).file_size > 64 * 1024:
                return None
            manifest = json.loads(archive.read(MANIFEST))
        taken = datetime.fromisoformat(manifest["taken_at"])
    except (OSError, KeyError, TypeError, ValueError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
            NotImplementedError):
        return None
    day = _day_of(path.name)
    if manifest.get("format") != FORMAT or (day is not None and taken.date() != day):
        return None
    return manifest


def restore_advice(root: Path) -> str:
    """How to get the store back from its own backups: the newest daily backup that holds something (daily
    backups are only ever taken of a sound store; those taken before a restore may hold a damaged one)."""
    folder = root / BACKUPS_FOLDER
    store = os.path.abspath(root)
    try:
        daily = sorted((path for _, path in _backups(folder) if _DAILY.fullmatch(path.name)), reverse=True)
    except OSError:
        daily = []
    for path in daily:
        manifest = own_manifest(path)
        if manifest is not None and not manifest.get("damaged") and _holds_records(path, manifest):
            taken = datetime.fromisoformat(manifest["taken_at"])
            return (f"To go back to the store as it was at {taken:%Y-%m-%d %H:%M}, run: "
                    f"eujobs --store {store} restore {os.path.abspath(path)}")
    none = "none there holds anything yet" if daily else "none there yet"
    return f"Restore a backup with: eujobs --store {store} restore FILE (the store keeps one a day in {folder}, {none})"


def _holds_records(path: Path, manifest: dict) -> bool:
    """Whether a backup would give back anything: its manifest says (one taken by an older eujobs is read)."""
    records = manifest.get("records")
    if isinstance(records, dict):
        return any(isinstance(rows, int) and rows > 0 for rows in records.values())
    try:
        with zipfile.ZipFile(path) as archive:
            documents = [json.loads(archive.read(name)) for name in STORE_FILES]
        return any(rows for document in documents for table, rows in document.items() if table != "_meta")
    except (OSError, KeyError, ValueError, AttributeError, zipfile.BadZipFile, zlib.error, EOFError, RuntimeError,
            NotImplementedError):
        return False


def describe_backup(path: Path) -> str:
    """What a backup eujobs just wrote holds, for the user: "2 vacancies, 2 texts, 14 KB"."""
    manifest = own_manifest(path) or {}
    vacancies = (manifest.get("records") or {}).get("vacancies", 0)
    with zipfile.ZipFile(path) as archive:
        texts = sum(1 for name in archive.namelist() if name.startswith("texts/"))
        attached = sum(1 for name in archive.namelist() if name.startswith(f"{ATTACHMENTS}/"))
    size = os.path.getsize(path)
    files = f"{attached} attached file{'s' if attached != 1 else ''}, " if attached else ""
    left_out = len(manifest.get("damaged_attachments") or ())
    damaged = (f"; {left_out} damaged attached file{'s' if left_out != 1 else ''} left out (its content no longer "
               "matches what was attached)") if left_out else ""
    return (f"{vacancies} {'vacancy' if vacancies == 1 else 'vacancies'}, {texts} {'text' if texts == 1 else 'texts'}, "
            f"{files}{max(1, round(size / 1024))} KB{damaged}")


def list_backups(store: Store) -> list[Path]:
    """The store's own backups in <store>/backups, daily ones and those taken before a restore, newest first."""
    return [path for _, path in sorted(_backups(store.root / BACKUPS_FOLDER), reverse=True)]


def _backups(folder: Path) -> list[tuple[tuple[date, int], Path]]:
    """Each backup with its sort key: the day in its name, then (within a day, as a daily backup's name has
    no time) the time the file was written."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return []
    found = []
    for entry in entries:
        day = _day_of(entry.name)
        if day is not None and entry.is_file():
            found.append(((day, entry.stat().st_mtime_ns), Path(entry.path)))
    return found


def _day_of(name: str) -> date | None:
    try:
        if match := _DAILY.fullmatch(name):
            return date.fromisoformat(match[1])
        if match := _TAKEN.fullmatch(name):
            return datetime.strptime(match[1], "%Y%m%d-%H%M%S").date()
    except ValueError:
        pass
    return None
