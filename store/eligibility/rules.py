"""Does the candidate meet a posting's eligibility conditions? One verdict per eligibility item.

A verdict is 'meets', 'does_not_meet' or 'check' (the profile cannot tell, or only the person can),
with a reason in words a person reads. The rules follow the general EU conventions: CEFR levels
A1 < ... < C2, EQF levels (doctorate 8, master 7, bachelor 6, short-cycle 5, secondary 4), a
Member State's citizenship, EPSO CAST function groups. They read the posting's structured fields
(languages, min_experience_years, education, grade) and, where those are silent, the item's text.

Pure: no clock (today is passed in), no files, no screen.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from itertools import permutations

from eujobs.store.model import CEFR_LEVELS, ChecklistItem, Language, Vacancy
from eujobs.store.parse.scan import lowered
from eujobs.store.eligibility.profile import (
    EU_LANGUAGES,
    Education,
    Profile,
    country_name,
    function_group,
    is_member_state,
    language_name,
)

MEETS, FAILS, CHECK = "meets", "does_not_meet", "check"
START_DATE = "start-date"


@dataclass(frozen=True)
class Verdict:
    verdict: str  # 'meets' | 'does_not_meet' | 'check'
    reason: str


@dataclass(frozen=True)
class Fit:
    blockers: int
    to_check: int

    @property
    def text(self) -> str:
        """'eligible', else the blockers ('1 blocker', '2 blockers'), else what to check ('3 to check')."""
        if self.blockers:
            return f"{self.blockers} blocker{'s' if self.blockers != 1 else ''}"
        if self.to_check:
            return f"{self.to_check} to check"
        return "eligible"

    @property
    def eligible(self) -> bool:
        return self.blockers == 0 and self.to_check == 0

    @property
    def possible(self) -> bool:
        """Nothing rules the candidate out, though something may remain to check."""
        return self.blockers == 0


def _day(d: date) -> str:
    return f"{d:%d/%m/%Y}"


def _years(n: float) -> str:
    return f"{n:g} year{'' if n == 1 else 's'}"


# ---------------------------------------------------------------- languages

def _rank(level: str | None) -> int:
    return CEFR_LEVELS.index(level) if level in CEFR_LEVELS else -1


def _has(lang: Language) -> str:
    return f"{lang.language} {lang.level}"


_GENERIC = re.compile(r"^(?:any|an?)\s+(?:(?P<nth>second|third)\s+)?EU official language$", re.I)


def _generic_slot(lang: Language) -> int | None:
    """0 for 'any EU official language', 1 for 'a second ...', 2 for 'a third ...'; None for a named one."""
    m = _GENERIC.match(lang.language.strip())
    if not m:
        return None
    return {None: 0, "second": 1, "third": 2}[m["nth"] and lowered(m["nth"])]


_ORDINAL = ("one EU language", "a second", "a third")


def _slots_phrase(slots: list[Language]) -> str:
    """'one EU language at C1 and a second at B2'."""
    parts = [f"{_ORDINAL[i]}{f' at {lang.level}' if lang.level else ''}" for i, lang in enumerate(slots)]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def _joint(slots: list[Language], mine: list[Language]) -> tuple[Language, ...] | None:
    """Different EU languages of the profile for each slot ('any', 'a second', ...), each at its level
    or above; of the solutions, the one with the highest levels first; None if there is none."""
    best, best_key = None, None
    for chosen in permutations(mine, len(slots)):
        if all(_rank(have.level) >= _rank(want.level) for have, want in zip(chosen, slots)):
            key = [-_rank(have.level) for have in chosen] + [mine.index(have) for have in chosen]
            if best_key is None or key < best_key:
                best, best_key = chosen, key
    return best


def _generic_verdicts(slots: list[tuple[str, Language]], profile: Profile) -> dict[str, Verdict]:
    """'any EU official language' at C1 and 'a second EU official language' at B2, solved together."""
    wanted = [lang for _, lang in slots]
    phrase = _slots_phrase(wanted)
    mine = [lang for lang in profile.languages if lang.language in EU_LANGUAGES]
    if not profile.languages:
        return {item_id: Verdict(CHECK, f"No languages in your profile; {phrase} required") for item_id, _ in slots}
    chosen = _joint(wanted, mine)
    if chosen:
        named = " and ".join(_has(lang) for lang in chosen)
        return {item_id: Verdict(MEETS, f"{phrase}: {named} ✓") for item_id, _ in slots}
    found: dict[str, Verdict] = {}
    for n, (item_id, want) in enumerate(slots):
        # this slot together with the ones before it: the first may pass where the pair does not
        partial = _joint(wanted[:n + 1], mine)
        if partial:
            named = " and ".join(_has(lang) for lang in partial)
            found[item_id] = Verdict(MEETS, f"{_slots_phrase(wanted[:n + 1])}: {named} ✓")
            continue
        if n == 0:
            best = max(mine, key=lambda lang: _rank(lang.level), default=None)
            yours = f"your best is {_has(best)}" if best else "you list no EU official language"
            found[item_id] = Verdict(FAILS, f"No EU official language at {want.level}: {yours}")
        else:
            first = _joint(wanted[:n], mine)
            used = ", ".join(_has(lang) for lang in first) if first else None
            others = [lang for lang in mine if not first or lang not in first]
            rest = ", ".join(_has(lang) for lang in others) or "none"
            lead = f"you have {used}" if used else "the languages before it are not met"
            found[item_id] = Verdict(FAILS, f"{phrase}: {lead} but no other EU language at "
                                            f"{want.level or 'any level'} (others: {rest})")
    return found


def _named_verdict(want: Language, profile: Profile) -> Verdict:
    """'English at C1', 'English' (level not stated), 'English or French at B2'."""
    names = [name.strip() for name in re.split(r",|\bor\b", want.language) if name.strip()]
    names = [language_name(name) or name for name in names]
    required = " or ".join(names) + (f" {want.level}" if want.level else "")
    if not profile.languages:
        return Verdict(CHECK, f"No languages in your profile; {required} required")
    mine = [lang for lang in profile.languages if lang.language in names]
    if not mine:
        return Verdict(FAILS, f"{required} required; not among your languages")
    best = max(mine, key=lambda lang: _rank(lang.level))
    if want.level is None:
        return Verdict(MEETS, f"level not stated; you have {_has(best)}")
    if _rank(best.level) >= _rank(want.level):
        return Verdict(MEETS, f"You have {_has(best)}; {want.level} required ✓")
    return Verdict(FAILS, f"You have {_has(best)}; {want.level} required")


_ITEM_LANGUAGE = re.compile(r"^(?P<name>.+?)(?:\s+at\s+(?P<level>[ABC][12]))?$", re.I)


def _language_items(items: list[ChecklistItem], vacancy: Vacancy, profile: Profile) -> dict[str, Verdict]:
    by_id = {f"elig-lang-{_slug(lang.language)}": lang for lang in vacancy.posting.languages}
    generic: list[tuple[str, Language]] = []
    found: dict[str, Verdict] = {}
    for item in items:
        want = by_id.get(item.id)
        if want is None:  # the item's text is all there is: "English at C1"
            m = _ITEM_LANGUAGE.match(item.text.strip())
            if not m:
                found[item.id] = Verdict(CHECK, "Check yourself: the language this item asks for")
                continue
            want = Language(m["name"], m["level"] and m["level"].upper())
        if _generic_slot(want) is not None:
            generic.append((item.id, want))
        else:
            found[item.id] = _named_verdict(want, profile)
    generic.sort(key=lambda pair: _generic_slot(pair[1]))
    found.update(_generic_verdicts(generic, profile) if generic else {})
    return found


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# ---------------------------------------------------------------- experience and education

def _experience(item: ChecklistItem, vacancy: Vacancy, profile: Profile) -> Verdict:
    required = vacancy.posting.min_experience_years
    if required is None:
        # The parser's patterns: imported once a posting needs them, not by every start of the dashboard.
        from eujobs.store.parse.requirements import find_min_experience

        required = find_min_experience(item.text)
    if required is None:
        return Verdict(CHECK, _yourself(item.text))
    have = profile.experience_years
    if have is None:
        longest = max(profile.experience_by_domain.values(), default=None)
        if longest is not None and longest >= required:
            return Verdict(MEETS, f"{_years(required)} required, you have at least {longest:g}")
        return Verdict(CHECK, f"{_years(required)} required; your years of experience are not in your profile")
    if have >= required:
        return Verdict(MEETS, f"{_years(required)} required, you have {have:g}")
    return Verdict(FAILS, f"{_years(required)} required, you have {have:g}")


_EQF_BY_LEVEL = (
    (re.compile(r"doctor|ph\.?\s?d", re.I), 8),
    (re.compile(r"master|postgraduate|post-graduate", re.I), 7),
    (re.compile(r"bachelor|licen[cs]e", re.I), 6),
    (re.compile(r"short[- ]cycle|associate|post-?secondary", re.I), 5),
    (re.compile(r"secondary|high school|baccalaur", re.I), 4),
)


def _eqf_of(degree: Education) -> int | None:
    if degree.eqf is not None:
        return degree.eqf
    return next((eqf for rx, eqf in _EQF_BY_LEVEL if rx.search(degree.level)), None)


def _minimum(requirement: str) -> tuple[int, float | None] | None:
    """The EQF level a requirement asks for and the years of study that also satisfy it; None for a
    requirement in other words (a user's own text)."""
    if m := re.search(r"EQF level (\d)", requirement):
        return int(m[1]), None
    if m := re.search(r"university degree \((\d+)\+ years\)", requirement):
        return 6, float(m[1])
    if requirement.startswith("university degree"):
        return 6, None
    if requirement.startswith("post-secondary"):
        return 5, None
    return None


def _degree_text(degree: Education) -> str:
    """'master (EQF 7, 5 years)', 'diploma (3 years)', 'bachelor (EQF 6)'."""
    eqf = _eqf_of(degree)
    details = ([f"EQF {eqf}"] if eqf else []) + ([_years(degree.years)] if degree.years is not None else [])
    return f"{degree.level} ({', '.join(details)})" if details else degree.level


def _education(item: ChecklistItem, vacancy: Vacancy, profile: Profile) -> Verdict:
    from eujobs.store.parse.requirements import find_education  # as in _experience

    requirement = vacancy.posting.education or find_education(item.text)
    if not requirement:
        return Verdict(CHECK, _yourself(item.text))
    if not profile.education:
        return Verdict(CHECK, f"{requirement} required; no education in your profile")
    minimum = _minimum(requirement) or _minimum(find_education(item.text) or "")
    if minimum is None:
        return Verdict(CHECK, _yourself(item.text))
    level, years = minimum

    def higher_years(degree: Education) -> float | None:
        """Years of study after secondary school: a secondary diploma's years are of school."""
        eqf = _eqf_of(degree)
        return degree.years if eqf is None or eqf >= 5 else None

    def meets(degree: Education) -> bool:
        eqf, studied = _eqf_of(degree), higher_years(degree)
        return (eqf is not None and eqf >= level) or (years is not None and studied is not None and studied >= years)

    if good := next((d for d in profile.education if meets(d)), None):
        return Verdict(MEETS, f"{requirement} required: your {_degree_text(good)} ✓")
    best = max(profile.education, key=lambda d: (_eqf_of(d) or 0, d.years or 0))
    if all(_eqf_of(d) is None for d in profile.education):
        return Verdict(CHECK, f"{requirement} required; give the EQF level of your {best.level} to compare")
    if re.search(r"\bor\b[^.;]{0,80}experience|experience[^.;]{0,80}\bor\b", item.text, re.I):
        return Verdict(CHECK, f"{requirement} required, you have {_degree_text(best)}: check the alternative "
                              f"the posting offers")
    if level >= 7 and any((higher_years(d) or 0) >= 5 for d in profile.education):
        return Verdict(CHECK, f"{requirement} required, you have {_degree_text(best)}: 5 years of study may count")
    return Verdict(FAILS, f"{requirement} required, you have {_degree_text(best)}")


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
    permit = bool(re.search(r"work permit", item.text, re.I))
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


def _cast(item: ChecklistItem, vacancy: Vacancy, profile: Profile) -> Verdict:
    grade = vacancy.posting.grade or ""
    wanted = function_group(grade) if grade.upper().startswith("FG") else None
    if wanted is None and (m := _ITEM_GROUP.search(item.text)):
        wanted = function_group(m[0])
    results = [c for c in profile.epso_cast if c.function_group in _GROUP_RANK]
    in_group = f" ({wanted})" if wanted else ""
    if not results:
        return Verdict(CHECK, f"No CAST result in your profile: register in EPSO CAST{in_group} before you apply")

    def passed(c) -> str:
        return f"CAST {c.function_group} passed" + (f" {_day(c.passed)}" if c.passed else "")

    if wanted is None:
        return Verdict(MEETS, f"{passed(results[0])}; the posting names no function group ✓")
    if same := next((c for c in results if c.function_group == wanted), None):
        return Verdict(MEETS, f"{passed(same)} ✓")
    best = max(results, key=lambda c: _GROUP_RANK[c.function_group])
    if _GROUP_RANK[best.function_group] < _GROUP_RANK[wanted]:
        return Verdict(CHECK, f"You passed CAST {best.function_group}; this post is {wanted}")
    return Verdict(CHECK, f"You passed CAST {best.function_group}; this post is {wanted}: check it counts")


_CHECK_YOURSELF = {
    "military-service": "military service obligations fulfilled",
    "physical-fitness": "physically fit",
    "character-references": "character references",
}


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def _yourself(text: str) -> str:
    """'Check yourself: hold a valid driving licence'."""
    return f"Check yourself: {_lower_first(text.strip()) or 'this item'}"


def _kind_of(item_id: str) -> str:
    """The semantic part of an id: 'elig-citizenship-2' -> 'citizenship'; hashed ids -> ''."""
    kind = item_id.removeprefix("elig-")
    base = re.sub(r"-\d+$", "", kind)
    known = ("citizenship", "education", "experience", "cast", *_CHECK_YOURSELF)
    if base in known:
        return base
    return "lang" if kind.startswith("lang-") else ""


def verdicts(profile: Profile, vacancy: Vacancy, today: date) -> dict[str, Verdict]:
    """A verdict for each eligibility item of the vacancy, by item id; plus 'start-date' when the
    posting starts before the candidate is available."""
    items = [item for item in vacancy.checklist if item.group == "eligibility"]
    found: dict[str, Verdict] = {}
    languages = [item for item in items if _kind_of(item.id) == "lang"]
    found.update(_language_items(languages, vacancy, profile))
    for item in items:
        kind = _kind_of(item.id)
        if kind == "lang":
            continue
        if kind == "citizenship":
            found[item.id] = _citizenship(item, profile)
        elif kind == "education":
            found[item.id] = _education(item, vacancy, profile)
        elif kind == "experience":
            found[item.id] = _experience(item, vacancy, profile)
        elif kind == "cast":
            found[item.id] = _cast(item, vacancy, profile)
        elif kind in _CHECK_YOURSELF:
            found[item.id] = Verdict(CHECK, f"Check yourself: {_CHECK_YOURSELF[kind]}")
        else:
            found[item.id] = Verdict(CHECK, _yourself(item.text))
    found = {item.id: found[item.id] for item in items}  # the checklist's order
    start, available = vacancy.posting.start_date, profile.available_from
    if start and available and start < available:
        found[START_DATE] = Verdict(FAILS, f"Starts {_day(start)}, you are available from {_day(available)}")
    return found


def fit(profile: Profile, vacancy: Vacancy, today: date) -> Fit:
    """Blockers and items to check; an item the user ticked counts as met whatever its verdict."""
    ticked = {item.id for item in vacancy.checklist if item.done}
    left = [v.verdict for item_id, v in verdicts(profile, vacancy, today).items() if item_id not in ticked]
    return Fit(blockers=left.count(FAILS), to_check=left.count(CHECK))
