"""Getting data out of eujobs from the shell: what is due, exports, backups."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.outputs.export import export, select
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
        what = "deadline" if item.what == "deadline" else item.vacancy.next_action or "next action"
        label = f"{what}: {posting.title}"
        reference = f"  {posting.reference}" if posting.reference else ""
        deadline = item.when if item.timed else item.when.date()
        print(printable(f"{moment}  {countdown(deadline, now):<14} {label}{reference}  [{item.vacancy.id}]"))
    return 0


def run_export(store: Store, args: argparse.Namespace) -> int:
    vacancies = select(store.vacancies(), args.status)
    data = export(vacancies, args.format, store.clock(), bom=args.bom)
    if args.out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return 0
    try:
        write_atomically(Path(args.out), data)
    except OSError as error:
        raise StoreError(f"{args.out}: cannot write the export there ({describe_error(error)})") from None
    print(f"Wrote {len(vacancies)} vacancies to {args.out}", file=sys.stderr)
    return 0


def run_backup(store: Store, args: argparse.Namespace) -> int:
    # Imported here: zip files are no concern of the dashboard's start.
    from eujobs.store.persistence.backup import describe_backup, write_backup

    # A path ending in .zip is the file to write; a folder (made if missing) gets a dated name inside.
    destination = Path(args.folder) if args.folder else store.root / "backups"
    written = write_backup(store, destination, store.clock())
    print(f"Backup written: {written} ({describe_backup(written)})")
    return 0


def run_restore(store: Store, args: argparse.Namespace) -> int:
    from eujobs.store.persistence.backup import restore_backup

    path = Path(args.file)
    if not path.is_file():
        raise StoreError(f"{path}: no such backup file")
    kept = restore_backup(store, path, store.clock())
    print(f"Restored from {path}. The store as it was is kept in {kept} "
          f"(eujobs --store {store.root} restore {kept} undoes this).")
    return 0
