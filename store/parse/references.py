"""The posting's own reference number, complete: "EC/2026/CNECT/510505", "EPSO/AD/403/23 - 1" (field 1 of a
competition), "CONS/TA-AD/47 (NL)", "CAJU 04-2023 CCO", "287349". A reference stated by a label is taken whole;
else a labelled token in the text, else the first reference of a known shape.
"""

from __future__ import annotations

import re

from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import search_at
from eujobs.store.parse.staff import describes_the_notice

# One reference token: letters, digits and the separators EU references use, holding a digit.
_TOKEN = r"[A-Z0-9][A-Za-z0-9]*(?:[/\-_.][A-Za-z0-9]+)*"

# Known shapes, which count even without a label. Most specific first.
_KNOWN_SHAPES = [
    r"\bEC/\d{4}/[A-Z][A-Z0-9.\-]*/\d+",                          # Commission call for interest
    r"\bEPSO/[A-Z]+(?:-[A-Z]+)?(?:/[A-Z0-9\-]+)+",                  # EPSO competitions, CAST
    r"\bCOM/(?:\d{4}/\d+|[A-Z][A-Z0-9]*(?:/[A-Z0-9\-]+)+)",         # Commission vacancy notices, competitions
    r"\bPE/(?:\d+|AD|AST)/[A-Z0-9]+(?:/[A-Z0-9]+)*",                # Parliament vacancy notices, competitions
    r"\bCONS/[A-Z][A-Z-]*/\d+(?:/\d+)?",                            # the Council's vacancy notices
]
_KNOWN = re.compile("|".join(f"(?:{shape})" for shape in _KNOWN_SHAPES))
_KNOWN_STARTS = ("ec/", "epso/", "com/", "pe/", "cons/")  # (lower case) where _KNOWN is tried
# Parliament traineeship offers ("10B30-7323"), the look-behind after the digits: the engine then skips to them
_TRAINEESHIP_OFFER = re.compile(r"\d{2}(?<![\w/]\d\d)[A-Z]\d{1,6}-\d{3,6}\b")
# Agencies, searched on their own (the last of the shapes): "cut" takes up an agency prefix and the parts after it
# when none starts with a number, since every agency prefix further in those parts fails the same way on the
# rest of them (quadratic on "AB/CA/AB/CA/..."); not a last part that goes on in lower case ("AB/CA/Ref-CA/1"),
# which may start a prefix of its own.
_AGENCY_PREFIX = r"\b(?:[A-Z][A-Za-z]{1,9}|eu-LISA|EU-OSHA)[/\-](?:[A-Z][/\-])?(?:TA|CA|AD|AST|SNE|END|VN|TR|CAST|RCT)"
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


_DATE_OR_TIME = re.compile(r"^\d{1,4}([./-])\d{1,2}\1\d{2,4}$|^\d{1,2}[.:]\d{2}$|^\d{4}$")


def _valid(token: str) -> bool:
    token = token.rstrip(".-/")
    return (
        any(ch.isdigit() for ch in token)
        and any(ch.isalpha() for ch in token)  # "2020-2025" is a period, "C(2017)6760" a decision
        and len(token) >= 4
        and not _NOT_A_REFERENCE.match(token)
    )


# What completes a reference after its token: the field of a competition ("EPSO/AD/403/23 - 1") and the language
# of a lawyer-linguists' or translators' competition ("CONS/TA-AD/47 (NL)")
_EU_LANGUAGE_CODES = "BG|CS|DA|DE|EL|EN|ES|ET|FI|FR|GA|HR|HU|IT|LT|LV|MT|NL|PL|PT|RO|SK|SL|SV"
_SUFFIX = re.compile(rf"(?:[ \t]*[-–][ \t]*\d{{1,2}}(?![\d/.,:]))?(?:[ \t]*\((?:{_EU_LANGUAGE_CODES})\))?")
# Words a labelled value may open with that are no part of the reference: "COMPETITION PE/AD/304/2024",
# "(DG-DIR-UNIT) MOVE-C-2" (the Commission's SNE form says how the code is built)
_VALUE_LEAD = re.compile(
    r"^(?:(?:external|internal|open)\s+)?(?:vacancy\s+notice|notice\s+of\s+vacancy|competition|call\s+for\s+"
    r"(?:interest|expressions?\s+of\s+interest)|no\.?|n[°º]\.?|nr\.?|number|ref\.?)\s*[:.]?\s*|^\([A-Z-]{3,20}\)\s*", re.I)
