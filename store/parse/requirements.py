"""Minimum professional experience and minimum education."""

from __future__ import annotations

import re
from bisect import bisect_right
from functools import lru_cache
from itertools import accumulate

from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import finditer_from, lowered, lowered_text, search_from, search_starts

_WORDS = {"one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
          "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "eighteen": 18, "twenty": 20}
# a number, maybe restated ("three (3)") or a range whose lower end is the minimum ("2-3 years")
_NUMBER = rf"(?P<n>\d+(?:[.,]5)?|{'|'.join(_WORDS)}|half a|a)(?:\s*\(\s*\d+\s*\))?(?:\s*(?:-|–|to)\s*\d+)?\+?"
_UNIT = r"(?P<unit>years?|months?)['’]?"

# "at least 6 years of relevant professional experience", "3 years' experience", "6 months of experience"
_BEFORE = re.compile(rf"(?<![\w.,]){_NUMBER}[\s-]+{_UNIT}(?P<gap>[^.;\n]{{0,60}}?)\bexperience\b", re.I)
# "professional experience of at least 5 years", "experience: minimum 3 years"
_AFTER = re.compile(rf"\bexperience\b(?P<gap>[^.;\n]{{0,40}}?)(?<![\w.,]){_NUMBER}[\s-]+{_UNIT}", re.I)
# French: "au moins 3 ans d'expérience professionnelle", "une expérience professionnelle d'au moins trois ans"
_WORDS_FR = {"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "six": 6, "sept": 7, "huit": 8,
             "neuf": 9, "dix": 10, "douze": 12, "quinze": 15}
_NUMBER_FR = rf"(?P<n>\d+(?:[.,]5)?|{'|'.join(_WORDS_FR)})(?:\s*\(\s*\d+\s*\))?"
_UNIT_FR = r"(?P<unit>ans|an|années?|mois)"
_BEFORE_FR = re.compile(rf"(?<![\w.,]){_NUMBER_FR}\s+{_UNIT_FR}(?P<gap>[^.;\n]{{0,40}}?)\bexp[ée]rience\b", re.I)
_AFTER_FR = re.compile(rf"\bexp[ée]rience\b(?P<gap>[^.;\n]{{0,40}}?)(?<![\w.,]){_NUMBER_FR}\s+{_UNIT_FR}\b", re.I)
# German: "mindestens 3 Jahre einschlägige Berufserfahrung", "Berufserfahrung von mindestens drei Jahren"
_WORDS_DE = {"ein": 1, "eine": 1, "einem": 1, "zwei": 2, "drei": 3, "vier": 4, "fünf": 5, "sechs": 6, "sieben": 7,
             "acht": 8, "neun": 9, "zehn": 10, "zwölf": 12, "fünfzehn": 15}
_NUMBER_DE = rf"(?P<n>\d+(?:[.,]5)?|{'|'.join(_WORDS_DE)})"
_UNIT_DE = r"(?P<unit>Jahren?|Monaten?|Monate)"
_BEFORE_DE = re.compile(rf"(?<![\w.,]){_NUMBER_DE}\s+{_UNIT_DE}\b(?P<gap>[^.;\n]{{0,40}}?)Berufserfahrung", re.I)
_AFTER_DE = re.compile(rf"\bBerufserfahrung\b(?P<gap>[^.;\n]{{0,40}}?)(?<![\w.,]){_NUMBER_DE}\s+{_UNIT_DE}\b", re.I)
# Spans that are not experience: education, contract, probation; ceilings are not minimums
_NOT_EXPERIENCE = re.compile(r"stud(?:y|ies)|education|degree|diploma|contract|probation|duration|traineeship"
                             r"|études|diplôme|contrat|stage|Studium|Abschluss|Vertrag|Probezeit", re.I)
_CEILING = re.compile(r"(?:maximum|max\.?|up to|not more than|no more than|less than)\s*(?:of\s+)?$", re.I)


def _years(m: re.Match) -> float:
    raw = m.group("n").lower().replace(",", ".")
    n = 0.5 if raw == "half a" else 1.0 if raw == "a" else float(_WORDS.get(raw) or _WORDS_FR.get(raw)
                                                               or _WORDS_DE.get(raw) or raw)
    return n / 12 if m.group("unit").lower().startswith(("month", "mois", "monat")) else n


# _BEFORE and _BEFORE_FR start with their number, which may stand anywhere: searched for over a whole posting, they
# took a millisecond. Where one can start: its match ends with "experience" (or "expérience"), at most 67
# characters after the start of its unit ("years", "ans"...); before the unit come blanks, digits, brackets,
# dashes or "to" (_BETWEEN), and before those the number, a word of at most _LONGEST_NUMBER characters or digits.
_ANCHORS, _ANCHORS_FR = ("experience",), ("experience", "expérience")
_UNITS, _UNITS_FR = ("year", "month"), ("an", "mois")
_BETWEEN = frozenset("().,+-–to")
_LONGEST_NUMBER = max(map(len, [*_WORDS, *_WORDS_FR, "half a"]))


def _number_starts(low: str, anchors: tuple[str, ...], units: tuple[str, ...], reach: int) -> list[int] | None:
    """Every position of low (a lowered text) where a match that starts with its number may start, in order: a
    match whose unit (one of units) starts at most `reach` characters before one of the anchors. None when a long
    run of blanks or digits makes them too many to try one by one."""
    starts: set[int] = set()
    for anchor in anchors:
        end = low.find(anchor)
        while end >= 0:
            for unit in units:
                at = low.find(unit, max(0, end - reach), end)
                while at >= 0:
                    run = at
                    while run > 0 and (low[run - 1] in _BETWEEN or low[run - 1].isspace() or low[run - 1].isdecimal()):
                        run -= 1
                        if at - run > 64:
                            return None
                    starts.update(range(max(0, run - _LONGEST_NUMBER), at))
                    at = low.find(unit, at + 1, end)
            end = low.find(anchor, end + 1)
    return sorted(starts)


@lru_cache(maxsize=64)  # the checklist asks again about the texts parse() read: a bullet, the whole posting
def experience_statements(text: str) -> list[re.Match]:
    """Every statement of a minimum experience in text ("at least 6 years of professional experience",
    "experience of at least 5 years", "au moins 3 ans d'expérience"), in the order of their numbers;
    not the years of a degree, a contract or a probation, nor a ceiling. Shared: treat it as read-only."""
    low = lowered(text)
    if "experience" not in low and "expérience" not in low and "berufserfahrung" not in low:  # (every statement says it)
        return []
    hits = []
    for pattern, anchors, units in ((_BEFORE, _ANCHORS, _UNITS), (_AFTER, _ANCHORS, None),
                                    (_BEFORE_FR, _ANCHORS_FR, _UNITS_FR), (_AFTER_FR, _ANCHORS_FR, None)):
        # _AFTER and _AFTER_FR start with their anchor
        starts = _number_starts(low, anchors, units, 67) if units else search_starts(low, anchors)
        pos = 0
        while m := (pattern.search(text, pos) if starts is None else search_from(pattern, text, starts, pos)):
            pos = m.start() + 1  # matches overlap: "3 years of studies and 2 years of experience"
            if _NOT_EXPERIENCE.search(m.group("gap")) or _CEILING.search(text[max(0, m.start("n") - 25):m.start("n")]):
                continue
            hits.append(m)
    if "berufserfahrung" in low:
        for pattern in (_BEFORE_DE, _AFTER_DE):
            hits += [m for m in pattern.finditer(text) if not _NOT_EXPERIENCE.search(m.group("gap"))
                     and not _CEILING.search(text[max(0, m.start("n") - 25):m.start("n")])]
    return sorted(hits, key=lambda m: m.start("n"))


def find_min_experience(text: str) -> float | None:
    """Minimum years of professional experience (months as a fraction), or None. The first
    stated minimum wins: "at least 5 years, of which 2 in IT" means 5."""
    hits = experience_statements(plain(text))
    return round(_years(hits[0]), 2) if hits else None


_YEARS_ALONE = re.compile(rf"(?<![\w.,]){_NUMBER}[\s-]+{_UNIT}", re.I)


def required_experience(text: str) -> Found[float] | None:
    """The posting's minimum experience: an experience label's value ("Professional experience: at least 15
    years' postgraduate experience") first, else the first minimum a sentence states."""
    for field in read_fields(text).all("experience"):
        hits = experience_statements(field.value) or list(_YEARS_ALONE.finditer(field.value))
        if hits:
            return Found(round(_years(hits[0]), 2), field.source())
    text = plain(text)
    hits = experience_statements(text)
    return Found(round(_years(hits[0]), 2), in_line(text, hits[0].start(), hits[0].end())) if hits else None


# ---------------------------------------------------------------- education

_EQF_NAMES = {4: "secondary education", 5: "short-cycle tertiary", 6: "bachelor", 7: "master", 8: "doctorate"}
_NICE_TO_HAVE = re.compile(r"advantage|asset|\ba plus\b|desirable|preferabl|appreciated|added value|\batout|\bavantage", re.I)
_NICE_TO_HAVE_WORDS = ("advantage", "asset", "a plus", "desirable", "preferabl", "appreciated", "added value", "atout",
                       "avantage")
# \n|;|(?<=[.!?])\s+(?=[A-Z]), spelled to start with the one character it takes first (the engine then skips to the
# next blank or ";" instead of trying each position), in a group: a split keeps the breaks, which place the clauses
_CLAUSE_BREAK = re.compile(r"([\s;](?:(?<=[\n;])|(?<=[.!?]\s)\s*(?=[A-Z])))")
_OR_EXPERIENCE = re.compile(r"[^.;\n]{0,30}?\bor\s+(?:\w+\s+){0,2}experience", re.I)
_N_YEARS = rf"(?P<{{name}}>\d|{'|'.join(_WORDS)})\s*(?:\(\d\)\s*)?years?"

# Rules from the most specific statement to the least; the first that matches anywhere wins.
_EDUCATION_RULES = [
    (re.compile(r"\blevel\s*(?P<q>[4-8])\s*(?:of\s+the\s+)?(?:European\s+Qualifications?\s+Framework|EQF)"
                r"|\bEQF\s*(?:level\s*)?(?P<q2>[4-8])\b", re.I), "eqf"),
    (re.compile(rf"university (?:studies|education|degree|diploma)[^.;\n]{{0,40}}?(?:of|lasting|for|is)\s+(?:at least\s+|a minimum of\s+)?{_N_YEARS.format(name='y')}"
                rf"|{_N_YEARS.format(name='y2')} of (?:completed )?university (?:studies|education)"
                # "un cycle complet d'études universitaires d'au moins trois ans"
                rf"|études universitaires[^.;\n]{{0,30}}?d['’](?:au moins|une durée (?:minimale )?de)\s+(?P<y3>\d|{'|'.join(_WORDS_FR)})\s*ans"
                # "abgeschlossenes Hochschulstudium von mindestens drei Jahren"
                rf"|(?:Hochschul|Universitäts)?[Ss]tudium[^.;\n]{{0,40}}?\bvon\s+(?:mindestens\s+)?(?P<y4>\d|{'|'.join(_WORDS_DE)})\s+Jahren",
                re.I), "university_years"),
    (re.compile(r"\b(?:doctora(?:te|l degree)|Ph\.?\s?D\.?)\b", re.I), "EQF level 8 (doctorate)"),
    (re.compile(r"\bmaster['’]?s?\b(?:\s+(?:degree|level|diploma|in|of)\b)|\bpost-?graduate degree\b", re.I), "EQF level 7 (master)"),
    (re.compile(r"\bbachelor['’]?s?\b(?:\s+(?:degree|level|diploma))?", re.I), "EQF level 6 (bachelor)"),
    (re.compile(r"(?<!post-)(?<!post )\bsecondary (?:education|school|studies)[^.;\n]{0,80}?access to post[- ]secondary", re.I),
     "secondary education (EQF level 4)"),
    (re.compile(r"\bpost[- ]secondary (?:education|studies)", re.I), "post-secondary education"),
    (re.compile(r"\buniversity (?:degree|studies|education|diploma)|\bhigher education (?:degree|diploma)|\bdegree from a university"
                r"|\bdiplôme universitaire|\bétudes (?:universitaires|supérieures)|\bHochschul(?:abschluss|studium|diplom)"
                r"|\bUniversitätsabschluss"
                r"|\b(?:a|an|relevant|academic)\s+(?:\w+\s+)?degree\b(?!\s+of\b)", re.I),  # not "a high degree of autonomy"
     "university degree"),
    (re.compile(r"(?<!post-)(?<!post )\bsecondary (?:education|school)", re.I), "secondary education (EQF level 4)"),
]
# What the matches of each rule start with, where it is tried (None: tried everywhere). "university_years" also
# starts with a number of years: "three years of university studies" (_UNIVERSITY_STUDIES, after "years of ")
_EDUCATION_STARTS = [("level", "eqf"), ("university", "études universitaires", "hochschul", "universitäts", "studium"),
                     ("doctora", "ph"), ("master", "post"),
                     ("bachelor",), ("secondary",), ("post",), None, ("secondary",)]
_UNIVERSITY_STUDIES = ("university studies", "university education")


def required_education(text: str) -> Found[str] | None:
    """The posting's minimum education: an education label's value first ("University degree or diploma: ...
    the normal period of university education is 4 years or more"), else the text's first statement of one."""
    for field in read_fields(text).all("education"):
        if education := find_education(field.value):
            return Found(education, field.source())
    education = find_education(text)
    return Found(education, "a statement of the education required") if education else None


def find_education(text: str) -> str | None:
    """Minimum education as a short phrase: 'EQF level 7 (master)', 'university degree (3+ years)',
    'university degree', 'secondary education (EQF level 4)'. Degrees named as an asset don't count."""
    text = plain(text)
    # only the clauses that hold a word of _NICE_TO_HAVE are searched: mostly none
    low = lowered_text(text)
    nice = tuple(word for word in _NICE_TO_HAVE_WORDS if word in low)
    pieces = _CLAUSE_BREAK.split(text)  # clause, break, clause, break, ..., clause
    clauses, dropped = pieces[::2], set()
    if nice:
        ends = list(accumulate(map(len, pieces)))  # where each piece ends
        for at in search_starts(low, nice):
            piece = bisect_right(ends, at)
            if piece % 2 == 0 and _NICE_TO_HAVE.search(clauses[piece // 2]):
                dropped.add(piece // 2)
    required = "\n".join(clause for i, clause in enumerate(clauses) if i not in dropped)
    low = lowered(required)
    for (pattern, result), words in zip(_EDUCATION_RULES, _EDUCATION_STARTS):
        starts = search_starts(low, words) if words else None
        if result == "university_years":
            years_of = _number_starts(low, _UNIVERSITY_STUDIES, ("year",), 20)
            starts = None if years_of is None else sorted({*starts, *years_of})
        matches = pattern.finditer(required) if starts is None else finditer_from(pattern, required, starts)
        # "university education or practical experience" makes the degree one way among others
        m = next((m for m in matches if not _OR_EXPERIENCE.match(required, m.end())), None)
        if not m:
            continue
        if result == "eqf":
            level = int(m.group("q") or m.group("q2"))
            return f"EQF level {level} ({_EQF_NAMES[level]})"
        if result == "university_years":
            years = (m.group("y") or m.group("y2") or m.group("y3") or m.group("y4")).lower()
            return f"university degree ({_WORDS.get(years) or _WORDS_FR.get(years) or _WORDS_DE.get(years) or years}+ years)"
        return result
    return None


# ---------------------------------------------------------------- degree and experience together

# Where a condition offers another way to meet it: "..., or a level of education which corresponds to ...",
# "(b) or completed university studies of 4 years and ..."; not "law or economics", "3 or 4 years".
_ROUTE_BREAK = re.compile(
    r"[,;]?\s*\bor\b\s+(?=(?:\(?[a-z]\)\s*)?(?:have\s+|possess\s+|hold\s+)?(?:an?\s+|the\s+)?"
    r"(?:level\b|completed\b|university\b|post[- ]?secondary\b|secondary\b|bachelor|master|doctora|diploma\b|degree\b"
    r"|higher education\b"
    r"|(?:\d|two|three|four|five)[\s-]+years?['’]?[\s-]+(?:university\s+)?(?:degree|diploma|studies)))",
    re.I)
# "a 4-year degree", "three years' university studies": the years of a degree as notices abbreviate them
_YEAR_DEGREE = re.compile(r"\b(?P<n>\d|two|three|four|five)[\s-]+years?['’]?[\s-]+(?:university\s+)?"
                          r"(?:degree|diploma|studies)", re.I)

_AND_YEARS = re.compile(
    r"\band\s+(?:at\s+least\s+|a\s+minimum\s+of\s+)?(?P<n>\d{1,2}|two|three|four|five|six|seven|eight|nine|ten"
    r"|twelve|fifteen)\s+years?\b(?!['’]?[\s-]+(?:of\s+)?(?:university|degree|diploma|studies))", re.I)


def education_routes(text: str) -> list[tuple[str | None, float | None]]:
    """The ways a condition offers to meet it, each as (education, years of experience with it): "a 3-year degree
    and 7 years of experience, or a 4-year degree and 6 years" -> [('university degree (3+ years)', 7),
    ('university degree (4+ years)', 6)]. Empty when the text offers one way only; (None, ...) for a way in other
    words ("professional training of an equivalent level")."""
    parts = _ROUTE_BREAK.split(plain(text))
    if len(parts) < 2:
        return []
    routes = []
    for part in parts:
        if m := _YEAR_DEGREE.search(part):
            years = _WORDS.get(m["n"].lower()) or int(m["n"])
            education = f"university degree ({years}+ years)"
        else:
            education = find_education(part)
        hits = experience_statements(part)
        if hits:
            routes.append((education, round(_years(hits[0]), 2)))
        else:  # "a 3-year degree and 7 years": the years after a degree are of experience
            years_after = _AND_YEARS.search(part)
            routes.append((education, float(_WORDS.get(years_after["n"].lower()) or years_after["n"])
                           if years_after else None))
    return routes if sum(education is not None for education, _ in routes) >= 2 else []


# "A doctorate may be counted as professional experience, up to a maximum of 3 years"
_DOCTORATE_COUNTS = re.compile(
    r"\bdoctora(?:te|l)\b[^.;]{0,120}?\b(?:counts?|counted|taken into account|considered)\b[^.;]{0,80}?"
    r"(?:up to|maximum(?: of)?|max\.?|at most|limit of)\s*(?P<n>\d|one|two|three|four|five)\s*years?", re.I)


def doctorate_years(text: str) -> float | None:
    """The years of experience a completed doctorate counts for, where the text says it does; else None."""
    m = _DOCTORATE_COUNTS.search(plain(text)) if "doctora" in lowered(text) else None
    return float(_WORDS.get(m["n"].lower()) or m["n"]) if m else None
