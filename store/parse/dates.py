"""Dates in EU postings: calendar dates and deadlines with their time zone (periods.py reads start,
duration and end).

EU postings write dates day-first ("23/03/2026", "15.05.2026", "23 mars 2026", "15. Mai 2026") and
deadlines in a named local time ("12.00 (noon, Brussels time)", "12:00 CET", "heure de Luxembourg").
Every form is read by an explicit regex: dateutil's guessing turns ISO dates round under dayfirst,
reads "12.00" as the 12th and fills gaps from today, which a deadline must never do.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone, tzinfo
from zoneinfo import ZoneInfo

from eujobs.store.model import POSTING_YEARS
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import finditer_at, lowered

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
    # Italian, Spanish, Portuguese and Dutch: agencies in those countries date their notices so
    "gennaio": 1, "febbraio": 2, "marzo": 3, "aprile": 4, "maggio": 5, "giugno": 6, "luglio": 7, "agosto": 8,
    "settembre": 9, "ottobre": 10, "dicembre": 12,
    "enero": 1, "febrero": 2, "abril": 4, "mayo": 5, "junio": 6, "julio": 7, "septiembre": 9, "setiembre": 9,
    "octubre": 10, "noviembre": 11, "diciembre": 12,
    "janeiro": 1, "fevereiro": 2, "março": 3, "maio": 5, "junho": 6, "julho": 7, "setembro": 9, "outubro": 10,
    "novembro": 11, "dezembro": 12,
    "januari": 1, "februari": 2, "maart": 3, "mei": 5, "augustus": 8,
}
_MONTH = "|".join(sorted(map(re.escape, _MONTHS), key=len, reverse=True))
_DAY = r"(?P<d>[0-3]?\d)(?:st|nd|rd|th|er)?\.?"

# (what may not come before, the form, flags)
_DATE_FORM_PARTS = [
    # ISO first, so that 2026-03-01 is never read day-first
    (r"(?<![\d./-])", r"(?P<y>\d{4})-(?P<m>[01]?\d)-(?P<d>[0-3]?\d)(?![\d])", 0),
    (r"(?<![\d./-])", r"(?P<d>[0-3]?\d)(?P<sep>[./-])(?P<m>[01]?\d)(?P=sep)(?P<y>\d{4}|\d{2})(?![\d])", 0),
    # "23 March 2026", "1er mars 2026", "13 de enero de 2026" (Spanish, Portuguese)
    (r"(?<!\d)", rf"{_DAY}\s*(?:of\s+|de\s+)?(?P<mon>{_MONTH})\.?,?\s+(?:de\s+)?(?P<y>\d{{4}})(?!\d)", re.I),
    (r"\b", rf"(?P<mon>{_MONTH})\.?\s+{_DAY},?\s+(?P<y>\d{{4}})(?!\d)", re.I),
]
_DATE_FORMS = [re.compile(before + form, flags) for before, form, flags in _DATE_FORM_PARTS]
# For _date_within: each form where a phrase opens (nothing stands before it there, whatever the text
# around holds), and each form in the next 63 characters: a search that finds no date stops there, instead
# of running on to the end (quadratic when a phrase is looked at after each of many labels on one line).
_DATE_FORMS_OPENING = [re.compile(form, flags) for _, form, flags in _DATE_FORM_PARTS]
_DATE_FORMS_NEAR = [re.compile(rf"(?s:.{{0,63}}?)(?P<at>){before}{form}", flags)
                    for before, form, flags in _DATE_FORM_PARTS]


def _date_of(m: re.Match) -> date | None:
    parts = m.groupdict()
    month = _MONTHS[lowered(parts["mon"])] if parts.get("mon") else int(parts["m"])
    year = int(parts["y"]) + (2000 if len(parts["y"]) == 2 else 0)  # ("0001" is the year 1, not 2001)
    if year not in POSTING_YEARS:
        return None  # "31/12/9999" is no posting's date
    try:
        return date(year, month, int(parts["d"]))
    except ValueError:
        return None  # "31.02.2026" is no date


def _find_date(phrase: str, start: int = 0) -> tuple[date, int, int] | None:
    """The earliest valid calendar date in phrase[start:], with its span."""
    found = []
    for form in _DATE_FORMS:
        pos = start
        while m := form.search(phrase, pos):
            if day := _date_of(m):
                found.append((day, m.start(), m.end()))
                break
            pos = m.start() + 1  # "31.02.2026" is no date; look on past it
    return min(found, key=lambda hit: hit[1]) if found else None


def _date_within(text: str, start: int, end: int, within: int) -> bool:
    """Whether _find_date(text[start:end]) finds a date that starts within `within` (at most 64) characters,
    without copying text[start:end] or searching all of it."""
    for opening, near in zip(_DATE_FORMS_OPENING, _DATE_FORMS_NEAR):
        if (m := opening.match(text, start, end)) and _date_of(m):
            return True
        pos = start + 1
        while (m := near.match(text, pos, end)) and m.start("at") < start + within:
            if _date_of(m):
                return True
            pos = m.start("at") + 1
    return False


def has_date(phrase: str) -> bool:
    """Whether the phrase holds a calendar date."""
    return _find_date(phrase) is not None


def parse_day(phrase: str) -> date | None:
    """One calendar date in any of the usual forms, day-first."""
    hit = _find_date(plain(phrase))
    return hit[0] if hit else None


# ---------------------------------------------------------------- times and zones

_TIME = re.compile(
    r"(?<![\d./:])(?P<h>[0-2]?\d)\s*(?:[:.]\s*(?P<min>[0-5]\d)(?::(?P<sec>[0-5]\d))?|[hH]\s*(?P<min2>[0-5]\d)?(?![a-zA-Z]))"
    r"(?!\d|[./]\d)(?:\s*(?P<ap>[ap])\.?m\b\.?)?"
    r"|(?<![\d./:])(?P<h2>1[0-2]|0?\d)\s*(?P<ap2>[ap])\.?m\b\.?",
    re.I,
)
_NAMED_TIMES = [
    (re.compile(r"\bmidnight\b|\bminuit\b|\bMitternacht\b", re.I), (23, 59)),  # the end of that day
    (re.compile(r"\bnoon\b|\bmidday\b|\bmidi\b|\bMittag\b", re.I), (12, 0)),
]

# "<City> time" names the zone; CET/CEST are what postings write for Brussels' zone.
_CITY_ZONES = {
    "Europe/Brussels": "Brussels|Bruxelles|Brüssel|Brüsseler|Brussel|Bruselas|Bruxelas",
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
# (pattern, zone): "<City> time" names the zone, and so do the country's adjective and the abbreviations
_NAMED_ZONES = [
    (rf"(?i:\b(?:{cities})\b\W{{0,3}}(?:local\s+)?(?:time|heure|Zeit|ora|tijd|tid|czasu)"
     rf"|(?:heure|Ortszeit|Zeit|ora|hora|czasu)\s+(?:de\s+|d'|di\s+)?(?:{cities})\b)", zone)
    for zone, cities in _CITY_ZONES.items()
] + [
    (rf"(?i:\b(?:{adjectives})\s+(?:local\s+)?time\b|\b(?:{adjectives})\s+tid\b)", zone)
    for zone, adjectives in {
        "Europe/Brussels": "Belgian|belgisk|Brussels-|Brusselse|brukselskiego", "Europe/Athens": "Greek|Hellenic",
        "Europe/Dublin": "Irish", "Europe/Lisbon": "Portuguese", "Europe/Helsinki": "Finnish",
        "Europe/Malta": "Maltese", "Europe/Warsaw": "Polish", "Europe/Madrid": "Spanish", "Europe/Rome": "Italian",
        "Europe/Amsterdam": "Dutch", "Europe/Luxembourg": "Luxembourgish", "Europe/Tallinn": "Estonian",
        "Europe/Riga": "Latvian", "Europe/Vilnius": "Lithuanian", "Europe/Prague": "Czech",
        "Europe/Bratislava": "Slovak", "Europe/Budapest": "Hungarian", "Europe/Bucharest": "Romanian",
        "Europe/Sofia": "Bulgarian", "Europe/Zagreb": "Croatian", "Europe/Ljubljana": "Slovenian",
        "Asia/Nicosia": "Cypriot", "Europe/Stockholm": "Swedish", "Europe/Copenhagen": "Danish",
        "Europe/Vienna": "Austrian", "Europe/Berlin": "German", "Europe/Paris": "French"}.items()
] + [
    (r"\bCentral European(?: Summer)? Time\b|\bC\.?E\.?S?\.?T\b|\bMEZ\b|\bMESZ\b", "Europe/Brussels"),
    (r"\bEastern European(?: Summer)? Time\b|\bE\.?E\.?S?\.?T\b|\bOEZ\b", "Europe/Athens"),
    (r"\bWestern European(?: Summer)? Time\b|\bW\.?E\.?S?\.?T\b", "Europe/Lisbon"),
    (r"\bUTC\b(?!\s*[+\-−]\s*\d)|\bGMT\b(?!\s*[+\-−]\s*\d)|\bZulu\b", "UTC"),
]
# all of them in one pass over a phrase, each in a group of its own
_ZONE = re.compile("|".join(f"(?P<z{i}>{pattern})" for i, (pattern, _) in enumerate(_NAMED_ZONES)))
_ZONE_OF_GROUP = {f"z{i}": zone for i, (_, zone) in enumerate(_NAMED_ZONES)}
# "UTC+2", "GMT +1", "(UTC-05:00)": an offset taken as written, whatever the date
_OFFSET = re.compile(r"\b(?:UTC|GMT)\s*(?P<sign>[+\-−])\s*(?P<h>\d{1,2})(?::?(?P<m>[0-5]\d))?\b")
_LOCAL_TIME = re.compile(r"\blocal\s+time\b|\bheure\s+locale\b|\bOrtszeit\b|\bora\s+locale\b|\bhora\s+local\b", re.I)
DEFAULT_ZONE = "Europe/Brussels"


def zone_of_city(city: str) -> str | None:
    """The time zone of a city of employment ('Parma' -> 'Europe/Rome'), None when not known."""
    return next((zone for zone, cities in _CITY_ZONES.items() if re.fullmatch(cities, city, re.I)), None)


def _find_time(phrase: str) -> tuple[int, int, int, int] | None:
    """(hour, minute, second, where the time ends) of the first time of day in the phrase."""
    for m in _TIME.finditer(phrase):
        hour = int(m.group("h") or m.group("h2"))
        minute = int(m.group("min") or m.group("min2") or 0)
        second = int(m.group("sec") or 0)
        ampm = (m.group("ap") or m.group("ap2") or "").lower()
        if ampm == "p" and hour < 12:
            hour += 12
        elif ampm == "a" and hour == 12:
            hour = 0
        if hour == 24 and minute == 0:
            return 23, 59, 0, m.end()
        if hour < 24:
            return hour, minute, second, m.end()
    for pattern, (hour, minute) in _NAMED_TIMES:
        if m := pattern.search(phrase):
            return hour, minute, 0, m.end()
    return None


def _find_zone(phrase: str, after: int, local_zone: str | None) -> tzinfo | None:
    """The zone the phrase names for its time: the one named nearest after the time ("23:59 EEST and 22:59 CEST"
    is Athens time), else the nearest before it; "local time" is local_zone's."""
    named: list[tuple[int, tzinfo]] = []
    for m in _OFFSET.finditer(phrase):
        minutes = int(m["h"]) * 60 + int(m["m"] or 0)
        named.append((m.start(), timezone(timedelta(minutes=-minutes if m["sign"] in "-−" else minutes))))
    named += [(m.start(), ZoneInfo(_ZONE_OF_GROUP[m.lastgroup])) for m in _ZONE.finditer(phrase)]
    if local_zone:
        named += [(m.start(), ZoneInfo(local_zone)) for m in _LOCAL_TIME.finditer(phrase)]
    if not named:
        return None
    following = [hit for hit in named if hit[0] >= after]
    return min(following, key=lambda hit: hit[0])[1] if following else max(named, key=lambda hit: hit[0])[1]


