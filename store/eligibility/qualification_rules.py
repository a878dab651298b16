"""Education and professional experience, judged on a reference day (the posting's deadline).

EU conventions: EQF levels (doctorate 8, master 7, bachelor 6, short-cycle 5, secondary 4); a university degree
of N years is met by N years of study, a bachelor by 3, a master by 4; experience counts from the diploma that
gives access to the post, part-time pro rata; a doctorate counts as experience (up to 3 years) where the notice
says so. A notice may offer several ways ("a 3-year degree and 7 years of experience, or a 4-year degree and 6
years"): one met is enough. A grade named without rules of its own brings the entry rules of the Staff
Regulations (Art. 5: AD, AST) or of the CEOS (Art. 82: contract agents' function groups).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from eujobs.store.eligibility.profile import Education, Profile
from eujobs.store.eligibility.verdict import CHECK, FAILS, MEETS, Verdict, day, years_had, years_text
from eujobs.store.model import ChecklistItem, Vacancy

_EQF_BY_LEVEL = (
    (re.compile(r"doctor|ph\.?\s?d", re.I), 8),
    (re.compile(r"master|postgraduate|post-graduate", re.I), 7),
    (re.compile(r"bachelor|licen[cs]e", re.I), 6),
    (re.compile(r"short[- ]cycle|associate|post-?secondary", re.I), 5),
    (re.compile(r"secondary|high school|baccalaur", re.I), 4),
)
YEAR = 365.25  # days
_NONE_REQUIRED = re.compile(r"\b(?:none|not)\s+required\b"
                            r"|\bno\s+(?:\w+\s+){0,2}experience\s+(?:is\s+)?(?:required|needed)"
                            r"|\bwithout\s+(?:any\s+)?(?:professional\s+)?experience\b", re.I)
_OR_EXPERIENCE = re.compile(r"\bor\b[^.;]{0,80}experience|experience[^.;]{0,80}\bor\b", re.I)


def none_required(text: str) -> bool:
    """'Professional experience: none required', 'No experience is required'."""
    return bool(_NONE_REQUIRED.search(text))


def eqf_of(degree: Education) -> int | None:
    if degree.eqf is not None:
        return degree.eqf
    return next((eqf for rx, eqf in _EQF_BY_LEVEL if rx.search(degree.level)), None)


def _higher_years(degree: Education) -> float | None:
    """Years of study after secondary school: a secondary diploma's years are of school."""
    eqf = eqf_of(degree)
    return degree.years if eqf is None or eqf >= 5 else None


_EQF_LEVEL, _DEGREE_YEARS = re.compile(r"EQF level (\d)"), re.compile(r"university degree \((\d+)\+ years\)")


def _needs(requirement: str) -> tuple[int, float | None] | None:
    """The EQF level a requirement asks for and the years of a university degree it asks for; None for a
    requirement in other words (a user's own text)."""
    if requirement == "compulsory education":
        return 1, None
    if m := _EQF_LEVEL.search(requirement):
        return int(m[1]), None
    if m := _DEGREE_YEARS.search(requirement):
        return 6, float(m[1])
    if requirement.startswith("university degree"):
        return 6, None
    if requirement.startswith("post-secondary"):
        return 5, None
    return None


def _degree_meets(degree: Education, level: int, years: float | None) -> bool | None:
    """Whether a degree meets an EQF level, or a university degree of `years` years; None: the profile cannot
    tell (no EQF level, or a bachelor whose years are not given against a 4-year degree)."""
    eqf, studied = eqf_of(degree), _higher_years(degree)
    if level <= 1:  # completed compulsory education: any degree listed
        return True
    if years is None:
        return None if eqf is None else eqf >= level
    if studied is not None and studied >= years and (eqf is None or eqf >= 6):
        return True
    if eqf is not None and ((eqf >= 7 and years <= 4) or (eqf >= 6 and years <= 3)):
        return True
    if (eqf is not None and eqf < 6) or studied is not None:
        return False
    return None


def degree_text(degree: Education) -> str:
    """'master (EQF 7, 5 years)', 'diploma (3 years)', 'bachelor (EQF 6)'."""
    eqf = eqf_of(degree)
    details = ([f"EQF {eqf}"] if eqf else []) + ([years_text(degree.years)] if degree.years is not None else [])
    return f"{degree.level} ({', '.join(details)})" if details else degree.level


def _held(degree: Education, at: date) -> bool:
    return degree.awarded is None or degree.awarded <= at


def qualifying_diploma(profile: Profile, requirement: str | None, at: date) -> date | None:
    """The day of the earliest diploma of the profile that meets the requirement by `at`: experience counts from
    it. None when none has a date, or the requirement is in other words."""
    needs = _needs(requirement or "")
    if needs is None:
        return None
    days = [d.awarded for d in profile.education if d.awarded and d.awarded <= at and _degree_meets(d, *needs)]
    return min(days, default=None)


