"""Short, stable, typeable vacancy ids."""

from __future__ import annotations

import re

# No 0/o, 1/l/i: an id read aloud or copied from a screen over SSH must not be ambiguous.
ALPHABET = "23456789abcdefghjkmnpqrstuvwxyz"
SHORTEST = 5


def identity_key(reference: str | None, title: str, institution: str | None, department: str | None) -> str:
    """What makes two imports the same vacancy: its reference, or failing that what it is and who offers it."""
    if reference:
        return "ref:" + re.sub(r"\s+", "", reference).upper()
    parts = (title, institution or "", department or "")
    return "title:" + "|".join(re.sub(r"\W+", " ", part).strip().lower() for part in parts)


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
