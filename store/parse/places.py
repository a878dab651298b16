"""Where a post sits: the unit (as the posting writes it) and the cities of employment."""

from __future__ import annotations

import re

from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.scan import lowered
from eujobs.store.parse.sections import Document, read_document

# Seats of the EU institutions, JRC sites and agencies, keyed by the spellings postings use
# (English, local, French/German); values are the English names we store.
_CITIES = {
    "Brussels": ("brussels", "bruxelles", "brussel", "brüssel", "bruksela", "bruselas", "bruxelas", "bryssel", "brusel",
                 "brüsszel", "bruselj", "briuselis", "brisele", "βρυξέλλες", "брюксел"),
    "Luxembourg": ("luxembourg", "luxemburg", "luxembourg city", "luxembourg-ville", "luksemburg", "lussemburgo",
                   "luxemburgo", "lucemburk", "luksemburga", "liuksemburgas", "λουξεμβούργο", "люксембург"),
    "Strasbourg": ("strasbourg", "straßburg", "strassburg", "strasburgo", "estrasburgo", "straatsburg", "strasburg",
                   "štrasburk"),
    "Ispra": ("ispra",), "Seville": ("seville", "sevilla", "séville", "siviglia"), "Karlsruhe": ("karlsruhe",),
    "Geel": ("geel",), "Petten": ("petten",), "Grange": ("grange",), "Alicante": ("alicante", "alacant"),
    "Parma": ("parma",), "Amsterdam": ("amsterdam",),
    "The Hague": ("the hague", "den haag", "la haye", "l'aia", "la haya", "haag", "haga"),
    "Warsaw": ("warsaw", "warszawa", "varsovie", "warschau", "varsavia", "varsovia"),
    "Lisbon": ("lisbon", "lisboa", "lisbonne", "lissabon", "lisbona"),
    "Athens": ("athens", "athina", "athènes", "athen", "atene", "atenas"), "Heraklion": ("heraklion", "iraklio", "iraklion"),
    "Vienna": ("vienna", "wien", "vienne", "viena"), "Cologne": ("cologne", "köln", "koeln", "colonia"),
    "Valletta": ("valletta", "la valette"), "Vilnius": ("vilnius", "wilno"), "Bilbao": ("bilbao",),
    "Turin": ("turin", "torino"), "Tallinn": ("tallinn",), "Ljubljana": ("ljubljana", "lubiana"), "Riga": ("riga", "ryga"),
    "Frankfurt": ("frankfurt am main", "frankfurt", "francfort", "francoforte"), "Paris": ("paris", "parigi"),
    "Madrid": ("madrid",), "Dublin": ("dublin", "dublino"), "Helsinki": ("helsinki", "helsingfors"),
    "Budapest": ("budapest",), "Stockholm": ("stockholm", "stoccolma", "estocolmo"),
    "Copenhagen": ("copenhagen", "københavn", "kobenhavn", "copenhague", "kopenhagen", "copenaghen"),
    "Prague": ("prague", "praha", "prag", "praga"), "Bratislava": ("bratislava",),
    "Thessaloniki": ("thessaloniki", "salonika"), "Angers": ("angers",), "Valenciennes": ("valenciennes",),
    "Lille": ("lille",), "Vigo": ("vigo",), "Rome": ("rome", "roma", "rom"), "Berlin": ("berlin", "berlino"),
    "Munich": ("munich", "münchen", "monaco di baviera"), "Sofia": ("sofia",),
    "Bucharest": ("bucharest", "bucurești", "bukarest", "bucarest"), "Zagreb": ("zagreb",), "Nicosia": ("nicosia",),
    "Florence": ("florence", "firenze", "florenz"), "Bruges": ("bruges", "brugge", "brügge"),
    "Marseille": ("marseille", "marseilles"), "Barcelona": ("barcelona",), "Milan": ("milan", "milano"),
}
_CITY_OF = {spelling: city for city, spellings in _CITIES.items() for spelling in spellings}
_CITY_NAMES = "|".join(sorted(map(re.escape, _CITY_OF), key=len, reverse=True))
_CITY = re.compile(rf"(?<![\w-])({_CITY_NAMES})(?![\w-])", re.I)