def experience_at(profile: Profile, at: date, today: date, since: date | None = None,
                  doctorate: float | None = None) -> tuple[float | None, str]:
    """The years of professional experience the profile gives on `at`, and how they were counted (' (...)' or '').
    Part-time years count pro rata; in work, the years grow from the day they were counted (else today) to `at`;
    no more years count than have passed since the qualifying diploma (`since`); a doctorate held by `at` adds
    up to `doctorate` years where the notice counts it."""
    years = profile.experience_years
    if years is None:
        return None, ""
    notes = []
    if part := profile.part_time:
        years -= min(part.years, years) * (1 - part.percent / 100)
        notes.append(f"{part.years:g} part-time years at {part.percent:g}%")
    if profile.in_work and (start := profile.experience_on or today) != at:
        years += (at - start).days / YEAR
        notes.append(f"counting your work to {day(at)}")
    years = max(years, 0.0)
    if since is not None and years > (room := (at - since).days / YEAR):
        years = max(room, 0.0)
        notes.append(f"counted from your diploma of {day(since)}")
    if doctorate and (held := next((d for d in profile.education if eqf_of(d) == 8 and _held(d, at)), None)):
        extra = min(doctorate, held.years or doctorate)
        years += extra
        notes.append(f"your doctorate counts as {years_text(extra)}")
    return years, f" ({'; '.join(notes)})" if notes else ""


@dataclass(frozen=True)
class Route:
    """One way to meet a condition: an education, with years of experience after it or not."""

    education: str | None
    experience: float | None = None

    @property
    def words(self) -> str:
        education = self.education or "another way"
        return f"{education} and {years_text(self.experience)} of experience" if self.experience else education


def _judge(route: Route, profile: Profile, at: date, today: date) -> tuple[str, str]:
    """(verdict, why) of one way to meet a condition."""
    needs = _needs(route.education or "")
    if needs is None:
        return CHECK, f"check yourself whether {route.words} applies to you"
    if not profile.education:
        return CHECK, "no education in your profile"
    judged = [(degree, _degree_meets(degree, *needs)) for degree in profile.education]
    held = [degree for degree, ok in judged if ok and _held(degree, at)]
    if held:
        degree = min(held, key=lambda d: d.awarded or date.min)
        if route.experience is None:
            return MEETS, f"your {degree_text(degree)}"
        have, how = experience_at(profile, at, today, since=qualifying_diploma(profile, route.education, at))
        if have is None:
            return CHECK, f"your {degree_text(degree)}; your years of experience are not in your profile"
        if have >= route.experience - 1e-9:
            return MEETS, f"your {degree_text(degree)} and {years_had(have)} years of experience{how}"
        return FAILS, f"your {degree_text(degree)}, but {years_had(have)} years of experience{how}"
    if late := next((degree for degree, ok in judged if ok), None):
        return FAILS, f"your {late.level} is awarded {day(late.awarded)}, after {day(at)}"
    best = max(profile.education, key=lambda d: (eqf_of(d) or 0, d.years or 0))
    if any(ok is None for _, ok in judged):
        return CHECK, f"give the EQF level and years of study of your {best.level} to compare"
    return FAILS, f"you have {degree_text(best)}"


def routes_verdict(routes: list[Route], profile: Profile, at: date, today: date, lead: str = "") -> Verdict:
    """One way met is enough; else what could not be told, else why none is met."""
    judged = [(route, *_judge(route, profile, at, today)) for route in routes]
    if met := next(((route, why) for route, verdict, why in judged if verdict == MEETS), None):
        return Verdict(MEETS, f"{lead}{met[0].words} required: {met[1]} ✓")
    asked = " or ".join(route.words for route in routes)
    if unsure := [why for _, verdict, why in judged if verdict == CHECK]:
        return Verdict(CHECK, f"{lead}{asked} required: {'; '.join(unsure)}")
    # the way that came closest: a degree held, too few years after it
    closest = next((why for _, _, why in judged if why.startswith("your ")), judged[0][2])
    return Verdict(FAILS, f"{lead}{asked} required: {closest}")


