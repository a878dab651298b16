"""What the main screen's workers post back to it: data only."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from eujobs.store.model import Vacancy
from eujobs.store.persistence.state import Change

from .dashboard import Listing, Load
from .read_ahead import PaneLines


@dataclass
class Loaded(Message):
    load: Load


@dataclass
class Filtered(Message):
    listing: Listing


@dataclass
class Indexed(Message):
    """The full-text words of every vacancy (by the sha256 of its text) have been read."""

    words: dict[str, str]


@dataclass
class LaidOutAhead(Message):
    lines: list[PaneLines]


@dataclass
class TextRead(Message):
    vacancy: Vacancy
    text: str


@dataclass
class ChangeAsked(Message):
    """The user asked for a change to a vacancy (a tick, from the panes): the screen saves it."""

    change: Change
