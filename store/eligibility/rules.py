"""Does the candidate meet a posting's eligibility conditions? One verdict per eligibility item, and the fit.

The rules follow the general EU conventions: CEFR levels A1 < ... < C2 (language_rules), EQF levels and the
entry rules of the grades (qualification_rules), a Member State's citizenship, EPSO CAST function groups, and
what only the person can confirm (military service, physical fitness...): met when the profile declares it, or
ticked in the posting's checklist. They read the posting's structured fields (languages, min_experience_years,
education, grade) and, where those are silent, the item's text. Everything is judged on the posting's deadline
(or today when it has none): what the person will have by then.

Pure: no clock (today is passed in), no files, no screen.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from functools import lru_cache

from eujobs.store.eligibility.language_rules import language_verdicts
from eujobs.store.eligibility.profile import DECLARATIONS, Profile, country_name, function_group, is_member_state
from eujobs.store.eligibility.qualification_rules import (
    education_verdict,
    experience_verdict,
    grade_verdict,
    none_required,
    yourself,
)
from eujobs.store.eligibility.verdict import (
    CHECK,
    ELIGIBLE,
    FAILS,
    GRADE_RULES,
    MEETS,
    NOT_CHECKED,
    NOT_ELIGIBLE,
    START_DATE,
    TO_CONFIRM,
    Fit,
    Verdict,
    day,
)
from eujobs.store.model import ChecklistItem, Vacancy

__all__ = ["CHECK", "FAILS", "GRADE_RULES", "MEETS", "START_DATE", "Fit", "Verdict", "fit", "fit_of", "verdicts"]


# ---------------------------------------------------------------- citizenship, CAST, the rest

_PERMIT_COUNTRY = re.compile(r"(?:(?P<w1>[A-Z][\w-]+)\s+)?(?P<w2>[A-Z][\w-]+)\s+work permit"
                             r"|work permit (?:for|in) (?:the\s+)?(?P<w3>[A-Z][\w-]+(?:\s+[A-Z][\w-]+)?)")
_EEA = re.compile(r"\bEEA\b|European Economic Area|Norway|Iceland|Liechtenstein", re.I)
_EEA_STATES = ("Iceland", "Liechtenstein", "Norway")


def _permit_country(text: str) -> str | None:
    """'Belgian work permit or EU citizenship' -> 'Belgium'; None for 'a valid work permit'."""
    m = _PERMIT_COUNTRY.search(text)
    if not m:
        return None
    if m["w3"]:
        return country_name(m["w3"])
    both = country_name(f"{m['w1']} {m['w2']}") if m["w1"] else None
    if both and is_member_state(both):
        return both
    if m["w2"].lower() in ("valid", "eu", "european", "national", "local"):
        return None
    return country_name(m["w2"])


def _citizenship(item: ChecklistItem, profile: Profile) -> Verdict:
    eea = bool(_EEA.search(item.text))
    union = "EU/EEA" if eea else "EU"
    eu = [c for c in profile.citizenships if is_member_state(c) or (eea and c in _EEA_STATES)]
    if eu:
        return Verdict(MEETS, f"{union} citizen ({', '.join(eu)}) ✓")
    permit = "work permit" in item.text.lower()
    country = _permit_country(item.text) if permit else None
    if permit and country and country in profile.work_permits:
        return Verdict(MEETS, f"work permit for {country} ✓")
    if permit and not country and profile.work_permits:
        return Verdict(CHECK, f"You have a work permit for {', '.join(profile.work_permits)}; "
                              "check it is the one required")
    if not profile.citizenships:
        return Verdict(CHECK, "No citizenship in your profile")
    yours = f"you are a citizen of {', '.join(profile.citizenships)}"
    if permit:
        wanted = f"a work permit for {country}" if country else "a work permit"
        return Verdict(FAILS, f"{union} citizenship or {wanted} required: {yours}")
    return Verdict(FAILS, f"{union} citizenship required: {yours}")


_ITEM_GROUP = re.compile(r"\b(?:FG|function\s+group)\s*(?:IV|I{1,3}|[1-4])\b", re.I)
_GROUP_RANK = {"FG I": 1, "FG II": 2, "FG III": 3, "FG IV": 4}


def _cast(item: ChecklistItem, vacancy: Vacancy, profile: Profile, at: date) -> Verdict:
    grade = vacancy.posting.grade or ""
    wanted = function_group(grade) if grade.upper().startswith("FG") else None
    if wanted is None and (m := _ITEM_GROUP.search(item.text)):
        wanted = function_group(m[0])
    results = [c for c in profile.epso_cast if c.function_group in _GROUP_RANK and (c.passed is None or c.passed <= at)]
    in_group = f" ({wanted})" if wanted else ""
    if not results:
        return Verdict(CHECK, f"No CAST result in your profile: register in EPSO CAST{in_group} before you apply")

    def passed(c) -> str:
        return f"CAST {c.function_group} passed" + (f" {day(c.passed)}" if c.passed else "")

    if wanted is None:
        return Verdict(MEETS, f"{passed(results[0])}; the posting names no function group ✓")
    if same := next((c for c in results if c.function_group == wanted), None):
        return Verdict(MEETS, f"{passed(same)} ✓")
    best = max(results, key=lambda c: _GROUP_RANK[c.function_group])
    if _GROUP_RANK[best.function_group] < _GROUP_RANK[wanted]:
        return Verdict(CHECK, f"You passed CAST {best.function_group}; this post is {wanted}")
    return Verdict(CHECK, f"You passed CAST {best.function_group}; this post is {wanted}: check it counts")


# Items only the person can confirm: by the checklist's id for them, else by their words.
_DECLARED_BY_KIND = {"military-service": "military_service", "physical-fitness": "physically_fit",
                     "character-references": "character_references"}
_DECLARED_BY_WORDS = (
    ("no_conflict_of_interest", re.compile(r"conflict of interests?|conflit d['’]intérêts?|Interessenkonflikt", re.I)),
    ("full_rights", re.compile(r"full rights as a citizen|droits civiques|bürgerlichen Ehrenrechte", re.I)),
)
# what makes an item about citizenship beyond the rights it gives ("a citizen of a Member State and enjoy...")
_NATIONALITY = re.compile(r"\bcitizen of\b|\bnational of\b|member state|nationality|ressortissant|work permit|\bEEA\b",
                          re.I)


def _declaration(kind: str, text: str) -> str | None:
    if kind in _DECLARED_BY_KIND:
        return _DECLARED_BY_KIND[kind]
    if kind in ("", "citizenship"):
        found = next((key for key, rx in _DECLARED_BY_WORDS if rx.search(text)), None)
        if found and not (kind == "citizenship" and _NATIONALITY.search(text)):
            return found
    return None


def _declared(key: str, profile: Profile) -> Verdict:
    label = DECLARATIONS[key][0]
    if key in profile.declarations:
        return Verdict(MEETS, f"declared in your profile: {label} ✓")
    return Verdict(CHECK, f"Only you can confirm: {label} (tick it, or declare it in your profile)")


_KNOWN_KINDS = frozenset(("citizenship", "education", "experience", "cast", *_DECLARED_BY_KIND))
_NUMBERED = re.compile(r"-\d+$")


@lru_cache(maxsize=1024)  # a store's postings share their ids: asked for each item of each posting
def _kind_of(item_id: str) -> str:
    """The semantic part of an id: 'elig-citizenship-2' -> 'citizenship'; hashed ids -> ''."""
    kind = item_id.removeprefix("elig-")
    base = _NUMBERED.sub("", kind)
    if base in _KNOWN_KINDS:
        return base
    return "lang" if kind.startswith("lang-") else ""


def reference_day(vacancy: Vacancy, today: date) -> date:
    """The day a posting's rules are judged on: its deadline, what the person will have by then; else today."""
    deadline = vacancy.posting.deadline
    if deadline is None:
        return today
    return deadline.date() if isinstance(deadline, datetime) else deadline


