"""Small labelled facts: the job domain and the portal's applicant count."""

from __future__ import annotations

import re

from eujobs.store.parse.scan import lowered_text
from eujobs.store.parse.sections import Document

_DOMAIN_LABELS = ("domain", "job domain", "field", "field of activity", "area", "area of activity",
                  "professional area", "job family", "domain of activity", "domaine", "domaine d'activité",
                  "domaine d’activité")
_WRITTEN_NUMBERS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                    "nine": 9, "ten": 10, "no": 0}
# "3 people have already applied to this offer", "1 person has applied", "Applicants: 12"
# The number takes no blank at its end: that is for \s+ (when both could, each split of a long run of blanks was
# tried); "cut" takes up a run of digits that starts no count: every later number of the run reaches the same end
# and fails the same way, and was tried again (quadratic on "1. 1. 1. ...").
_APPLIED = re.compile(
    r"\b(\d(?:[\d,.]| +(?=[\d,.]))*|" + "|".join(_WRITTEN_NUMBERS) + r")\s+(?:people|persons?|candidates?|applicants?"
    r"|users?)\s+"
    r"(?:have|has)\s+(?:already\s+)?applied|(?P<cut>\b\d[\d,. ]*)", re.I)
_COUNT_VALUE = re.compile(r"\s*(\d[\d,. ]*)")
_APPLICANT_LABELS = ("applicants", "number of applicants", "applications received", "candidates")


def find_domain(doc: Document) -> str | None:
    value = doc.label(*_DOMAIN_LABELS)
    return re.sub(r"\s+", " ", value).strip(" .;") if value else None


def _count(word: str) -> int | None:
    word = word.strip().lower()
    if word in _WRITTEN_NUMBERS:
        return _WRITTEN_NUMBERS[word]
    digits = re.sub(r"[,. ]", "", word)
    return int(digits) if digits.isdigit() else None


def find_applicants(doc: Document, text: str) -> int | None:
    m = None
    if "applied" in lowered_text(text):  # (what every count says: without it, the rule only walks over the numbers)
        m = next((m for m in _APPLIED.finditer(text) if m["cut"] is None), None)
    if m:
        return _count(m[1])
    value = doc.label(*_APPLICANT_LABELS) or ""
    # what re.fullmatch(r"\s*(\d[\d,. ]*)\s*", value) reads, without its backtracking over the blanks that both
    # [\d,. ]* and \s* take (cubic on a number followed by a long run of blanks)
    m = _COUNT_VALUE.match(value)
    return _count(m[1]) if m and not value[m.end():].strip() else None