# labels whose value names the place of work ("Where:", "Place of employment : Brussels")
_PLACE_LABELS = ("place of employment", "location of assignment", "place of assignment", "location",
                 "place of work", "duty station", "place of performance", "workplace", "where", "based in",
                 "location(s)", "locations", "place(s) of employment", "city", "site", "place of secondment",
                 "lieu d'affectation", "lieu d’affectation", "lieu de travail", "lieu de détachement", "dienstort",
                 "einsatzort")
# sentences that state it ("The place of employment will be in Brussels", "based in Luxembourg")
_PLACE_SENTENCE = re.compile(
    r"(?:place of (?:employment|work|assignment)|duty station|location)\s+(?:will be|is|shall be)\s+(?:in\s+)?([^.\n]{2,80})"
    r"|\b(?:based|located|posted)\s+in\s+([^.\n]{2,60})"
    # EPSO: "Successful candidates will be recruited mainly by the European Commission in Brussels and Luxembourg"
    r"|\b(?:recruited|employed)\b[^.\n]{0,60}?\bin\s+([^.\n]{2,60})"
    # "Le lieu d'affectation est Luxembourg", "Dienstort ist Alicante", "Ansættelsesstedet er Bruxelles", "Miejscem
    # pracy ... jest Bruksela", "recrutés principalement ... à Bruxelles et à Luxembourg"
    r"|\b(?:lieu d['’](?:affectation|emploi)|lieu de travail|Dienstort|Einsatzort|Arbeitsort|Ansættelsesstedet"
    r"|Tjenestestedet|luogo di lavoro|sede di servizio|lugar de destino|Miejscem pracy)\b[^.\n]{0,60}?\b(?:est|sera|ist|er"
    r"|è|será|es|jest|sarà)\s+(?:à\s+|in\s+|en\s+|a\s+|w\s+)?([^.\n]{2,60})"
    r"|\b(?:recrutée?s?|affectée?s?|basée?s?)\b[^.\n]{0,60}?\bà\s+([^.\n]{2,60})", re.I)
# A form's unticked box and what follows it up to the next box: "☒ Brussels ☐ Luxembourg ☐ Other"
_UNTICKED = re.compile(r"[☐□][^☐□☑☒■]*")
_HEADING_CITY = re.compile(r"\(([^()]{3,40})\)\s*$")  # "DG CONNECT, UNIT R3 (BRUSSELS)"
# "The Agency's headquarters are located in Valletta", "has its seat in": where the body sits, not the post
_HEADQUARTERS = re.compile(r"\b(?:headquarters|seat|head office|offices)\b", re.I)
_BRACKETED = re.compile(r"\([^()]*\)|\[\[|\]\]")
_NAME_OF_A_PLACE = re.compile(r"(?:[A-ZÀ-ÝŁŚŻŹĆŃ][\w'’-]+)(?:[ -](?:[A-ZÀ-ÝŁŚŻŹĆŃ][\w'’-]+|am|an|der|de|la|le|sur))*")
_NOT_A_PLACE = re.compile(r"\b(?:headquarters|office|agency|commission|service|unit|building|relocation|remote|"
                          r"telework\w*|hybrid|various|other|tbc|tbd|n/a)\b", re.I)


def cities_in(text: str) -> list[str]:
    """Known cities in the text, in English, first mention first, each once."""
    found: list[str] = []
    for m in _CITY.finditer(text):
        city = _CITY_OF.get(lowered(m[1]))  # ("İspra" is "ispra" to the case-insensitive pattern, not to lower())
        if city and city not in found:
            found.append(city)
    return found


_COUNTRY_NAMES = ("belgium|belgique|belgië|luxembourg|france|italy|italia|spain|españa|germany|deutschland|netherlands"
                  "|the netherlands|nederland|poland|polska|portugal|greece|ireland|austria|österreich|finland|sweden"
                  "|denmark|danmark|estonia|latvia|lithuania|slovenia|slovakia|czechia|czech republic|hungary|romania"
                  "|bulgaria|croatia|cyprus|malta")
