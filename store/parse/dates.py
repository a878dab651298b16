"""Dates in EU postings: deadlines with their time zone, start dates, durations.

EU postings write dates day-first ("23/03/2026", "15.05.2026", "23 mars 2026", "15. Mai 2026") and
deadlines in a named local time ("12.00 (noon, Brussels time)", "12:00 CET", "heure de Luxembourg").
Every form is read by an explicit regex: dateutil's guessing turns ISO dates round under dayfirst,
reads "12.00" as the 12th and fills gaps from today, which a deadline must never do.
"""

from __future__ import annotations

import re
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from dateutil.relativedelta import relativedelta

from .markup import plain

# ---------------------------------------------------------------- calendar dates

_MONTHS = {
    # English (and the usual abbreviations)
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sept": 9, "sep": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
    # French
    "janvier": 1, "février": 2, "fevrier": 2, "mars": 3, "avril": 4, "mai": 5, "juin": 6,
    "juillet": 7, "août": 8, "aout": 8, "septembre": 9, "octobre": 10, "novembre": 11,
    "décembre": 12, "decembre": 12,
    # German
    "januar": 1, "jänner": 1, "februar": 2, "märz": 3, "maerz": 3, "juni": 6, "juli": 7,
    "oktober": 10, "dezember": 12,
}
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\.?"

