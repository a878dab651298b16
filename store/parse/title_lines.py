"""Lines near a posting's top that are not its title, though they look like one: page furniture ("You are on
page 1 of 13", "Download as pdf"), an institution's name, a section heading every posting has ("WE ARE",
"Job description", "Vacancy notice")."""

from __future__ import annotations

import re

from eujobs.store.parse.institutions import institutions_named
from eujobs.store.parse.lines import unnumbered

_FURNITURE = re.compile(
    r"\bpage\s*\d+\s*(?:of|/|sur|von)\s*\d+|\bdownload\b|\bloading\b|please wait|\bcookies?\b|skip to|\blog\s?in\b"
    r"|\bsign\s?in\b|\bmenu\b|\bsearch\b|\bshare\b|\bprint\b|back to|you are here|subscribe|newsletter"
    r"|official journal of the european union|journal officiel de l'union européenne|amtsblatt der europäischen union"
    r"|gazzetta ufficiale dell'unione europea|diario oficial de la unión europea|publicatieblad van de europese unie"
    r"|den europæiske unions tidende|dziennik urzędowy unii europejskiej|jornal oficial da união europeia"
    r"|^(?:[A-Z]{2}|C series|série C|Reihe C|[\W\d_]+)$|^.{0,2}$|\s>\s|^form\b",
    re.I)
_BOILERPLATE = re.compile(
    r"^(?:who we are|we are|we propose|we offer|what we offer|about us|about the (?:agency|post|job|position|role)"
    r"|(?:your|main|key) (?:tasks|duties|responsibilities)|tasks|duties|job description|description|project"
    r"|project description|position|profile|(?:your|candidate'?s?) profile|requirements|eligibility(?: criteria)?"
    r"|selection criteria|how to apply|application|background|context|introduction|overview|general information"
    r"|general provisions|the agency|organisational (?:context|setting)|contents|table of contents|summary|notice"
    r"|(?:external |internal )?vacancy(?: notice)?|notice of vacancy|vacancy announcement|call for (?:expressions? of )?interest"
    r"|(?:notice of )?(?:open |internal )?competition(?: notice)?|job opportunit(?:y|ies)|open vacancies|careers?|jobs"
    r"|text|teaser|make a difference\b.*|.*\bjoin (?:us|the european commission)\b.*|we recruit\b.*"
    r"|avis de (?:vacance|concours)(?: général)?|appel à manifestation d'intérêt|qui sommes-nous|nous proposons"
    r"|stellenausschreibung|ausschreibung|bekanntmachung|wer wir sind|ogłoszenie o naborze.*|udvælgelsesprøve"
    r"|meddelelse om ledig stilling|concorso(?: generale)?|convocatoria|oposición)$",
    re.I)


# icon names glued together by a page's text extraction: "Group 58Group 56check - FontAwesomeGroup 57Page"
_GLUED = re.compile(r"\d[A-Z][a-z]")


def is_furniture(line: str) -> bool:
    line = line.strip()
    return bool(_FURNITURE.search(line)) or len(_GLUED.findall(line)) >= 2


def is_boilerplate_heading(line: str) -> bool:
    return bool(_BOILERPLATE.match(unnumbered(line.strip()).strip(" :!").strip()))


def names_only_an_institution(line: str) -> bool:
    """'eu-LISA - European Union Agency for the Operational Management of ...', 'EUROPEAN EXTERNAL ACTION SERVICE
    (EEAS)': a line that names who employs and nothing more."""
    named = institutions_named(line)
    if not named:
        return False
    rest, done = [], 0
    for start, end, _ in named:
        rest.append(line[done:start])
        done = end
    rest.append(line[done:])
    left = re.sub(r"\([^)]*\)|\b(?:the|of|and)\b|[\W\d_]+", " ", "".join(rest), flags=re.I)
    return not left.strip()