def education_verdict(item: ChecklistItem, vacancy: Vacancy, profile: Profile, at: date, today: date) -> Verdict:
    # The parser's patterns: imported once a posting needs them, not by every start of the dashboard.
    from eujobs.store.parse.requirements import education_routes, find_education

    if routes := education_routes(item.text):
        return routes_verdict([Route(*route) for route in routes], profile, at, today)
    requirement = vacancy.posting.education or find_education(item.text)
    if not requirement:
        return Verdict(CHECK, yourself(item.text))
    if not profile.education:
        return Verdict(CHECK, f"{requirement} required; no education in your profile")
    if _needs(requirement) is None and (found := find_education(item.text)) and _needs(found):
        requirement = found
    if _needs(requirement) is None:
        return Verdict(CHECK, yourself(item.text))
    verdict, why = _judge(Route(requirement), profile, at, today)
    if verdict == MEETS:
        return Verdict(MEETS, f"{requirement} required: {why} ✓")
    best = max(profile.education, key=lambda d: (eqf_of(d) or 0, d.years or 0))
    if verdict == FAILS and _OR_EXPERIENCE.search(item.text):
        return Verdict(CHECK, f"{requirement} required, you have {degree_text(best)}: check the alternative "
                              f"the posting offers")
    level = _needs(requirement)[0]
    if verdict == FAILS and level >= 7 and any((_higher_years(d) or 0) >= 5 for d in profile.education):
        return Verdict(CHECK, f"{requirement} required, you have {degree_text(best)}: 5 years of study may count")
    if why.startswith("you have "):
        return Verdict(verdict, f"{requirement} required, {why}")
    return Verdict(verdict, f"{requirement} required; {why}")


def experience_verdict(item: ChecklistItem, education_item: ChecklistItem | None, vacancy: Vacancy, profile: Profile,
                       at: date, today: date) -> Verdict:
    """Against the years a posting asks for: the profile's on `at`, counted from the diploma that the education
    item (or field) asks for."""
    from eujobs.store.parse.requirements import doctorate_years, find_education, find_min_experience  # as above

    required = vacancy.posting.min_experience_years
    if required == 0 or none_required(item.text):
        return Verdict(MEETS, "no professional experience required ✓")
    if required is None:
        required = find_min_experience(item.text)
    if required is None:
        return Verdict(CHECK, yourself(item.text))
    education = vacancy.posting.education or (find_education(education_item.text) if education_item else None)
    have, how = experience_at(profile, at, today, since=qualifying_diploma(profile, education, at),
                              doctorate=doctorate_years(item.text))
    if have is None:
        longest = max(profile.experience_by_domain.values(), default=None)
        if longest is not None and longest >= required:
            return Verdict(MEETS, f"{years_text(required)} required, you have at least {longest:g}")
        return Verdict(CHECK, f"{years_text(required)} required; your years of experience are not in your profile")
    if have >= required - 1e-9:
        return Verdict(MEETS, f"{years_text(required)} required, you have {years_had(have)}{how}")
    return Verdict(FAILS, f"{years_text(required)} required, you have {years_had(have)}{how}")


# ---------------------------------------------------------------- the grade's entry rules

_GRADE = re.compile(r"^(?P<group>AD|AST/SC|AST|FG)\s*(?P<n>IV|III|II|I|\d{1,2})\b")
_SECONDARY_AND_3 = [Route("post-secondary education"), Route("secondary education (EQF level 4)", 3)]


def _grade_routes(grade: str) -> tuple[str, str, list[Route]] | None:
    """The rules a grade brings and where they are written, for 'FG IV', 'AD 7', 'AD 9-12', 'AST 3'."""
    m = _GRADE.match(grade.strip())
    if not m:
        return None
    group, n = m["group"], m["n"]
    if group == "FG":
        law = "CEOS, Art. 82"
        routes = {"I": [Route("compulsory education")], "II": _SECONDARY_AND_3, "III": _SECONDARY_AND_3,
                  "IV": [Route("university degree (3+ years)")]}.get(n)
    elif group == "AD" and n.isdigit():
        law = "Staff Regulations, Art. 5"
        routes = [Route("university degree (3+ years)")] if int(n) <= 6 else \
            [Route("university degree (4+ years)"), Route("university degree (3+ years)", 1)]
    else:
        law, routes = "Staff Regulations, Art. 5", _SECONDARY_AND_3
    return (grade.strip(), law, routes) if routes else None


def grade_verdict(vacancy: Vacancy, profile: Profile, at: date, today: date) -> Verdict | None:
    """The entry rules of the grade the posting names, when it states no education rule of its own (the caller
    knows of no education item)."""
    posting = vacancy.posting
    if not posting.grade or posting.education:
        return None
    found = _grade_routes(posting.grade)
    if found is None:
        return None
    name, law, routes = found
    return routes_verdict(routes, profile, at, today, lead=f"{name} ({law}): ")


def _lower_first(text: str) -> str:
    return text[:1].lower() + text[1:] if text[1:2].islower() else text


def yourself(text: str) -> str:
    """'Check yourself: hold a valid driving licence'."""
    return f"Check yourself: {_lower_first(text.strip()) or 'this item'}"