_DATE_FORMS = [
    # ISO first, so that 2026-03-01 is never read day-first
    re.compile(r"(?<![\d./-])(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])"),
    re.compile(r"(?<![\d./-])(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])"),
    re.compile(rf"(?<!\d){_DAY}\s*(?:of\s+)?(?P<mon>{_MONTH})\.?,?\s+(?P<y>\d{{4}})(?!\d)", re.I),
    re.compile(rf"\b(?P<mon>{_MONTH})\.?\s+{_DAY},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
]


def _find_date(phrase: str, start: int = 0) -> tuple[date, int, int] | None:
    """The earliest valid calendar date in phrase[start:], with its span."""
    found = []
    for form in _DATE_FORMS:
        pos = start
        while m := form.search(phrase, pos):
            parts = m.groupdict()
            month = _MONTHS[parts["mon"].lower()] if parts.get("mon") else int(parts["m"])
            year = int(parts["y"])
            year += 2000 if year < 100 else 0
            try:
                found.append((date(year, month, int(parts["d"])), m.start(), m.end()))
                break
            except ValueError:
                pos = m.start() + 1  # "31.02.2026" is no date; look on past it
    return min(found, key=lambda hit: hit[1]) if found else None


def parse_day(phrase: str) -> date | None:
    """One calendar date in any of the usual forms, day-first."""
    hit = _find_date(plain(phrase))
    return hit[0] if hit else None


# ---------------------------------------------------------------- times and zones

_TIME = re.compile(
    r"(?<![\d./:])(?P<h>[0-2]?\d)\s*(?:[:.]\s*(?P<min>[0-5]\d)|[hH]\s*(?P<min2>[0-5]\d)?(?![a-zA-Z]))(?!\d|[./]\d)"
    r"(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
    r"|(?<![\d./:])(?P<h2>1[0-2]|0?\d)\s*(?P<ap2>[ap])\.?m\b\.?",
    re.I,
)
_NAMED_TIMES = [
    (re.compile(r"\bmidnight\b|\bminuit\b|\bMitternacht\b", re.I), (23, 59)),  # the end of that day
    (re.compile(r"\bnoon\b|\bmidday\b|\bmidi\b|\bMittag\b", re.I), (12, 0)),
]

# "<City> time" names the zone; CET/CEST are what postings write for Brussels' zone.
_CITY_ZONES = {
    "Europe/Brussels": "Brussels|Bruxelles|Brüssel|Brüsseler|Brussel",
    "Europe/Luxembourg": "Luxembourg|Luxemburg|Luxemburger",
    "Europe/Paris": "Paris|Strasbourg|Angers|Lille",
    "Europe/Amsterdam": "Amsterdam|The Hague|Den Haag|La Haye",
    "Europe/Berlin": "Berlin|Frankfurt|Cologne|Köln|Munich|München",
    "Europe/Rome": "Rome|Roma|Parma|Turin|Torino|Ispra|Florence|Firenze",
    "Europe/Madrid": "Madrid|Alicante|Bilbao|Seville|Sevilla|Barcelona",
    "Europe/Lisbon": "Lisbon|Lisboa",
    "Europe/Dublin": "Dublin",
    "Europe/Vienna": "Vienna|Wien",
    "Europe/Athens": "Athens|Heraklion|Thessaloniki",
    "Europe/Helsinki": "Helsinki",
    "Europe/Stockholm": "Stockholm",
    "Europe/Copenhagen": "Copenhagen",
    "Europe/Warsaw": "Warsaw|Warszawa",
    "Europe/Riga": "Riga",
    "Europe/Vilnius": "Vilnius",
    "Europe/Tallinn": "Tallinn",
    "Europe/Ljubljana": "Ljubljana",
    "Europe/Bratislava": "Bratislava",
    "Europe/Budapest": "Budapest",
    "Europe/Prague": "Prague|Praha",
    "Europe/Malta": "Valletta|Malta",
    "Europe/Bucharest": "Bucharest",
    "Europe/Sofia": "Sofia",
    "Europe/Zagreb": "Zagreb",
    "Asia/Nicosia": "Nicosia",
}
_ZONES = [
    (re.compile(rf"\b(?:{cities})\b\W{{0,3}}(?:local\s+)?(?:time|heure|Zeit|ora)"
                rf"|(?:heure|Ortszeit|Zeit|ora)\s+(?:de\s+|d'|di\s+)?(?:{cities})\b", re.I), zone)
    for zone, cities in _CITY_ZONES.items()
] + [
    (re.compile(r"\bC\.?E\.?S?\.?T\b|\bMEZ\b|\bMESZ\b"), "Europe/Brussels"),
    (re.compile(r"\bE\.?E\.?S?\.?T\b|\bOEZ\b"), "Europe/Athens"),
    (re.compile(r"\bW\.?E\.?S?\.?T\b"), "Europe/Lisbon"),
    (re.compile(r"\bUTC\b|\bGMT\b|\bZulu\b"), "UTC"),
]
DEFAULT_ZONE = "Europe/Brussels"


def _find_time(phrase: str) -> tuple[int, int] | None:
    for m in _TIME.finditer(phrase):
        hour = int(m.group("h") or m.group("h2"))
        minute = int(m.group("min") or m.group("min2") or 0)
        ampm = (m.group("ap") or m.group("ap2") or "").lower()
        if ampm == "p" and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        if hour == 24 and minute == 0:
            return 23, 59
        if hour < 24:
            return hour, minute
    for pattern, hour_minute in _NAMED_TIMES:
        if pattern.search(phrase):
            return hour_minute
    return None


def _find_zone(phrase: str) -> str | None:
    for pattern, zone in _ZONES:
        if pattern.search(phrase):
            return zone
    return None


def parse_deadline(phrase: str) -> datetime | date | None:
    """The first date of phrase, as an aware datetime when a time is given (zone as named, else
    Brussels), as a date when not. None when the phrase holds no date."""
    phrase = plain(phrase)
    hit = _find_date(phrase)
    if hit is None:
        return None
    day, start, end = hit
    rest = phrase[:start] + " " + phrase[end:]  # the date's own digits are never a time
    time = _find_time(rest)
    if time is None:
        return day
    zone = ZoneInfo(_find_zone(rest) or DEFAULT_ZONE)
    return datetime(day.year, day.month, day.day, *time, tzinfo=zone)


# ---------------------------------------------------------------- the application deadline in a posting

_DEADLINE_LABELS = re.compile(
    r"express(?:ion of)? (?:your )?interest (?:until|by|before)"
    r"|(?:deadline|closing date|final date|last date|cut-off date|date limite|Bewerbungsfrist|Bewerbungsschluss|Einsendeschluss)"
    r"(?: (?:for|of|to)(?: the)? (?:receipt of |submission of |submitting |sending )?(?:your )?(?:applications?|candidatures?|expressions? of interest|registration))?"
    r"(?: (?:is|will be|de (?:candidature|dépôt|soumission)))?"
    r"|(?:apply|applications?|candidatures?|expressions? of interest|CVs?)\b[^.\n]{0,80}?"
    r"(?:\bno later than|\bnot later than|\bby\b|\bbefore\b|\buntil\b|\bjusqu'au|\bavant le)",
    re.I,
)
_DATE_LINE_START = re.compile(r"^[\s\-–:*>]*(?:\w+day,?\s+)?\d|^[\s\-–:*>]*\w+\s+\d")


def find_deadline(text: str) -> datetime | date | None:
    """The application deadline stated in a whole posting, or None when it states none.

    Only a date that a deadline phrase introduces counts: a posting's other dates (start, end of
    contract, publication) are not deadlines. The date must stand on the label's line, or open
    the next line when the label ends its own ("Deadline for applications:\\n23 March 2026")."""
    text = plain(text)
    for m in _DEADLINE_LABELS.finditer(text):
        line_end = text.find("\n", m.end())
        line_end = len(text) if line_end < 0 else line_end
        window = text[m.end():line_end]
        if not re.search(r"\w", window):
            following = text[line_end:].lstrip("\n").split("\n", 1)[0]
            if _DATE_LINE_START.match(following):
                window = following
        found = _find_date(window)
        if found and found[1] < 60:  # the date follows the label, not a later clause
            return parse_deadline(window)
    return None


# ---------------------------------------------------------------- start, duration, end

_NUMBER_WORDS = {
    "one": 1, "a": 1, "an": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "eighteen": 18,
    "twenty-four": 24, "thirty-six": 36,
}
_AMOUNT = rf"(?<![\w.,])(?P<n>\d+(?:[.,]5)?|{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})(?:\s*\(\d+\))?"
_SPAN = rf"{_AMOUNT}[\s-]*(?P<unit>years?|months?|weeks?|days?)\b"

_START_LABEL = re.compile(
    r"(?:start(?:ing)?[ -]date|date of (?:entry into service|start|recruitment)|starting on|start of (?:the )?"
    r"(?:traineeship|contract|assignment|employment|mission)|expected start|date de début|Beginn|Dienstantritt)"
    r"\s*[:\-–]?\s*(?P<rest>[^\n]*)",
    re.I,
)
_DURATION_PHRASES = [
    # "Starting date : 01/03/2026 (5 months)": the span in brackets after a start date
    re.compile(rf"start(?:ing)?[ -]date[^\n(]*\(\s*{_SPAN}\s*\)", re.I),
    re.compile(rf"\bduration\s*:\s*(?:of\s+)?{_SPAN}", re.I),
    # "The duration of the first contract will be (of) 1 year", "contract of 12 months", "a 5-month traineeship"
    re.compile(rf"duration of the (?:first |initial )?(?:contract|traineeship|assignment|employment|engagement)"
               rf"(?: will be| is)?(?: of)?\s+{_SPAN}", re.I),
    re.compile(rf"(?:first|initial) (?:contract|engagement) (?:will be |is )?(?:of |for )?{_SPAN}", re.I),
    re.compile(rf"(?:contract|traineeship|assignment|secondment|placement)s? (?:of|for|lasting)\s+(?:a period of\s+)?{_SPAN}", re.I),
    re.compile(rf"{_SPAN}\s+(?:contract|traineeship|assignment|secondment|placement|period)", re.I),
    re.compile(rf"(?:for|lasts?) a (?:period|duration) of\s+{_SPAN}", re.I),
]
# Spans that describe the ceiling of renewals or a probation, never the contract's own length
_NOT_A_DURATION = re.compile(r"(?:maximum|max\.?|up to|renew\w*|extend\w*|extension|probation\w*)[^.\n]{0,30}$", re.I)

_END_LABEL = re.compile(
    r"(?:end[ -]date|end of (?:the )?(?:contract|traineeship|assignment|mission)|date de fin"
    r"|duration\s*:[^\n]*?\b(?:until|untill|till|to)\b)\s*(?:maximum\s+|max\.?\s+)?[:\-–]?\s*(?P<rest>[^\n]*)",
    re.I,
)
_FROM_TO = re.compile(
    r"(?:period|traineeship|contract|assignment|employment|duration|mission|secondment|placement)"
    r"[^.\n]{0,80}?\bfrom\s+(?P<a>[^\n]{6,30}?)\s+(?:to|until|till|-|–)\s+(?P<b>[^\n]{6,30})",
    re.I,
)
_ASAP = re.compile(r"as soon as possible|earliest (?:possible|convenience)|\basap\b|to be (?:agreed|defined|confirmed)", re.I)


def _span(m: re.Match) -> tuple[float, str]:
    raw = m.group("n").lower()
    n = float(raw.replace(",", ".")) if raw[0].isdigit() else float(_NUMBER_WORDS[raw])
    unit = m.group("unit").lower().rstrip("s")
    return n, unit


def _say(n: float, unit: str) -> str:
    count = int(n) if n.is_integer() else n
    return f"{count} {unit}" + ("" if n == 1 else "s")


def _add(start: date, n: float, unit: str) -> date:
    """The last day of a span that begins on start ("1 March + 5 months" ends on 31 July)."""
    if unit in ("day", "week"):
        return start + timedelta(days=int(n * (7 if unit == "week" else 1)) - 1)
    months = int(round(n * (12 if unit == "year" else 1)))
    return start + relativedelta(months=months) - timedelta(days=1)


def find_period(text: str) -> tuple[date | None, str | None, date | None]:
    """(start_date, duration, end_date) of the job. The end is computed from start and duration
    when the posting does not state it."""
    text = plain(text)
    start = end = duration = span = None

    for m in _START_LABEL.finditer(text):
        if _ASAP.search(m.group("rest")[:40]):
            break
        if (hit := _find_date(m.group("rest"))) and hit[1] < 25:
            start = hit[0]
            break

    for phrase in _DURATION_PHRASES:
        for m in phrase.finditer(text):
            if _NOT_A_DURATION.search(text[max(0, m.start() - 40):m.start("n")]):
                continue
            span = _span(m)
            duration = _say(*span)
            break
        if duration:
            break

    for m in _END_LABEL.finditer(text):
        if (hit := _find_date(m.group("rest"))) and hit[1] < 25:
            end = hit[0]
            break

    m = _FROM_TO.search(text)
    if m and (a := _find_date(m.group("a"))) and (b := _find_date(m.group("b"))):
        start, end = start or a[0], end or b[0]

    if end is None and start and span:
        end = _add(start, *span)
    return start, duration, end