_PLACE_LINE_PART = re.compile(rf"(?:{_CITY_NAMES}|{_COUNTRY_NAMES})(?:\s*\([^()]*\))?", re.I)


def is_place_line(line: str) -> bool:
    """'Tallinn, Estonia', 'Brussels (Belgium)', 'Bruksela ; Luksemburg': a line that names places and nothing else."""
    parts = [part.strip() for part in re.split(r"[,;/•|]|\s[-–]\s|\band\b", line) if part.strip()]
    return bool(parts) and all(_PLACE_LINE_PART.fullmatch(part) for part in parts)


def _cities_of_value(value: str) -> list[str]:
    """The cities a label's value names, in its order: each part's known city, else the name the part gives
    ("Prague (Czechia), Saint-Germain-en-Laye (France)"), without countries, brackets and what is not a name."""
    cities: list[str] = []
    for part in re.split(r"[,;/\n]|\s(?:and|et|und|i|og|e|y|or|ou|oder)\s", _UNTICKED.sub(" ", value)):
        known = cities_in(part)
        name = _BRACKETED.sub(" ", part).strip(" .[]")
        if not known and (_NAME_OF_A_PLACE.fullmatch(name) and not re.fullmatch(_COUNTRY_NAMES, name, re.I)
                          and not _NOT_A_PLACE.search(name)):
            known = [name]
        cities += [city for city in known if city not in cities]
    return cities


def _listed_cities(phrase: str) -> list[str]:
    """The cities a sentence lists where it states the place: 'Brussels and Luxembourg', not the Milan of 'Ispra,
    on the shore of Lake Maggiore, about 60 km from Milan'."""
    found: list[str] = []
    for part in re.split(r"[,;]|\s(?:and|or|et|ou|und|oder)\s", phrase):
        cities = cities_in(part)
        if not cities:
            break
        found += [city for city in cities if city not in found]
    return found


def find_locations(text: str) -> Found[list[str]] | None:
    """The cities of employment: a place label's value first ("Location(s): Brussels (Belgium), Luxembourg"), then
    a sentence that states the place of work, a line of places at the text's top ("Tallinn, Estonia"), a city in
    brackets closing a heading ("DG CONNECT, UNIT R3 (BRUSSELS)")."""
    for field in read_fields(text).all("location"):
        if cities := _cities_of_value(field.value):
            return Found(cities, field.source())
    for m in _PLACE_SENTENCE.finditer(text):
        start = max(text.rfind("\n", 0, m.start()), text.rfind(". ", 0, m.start()))
        if _HEADQUARTERS.search(text, start + 1, m.start() + 40):
            continue  # the seat of the body, not the place of the post
        if cities := _listed_cities(next(filter(None, m.groups()))):
            return Found(cities, in_line(text, m.start(), m.end()))
    lines = text.split("\n")
    top = [(n, line) for n, line in enumerate(lines[:40], 1) if line.strip()][:12]
    for number, line in top:
        if is_place_line(line.strip()) and (cities := cities_in(line)):
            return Found(cities, f"line {number}, a line of places at the top")
    for section in read_document(text).sections:
        if (m := _HEADING_CITY.search(section.heading)) and (cities := cities_in(m[1])):
            return Found(cities, f'the heading "{section.heading[:50]}"')
    return None


# ---------------------------------------------------------------- unit

_QUOTES = re.compile(r"[“”„\"«»‟]|(?<!\w)['‘’‚]|['‘’](?!\w)")
_UNIT_LABELS = ("unit", "entity", "service", "dg/unit", "department/unit", "directorate/unit", "unit/sector",
                "organisational entity", "organizational entity", "administrative unit", "sector", "section", "team",
                "division", "directorate/division", "unité", "unite", "service/unité")
