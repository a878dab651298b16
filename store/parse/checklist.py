"""The application checklist of a posting: what one must be (eligibility), what the recruiters look
for (selection) and what to do to apply (application).

Item ids must survive a re-import so that the user's ticks stay put: known items get semantic ids
('elig-citizenship', 'app-cv', 'app-deadline'), the others a short hash of their normalised text
('sel-3f9a1c'), so an edit elsewhere in the posting changes no id.
"""

from __future__ import annotations

import hashlib
import re
from datetime import date, datetime

from eujobs.store.model import ChecklistItem, Posting
from eujobs.store.parse.headings import ELIGIBILITY as _ELIGIBILITY_HEADINGS, PROFILE as _PROFILE_HEADINGS
from eujobs.store.parse.requirements import doctorate_years, experience_statements
from eujobs.store.parse.scan import has_any, lowered, lowered_text
from eujobs.store.parse.sections import read_document

_PREFIX = {"eligibility": "elig", "selection": "sel", "application": "app"}
# where an experience statement starts: its qualifier and adjectives ("at least", "relevant professional")
_EXPERIENCE_LEAD = re.compile(r"(?:(?:at least|a minimum of|minimum(?: of)?|min\.|over|more than|au moins"
                              r"|relevant|professional|proven|appropriate)\s+)+$", re.I)
_EDUCATION = re.compile(
    r"level of education|\b(?:university|bachelor|master|doctoral|phd)(?:['’]?s)?\s+(?:degree|studies|diploma|level)|"
    r"\b(?:academic|first|second|advanced)\s+degree|\bdegree in\b|\bdiploma\b|\bEQF\b|qualifications framework"
    r"|\b(?:\d|three|four|five)[\s-]years?['’]?\s+(?:university\s+)?degree"
    r"|completed (?:university |higher |post-?secondary )?"
    r"(?:studies|education)|niveau d['’]enseignement|études universitaires|\bdiplôme", re.I)
_EDUCATION_LEAD_IN = re.compile(
    r"^(?:have|possess|hold|avoir)?\s*(?:a\s+|un\s+)?(?:level of (?:education|studies)\s+(?:which\s+)?correspond(?:s|ing)?\s+to\s+(?:a\s+)?"
    r"|niveau d['’]enseignement correspondant à (?:un\s+)?)", re.I)
_LANGUAGE = re.compile(r"\b(?:knowledge|command|proficien\w*|fluen\w*|mother tongue|languages?|level [ABC][12]|connaissance"
                       r"|maîtrise|langues?)\b", re.I)
# a bullet that offers the next one as an alternative: "(a) post-secondary education, or" / "(b) ..."
_OR_NEXT = re.compile(r"(?:,|;)?\s+(?:or|and/or|ou)\s*$", re.I)
# conditions offered as alternatives ("a diploma, or secondary education and 3 years' experience"),
# unlike a list of fields ("pharmacy, medicine or a related field")
_ALTERNATIVES = re.compile(r"[,;]\s*(?:or|and/or|ou)\b", re.I)
# a paragraph that introduces the selection criteria as a list, outside any profile section
_SELECTION_LEAD_IN = re.compile(r"(?:selection|assessment) criteria|critères de sélection", re.I)
# at most three qualifying words ("a Belgian work permit", "European Union citizenship"), on one line:
# unbounded, a run of capitalised words (a title-case page, many headings) was rescanned from each word
# "cut" takes up a capitalised word that starts no such phrase, from its capital to its end, or to the "valid",
# "work", "citizenship" or "nationality" that ends it: from every later capital of the word, the first word
# runs to the same end and the rest fails the same way (quadratic on "AaAaAa...").
_PERMIT = re.compile(
    r"(?:(?:[A-Z]\w+|valid)[ \t]+){0,3}work permit(?:\s+(?:or|and/or)\s+(?:an?\s+)?(?:[A-Z]\w+[ \t]+){0,3}(?:citizenship|nationality))?"
    r"|(?:[A-Z]\w+[ \t]+){0,3}(?:citizenship|nationality)\s+(?:or|and/or)\s+(?:an?\s+)?"
    r"(?:(?:[A-Z]\w+|valid)[ \t]+){0,3}work permit"
    r"|(?P<cut>[A-Z]\w*?(?=(?:valid|work|citizenship|nationality)?(?!\w)))")