# "PE/307/2024/S/INLO - Legal Administrator (AD 5 & AD 7)": a title after a dash; a grade in brackets
_VALUE_TAIL = re.compile(r"\s+[-–—]\s+(?=[^\W\d_]{3}).*$|\s*\((?:AD|AST|FG|SC)[^()]*\)\s*$")
_LINK_TARGET = re.compile(r"\s*\((?:https?|mailto):[^)]*\)")
# a word of a reference written with blanks ("CAJU 04-2023 CCO", "CERT EU", "AGRI-F2-Job no. 261438")
_CODE_WORD = re.compile(r"(?=\S*\d)\S+|[A-Z][A-Z0-9&]{1,9}|[-–/]|(?i:no\.?|n[°º]\.?|nr\.?)")
_VALUE_MAX = 40  # characters of a reference taken whole


def _reference_in_value(value: str) -> str | None:
    """The reference a label's value states: the whole value when it is a code, else the first token in it."""
    value = _LINK_TARGET.sub("", value.split("\n")[0]).strip(" .;,")
    while (lead := _VALUE_LEAD.match(value)) and lead.end():
        value = value[lead.end():]
    value = _VALUE_TAIL.sub("", value).strip(" .;,")
    words = value.split()
    if (value and len(value) <= _VALUE_MAX and len(words) <= 5 and all(_CODE_WORD.fullmatch(w) for w in words)
            and (len(words) > 1 or any(c.isdigit() for c in value)) and not _DATE_OR_TIME.match(value)
            and any(c.isalnum() for c in value) and not describes_the_notice(value)):
        return value
    m = _TOKEN_AT.search(value)
    while m:
        token = m[0].rstrip(".-/")
        if _valid(token):
            return token + _SUFFIX.match(value, m.end())[0]
        m = _TOKEN_AT.search(value, m.end())
    return None


# EEAS notices: "EEAS Headquarters job No 447724", "job n° 389998", "poste n° 623451"
_JOB_NUMBER_STARTS = ("job", "poste", "stelle")
_JOB_NUMBER = re.compile(r"\b(?:job|poste|Stelle)\s+(?:no\.?|n[°º]\.?|number|nr\.?)\s*:?\s*(\d{4,})\b", re.I)


def find_reference(text: str) -> Found[str] | None:
    """The posting's own reference, labelled ones first ("Reference number" / "EPSO/AD/403/23 - 1", "Ref. :
    10B30-7323", "(Reference: Call for interest EC/2026/...)"), else the first reference of a known shape."""
    for field in read_fields(text).all("reference"):
        if reference := _reference_in_value(field.value):
            return Found(reference, field.source())
    text = plain(text)
    if m := search_at(_JOB_NUMBER, text, _JOB_NUMBER_STARTS):
        return Found(m[1], in_line(text, m.start(), m.end(), "job number"))
    if found := _labelled_in_text(text):
        return found
    known = min(filter(None, (search_at(_KNOWN, text, _KNOWN_STARTS), _TRAINEESHIP_OFFER.search(text))),
                key=re.Match.start, default=None)
    agency = next((m for m in _AGENCY.finditer(text) if m["cut"] is None), None)
    if agency and (not known or agency.start() < known.start()):  # (the agency shape was the last alternative)
        known = agency
    if not known:
        return None
    reference = known.group(0).rstrip(".-/")
    end = known.start() + len(reference)
    reference += _SUFFIX.match(text, end)[0]
    return Found(reference, in_line(text, known.start(), end, "reference"))


def _labelled_in_text(text: str) -> Found[str] | None:
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
                return Found(token + _SUFFIX.match(text, start + len(token))[0], in_line(text, m.start(), end, "label"))
        pos = m.start() + 1  # labels overlap: "call for interest reference EC/..."
    return None


def _last(text: str, start: int, end: int, test) -> int:
    """The last position in text[start:end] whose character passes test, or -1."""
    return next((i for i in range(end - 1, start - 1, -1) if test(text[i])), -1)