def verdicts(profile: Profile, vacancy: Vacancy, today: date) -> dict[str, Verdict]:
    """A verdict for each eligibility item of the vacancy, by item id, in the checklist's order; then 'grade-rules'
    when the posting names a grade but no education rule, and 'start-date' when the posting starts before the
    candidate is available."""
    at = reference_day(vacancy, today)
    items = [item for item in vacancy.checklist if item.group == "eligibility"]
    found = language_verdicts([item for item in items if _kind_of(item.id) == "lang"], vacancy, profile)
    education = next((item for item in items if _kind_of(item.id) == "education"), None)
    for item in items:
        kind = _kind_of(item.id)
        if kind == "lang":
            continue
        if declared := _declaration(kind, item.text):
            found[item.id] = _declared(declared, profile)
        elif kind == "citizenship":
            found[item.id] = _citizenship(item, profile)
        elif kind == "education":
            found[item.id] = education_verdict(item, vacancy, profile, at, today)
        elif kind == "experience":
            found[item.id] = experience_verdict(item, education, vacancy, profile, at, today)
        elif kind == "cast":
            found[item.id] = _cast(item, vacancy, profile, at)
        elif none_required(item.text):
            found[item.id] = Verdict(MEETS, "none required ✓")
        else:
            found[item.id] = Verdict(CHECK, yourself(item.text))
    found = {item.id: found[item.id] for item in items}  # the checklist's order
    if education is None and (grade := grade_verdict(vacancy, profile, at, today)):
        found[GRADE_RULES] = grade
    start, available = vacancy.posting.start_date, profile.available_from
    if start and available and start < available:
        found[START_DATE] = Verdict(FAILS, f"Starts {day(start)}, you are available from {day(available)}")
    return found


def fit_of(vacancy: Vacancy, found: dict[str, Verdict]) -> Fit:
    """The fit the verdicts make: an item the user ticked counts as met (confirmed) whatever its verdict. A
    posting with no eligibility item is not checked, whatever rules came from elsewhere, unless one fails."""
    left = [v.verdict for item_id, v in found.items() if not vacancy.ticks.get(item_id)]
    fails, to_confirm = left.count(FAILS), left.count(CHECK)
    if fails:
        return Fit(NOT_ELIGIBLE, fails, to_confirm)
    if not any(item.group == "eligibility" for item in (*vacancy.posting.checklist, *vacancy.custom)):
        return Fit(NOT_CHECKED, 0, to_confirm)
    return Fit(TO_CONFIRM if to_confirm else ELIGIBLE, 0, to_confirm)


def fit(profile: Profile, vacancy: Vacancy, today: date) -> Fit:
    return fit_of(vacancy, verdicts(profile, vacancy, today))
