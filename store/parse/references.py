"""The posting's own reference number ("EC/2026/CNECT/510505", "EPSO/AD/412/25", "10B30-7323")."""

from __future__ import annotations

import re

from .markup import plain

# One reference token: letters, digits and the separators EU references use, holding a digit.
_TOKEN = r"[A-Z0-9][A-Za-z0-9]*(?:[/\-_.][A-Za-z0-9]+)*"

# Known shapes, which count even without a label. Most specific first.
_KNOWN_SHAPES = [
    r"\bEC/\d{4}/[A-Z][A-Z0-9.\-]*/\d+",                          # Commission call for interest
    r"\bEPSO/[A-Z]+(?:-[A-Z]+)?(?:/[A-Z0-9\-]+)+",                  # EPSO competitions, CAST
    r"\bCOM/(?:\d{4}/\d+|[A-Z]+(?:/[A-Z0-9\-]+)+)",                 # Commission vacancy notices
    r"\bPE/\d+/[A-Z]+",                                             # Parliament vacancy notices
    r"(?<![\w/])\d{2}[A-Z]\d{1,6}-\d{3,6}\b",                       # Parliament traineeship offers
    r"\b(?:[A-Z][A-Za-z]{1,9}|eu-LISA|EU-OSHA)[/\-](?:TA|CA|AD|AST|SNE|END|VN|TR|CAST|RCT)(?:[/\-][A-Z0-9]+)*[/\-]\d+[A-Z0-9/\-]*",  # agencies
]
_KNOWN = re.compile("|".join(f"(?:{shape})" for shape in _KNOWN_SHAPES))

# "Post identification: (DG-DIR-UNIT) MOVE-C-2" (the Commission's SNE form): the bracket says how
# the code is built and is skipped.
_LABEL = re.compile(
    r"(?:\bOur ref(?:erence)?\b|\bRef(?:erence)?\b|\bRéférence\b|\bVacancy notice\b|\bCall for (?:interest|expressions? of interest)\b"
    r"|\bPost (?:number|no|identification)\b|\bJob (?:ID|reference|number)\b)"
    r"\.?(?:\s*(?:no|number|nr|n°|code|ID)\b\.?)?\s*[:.#]?\s*(?:\([A-Z-]{3,20}\)\s*)?"
    r"(?:(?:call for interest|vacancy notice|call for expressions? of interest)\s*[:.]?\s*)?"
    rf"(?P<ref>{_TOKEN})",
    re.I,
)

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
    while m := _LABEL.search(text, pos):
        token = m.group("ref").rstrip(".-/")
        if _valid(token) and text[m.end("ref"):m.end("ref") + 1] != "(":  # "C(2017)6760" is a decision
            return token
        pos = m.start() + 1  # labels overlap: "call for interest reference EC/..."
    m = _KNOWN.search(text)
    return m.group(0).rstrip(".-/") if m else None