# semantic ids of the criteria EU institutions use in every call (Staff Regulations / CEOS art. 12, 82)
_KNOWN_CRITERIA = (
    ("citizenship", re.compile(r"\bcitizen|\bnationality|\bnational of\b|work permit|ressortissant|nationalité", re.I)),
    ("military-service", re.compile(r"military service|service militaire|\bmatière militaire", re.I)),
    ("physical-fitness", re.compile(r"physically fit|medical(?:ly)? fit|aptitude physique|physiquement apte", re.I)),
    ("character-references", re.compile(r"character (?:references|requirements)|good character|suitability for the performance"
                                        r"|garanties de moralité", re.I)),
    ("cast", re.compile(r"\bCAST\b")),
)


def _permit(text: str) -> re.Match | None:
    """The first work permit or citizenship phrase in text (the phrase is m[0])."""
    if "work permit" not in text:  # (in every phrase: spares a walk over every capitalised word)
        return None
    return next((m for m in _PERMIT.finditer(text) if m["cut"] is None), None)


_PUNCTUATION = re.compile(r"[^\w\s]")
_BLANKS = re.compile(r"\s+")


def _normalised(text: str) -> str:
    return _BLANKS.sub(" ", _PUNCTUATION.sub("", text.lower())).strip()


_LEADING_MARK = re.compile(r"^(?:\(?[a-z0-9]\)\s+|and\s+|or\s+)", re.I)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")


def _display(text: str) -> str:
    """A bullet as a checklist line: no markers, no trailing ';', a capital first letter."""
    text = _LEADING_MARK.sub("", text.strip()).strip(" ;,.")
    return text[:1].upper() + text[1:]


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")


class _Items:
    """Checklist items in order, ids unique: a repeated text is dropped, a clashing id numbered."""

    def __init__(self):
        self.items: list[ChecklistItem] = []
        self.seen: set[tuple[str, str]] = set()
        self.ids: set[str] = set()  # (a walk over the items for each new one was quadratic in a long list)

    def has(self, item_id: str) -> bool:
        return item_id in self.ids

    def add(self, group: str, text: str, key: str | None = None) -> None:
        text = text.strip()
        normalised = _normalised(text) if text else ""
        if not text or (group, normalised) in self.seen:
            return
        self.seen.add((group, normalised))
        base = f"{_PREFIX[group]}-{key or hashlib.sha1(normalised.encode()).hexdigest()[:6]}"
        item_id, n = base, 2
        while self.has(item_id):
            item_id, n = f"{base}-{n}", n + 1
        self.ids.add(item_id)
        self.items.append(ChecklistItem(item_id, group, text))


def _known_criterion(bullet: str) -> str | None:
    return next((key for key, rx in _KNOWN_CRITERIA if rx.search(bullet)), None)


def _experience_text(text: str) -> str | None:
    """The first statement of a minimum experience, to the end of its clause: "At least 6 years of
    professional experience, of which..."; not the years of a degree ("studies of at least 3 years")."""
    hits = experience_statements(text)
    if not hits:
        return None
    start = hits[0].start()
    lead = _EXPERIENCE_LEAD.search(text, max(0, start - 40), start)
    start = lead.start() if lead else start
    end = re.compile(r"[.;\n]").search(text, hits[0].end())
    return _display(text[start:end.start() if end else len(text)])


# one of which stands (lower case) in every match of _EDUCATION: looked for first, in each bullet
_EDUCATION_WORDS = ("education", "degree", "studies", "diploma", "level", "eqf", "qualifications framework", "niveau d",
                    "études universitaires", "diplôme")


def _education_in(bullet: str) -> re.Match | None:
    return _EDUCATION.search(bullet) if has_any(lowered(bullet), _EDUCATION_WORDS) else None


def _education_text(bullet: str) -> str:
    return _display(_EDUCATION_LEAD_IN.sub("", _display(bullet)))


def _degree_or_experience(bullet: str, slots: dict[str, str]) -> str | None:
    """'education' or 'experience' for a bullet stating one whose slot is still free; the one stated
    first wins ('a diploma ... and professional experience of at least one year' is education)."""
    found = [(m.start(), "education") for m in [_education_in(bullet)] if m and "education" not in slots]
    found += [(m.start(), "experience") for m in experience_statements(bullet)[:1] if "experience" not in slots]
    return min(found)[1] if found else None