def parse_deadline(phrase: str, local_zone: str | None = None) -> datetime | date | None:
    """The first date of phrase, as an aware datetime when a time is given (zone as named, else
    Brussels; "local time" is local_zone's), as a date when not. None when the phrase holds no date."""
    phrase = plain(phrase)
    hit = _find_date(phrase)
    if hit is None:
        return None
    day, start, end = hit
    rest = phrase[:start] + " " * (end - start) + phrase[end:]  # the date's own digits are never a time
    time = _find_time(rest)
    if time is None:
        return day
    hour, minute, second, time_end = time
    zone = _find_zone(rest, time_end, local_zone) or ZoneInfo(DEFAULT_ZONE)
    return datetime(day.year, day.month, day.day, hour, minute, second, tzinfo=zone)


def impossible_date(phrase: str) -> str | None:
    """A date the phrase writes that no calendar has ("31/02/2026"), nor a posting ("31/12/9999"), as written; None
    when there is none."""
    for form in _DATE_FORMS:
        for m in form.finditer(phrase):
            if _date_of(m) is None:
                return m[0]
    return None


# ---------------------------------------------------------------- the application deadline in a posting

_DEADLINE_LABELS = re.compile(
    r"express(?:ion of)? (?:your )?interest (?:until|by|before)"
    r"|(?:deadline|closing date|final date|last date|cut-off date|date limite|Bewerbungsfrist|Bewerbungsschluss|Einsendeschluss"
    r"|scadenza|termine ultimo|plazo|fecha límite|prazo|data limite|uiterste datum|sluitingsdatum|ansøgningsfrist"
    r"|fin de (?:la )?publication|publication end|end of publication|koniec publikacji|Ende der Veröffentlichung)"
    r"(?: (?:for|of|to)(?: the)? (?:receipt of |submission of |submitting |sending )?(?:your )?(?:applications?|candidatures?|expressions? of interest|registration))?"
    r"(?: (?:is|will be|de (?:candidature|dépôt|soumission)))?"
    r"|(?:apply|applications?|candidatures?|expressions? of interest|CVs?|Bewerbungen)\b[^.\n]{0,80}?"
    r"(?:\bno later than|\bnot later than|\bby\b|\bbefore\b|\buntil\b|\bjusqu'au|\bavant le|\bau plus tard le"
    r"|\bspätestens(?: am| bis)?|\bbis(?: zum)?\b)"
    # "Die Frist für die Einreichung der Bewerbungen endet am 26/08/2016", "La date limite ... est fixée au"
    r"|Frist\b[^.\n]{0,80}?\bendet(?: am)?|\bdate limite\b[^.\n]{0,80}?\best fixée au",
    re.I,
)
# what every label starts with (lower case), where _DEADLINE_LABELS is tried
_DEADLINE_LABEL_STARTS = ("express", "deadline", "closing date", "final date", "last date", "cut-off date", "date limite",
                          "bewerbungs", "einsendeschluss", "scadenza", "termine ultimo", "plazo", "fecha límite", "prazo",
                          "data limite", "uiterste datum", "sluitingsdatum", "apply", "application", "candidature", "cv",
                          "ansøgningsfrist", "fin de", "publication end", "end of publication", "koniec publikacji",
                          "ende der veröffentlichung", "bewerbungen", "frist")
