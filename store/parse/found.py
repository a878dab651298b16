"""A value a finder read, and where it read it: what `eujobs show ID --sources` prints beside the value."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Generic, TypeVar

from eujobs.store.parse.scan import lowered, lowered_text

T = TypeVar("T")

_EXCERPT = 40  # characters of a sentence quoted as the source


@dataclass(frozen=True)
class Found(Generic[T]):
    value: T
    source: str


def line_of(text: str, pos: int) -> int:
    """The 1-based line of text that position pos stands on."""
    return text.count("\n", 0, pos) + 1


def in_line(text: str, start: int, end: int, how: str = "sentence") -> str:
    """'line 40, sentence "…apply by 12 May 2026…"': the line of text[start:end] and the words around it."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    line = text[line_start:line_end if line_end >= 0 else len(text)]
    a, b = start - line_start, min(end - line_start, start - line_start + _EXCERPT)
    room = max(0, _EXCERPT - (b - a)) // 2
    lo, hi = max(0, a - room), min(len(line), b + room)
    excerpt = ("…" if lo else "") + " ".join(line[lo:hi].split()) + ("…" if hi < len(line) else "")
    return f'line {line_of(text, start)}, {how} "{excerpt}"'


def where_written(text: str, value: str, how: str = "") -> str:
    """'line 12, "Unit: HR.B.2 – Selection"': the first line of text that holds value (case aside), for a value
    read by a rule that keeps no position."""
    at = lowered_text(text).find(lowered(value.strip())[:60]) if value.strip() else -1
    if at < 0:
        return how or "the posting's text"
    return in_line(text, at, at + min(len(value.strip()), 60), how or "text")