_UNIT_CODE = re.compile(r"\b[A-Z]{2,}(?:\.[A-Z0-9]{1,3})+\b|\bUnit[ée]?\s+[A-Z]{0,2}\.?\d", re.I)
_COUNTRIES = r"belgium|luxembourg|france|italy|spain|germany|the netherlands|netherlands|eu countries|eu member states"
_PLACE_TAIL = re.compile(rf",\s*(?:and/or\s+)?(?:{_CITY_NAMES}|{_COUNTRIES})\b[^,]*$", re.I)  # ", Brussels"

# "in the Networks and Access Unit, section Telecom Cabling ... Service (SPEPRO)",
# "The Portfolio Management and Compliance Unit (PMCO), part of ..."
_CAP = r"[A-Z][\w&’'/-]*"
# at most 10 words on one line: a unit's name is short, and an unbounded run of capitalised words
# with no "Unit" after it was rescanned from each of its words (quadratic on long title-case text)
_NAME = rf"{_CAP}(?:[ \t]+(?:{_CAP}|and|of|for|&|the|in|on|to)){{0,10}}"
# "cut" takes up a capitalised token that starts no unit: from every later capital of the token, the first
# word runs to the same end and the rest fails the same way (quadratic on "COM/COM/...").
_NAMED_UNIT = re.compile(
    rf"(?P<unit>{_NAME}[ \t]+Unit)(?![’'\w])"
    rf"(?:,?[ \t]+(?:section|sector|team)[ \t]+(?P<section>{_NAME}))?"
    rf"(?:\s*\((?P<acronym>[A-Z][A-Z0-9.&-]{{1,11}})\))?"
    rf"|(?P<cut>{_CAP})")
_ROLE_IN_UNIT = re.compile(r"(?:Deputy\s+|Acting\s+)?Head\s+of\b|Member\s+of\b", re.I)  # "Head of Unit: Marta NOWAK"
_CODED_UNIT = re.compile(r"\bUnit\s+[A-Z]{0,3}\.?\d{1,2}\b(?:\s*[–-]\s*[^,\n.]{3,80})?", re.I)


def _tidy(value: str) -> str:
    value = _QUOTES.sub("", value)
    return re.sub(r"\s+", " ", value).strip(" ,;.")


def _unit_from_place(value: str) -> str | None:
    """'CONNECT.R3 “Knowledge Management ...”, Brussels' -> 'CONNECT.R3 Knowledge Management ...'."""
    while (stripped := _PLACE_TAIL.sub("", value)) != value:
        value = stripped
    if not _UNIT_CODE.search(value) and not re.search(r"\b(?:unit|directorate|sector|unité|direction|secteur)(?!\w)", value, re.I):
        return None
    return _tidy(value) or None


def named_unit(text: str) -> tuple[str, str | None, str | None] | None:
    """(unit, section, acronym) of the first unit a sentence names in full, e.g.
    ('Networks and Access Unit', 'Telecom Cabling and Specific Projects Service', 'SPEPRO')."""
    if "Unit" not in text:  # (what every unit's name ends with: spares a walk over every capitalised word)
        return None
    for m in _NAMED_UNIT.finditer(text):
        if m["cut"] is not None:
            continue
        unit = re.sub(r"^(?:The|This|Our|A|An)\s+", "", m["unit"])
        if len(unit.split()) >= 2 and not _ROLE_IN_UNIT.match(unit):
            return unit, m["section"], m["acronym"]
    return None


def find_unit(doc: Document, text: str) -> str | None:
    label = doc.label(*_UNIT_LABELS)
    if label:
        return _tidy(label)
    for key in ("where", "place of employment", "location", "lieu d'affectation", "lieu d’affectation"):
        unit = _unit_from_place(doc.labels.get(key, ""))
        if unit:
            return unit
    named = named_unit(text)
    if named:
        unit, section, acronym = named
        return unit + (f", section {section}" if section else "") + (f" ({acronym})" if acronym else "")
    coded = _CODED_UNIT.search(text)
    return _tidy(coded[0]) if coded else None
