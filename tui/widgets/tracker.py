"""The tracker pane: where the user stands with a vacancy — status, dates, history and notes."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from eujobs.store.model import StatusChange, Vacancy

from ..formatting import printable
from .text_pane import Block, VacancyTextPane, label, muted, wrap_blocks

if TYPE_CHECKING:
    from ..read_ahead import PaneLines

# A symbol per status, so the state reads without colour.
STATUS_SYMBOLS = {
    "new": "•", "interested": "☆", "preparing": "✎", "applied": "✉", "interview": "☏",
    "offer": "★", "accepted": "✓", "rejected": "✗", "withdrawn": "↩", "closed": "■",
}
STATUS_HINT = "s to change"
NO_NOTES = "No notes. Press n to write some."


def status_text(status: str) -> str:
    return f"{STATUS_SYMBOLS.get(status, '?')} {status}"


class TrackerPane(VacancyTextPane):
    """Where the application stands: status, dates, history, notes."""

    def blocks(self, vacancy: Vacancy) -> Iterable[Block]:
        return tracker_blocks(vacancy, self.now)

    def lines_ahead(self, lines: PaneLines) -> list[Content]:
        return lines.tracker


def tracker_lines(vacancy: Vacancy, width: int, now: datetime) -> list[Content]:
    """The pane's lines for `vacancy`, as TrackerPane lays them out; pure, so a worker may."""
    return list(wrap_blocks(tracker_blocks(vacancy, now), width))


def tracker_blocks(vacancy: Vacancy, now: datetime) -> Iterable[Block]:
    yield label("Status"), Content.assemble((status_text(vacancy.status), "bold"), "  ", (STATUS_HINT, "$text-muted"))
    applied = vacancy.applied_date
    yield label("Applied"), Content(applied.strftime("%d/%m/%Y")) if applied else muted("—")
    yield label("Next"), _next_action(vacancy, now)
    yield Content(), Content()
    yield Content(), Content.styled("History", "bold $accent")
    if not vacancy.history:
        yield Content(), muted("No status changes yet.")
    for change in reversed(vacancy.history):
        yield _history_line(change)
    yield Content(), Content()
    yield Content(), Content.styled("Notes", "bold $accent")
    yield Content(), Content(printable(vacancy.notes)) if vacancy.notes.strip() else muted(NO_NOTES)


def _next_action(vacancy: Vacancy, now: datetime) -> Content:
    what = printable(vacancy.next_action)
    when = vacancy.next_action_on
    if when is None:
        return Content(what) if what else muted("—")
    day = when.strftime("%d/%m/%Y")
    if when < now.date():
        return Content.assemble((f"! {day} overdue", "bold $error"), "  ", what)
    return Content.assemble(day, "  ", what)


def _history_line(change: StatusChange) -> Block:
    # The time as the store's clock wrote it: the user's own wall time when it was recorded.
    try:
        at = datetime.fromisoformat(change.at).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        at = printable(change.at)
    note = Content.assemble(" — ", printable(change.note)) if change.note else Content()
    return Content(f"{at}  "), Content(status_text(change.status)) + note