def _fill(slot: str, bullet: str, slots: dict[str, str]) -> None:
    slots[slot] = _experience_text(bullet) if slot == "experience" else _education_text(bullet)
    if slot == "education" and not _ALTERNATIVES.search(bullet) and (experience := _experience_text(bullet)):
        # "a diploma, and after it at least 3 years of professional experience": both conditions; a
        # bullet of its own about experience still wins ("In addition, at least 3 years of ...")
        slots.setdefault("experience after education", experience)


def _profile_sections(doc) -> list:
    """Sections of what recruiters look for, not those of the eligibility conditions."""
    eligibility = {id(s) for s in doc.find(_ELIGIBILITY_HEADINGS)}  # once: per section it was quadratic
    return [s for s in doc.find(_PROFILE_HEADINGS) if id(s) not in eligibility]


def _joined_alternatives(bullets: list[str]) -> list[str]:
    """'(a) post-secondary education, or' + '(b) secondary education and 3 years' experience' as one
    bullet: alternatives are one condition, to be met one way or the other."""
    conditions: list[list[str]] = []  # the bullets of each condition
    tail = ""  # how the last condition ends
    for bullet in bullets:
        # (only its last bullet can end a condition with "or": looked for in the whole condition, which was copied
        # at each join, a long run of alternatives was quadratic)
        if conditions and _OR_NEXT.search(tail):
            bullet = f"{bullet[:1].lower()}{bullet[1:]}"
            conditions[-1].append(bullet)
            tail = " " + bullet
        else:
            conditions.append([bullet])
            tail = bullet
    return [" ".join([*(part.rstrip() for part in parts[:-1]), parts[-1]]) for parts in conditions]


def _sort_eligibility_bullets(doc, posting: Posting, slots: dict[str, str], items: _Items) -> list[str]:
    """Bullets of the eligibility sections: known criteria become items now, education and experience
    fill their slots, language lines give way to one item per language; returns the rest."""
    others = []
    for bullet in _joined_alternatives(doc.bullets_under(_ELIGIBILITY_HEADINGS)):
        known = _known_criterion(bullet)
        slot = None if known else _degree_or_experience(bullet, slots)
        if slot:
            _fill(slot, bullet, slots)
        elif _LANGUAGE.search(bullet) and not known and posting.languages:
            continue
        elif known == "cast":
            slots["cast"] = bullet
        elif known:
            items.add("eligibility", _display(bullet), known)
        else:
            others.append(bullet)
    if "experience after education" in slots:
        slots.setdefault("experience", slots.pop("experience after education"))
    return others


def _eligibility_in_profile(doc, slots: dict[str, str], items: _Items) -> set[str]:
    """Profile bullets that are really eligibility ('At least 2 years of experience', 'Level 7 EQF',
    'EU citizenship or work permit'); returns them so that selection leaves them out."""
    used = set()
    for bullet in (b for s in _profile_sections(doc) for b in s.bullets):
        slot = _degree_or_experience(bullet, slots)
        if slot:
            _fill(slot, bullet, slots)
        elif _permit(bullet):
            items.add("eligibility", _display(bullet), "citizenship")
        else:
            continue
        used.add(bullet)
    return used


def _eligibility(text: str, posting: Posting, doc, items: _Items) -> set[str]:
    """Adds the eligibility items; returns the profile bullets they used up."""
    slots: dict[str, str] = {}
    others = _sort_eligibility_bullets(doc, posting, slots, items)
    used = _eligibility_in_profile(doc, slots, items)
    permit = _permit(text)  # "only candidates with a Belgian work permit or European citizenship"
    if permit and not items.has("elig-citizenship"):
        phrase = re.sub(r"\bEuropean (?:Union )?(citizenship|nationality)", r"EU \1", permit[0])
        items.add("eligibility", _display(phrase), "citizenship")
    for bullet in others:
        items.add("eligibility", _display(bullet))
    education = slots.get("education") or posting.education
    if education:
        items.add("eligibility", _display(education), "education")
    # an education item that offers experience as its alternative already says all about it
    said = bool(experience_statements(education or ""))
    experience = slots.get("experience") or (None if said else _experience_text(text))
    if experience is None and posting.min_experience_years and not said:
        experience = f"At least {posting.min_experience_years:g} years of professional experience"
    if experience and (doctorate := doctorate_years(text)) and not doctorate_years(experience):
        experience += f" (a completed doctorate counts as up to {doctorate:g} years)"  # said elsewhere in the notice
    if experience:
        items.add("eligibility", experience, "experience")
    for lang in posting.languages:
        name = lang.language[:1].upper() + lang.language[1:]
        items.add("eligibility", f"{name} at {lang.level}" if lang.level else name, f"lang-{_slug(lang.language)}")
    if "cast" in slots or ("CAST" in text and "EPSO" in text  # (what the rule needs, looked for first)
                           and re.search(r"\bEPSO\b[^.]{0,40}\bCAST\b|\bCAST\b[^.]{0,40}\bEPSO\b", text)):
        items.add("eligibility", f"Registered in EPSO CAST{_function_group(posting)}", "cast")
    return used


