"""Short, stable, typeable vacancy ids, and what makes two imports the same vacancy."""

from __future__ import annotations

import re
from datetime import datetime, timezone

from eujobs.store.model import Posting

# No 0/o, 1/l/i: an id read aloud or copied from a screen over SSH must not be ambiguous.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SHORTEST = 5

_DASHES = re.compile(r"[\u2010-\u2015\u2212]")  # a PDF's "– 4" is the web page's "- 4"
_BLANKS = re.compile(r"\s+")
_PUNCTUATION = re.compile(r"\W+")


def identity_key(posting: Posting) -> str:
    """What makes two imports the same vacancy: its complete reference ("EPSO/AD/425/25 - 4" is not field 5,
    nor the competition as a whole), or without one its title, institution and deadline together.

    Stores keep the keys they were written with: a reference's key is what it always was (only Unicode
    dashes are new to it), and the old key of a posting without a reference (title, institution and
    department, which merged two rounds of one call) has a prefix of its own, never matched again."""
    if posting.reference:
        return "ref:" + _BLANKS.sub("", _DASHES.sub("-", posting.reference)).upper()
    parts = (_words(posting.title), _words(posting.institution), _instant(posting.deadline))
    return "title+deadline:" + "|".join(parts)


def difference(stored: dict, incoming: dict) -> str | None:
    """What tells two postings of one key apart as two vacancies (they are catalog documents): another title,
    else another grade. A grade one of them does not state is no difference: a web page may give it and the
    PDF of the same call not."""
    if _words(stored.get("title")) != _words(incoming["title"]):
        return "title"
    grade = stored.get("grade")  # (.get: a catalog written by hand or by an older eujobs may lack a field)
    if grade and incoming["grade"] and _words(grade) != _words(incoming["grade"]):
        return "grade"
    return None


def conflict_key(key: str, incoming: dict, field: str) -> str:
    """The key of a posting kept apart from the vacancy of `key` by `field`: that key and the posting's own
    value, so importing the same file into another store gives the same id, and a new version of it finds
    it again."""
    return f"{key}|{field}:{_words(incoming[field])}"


def new_id(key: str, taken: set[str]) -> str:
    """Derive the id from the key, so the same vacancy gets the same id in any store; lengthen on a clash."""
    import hashlib  # here: loading OpenSSL was 2 ms of every dashboard start, which hashes nothing

    digest = int.from_bytes(hashlib.sha256(key.encode()).digest(), "big")
    letters = []
    while digest:
        digest, index = divmod(digest, len(ALPHABET))
        letters.append(ALPHABET[index])
    for length in range(SHORTEST, len(letters) + 1):
        candidate = "".join(letters[:length])
        if candidate not in taken:
            return candidate
    raise ValueError(f"no free id for {key!r}")


def _words(text: str | None) -> str:
    """Text as compared: case, blanks and punctuation left out."""
    return _PUNCTUATION.sub(" ", text or "").strip().lower()


def _instant(deadline) -> str:
    """The deadline as one instant ("12:00 Brussels time" and "11:00 UTC" are one), a date as it is."""
    if isinstance(deadline, datetime) and deadline.tzinfo is not None:
        return deadline.astimezone(timezone.utc).isoformat()
    return deadline.isoformat() if deadline is not None else ""
