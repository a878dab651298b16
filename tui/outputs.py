"""Getting data out of eujobs from the shell: what is due, exports, backups."""

from __future__ import annotations

import argparse
import os
import stat
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.model import Vacancy
from eujobs.store.outputs.export import DEADLINE, EVENT, NEXT_ACTION, calendar_entries, export, select
from eujobs.store.outputs.timeline import due
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.storage import describe_error, write_atomically

from .formatting import countdown, printable


def run_due(store: Store, args: argparse.Namespace) -> int:
    now = store.clock()
    items = due(store.vacancies(), now, args.days)
    if not items and not args.quiet:
        print(f"Nothing due in the next {args.days} days.")
    for item in items:
        posting = item.vacancy.posting
        moment = f"{item.when:%d/%m/%Y %H:%M}" if item.timed else f"{item.when:%d/%m/%Y}      "
        what = item.vacancy.next_action or "next action" if item.what == "next action" else item.what
        label = f"{what}: {posting.title}" + (f" ({item.note})" if item.note else "")
        reference = f"  {posting.reference}" if posting.reference else ""
        deadline = item.when if item.timed else item.when.date()
        print(printable(f"{moment}  {countdown(deadline, now):<14} {label}{reference}  [{item.vacancy.id}]"))
    return 0


def run_export(store: Store, args: argparse.Namespace) -> int:
    vacancies, now = select(store.vacancies(), args.status), store.clock()
    data = export(vacancies, args.format, now, bom=args.bom)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    if os.path.isdir(args.out):  # (False for a path it may not look into: the write says why)
        raise StoreError(f"{args.out} is a folder: name the file to write (--out FILE)")
    try:
        write_atomically(Path(args.out), data)
    except OSError as error:
        raise StoreError(f"{args.out}: cannot write the export there ({describe_error(error)})") from None
    print(f"Wrote {what_was_exported(vacancies, args.format, now)} to {args.out}", file=sys.stderr)
    return 0


def what_was_exported(vacancies: list[Vacancy], fmt: str, now: datetime) -> str:
    """What an export holds, counted: a calendar has an event per open deadline and next action to come, so
    "24 vacancies" would overstate it."""
    if fmt != "ics":
        return counted(len(vacancies), "vacancy", "vacancies")
    kinds = Counter(entry.what for entry in calendar_entries(vacancies, now))
    counts = [counted(kinds[kind], kind, f"{kind}s") for kind in (DEADLINE, EVENT, NEXT_ACTION) if kinds[kind]]
    events = " and ".join(filter(None, [", ".join(counts[:-1]), *counts[-1:]]))
    of = counted(len(vacancies), "vacancy", "vacancies")
    return f"{events} from {of}" if events else f"no event (no open deadline or next action to come in {of})"


def counted(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def run_backup(store: Store, args: argparse.Namespace) -> int:
    # Imported here: zip files are no concern of the dashboard's start.
    from eujobs.store.persistence.backup import describe_backup, write_backup

    # A path ending in .zip is the file to write; a folder (made if missing) gets a dated name inside.
    destination = Path(args.folder) if args.folder else store.root / "backups"
    written = write_backup(store, destination, store.clock())
    print(f"Backup written: {written} ({describe_backup(written)})")
    return 0


def backup_file(name: str) -> Path:
    """The file `eujobs restore` is given, refused (StoreError) unless it is one: checked before the store is
    opened, which makes a store folder that is not there yet."""
    path = Path(name)
    try:
        is_file = stat.S_ISREG(path.stat().st_mode)
    except OSError as error:
        raise StoreError(f"{path}: cannot read the backup ({describe_error(error)})") from None
    if not is_file:
        raise StoreError(f"{path} is not a backup file (eujobs backup writes one .zip)")
    return path


def run_restore(store: Store, args: argparse.Namespace) -> int:
    from eujobs.store.persistence.backup import restore_backup

    path = args.file  # checked by backup_file, before the store was opened
    kept = restore_backup(store, path, store.clock())
    print(f"Restored from {path}. The store as it was is kept in {kept} "
          f"(eujobs --store {store.root} restore {kept} undoes this).")
    return 0
