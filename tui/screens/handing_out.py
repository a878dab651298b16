"""What leaves the dashboard: a posting's detail copied to the clipboard, an export written to a file. Each asks
first, in a dialog: which detail to copy, where to write the file (and whether to replace one that is there)."""

from __future__ import annotations

import os
from collections.abc import Callable
from datetime import date
from pathlib import Path

from textual.app import App

from eujobs.store.model import Posting

EXPORTS = {"ics": "the calendar", "csv": "the spreadsheet", "json": "the JSON records"}


def copyable(posting: Posting) -> list[tuple[str, str]]:
    """(what, text) for each detail of the posting worth copying that it has."""
    apply = posting.apply
    details = (("apply e-mail", apply.email), ("apply URL", apply.url), ("reference", posting.reference),
               ("title", posting.title))
    return [(what, text) for what, text in details if text]


def ask_what_to_copy(app: App, posting: Posting, then: Callable[[str, str], None]) -> None:
    """Hand `then` the (what, text) the user picks; with a single detail to copy, that one at once."""
    from .dialogs import ChoicePicker

    choices = copyable(posting)
    if len(choices) == 1:
        then(*choices[0])
        return
    app.push_screen(ChoicePicker("Copy", choices), lambda index: index is not None and then(*choices[index]))


def export_path(text: str) -> Path:
    """The file a typed path names: ~ expanded, relative to the working folder."""
    return Path(os.path.abspath(os.path.expanduser(text.strip())))


def export_path_problem(text: str) -> str | None:
    """Why an export cannot be written where `text` says, in one line; None when it can."""
    if not text.strip():
        return "type the file to write"
    path = export_path(text)
    if path.is_dir():
        return f"{path} is a folder: add a file name"
    if not path.parent.is_dir():
        return f"there is no folder {path.parent}: create it first, or choose another"
    return None


def ask_export_path(app: App, fmt: str, today: date, then: Callable[[Path], None]) -> None:
    """Ask where to write the export (a dated file in the home folder, to edit), and before replacing a file."""
    from .dialogs import Confirm, TextPrompt

    def chosen(text: str | None) -> None:
        if text is None:
            return
        path = export_path(text)
        if path.exists():
            app.push_screen(Confirm(f"{path} exists. Replace it?", yes="Replace"), lambda yes: yes and then(path))
        else:
            then(path)

    app.push_screen(TextPrompt(f"Export {EXPORTS[fmt]} to", value=f"~/eujobs-{today:%Y-%m-%d}.{fmt}",
                               validate=export_path_problem), chosen)
