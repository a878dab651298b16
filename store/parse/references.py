"""The posting's own reference number ("EC/2026/CNECT/510505", "EPSO/AD/412/25", "10B30-7323")."""

from __future__ import annotations

import re

from .markup import plain
from .scan import search_at

# One reference token: letters, digits and the separators EU references use, holding a digit.
_TOKEN = r"[A-Z0-9][A-Za-z0-9]*(?:[/\-_.][A-Za-z0-9]+)*"

# Known shapes, which count even without a label. Most specific first.
_KNOWN_SHAPES = [
    r"\bEC/\d{4}/[A-Z][A-Z0-9.\-]*/\d+",                          # Commission call for interest
    r"\bEPSO/[A-Z]+(?:-[A-Z]+)?(?:/[A-Z0-9\-]+)+",                  # EPSO competitions, CAST
    r"\bCOM/(?:\d{4}/\d+|[A-Z]+(?:/[A-Z0-9\-]+)+)",                 # Commission vacancy notices
    r"\bPE/\d+/[A-Z]+",                                             # Parliament vacancy notices
    r"(?<![\w/])\d{2}[A-Z]\d{1,6}-\d{3,6}\b",                       # Parliament traineeship offers
]
_KNOWN = re.compile("|".join(f"(?:{shape})" for shape in _KNOWN_SHAPES))
# Agencies, searched on their own (the last of the shapes): "cut" takes up an agency prefix and the parts after it
# when none starts with a number, since every agency prefix further in those parts fails the same way on the
# rest of them (quadratic on "AB/CA/AB/CA/..."); not a last part that goes on in lower case ("AB/CA/Ref-CA/1"),
# which may start a prefix of its own.
_AGENCY_PREFIX = r"\b(?:[A-Z][A-Za-z]{1,9}|eu-LISA|EU-OSHA)[/\-](?:TA|CA|AD|AST|SNE|END|VN|TR|CAST|RCT)"
_AGENCY = re.compile(rf"{_AGENCY_PREFIX}(?:[/\-][A-Z0-9]+)*[/\-]\d+[A-Z0-9/\-]*"
                     rf"|(?P<cut>{_AGENCY_PREFIX}(?=[/\-])(?:[/\-][A-Z0-9]++(?![a-z]))*)")

# "Post identification: (DG-DIR-UNIT) MOVE-C-2" (the Commission's SNE form): the bracket says how
# the code is built and is skipped.
_LABEL = re.compile(
    r"(?:\bOur ref(?:erence)?\b|\bRef(?:erence)?\b|\bRéférence\b|\bVacancy notice\b|\bCall for (?:interest|expressions? of interest)\b"
    r"|\bPost (?:number|no|identification)\b|\bJob (?:ID|reference|number)\b)"
    r"\.?(?:\s*(?:no|number|nr|n°|code|ID)\b\.?)?\s*[:.#]?\s*(?:\([A-Z-]{3,20}\)\s*)?"
    r"(?:(?:call for interest|vacancy notice|call for expressions? of interest)\s*[:.]?\s*)?"
    r"(?=[A-Z0-9])",  # where the reference token starts (read by _TOKEN_AT)
    re.I,
)
_LABEL_STARTS = ("our ref", "ref", "référence", "vacancy notice", "call for", "post", "job")  # (where it is tried)
_TOKEN_AT = re.compile(_TOKEN, re.I)

# What a labelled token must not be: a date, a time, a Commission decision, an Ares document number.
_NOT_A_REFERENCE = re.compile(
    r"^\d{1,4}([./-])\d{1,2}\1\d{2,4}$|^\d{1,2}[.:]\d{2}$|^\d+$|^C$|^Ares$|^SEC$|^COM$|^\d{4}$"
)


def _valid(token: str) -> bool:
    token = token.rstrip(".-/")
    return (
        any(ch.isdigit() for ch in token)
        and any(ch.isalpha() for ch in token)  # "2020-2025" is a period, "C(2017)6760" a decision
        and len(token) >= 4
        and not _NOT_A_REFERENCE.match(token)
    )


def find_reference(text: str) -> str | None:
    """The posting's own reference, labelled ones first ("Ref. : 10B30-7323",
    "(Reference: Call for interest EC/2026/...)"), else the first reference of a known shape."""
    text = plain(text)
    pos = 0
    # The token read last: where it starts and ends, and its last digit and letter. Every label inside a token
    # ("Ref.Ref.Ref...") has the rest of it for its own token, which was read and checked again (quadratic).
    read = (0, 0, -1, -1)
    while m := search_at(_LABEL, text, _LABEL_STARTS, pos):
        start = m.end()
        if not read[0] <= start < read[1]:
            end = _TOKEN_AT.match(text, start).end()  # (a token ends with a letter or digit: nothing to strip)
            read = (start, end, _last(text, start, end, str.isdigit), _last(text, start, end, str.isalpha))
        _, end, digit, letter = read
        if digit >= start and letter >= start and end - start >= 4:  # else not _valid
            token = text[start:end].rstrip(".-/")
            if _valid(token) and text[end:end + 1] != "(":  # "C(2017)6760" is a decision
                return token
        pos = m.start() + 1  # labels overlap: "call for interest reference EC/..."
    known = _KNOWN.search(text)
    agency = next((m for m in _AGENCY.finditer(text) if m["cut"] is None), None)
    if agency and (not known or agency.start() < known.start()):  # (the agency shape was the last alternative)
        known = agency
    return known.group(0).rstrip(".-/") if known else None


def _last(text: str, start: int, end: int, test) -> int:
    """The last position in text[start:end] whose character passes test, or -1."""
    return next((i for i in range(end - 1, start - 1, -1) if test(text[i])), -1)