_WORD = re.compile(r"\w")
_NEWLINES = re.compile(r"\n*")
_DATE_LINE_START = re.compile(r"^[\s\-–:*>]*(?:\w+day,?\s+)?\d|^[\s\-–:*>]*\w+\s+\d")
# "08 May 2017 extended until 26 May 2017": the later date is the deadline
_EXTENDED = re.compile(r"\b(?:extended|postponed|prolonged)\s+(?:until|to|till)\b|\bprolongée?\s+jusqu'au"
                       r"|\breportée?\s+au|\bverlängert\s+bis\b", re.I)


@dataclass(frozen=True)
class DeadlineReading:
    found: Found | None  # the deadline, a datetime or a date
    warnings: tuple[str, ...] = ()  # dates a deadline's label or phrase writes that are no dates


def _deadline_in(phrase: str, local_zone: str | None) -> datetime | date | None:
    m = _EXTENDED.search(phrase)
    return (m and parse_deadline(phrase[m.end():], local_zone)) or parse_deadline(phrase, local_zone)


def find_deadline(text: str, local_zone: str | None = None) -> DeadlineReading:
    """The application deadline stated in a whole posting: a deadline label's value ("Deadline" / "09/07/2024 -
    12:00 (Brussels time)") first, else a date a deadline phrase introduces. A posting's other dates (start, end
    of contract, publication) are not deadlines. In a phrase, the date must stand on the label's line, or open
    the next line when the label ends its own ("Deadline for applications:\n23 March 2026"). local_zone: the
    zone of the place of work, for "local time"."""
    warnings: list[str] = []
    for field in read_fields(text).all("deadline"):
        if deadline := _deadline_in(field.value, local_zone):
            return DeadlineReading(Found(deadline, field.source()), tuple(warnings))
        if wrong := impossible_date(field.value):
            warnings.append(f'deadline "{wrong}" is not a date ({field.source()})')
    text = plain(text)
    line_end = -1
    for m in finditer_at(_DEADLINE_LABELS, text, _DEADLINE_LABEL_STARTS):
        # every label of a line looks at the rest of that line: without slicing or searching it all each time,
        # which was quadratic on a line of many labels
        if line_end < m.end():
            line_end = text.find("\n", m.end())
            line_end = len(text) if line_end < 0 else line_end
        window, start, end = text, m.end(), line_end
        if not _WORD.search(text, start, end):
            following_start = _NEWLINES.match(text, line_end).end()
            following_end = text.find("\n", following_start)
            following = text[following_start:following_end if following_end >= 0 else len(text)]
            if _DATE_LINE_START.match(following):
                window, start, end = following, 0, len(following)
        if _date_within(window, start, end, 60):  # the date follows the label, not a later clause
            deadline = _deadline_in(window[start:end], local_zone)
            where = in_line(text, m.start(), m.end(), "deadline phrase") if window is text else \
                f'the line after "{m[0][:40]}"'
            return DeadlineReading(Found(deadline, where), tuple(warnings))
        if (wrong := impossible_date(window[start:min(end, start + 80)])) and f'"{wrong}"' not in "".join(warnings):
            warnings.append(f'deadline "{wrong}" is not a date ({in_line(text, m.start(), m.end(), "deadline phrase")})')
    return DeadlineReading(None, tuple(warnings))
