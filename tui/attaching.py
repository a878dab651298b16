"""`eujobs attach`, `attachments` and `detach`: the files sent with an application, kept in the store.

The store keeps a copy of the exact file sent, named by its content (store/persistence/attachments.py): the same CV
attached to ten applications is one copy. Detaching takes the file off the vacancy's list; the copy stays, so
attaching it again, or a backup taken before, gives it back whole.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.model import Attachment, Vacancy
from eujobs.store.outputs.safe_text import json_text, one_line
from eujobs.store.persistence.attachments import KIND_LABELS, export_copies, keep_file, size_text
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import ATTACH, ATTACHMENT_KINDS, Change


def add_parsers(commands, common: argparse.ArgumentParser) -> None:
    attach = commands.add_parser(
        "attach", parents=[common], help="keep a copy of a file you sent with an application",
        description="Keep a copy of the exact file sent with an application (up to 20 MB), listed with the "
                    "vacancy. The same file attached to several applications is kept once.")
    attach.add_argument("vacancy", metavar="ID|REFERENCE")
    attach.add_argument("file", metavar="FILE")
    attach.add_argument("--as", dest="used_as", choices=ATTACHMENT_KINDS, default="other", metavar="KIND",
                        help=f"what it was sent as: {', '.join(ATTACHMENT_KINDS)} (default: other)")
    listing = commands.add_parser(
        "attachments", parents=[common], help="list the files sent with an application, or copy them out",
        description="List the files attached to a vacancy (date, name, size, kind), or write copies of them "
                    "into a folder (--export DIR; a name already there is numbered, never overwritten).")
    listing.add_argument("vacancy", metavar="ID|REFERENCE")
    listing.add_argument("--json", action="store_true", help="print them as JSON")
    listing.add_argument("--export", "--out", dest="export", metavar="DIR",
                         help="write a copy of each into DIR (made if missing)")
    detach = commands.add_parser(
        "detach", parents=[common], help="take a file off a vacancy's attachments",
        description="Take a file off a vacancy's attachments, by its name or the start of its sha256 (eujobs "
                    "attachments ID --json shows it). The store keeps its copy: attach it again to undo.")
    detach.add_argument("vacancy", metavar="ID|REFERENCE")
    detach.add_argument("file", metavar="NAME|HASH")


def run_attach(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    kept = keep_file(store.root, Path(args.file))
    named, kind = _named(vacancy), KIND_LABELS[args.used_as]
    there = next((a for a in vacancy.attachments if a.sha256 == kept.sha256), None)
    if there is not None and (there.name, there.used_as) == (kept.name, args.used_as):
        print(f"{one_line(kept.name)} is already attached to {named} (since {_day(there.at)}); nothing changed")
        return 0
    store.apply(Change(vacancy.id, ATTACH, {"sha256": kept.sha256, "name": kept.name, "size": kept.size,
                                            "as": args.used_as}))
    others = sum(1 for v in store.vacancies() if v.id != vacancy.id and
                 any(a.sha256 == kept.sha256 for a in v.attachments))
    said = f"Kept {one_line(kept.name)} ({size_text(kept.size)}, as {kind}) for {named}"
    if others:
        said += f"; stored once, already kept for {others} other application{'s' if others != 1 else ''}"
    elif kept.already:
        said += "; stored once (the store had this file already)"
    print(said)
    return 0


def run_attachments(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    attachments = sorted(vacancy.attachments, key=lambda a: a.at)
    if not attachments and not args.json:
        print(f"No files attached to {_named(vacancy)} yet (eujobs attach {vacancy.id} FILE keeps one)")
    elif args.export:
        written = export_copies(store.root, [(a.sha256, a.name) for a in attachments], Path(args.export))
        for path in written:
            print(f"Wrote {one_line(str(path))}")
        print(f"{len(written)} attached file{'s' if len(written) != 1 else ''} of {_named(vacancy)} written to "
              f"{one_line(args.export)}")
    elif args.json:
        print(json_text([attachment_record(a) for a in attachments]))
    else:
        for line in attachment_lines(attachments):
            print(line)
    return 0


def run_detach(store: Store, args: argparse.Namespace) -> int:
    vacancy = store.require(args.vacancy)
    attachment = _attached(vacancy, args.file)
    store.apply(Change(vacancy.id, f"attachment:{attachment.sha256}", None))
    print(f"Detached {one_line(attachment.name)} from {_named(vacancy)}; the store keeps its copy "
          f"(eujobs attach {vacancy.id} FILE attaches it again)")
    return 0


def attachment_record(attachment: Attachment) -> dict:
    """An attachment as --json prints it: the entry the state keeps."""
    return {"id": attachment.id, "sha256": attachment.sha256, "name": attachment.name, "size": attachment.size,
            "as": attachment.used_as, "at": attachment.at}


def attachment_lines(attachments: list[Attachment]) -> list[str]:
    """One line each: date, name, size, kind; the names in a column."""
    width = max(len(one_line(a.name)) for a in attachments)
    return [f"{_day(a.at)}  {one_line(a.name):<{width}}  {size_text(a.size):>8}  {KIND_LABELS.get(a.used_as, '?')}"
            for a in attachments]


def _attached(vacancy: Vacancy, wanted: str) -> Attachment:
    """The attachment by its exact name, else by the start of its sha256 (six characters at least)."""
    matching = [a for a in vacancy.attachments if a.name == wanted]
    if not matching and len(wanted) >= 6:
        matching = [a for a in vacancy.attachments if a.sha256.startswith(wanted.lower())]
    if len(matching) > 1:
        raise StoreError(f"'{one_line(wanted)}' names {len(matching)} attached files of {_named(vacancy)}: detach "
                         "one by its sha256 (" + ", ".join(a.sha256[:12] for a in matching) + ")")
    if not matching:
        raise StoreError(f"no file '{one_line(wanted)}' attached to {_named(vacancy)} (eujobs attachments "
                         f"{vacancy.id} lists them)")
    return matching[0]



def _named(vacancy: Vacancy) -> str:
    return one_line(vacancy.posting.reference or vacancy.id)


def _day(at: str) -> str:
    try:
        return datetime.fromisoformat(at).strftime("%d/%m/%Y")
    except ValueError:
        return one_line(at)
