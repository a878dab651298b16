"""A restore that is all or nothing, even when the process is killed at any instant.

A store is two files (catalog.json, state.json) and its texts: no one rename switches them all. So a restore
writes a journal first, `.eujobs-restore` saying "preparing", then puts every file it will replace beside its
target under a name of its own (`.eujobs-restore-<name>`, in the store folder or in texts/), each complete and
on disk, then rewrites the journal to say "committed" (one atomic rename: the instant the restore happens), then
renames each file into place and removes the journal.

Whoever next takes the store's lock finishes what a killed restore left (finish_restore): a committed journal is
carried through, one still preparing is undone (its files removed), so the store read afterwards is wholly the
old one or wholly the restored one. A text the backup adds is written at once: no old record names it.
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

from eujobs.store.errors import StoreError
from eujobs.store.persistence.storage import (
    describe_error,
    fsync_directory,
    read_store_file,
    write_atomically,
)

JOURNAL = ".eujobs-restore"
STAGED = ".eujobs-restore-"
STORE_FILES = ("catalog.json", "state.json")
_STAGED_TEXT = re.compile(r"\.eujobs-restore-([0-9a-f]{64})\.txt")


def begin(root: Path, source: Path) -> None:
    _write_journal(root, "preparing", source)


def stage(folder: Path, name: str, data: bytes) -> None:
    """Put the restored `name` beside its target in `folder`, complete and synced, to be renamed into place."""
    write_atomically(folder / f"{STAGED}{name}", data)


def commit(root: Path, source: Path) -> None:
    """From here on the restore happens, killed or not."""
    _write_journal(root, "committed", source)
    finish_restore(root)


def finish_restore(root: Path) -> None:
    """Carry through a committed restore, or undo one cut short before it committed. Call with the store's
    lock held (no restore is under way then); costs one lstat when there is none."""
    journal = root / JOURNAL
    if not os.path.lexists(journal):
        return
    committed = _journal_state(journal) == "committed"
    texts = root / "texts"
    try:
        staged_texts = [entry.name for entry in os.scandir(texts) if _STAGED_TEXT.fullmatch(entry.name)]
    except FileNotFoundError:
        staged_texts = []
    try:
        # Texts first: the catalog put in place next names them.
        for name in staged_texts:
            target = texts / name.removeprefix(STAGED)
            if committed:
                _remove(target.with_suffix(".words"))  # the old text's words: worked out again when asked
                os.replace(texts / name, target)
            else:
                _remove(texts / name)
        if staged_texts:
            fsync_directory(texts)
        for name in STORE_FILES:
            staged = root / f"{STAGED}{name}"
            if committed and os.path.lexists(staged):
                os.replace(staged, root / name)
            elif not committed:
                _remove(staged)
        fsync_directory(root)
        os.unlink(journal)
        fsync_directory(root)
    except OSError as error:
        raise StoreError(f"{root}: a restore that was cut short could not be {'finished' if committed else 'undone'} "
                         f"({describe_error(error)}); eujobs will try again at the next change") from None


def _write_journal(root: Path, state: str, source: Path) -> None:
    record = {"restore": state, "from": os.path.abspath(source)}
    write_atomically(root / JOURNAL, json.dumps(record).encode())


def _journal_state(journal: Path) -> str:
    try:
        state = json.loads(read_store_file(journal)).get("restore")
    except (ValueError, AttributeError):
        state = None
    if state not in ("preparing", "committed"):
        # Written whole by a rename, so never half-written: someone else wrote this; guessing could mix two stores.
        raise StoreError(f"{journal} is not a restore journal eujobs wrote; eujobs will not guess which store is "
                         "the right one (move it aside, then check the store)")
    return state


def _remove(path: Path) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
