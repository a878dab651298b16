"""The user's fixes to a parsed field: the text they type, read back with the parser's own rules."""

from __future__ import annotations

import re
from dataclasses import asdict
from datetime import date, datetime

from eujobs.store.errors import StoreError
from eujobs.store.model import CEFR_LEVELS, KINDS, POSTING_YEARS, Vacancy
from eujobs.store.persistence.state import Change

# The fields offered for editing, in the order a person reads a posting.
FIELDS = (
    "title", "reference", "institution", "department", "unit", "locations", "kind", "contract_type", "grade",
    "deadline", "start_date", "duration", "end_date", "languages", "min_experience_years", "education",
    "apply.email", "apply.url", "apply.subject", "job_title", "domain", "applicants",
)


def field_text(vacancy: Vacancy, name: str) -> str:
    """The field as the user would type it."""
    posting = vacancy.posting
    value = getattr(posting.apply, name.split(".")[1]) if name.startswith("apply.") else getattr(posting, name)
    if value is None:
        return ""
    if name == "deadline" and isinstance(value, datetime):
        return value.strftime("%d/%m/%Y %H:%M")
    if isinstance(value, date):
        return value.strftime("%d/%m/%Y")
    if name == "languages":
        return ", ".join(f"{lang.language} {lang.level or ''}".strip() for lang in value)
    if name == "locations":
        return ", ".join(value)
    if name == "kind":
        return _kind_words(value)
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def field_change(vacancy: Vacancy, name: str, text: str) -> Change:
    """The change that sets field `name` to what the user typed; StoreError says what is wrong."""
    if name not in FIELDS:
        raise StoreError(f"'{name}' cannot be edited (one of: {', '.join(FIELDS)})")
    text = text.strip()
    if name.startswith("apply."):
        apply = asdict(vacancy.posting.apply)
        apply[name.split(".")[1]] = text or None
        return Change(vacancy.id, "field:apply", apply)
    return Change(vacancy.id, f"field:{name}", _read(name, text))


def date_change(vacancy: Vacancy, slot: str, text: str) -> Change:
    """The tracker's dates (applied_on, next_action_on) from what the user typed; empty clears."""
    return Change(vacancy.id, slot, _day(text) if text.strip() else None)


def _read(name: str, text: str):
    if name == "title" and not text:
        raise StoreError("the title cannot be empty")
    if not text:
        return [] if name in ("locations", "languages") else None
    reader = _READERS.get(name)
    return reader(text) if reader else text


# The date patterns are compiled on first use: the dashboard imports this module at start (12 ms otherwise).

def _deadline(text: str) -> str:
    from eujobs.store.parse.dates import parse_deadline

    value = parse_deadline(text)
    if value is None:
        raise _not_a_date(text, "23/03/2026 12:00")
    return value.isoformat()


def _day(text: str) -> str:
    from eujobs.store.parse.dates import parse_day

    value = parse_day(text)
    if value is None:
        raise _not_a_date(text, "01/03/2026")
    return value.isoformat()


def _not_a_date(text: str, example: str) -> StoreError:
    first, last = POSTING_YEARS[0], POSTING_YEARS[-1]
    if any(int(year) not in POSTING_YEARS for year in re.findall(r"(?<!\d)\d{4}(?!\d)", text)):
        return StoreError(f"'{text}' is not a date a posting can have: the year must be from {first} to {last}")
    return StoreError(f"'{text}' is not a date: write it day first, e.g. {example}")


def _languages(text: str) -> list[dict]:
    languages = []
    for part in filter(None, (p.strip() for p in re.split(r"[;,]", text))):
        match = re.fullmatch(r"(.+?)(?:\s+([A-Za-z][0-9]))?", part)
        level = match[2].upper() if match[2] else None
        if level is not None and level not in CEFR_LEVELS:
            raise StoreError(f"'{match[2]}' is not a CEFR level (A1 to C2)")
        languages.append({"language": match[1], "level": level})
    return languages


def _number(text: str, whole: bool = False) -> float | int:
    try:
        value = int(text) if whole else float(text.replace(",", "."))
    except ValueError:
        raise StoreError(f"'{text}' is not a {'whole ' if whole else ''}number") from None
    if value < 0:
        raise StoreError("the number cannot be negative")
    return value


def _kind(text: str) -> str:
    kind = text.lower().replace(" ", "_")
    if kind not in KINDS:
        raise StoreError(f"'{text}' is not a kind of post (one of: {', '.join(map(_kind_words, KINDS))})")
    return kind


def _kind_words(kind: str) -> str:
    """'contract agent' for contract_agent: as the details pane says it, and as _kind reads it back."""
    return kind.replace("_", " ")


_READERS = {
    "deadline": _deadline,
    "start_date": _day,
    "end_date": _day,
    "languages": _languages,
    "locations": lambda text: [part.strip() for part in text.split(",") if part.strip()],
    "min_experience_years": _number,
    "applicants": lambda text: _number(text, whole=True),
    "kind": _kind,
}
