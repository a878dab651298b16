"""`eujobs rm`: delete a vacancy, and bring a deleted one back (--undo).

A deleted vacancy leaves the list, `due` and the exports, but the store keeps it whole (its posting, status,
history, notes and ticks) until it is brought back: a mistaken rm costs one command, as a mistaken x in the
dashboard costs one u.
"""

from __future__ import annotations

import argparse
import shlex
import sys

from eujobs.store.errors import StoreError
from eujobs.store.outputs.safe_text import one_line
from eujobs.store.persistence.db import Removed, Store
from eujobs.store.persistence.state import REMOVED, Change


def add_parser(commands, common: argparse.ArgumentParser) -> None:
    rm = commands.add_parser(
        "rm", parents=[common], help="delete a vacancy (rm --undo brings it back)",
        description="Delete a vacancy: it leaves the list, due and the exports; its status, history, notes and "
                    "ticks are kept with it, to bring it back with rm --undo ID. Asks first at a terminal.")
    rm.add_argument("vacancy", nargs="?", metavar="ID|REFERENCE",
                    help="the vacancy; with --undo, the id of a deleted one (none: list the deleted vacancies)")
    rm.add_argument("--yes", action="store_true", help="do not ask (needed when standard input is no terminal)")
    rm.add_argument("--undo", action="store_true", help="bring a deleted vacancy back")


def run_rm(store: Store, args: argparse.Namespace) -> int:
    if args.undo:
        return bring_back(store, args) if args.vacancy else list_removed(store)
    if args.vacancy is None:
        print("eujobs: rm needs the id or reference of the vacancy to delete (see: eujobs list)", file=sys.stderr)
        return 2
    vacancy = store.require(args.vacancy)
    named = f"{vacancy.id} “{one_line(vacancy.posting.title)}”"
    if not args.yes:
        if not sys.stdin.isatty():
            print(f"eujobs: not deleting {named}: there is no terminal to ask on; add --yes to delete it",
                  file=sys.stderr)
            return 2
        print(f"Delete {named}? [y/N] ", end="", file=sys.stderr, flush=True)
        if sys.stdin.readline().strip().lower() not in ("y", "yes"):
            print("Nothing deleted.", file=sys.stderr)
            return 1
    store.remove(vacancy.id)
    print(f"Deleted {named}; its status, notes and ticks are kept with it.")
    print(f"To bring it back: {command_for(args, 'rm', '--undo', vacancy.id)}")
    return 0


def bring_back(store: Store, args: argparse.Namespace) -> int:
    removed = deleted_one(store.removed(), args.vacancy)
    store.apply(Change(removed.id, REMOVED, False))
    print(f"Brought back {removed.id} “{one_line(removed.title)}”.")
    return 0


def deleted_one(removed: list[Removed], wanted: str) -> Removed:
    """The deleted vacancy by its id, or an unambiguous start of it."""
    needle = wanted.strip().lower()
    exact = [r for r in removed if r.id == needle]
    matching = exact or [r for r in removed if r.id.startswith(needle)]
    if len(matching) > 1:
        raise StoreError(f"'{one_line(wanted)}' matches {len(matching)} deleted vacancies: "
                         + ", ".join(r.id for r in matching))
    if not matching:
        raise StoreError(f"no deleted vacancy with id '{one_line(wanted)}' (eujobs rm --undo lists them)")
    return matching[0]


def list_removed(store: Store) -> int:
    removed = store.removed()
    if not removed:
        print("No deleted vacancies.")
    for r in removed:
        print(f"{r.id}  {one_line(r.title)}  (deleted {r.removed_at[:16].replace('T', ' ')})")
    return 0


def command_for(args: argparse.Namespace, *words: str) -> str:
    """The command to type for the same store."""
    store = ["--store", args.store] if getattr(args, "store", None) else []
    return shlex.join(["eujobs", *store, *words])
