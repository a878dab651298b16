"""Where in its institution a post sits, as the posting states it: a department label's value ("Sector/Unit/
Division: ETIAS Central Unit Division", "Dział : 08-Dyrekcja Generalna ds. Infrastruktury i Logistyki"), the
Directorate-General of a Commission or Parliament posting ('DG CONNECT'), or the directorate the posting's head
places the post in ("Within the Security and Corporate Services Directorate (RM.SCS), ...")."""

from __future__ import annotations

import re

from eujobs.store.parse.departments import EC, EP, directorates_general_in, find_directorate_general, normalise_department
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.institutions import names_an_institution
from eujobs.store.parse.markup import plain
from eujobs.store.parse.title_lines import names_only_an_institution

_DIRECTORATE_WORDS = r"(?:Directorate(?:[- ]General)?|Department|Division|Centre|Center|Direction|Service)"
_NAME_WORD = r"[A-Z][\w’'&-]*,?"
_NAMED_DIRECTORATE = re.compile(
    # "Part of the Directorate for Policy Planning and Strategic Communication (ECO.GLOBAL.STRAT)",
    # "Within the Security and Corporate Services Directorate (RM.SCS)", "the Policy Coordination Division (SG.COORD)"
    rf"(?P<lead>\b(?:[Pp]art\s+of|[Ww]ithin)\s+)?\b[Tt]he\s+(?P<name>(?:EEAS\s+|EU\s+)?(?:(?:{_NAME_WORD}\s+(?:and\s+|of\s+|for\s+)?)"
    rf"{{1,7}}{_DIRECTORATE_WORDS}|{_DIRECTORATE_WORDS}\s+(?:for|of)\s+(?:{_NAME_WORD}\s*(?:and\s+|of\s+|the\s+)?){{1,8}}))"
    rf"\s*(?:\((?P<acronym>[A-Z][\w.&-]{{1,24}})\))?"
    # the Council: "Directorate General F (Communication and Information)"
    rf"|\b(?P<letter>Directorate[- ]General\s+[A-Z]\s*\([A-Z][^()\n]{{3,60}}\))"
    # a heading's code and name: "MD-PSD.SECDEFPOL - Security and Defence Policy Directorate"
    rf"|(?m:^|\s)(?P<code>[A-Z][A-Z-]+\.[A-Z][\w.-]*)\s+[-–]\s+(?P<coded>(?:{_NAME_WORD}\s+(?:and\s+|of\s+|for\s+)?){{1,7}}"
    rf"{_DIRECTORATE_WORDS})\b")
_LEADING_CODE = re.compile(r"^\d{1,3}\s*[-–.]\s*")  # "08-Dyrekcja Generalna ds. Infrastruktury i Logistyki"
_HEAD = 3000  # characters: a posting places its post near its top


def _department_of_value(value: str, institution: str | None) -> str | None:
    """The department a label's value states: a Directorate-General of the Commission or the Parliament by its
    short form, else the name as written (of "Legal Sector/Corporate Services Department", the largest part, last)."""
    value = _LEADING_CODE.sub("", value.split("\n")[0]).strip(" .;,")
    if institution in (EC, EP, None):
        if short := normalise_department(value):
            return short
        if found := directorates_general_in(plain(value)):
            return min(found, key=lambda hit: (-hit[0], hit[1]))[2]
    part = value.rsplit("/", 1)[-1].strip() if "/" in value and " " in value else value
    return part if part and any(c.isalpha() for c in part) else None


def find_department(text: str, institution: str | None = None) -> Found[str] | None:
    """Which Directorate-General, directorate or division the post is in: a department label's value first; then
    for the Commission and the Parliament their Directorate-General's short form ('DG CONNECT'); then a directorate
    or division the posting's head places the post in, as written."""
    for field in read_fields(text).all("department"):
        department = _department_of_value(field.value, institution)
        if department and department.casefold() != (institution or "").casefold() and not names_an_institution(department):
            return Found(department, field.source())
    if institution in (EC, EP, None) and (short := find_directorate_general(text)):
        return Found(short, "the Directorate-General the posting names")
    text = plain(text)
    named = [m for m in _NAMED_DIRECTORATE.finditer(text, 0, _HEAD)
             if (m["letter"] or m["coded"] or m["acronym"] or m["lead"]) and not names_only_an_institution(m[0])]
    if not named:
        return None
    m = next((m for m in named if m["lead"] or m["coded"]), named[0])
    name = m["letter"] or (f"{m['coded']} ({m['code']})" if m["coded"] else
                           m["name"] + (f" ({m['acronym']})" if m["acronym"] else ""))
    return Found(" ".join(name.split()), in_line(text, m.start(), m.end()))
