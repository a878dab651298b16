"""When the job starts, how long it lasts and when it ends: "Starting date : 01/03/2026 (5 months)",
"The duration of the first contract will be 1 year", "Duration: 2 years, renewable", "for an
initial duration of 3 years", "La durée du premier contrat sera d'un an". The end is computed from
start and duration when the posting does not state it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.relativedelta import relativedelta

from eujobs.store.model import POSTING_YEARS
from eujobs.store.parse.dates import _find_date
from eujobs.store.parse.found import in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import finditer_at, search_at

_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24, "thirty-six": 36,
}
_AMOUNT = rf"(?<![\w.,])(?P<n>\d+(?:[.,]5)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})(?:\s*\(\d+\))?"
_SPAN = rf"{_AMOUNT}[\s-]*(?P<unit>years?|months?|weeks?|days?)\b"
# French: "d'un an", "de 24 mois", "de deux ans"
_NUMBER_WORDS.update({"un": 1, "une": 1, "deux": 2, "trois": 3, "quatre": 4, "cinq": 5, "douze": 12,
                      "dix-huit": 18, "vingt-quatre": 24})
_UNITS = {"an": "year", "ans": "year", "année": "year", "années": "year", "mois": "month", "semaine": "week",
          "semaines": "week", "jour": "day", "jours": "day"}
_AMOUNT_FR = r"(?P<n>\d+|un|une|deux|trois|quatre|cinq|six|douze|dix-huit|vingt-quatre)"
_SPAN_FR = rf"{_AMOUNT_FR}\s+(?P<unit>ans?|années?|mois|semaines?|jours?)\b"

_START_LABEL = re.compile(
    r"(?:start(?:ing)?[ -]date|date of (?:entry into service|start|recruitment)|starting on|start of (?:the )?"
    r"(?:traineeship|contract|assignment|employment|mission)|expected start|date de début|(?<!\w)Beginn|Dienstantritt)"
    r"\s*[:\-–]?\s*(?P<rest>[^\n]*)",
    re.I,
)
# The start of the applications, not of the job: "Beginn der Bewerbungsfrist", "start date of the application period"
_NOT_THE_JOBS_START = re.compile(r"^(?:of\s+(?:the\s+)?(?:application|publication|registration)|der\s+(?:Bewerbung|Veröffentlichung"
                                 r"|Anmeldung)|des\s+(?:candidatures|inscriptions)|de\s+(?:la\s+)?publication)", re.I)
_DURATION_PHRASES = [
    # "Starting date : 01/03/2026 (5 months)": the span in brackets after a start date. The second
    # alternative (no "n") takes up a start date with no span in the next brackets, up to those brackets: every
    # later start date before them would run to them and fail again (quadratic on a line of start dates).
    re.compile(rf"start(?:ing)?[ -]date[^\n(]*\(\s*{_SPAN}\s*\)|start(?:ing)?[ -]date[^\n(]*", re.I),
    # "Duration: 2 years, renewable", "Duration of contract: 5 years", "Contract duration: 36 months"
    re.compile(rf"\b(?:duration(?: of (?:the )?(?:contract|traineeship|secondment|assignment|employment))?"
               rf"|(?:contract|traineeship|secondment|assignment) duration|length of (?:the )?contract)\s*:\s*(?:of\s+)?{_SPAN}",
               re.I),
    # "The duration of the first contract will be (of) 1 year", "contract of 12 months", "a 5-month traineeship"
    re.compile(rf"duration of the (?:first |initial )?(?:contract|traineeship|assignment|employment|engagement)"
               rf"(?: will be| is)?(?: of)?\s+{_SPAN}", re.I),
    re.compile(rf"(?:first|initial) (?:contract|engagement) (?:will be |is )?(?:of |for )?{_SPAN}", re.I),
    re.compile(rf"(?:contract|traineeship|assignment|secondment|placement)s? (?:of|for|lasting)\s+(?:a period of\s+)?{_SPAN}", re.I),
    re.compile(rf"{_SPAN}\s+(?:contract|traineeship|assignment|secondment|placement|period)", re.I),
    # "for an initial duration of 3 years", "The traineeship lasts five months"
    re.compile(rf"(?:for|lasts?) an? (?:initial |first )?(?:period|duration) of\s+{_SPAN}", re.I),
    re.compile(rf"\b(?:lasts?|lasting|will last)\s+(?:for\s+)?{_SPAN}", re.I),
    # French: "Durée : 2 ans", "La durée du premier contrat sera d'un an"
    re.compile(rf"\bdurée\s*:\s*{_SPAN_FR}", re.I),
    re.compile(rf"\bdurée (?:du|de la|de l['’])\s*(?:premier |première |initiale? )?(?:contrat|engagement|détachement|mission)"
               rf"\s+(?:sera|est)\s+(?:de\s+|d['’]\s*){_SPAN_FR}", re.I),
]
# What every match of each phrase starts with (lower case), where it is tried; None: a phrase that starts with its
# number, tried everywhere
_DURATION_STARTS = [
    ("start",), ("duration", "contract", "traineeship", "secondment", "assignment", "length of"), ("duration of the",),
    ("first", "initial"), ("contract", "traineeship", "assignment", "secondment", "placement"), None, ("for", "last"),
    ("last", "will last"), ("durée",), ("durée",),
]
# Spans that describe the ceiling of renewals, a probation or a limit on past service ("no traineeship
# of more than six weeks"), never the contract's own length
_NOT_A_DURATION = re.compile(r"(?:maximum|max\.?|up to|renew\w*|extend\w*|extension|probation\w*|maximale|prolong\w*"
                             r"|(?:more|less|longer|shorter) than)[^.\n]{0,30}$", re.I)

_OTHER_END_LABELS = r"end[ -]date|end of (?:the )?(?:contract|traineeship|assignment|mission)|date de fin"
_END_LABEL = re.compile(
    rf"(?:{_OTHER_END_LABELS}"
    r"|duration\s*:[^\n]*?\b(?:until|untill|till|to)\b)\s*(?:maximum\s+|max\.?\s+)?[:\-–]?\s*(?P<rest>[^\n]*)"
    # "cut" takes up a "duration:" with no "until" after it on its line, up to the next other label of the line
    # (or a "duration" whose ":" is on a later line): every "duration:" between would run to the end of the line
    # and fail again (quadratic on a line of them).
    rf"|(?P<cut>duration\s*:(?:(?!{_OTHER_END_LABELS}|duration\s*\n)[^\n])*)",
    re.I,
)
_FROM_TO = re.compile(
    r"(?:period|traineeship|contract|assignment|employment|duration|mission|secondment|placement)"
    r"[^.\n]{0,80}?\bfrom\s+(?P<a>[^\n]{6,30}?)\s+(?:to|until|till|-|–)\s+(?P<b>[^\n]{6,30})",
    re.I,
)
_START_LABEL_STARTS = ("start", "date of", "expected start", "date de début", "beginn", "dienstantritt")
_END_LABEL_STARTS = ("end", "date de fin", "duration")
_FROM_TO_STARTS = ("period", "traineeship", "contract", "assignment", "employment", "duration", "mission", "secondment",
                   "placement")
_ASAP = re.compile(r"as soon as possible|earliest (?:possible|convenience)|\basap\b|to be (?:agreed|defined|confirmed)", re.I)


def _span(m: re.Match) -> tuple[float, str]:
    raw = m.group("n").lower()
    n = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
    unit = m.group("unit").lower()
    unit = _UNITS.get(unit, unit.rstrip("s"))
    return n, unit


def _say(n: float, unit: str) -> str:
    count = int(n) if n.is_integer() else n
    return f"{count} {unit}" + ("" if n == 1 else "s")


def _add(start: date, n: float, unit: str) -> date | None:
    """The last day of a span that begins on start ("1 March + 5 months" ends on 31 July); None past the years a
    posting can have ("Duration: 99999 years")."""
    try:
        if unit in ("day", "week"):
            end = start + timedelta(days=int(n * (7 if unit == "week" else 1)) - 1)
        else:
            end = start + relativedelta(months=int(round(n * (12 if unit == "year" else 1)))) - timedelta(days=1)
    except (OverflowError, ValueError):  # past the end of the calendar
        return None
    return end if end.year in POSTING_YEARS else None


@dataclass(frozen=True)
class Period:
    start: date | None
    duration: str | None
    end: date | None
    sources: dict[str, str]  # 'start_date', 'duration', 'end_date' -> where each was read


def find_period(text: str) -> Period:
    """The job's start date, duration and end date. The end is computed from start and duration when the posting
    does not state it."""
    text = plain(text)
    start = end = duration = span = None
    sources: dict[str, str] = {}

    for m in finditer_at(_START_LABEL, text, _START_LABEL_STARTS):
        if _NOT_THE_JOBS_START.match(m.group("rest")):
            continue
        if _ASAP.search(m.group("rest")[:40]):
            break
        if (hit := _find_date(m.group("rest"))) and hit[1] < 25:
            start = hit[0]
            sources["start_date"] = in_line(text, m.start(), m.end(), "start")
            break

    for phrase, starts in zip(_DURATION_PHRASES, _DURATION_STARTS):
        for m in finditer_at(phrase, text, starts) if starts else phrase.finditer(text):
            if m["n"] is None:  # a start date without a span
                continue
            if _NOT_A_DURATION.search(text[max(0, m.start() - 40):m.start("n")]):
                continue
            span = _span(m)
            duration = _say(*span)
            sources["duration"] = in_line(text, m.start(), m.end(), "duration")
            break
        if duration:
            break

    for m in finditer_at(_END_LABEL, text, _END_LABEL_STARTS):
        if m["cut"] is None and (hit := _find_date(m["rest"])) and hit[1] < 25:
            end = hit[0]
            sources["end_date"] = in_line(text, m.start(), m.end(), "end")
            break

    m = search_at(_FROM_TO, text, _FROM_TO_STARTS)
    if m and (a := _find_date(m.group("a"))) and (b := _find_date(m.group("b"))):
        for key, day in (("start_date", start), ("end_date", end)):
            if day is None:
                sources[key] = in_line(text, m.start(), m.end(), "period")
        start, end = start or a[0], end or b[0]

    if end is None and start and span and (end := _add(start, *span)):
        sources["end_date"] = "worked out from the start date and the duration"
    return Period(start, duration, end, sources)
