"""The tracker pane: where the user stands with a vacancy — status, dates, the procedure's stages, its events and
deadlines, history, notes and the files sent."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from textual.content import Content

from eujobs.store.model import StatusChange, Vacancy
from eujobs.store.persistence.attachments import KIND_LABELS, size_text

from ..commands import key_of
from ..formatting import printable
from .line_view import NO_BREAK_SPACE
from .procedure_blocks import deadline_blocks, event_blocks, stage_blocks, what_to_add
from .text_pane import Block, VacancyTextPane, label, muted, wrap_blocks

if TYPE_CHECKING:
    from ..read_ahead import PaneLines

# A symbol per status, so the state reads without colour.
STATUS_SYMBOLS = {
    "new": "•", "interested": "☆", "preparing": "✎", "applied": "✉", "interview": "☏",
    "offer": "★", "accepted": "✓", "rejected": "✗", "withdrawn": "↩", "closed": "■",
}
# The keys the hints name, as the table of commands gives them.
SET_STATUS, WRITE_NOTES = "ask('status')", "ask('notes')"
ATTACH_FILE = "ask('attachment')"


def status_text(status: str) -> str:
    return f"{STATUS_SYMBOLS.get(status, '?')}{NO_BREAK_SPACE}{status}"


class TrackerPane(VacancyTextPane):
    """Where the application stands: status, dates, the procedure, history, notes, files sent."""

    def __init__(self, *, own_zone: str | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.own_zone = own_zone  # the user's zone: times are shown in it too when it is not Brussels'

    def blocks(self, vacancy: Vacancy) -> Iterable[Block]:
        return tracker_blocks(vacancy, self.now, self.own_zone)

    def lines_ahead(self, lines: PaneLines) -> list[Content]:
        return lines.tracker


def tracker_lines(vacancy: Vacancy, width: int, now: datetime, own_zone: str | None = None) -> list[Content]:
    """The pane's lines for `vacancy`, as TrackerPane lays them out; pure, so a worker may."""
    return list(wrap_blocks(tracker_blocks(vacancy, now, own_zone), width))


def tracker_blocks(vacancy: Vacancy, now: datetime, own_zone: str | None = None) -> Iterable[Block]:
    # The hint a whole: a narrow pane moves it to the next line rather than part it.
    hint = f"{key_of(SET_STATUS)} to change".replace(" ", NO_BREAK_SPACE)
    yield label("Status"), Content.assemble((status_text(vacancy.status), "bold"), "  ", (hint, "$text-muted"))
    applied = vacancy.applied_date
    yield label("Applied"), Content(applied.strftime("%d/%m/%Y")) if applied else muted("—")
    yield label("Next"), _next_action(vacancy, now)
    yield from stage_blocks(vacancy, now)
    yield from event_blocks(vacancy, now, own_zone)
    yield from deadline_blocks(vacancy, now, own_zone)
    yield from what_to_add(vacancy)
    yield Content(), Content()
    yield Content(), Content.styled("History", "bold $accent")
    if not vacancy.history:
        yield Content(), muted("No status changes yet.")
    for change in reversed(vacancy.history):
        yield _history_line(change)
    yield Content(), Content()
    yield Content(), Content.styled("Notes", "bold $accent")
    no_notes = f"No notes. Press {key_of(WRITE_NOTES)} to write some."
    yield Content(), Content(printable(vacancy.notes)) if vacancy.notes.strip() else muted(no_notes)
    yield from attachment_blocks(vacancy)


def attachment_blocks(vacancy: Vacancy) -> Iterable[Block]:
    """The files sent, as the store keeps them: the day each was attached, its name (literally), size and kind."""
    yield Content(), Content()
    yield Content(), Content.styled("Documents sent", "bold $accent")
    if not vacancy.attachments:
        yield Content(), muted(f"None kept. Press {key_of(ATTACH_FILE)} to keep a copy of a file you send.")
    for attachment in sorted(vacancy.attachments, key=lambda a: a.at):
        try:
            day = datetime.fromisoformat(attachment.at).strftime("%d/%m/%Y")
        except ValueError:
            day = printable(attachment.at)
        # Size and kind a whole: a narrow pane moves them to the next line rather than part them.
        kind = KIND_LABELS.get(attachment.used_as, "?")
        facts = f"{size_text(attachment.size)} · {kind}".replace(" ", NO_BREAK_SPACE)
        yield Content(f"{day}  "), Content.assemble(printable(attachment.name), (f"  {facts}", "$text-muted"))


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
