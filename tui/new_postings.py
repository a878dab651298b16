"""Postings new since the last look: those a watch found (`eujobs watch` from cron, say, or the dashboard's own)
after the dashboard last showed the whole list, whose time the store keeps (Store.save_look).

Only what a watch found: a file imported or a vacancy added by hand is the user's own doing, and the record
keeps no time of its first version but a watch's (Source.first_seen; imported_at moves with each version).
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timezone

from eujobs.store.model import Vacancy

NEW_MARK = "✦"  # beside the row, as the urgency marks are: a symbol as well as a colour


class NewSince:
    """Which vacancies are new: found by a watch after `last_look` (any a watch found, before a first look)."""

    def __init__(self, last_look: datetime | None) -> None:
        self.last_look = last_look
        self._counted: tuple[Sequence[Vacancy], int] | None = None

    def is_new(self, vacancy: Vacancy) -> bool:
        found = _instant(vacancy.source.first_seen)
        return found is not None and (self.last_look is None or found > self.last_look)

    def count(self, vacancies: Sequence[Vacancy]) -> int:
        """Of `vacancies`; worked out once for each tuple of them (the header asks at each keystroke)."""
        if self._counted is None or self._counted[0] is not vacancies:
            self._counted = (vacancies, sum(map(self.is_new, vacancies)))
        return self._counted[1]


def _instant(text: str | None) -> datetime | None:
    """A time as the store keeps it; None for none, or for one that is no time (a damaged record is no news)."""
    if not text:
        return None
    try:
        moment = datetime.fromisoformat(text)
    except (TypeError, ValueError):
        return None
    return moment if moment.tzinfo else moment.replace(tzinfo=timezone.utc)
