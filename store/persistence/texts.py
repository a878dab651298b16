"""The store's texts/ folder: each posting's cleaned text (.txt) and its words (.words), named by the sha256 of
the file it was read from. The catalog names them; a text it does not name is an orphan, and orphans filled a
disk for good: 486 of them stayed after a disk filled during an import, and every later tick failed."""

from __future__ import annotations

import os
import re
from collections.abc import Container, Iterable
from pathlib import Path

TEXT_FILE = re.compile(r"([0-9a-f]{64})\.(?:txt|words)")


def remove_orphan_texts(folder: Path, referenced: Container[str]) -> None:
    """Remove the texts and words no vacancy names, found by the names eujobs gives them (nothing else in the
    folder is touched): those of an import killed between writing its texts and saving the catalog that names
    them. Called under the store's lock, when no save is under way."""
    try:
        entries = list(os.scandir(folder))
    except FileNotFoundError:
        return
    orphans = []
    for entry in entries:
        name = TEXT_FILE.fullmatch(entry.name)
        if name and name.group(1) not in referenced and entry.is_file(follow_symlinks=False):
            orphans.append(entry.path)
    remove_files(orphans)


def remove_files(paths: Iterable[str | Path]) -> None:
    """Remove each file that is there; one that cannot be removed is left (it is garbage, not data)."""
    for path in paths:
        try:
            os.unlink(path)
        except OSError:
            pass
