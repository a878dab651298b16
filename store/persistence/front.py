"""The front of the list: the first rows of the dashboard's opening view, kept so that the next start draws
its first screen before it reads the catalog.

Reading 10,000 postings takes a fifth of a second before a first frame could show any of them; their first
rows are a few hundred KB. The front is a cache, written after a full read and trusted only while nothing it
was worked out from has changed: the catalog and state files (their stat keys, as every write replaces a
file whole) and which postings are open (no deadline has passed since, and the clock has not gone back
over one). Anything else wrong with it and it is ignored: the catalog is read as it always was.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from eujobs.store.eligibility.profile import Profile
from eujobs.store.model import Vacancy
from eujobs.store.outputs.timeline import deadline_instant, is_open

FRONT_FILE = "front.json"
FRONT_ROWS = 200  # more rows than a terminal shows
FORMAT = 1


@dataclass(frozen=True)
class FrontRows:
    """What a valid front says: the catalog documents of the first rows, in order, and the list's counts."""

    documents: list[dict]
    count: int
    open_count: int


@dataclass(frozen=True)
class Front:
    """The first screen's data, as a full read at `version` would give it."""

    vacancies: tuple[Vacancy, ...]  # the first rows of the list, in its opening order
    count: int  # of the whole store
    open_count: int
    profile: Profile
    version: tuple


def front_document(version: tuple, documents: list[dict], vacancies: Sequence[Vacancy], now: datetime) -> dict:
    """The front of a store at `version`: `documents` are the catalog documents of its first rows in the
    opening order (by deadline at `now`), `vacancies` all of the store's."""
    after, until = _open_window(vacancies, now)
    return {"front": FORMAT, "version": _plain(version), "open_after": after, "open_until": until,
            "count": len(vacancies), "open_count": sum(is_open(v, now) for v in vacancies), "rows": documents}


def read_front(data: object, version: tuple, now: datetime) -> FrontRows | None:
    """The rows of a front, if it was written for this version of the store and its order still holds at
    `now`; else None."""
    try:
        if data["front"] != FORMAT or data["version"] != _plain(version):
            return None
        after, until = (datetime.fromisoformat(data[key]) if data[key] else None for key in ("open_after", "open_until"))
        if (after is not None and not after < now) or (until is not None and not now <= until):
            return None
        rows = FrontRows(list(data["rows"]), int(data["count"]), int(data["open_count"]))
    except (KeyError, TypeError, ValueError):
        return None
    return rows if rows.documents and all(isinstance(row, dict) for row in rows.documents) else None


def _open_window(vacancies: Sequence[Vacancy], now: datetime) -> tuple[str | None, str | None]:
    """The last deadline passed and the next to come, around `now`: between them the same postings are open,
    and the list's order (open ones first) is the same."""
    instants = [instant for v in vacancies if (instant := deadline_instant(v.posting.deadline)) is not None]
    after = max((instant for instant in instants if instant < now), default=None)
    until = min((instant for instant in instants if instant >= now), default=None)
    return (after.isoformat() if after else None), (until.isoformat() if until else None)


def _plain(version: tuple) -> list:
    """A store version (stat keys, None for a missing file) as JSON gives it back."""
    return [list(key) if key is not None else None for key in version]
