"""How dates and deadlines read on screen; shared by the command line and the dashboard."""

from __future__ import annotations

import os
from datetime import date, datetime, timezone

from eujobs.store.outputs.safe_text import printable  # the screens and the command line show posting text with it
from eujobs.store.outputs.timeline import deadline_instant
from eujobs.store.procedure.when import zone_named

# What a widget's `now` holds until the screen binds it to the store's clock.
NOT_YET = datetime.min.replace(tzinfo=timezone.utc)


def deadline_text(deadline: datetime | date | None) -> str:
    """The deadline in the posting's own zone, as EU postings write it: '23/03/2026 12:00 Brussels time (UTC+01:00)'."""
    if deadline is None:
        return "not stated"
    if not isinstance(deadline, datetime):
        return deadline.strftime("%d/%m/%Y")
    zone = getattr(deadline.tzinfo, "key", None)
    place = f"{zone.split('/')[-1].replace('_', ' ')} time " if zone else ""
    offset = deadline.isoformat()[19:] or "+00:00"
    return f"{deadline:%d/%m/%Y %H:%M} {place}(UTC{offset})"


def countdown(deadline: datetime | date | None, now: datetime) -> str:
    """Short relative form for lists: 'today 12:00', 'in 3 d', 'closed', or '—' when there is none."""
    instant = deadline_instant(deadline)
    if instant is None:
        return "—"
    if instant < now:
        return "closed"
    # Days are counted and the time shown in the posting's zone: "12:00 Brussels time" is what it promised.
    local = instant
    days = (local.date() - now.astimezone(local.tzinfo).date()).days
    has_time = isinstance(deadline, datetime)
    if days == 0:
        return f"today {local:%H:%M}" if has_time else "today"
    if days == 1:
        return f"tomorrow {local:%H:%M}" if has_time else "tomorrow"
    return f"in {days} d"


def own_zone() -> str | None:
    """The zone the user lives in, as TZ names it, else as the system's clock is set (/etc/localtime)."""
    named = zone_named(os.environ.get("TZ"))
    if named or "TZ" in os.environ:
        return named
    try:
        target = os.readlink("/etc/localtime")
    except OSError:
        return None
    return zone_named(target.partition("zoneinfo/")[2])
