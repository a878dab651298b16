"""What the dashboard's workers and panes post to the main screen: data only.

eq=False, repr=False: a message is an event, equal only to itself, and some carry 10,000 vacancies, which a
log line must not spell out.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from eujobs.store.model import Vacancy
from eujobs.store.persistence.state import Change

from .dashboard import Listing, Load, WatchOutcome
from .read_ahead import PaneLines


@dataclass(eq=False, repr=False)
class Loaded(Message):
    load: Load


@dataclass(eq=False, repr=False)
class Filtered(Message):
    listing: Listing


@dataclass(eq=False, repr=False)
class Indexed(Message):
    """The full-text words of every vacancy (by the sha256 of its text) have been read."""

    words: dict[str, str]


@dataclass(eq=False, repr=False)
class LaidOutAhead(Message):
    lines: list[PaneLines]


@dataclass(eq=False, repr=False)
class TextRead(Message):
    vacancy: Vacancy
    text: str


@dataclass(eq=False, repr=False)
class ChangeAsked(Message):
    """The user asked for a change to a vacancy (a tick, from the panes): the screen saves it."""

    change: Change


@dataclass(eq=False, repr=False)
class Looked(Message):
    """The time of this look is kept: the store's version just before and just after the write."""

    versions: tuple[tuple, tuple]


@dataclass(eq=False, repr=False)
class WatchProgress(Message):
    """What the watch pass reads now: "reading <address>, page 2"."""

    doing: str


@dataclass(eq=False, repr=False)
class Watched(Message):
    """The watch pass is over: what it found, and what it could not read."""

    outcome: WatchOutcome