def _function_group(posting: Posting) -> str:
    return f" ({posting.grade})" if posting.grade and posting.grade.upper().startswith("FG") else ""


def _listed_after_lead_in(doc) -> list[str]:
    """Bullets after "...will be assessed against the following selection criteria:" (EPSO's talent
    screener), wherever that paragraph stands."""
    found, listing = [], False
    for kind, text in doc.outline():
        if kind == "bullet" and listing:
            found.append(text)
        else:
            listing = kind == "text" and text.rstrip().endswith(":") and bool(_SELECTION_LEAD_IN.search(text))
    return found


def _selection(doc, used: set[str], items: _Items) -> None:
    sections = _profile_sections(doc)
    bullets = [b for s in sections for b in s.bullets] + _listed_after_lead_in(doc)
    if not bullets:  # a profile written as lines without bullet marks
        bullets = [p for s in sections for p in s.paragraphs if not p.endswith(":") and len(p) <= 300]
    for bullet in bullets:
        if bullet not in used and not bullet.rstrip().endswith(":"):
            items.add("selection", _display(bullet))


def _zone(moment: datetime) -> str:
    """'CET' where the zone has a name, else 'UTC+01:00'."""
    if moment.tzinfo is None:
        return ""
    name = moment.tzname() or ""
    if name and not name.startswith(("UTC", "+", "-")):
        return name
    offset = moment.strftime("%z")
    return f"UTC{offset[:3]}:{offset[3:5]}"


_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
           "November", "December")  # not strftime's %B, which follows the process locale


def _deadline_text(deadline: datetime | date) -> str:
    day = f"{deadline.day} {_MONTHS[deadline.month - 1]} {deadline.year}"
    if not isinstance(deadline, datetime):
        return day
    zone = _zone(deadline)
    return f"{day}, {deadline:%H:%M}" + (f" ({zone})" if zone else "")


def _application(text: str, posting: Posting, items: _Items) -> None:
    how = posting.apply
    low = lowered_text(text)  # (the words each rule needs, looked for first)
    if "CAST" in text and re.search(r"\bCAST\b[^.]{0,150}\bregist|\bregist\w*\b[^.]{0,150}\bCAST\b", text):
        items.add("application", f"Register in the EPSO CAST database{_function_group(posting)} if not registered yet", "cast")
    documents = [d for d in how.documents if not d.startswith("as ")]
    for document in documents:
        items.add("application", document[:1].upper() + document[1:], _slug(document))
    if "as a single PDF" in how.documents and documents:
        in_order = "in the following order" in low and re.search(r"in the following order", text, re.I)
        order = " (in this order)" if in_order else ""
        items.add("application", f"Send {' + '.join(documents)} as a single PDF{order}", "single-pdf")
    if how.email:
        subject = f" with {how.subject} in the subject" if how.subject else ""
        items.add("application", f"E-mail to {how.email}{subject}", "email")
    if how.url:
        items.add("application", f"Apply online at {how.url}", "url")
    elif not how.email and "apply online" in low and re.search(r"\bapply online\b", text, re.I):
        items.add("application", "Apply online", "online")
    if posting.deadline:
        items.add("application", f"Before the deadline {_deadline_text(posting.deadline)}", "deadline")


def build_checklist(text: str, posting: Posting) -> list[ChecklistItem]:
    doc = read_document(text)
    items = _Items()
    used = _eligibility(text, posting, doc, items)
    _selection(doc, used, items)
    _application(text, posting, items)
    return items.items
