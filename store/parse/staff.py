"""The staff categories of the Staff Regulations and the CEOS as postings name them, in the EU's languages:
"Temporary staff", "agent temporaire", "Bedienstete auf Zeit", "członkowie personelu tymczasowego"...

Read where a posting states its kind of post: a "Type of contract" value, a notice's heading ("VACANCY NOTICE –
TEMPORARY STAFF"), the line that heads the post ("HQ Contract Agent FGIV"). In running text these words
describe every category in boilerplate, so grades.find_kind reads sentences by its own, stricter rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from eujobs.store.parse.institutions import institutions_named
from eujobs.store.parse.scan import finditer_from, lowered, search_starts

_WORDS = {
    "temporary_agent": (
        r"temporary\s+(?:agents?|staff|posts?)|(?<!\w)TA(?=\s*[/,(-]?\s*(?:2|AD|AST))|agents?\s+temporaires?"
        r"|personnel\s+temporaire|Bedienstete[rn]?(?:/r)?\s+auf\s+Zeit|Zeitbedienstete[rn]?(?:/r)?|agent[ei]\s+temporane[oi]"
        r"|agentes?\s+temporal(?:es)?|agentes?\s+temporários?|tijdelijke?\s+functionaris(?:sen)?"
        r"|midlertidigt?\s+ansatte?|tillfälligt\s+anställda?|(?:członk\w+\s+)?personel\w*\s+tymczasow\w+"
        r"|zatrudnion\w+\s+na\s+czas\s+określony|väliaikai\w+\s+toimihenkilö\w*"
    ),
    "contract_agent": (
        r"contract\s+(?:agents?|staff)|(?<!\w)CA(?=\s*[/,(-]?\s*(?:3|FG))|agents?\s+contractuels?"
        r"|personnel\s+contractuel|Vertragsbedienstete[rn]?(?:/r)?|agent[ei]\s+contrattual[ei]|agentes?\s+contractual(?:es)?"
        r"|agentes?\s+contratuais|arbeidscontractant(?:en)?|kontraktansatte?|kontraktsanställda?"
        r"|pracowni\w+\s+kontraktow\w+|personel\w*\s+kontraktow\w+|sopimussuhteinen\s+toimihenkilö"
    ),
    "official": (
        r"permanent\s+(?:officials?|posts?|positions?)|(?<!\w)officials?(?!\s+languages?)(?=\s*(?:$|[,(/–-]|\(|AD|AST))"
        r"|fonctionnaires?|Beamte[rn]?(?:/r)?|Beamtin(?:nen)?|funzionari[oe]?|funcionari[oa]s?|ambtena(?:ar|ren)|tjenestemænd|tjenestemand"
        r"|tjänstemän|urzędni\w+|virkamie\w+"
    ),
    "seconded_national_expert": (
        r"seconded\s+national\s+experts?|(?<!\w)SNEs?(?!\w)|experts?\s+nationa(?:l|ux)\s+détachés?"
        r"|abgeordnete[rn]?\s+nationale[rn]?\s+(?:Sachverständige[rn]?|Experte[n]?)|espert[oi]\s+nazional[ei]\s+distaccat[oi]"
        r"|expertos?\s+nacional(?:es)?\s+destacados?|gedetacheerde?\s+nationale?\s+deskundigen?"
        r"|udstationerede?\s+nationale?\s+eksperte?r?|oddelegowan\w+\s+ekspert\w*\s+krajow\w+"
    ),
    "traineeship": (
        r"trainee(?:ships?|s)?|internships?|(?<!\w)interns?(?!\w)|stagiaires?|(?<!\w)stages?(?!\w)|Praktik(?:um|ant(?:in)?)"
        r"|tirocin(?:io|ante|anti)|prácticas|becari[oa]s?|estágios?|stagiair(?:s|es)?|praktikant(?:er)?|staż\w*"
    ),
    "interim": r"interim(?:\s+(?:agent|staff|worker))?|intérimaires?|Leiharbeit\w*",
}
_KIND = re.compile("|".join(f"(?P<{kind}>{words})" for kind, words in _WORDS.items()), re.I)


# what every match of _KIND starts with (lower case), where it is tried: its hundred alternatives at every
# position of a line took a millisecond a posting
_KIND_STARTS = (
    "temporary", "ta", "agent", "personnel", "bedienstete", "zeitbedienstete", "tijdelijk", "midlertidig",
    "tillfälligt", "członk", "personel", "zatrudnion", "väliaikai", "contract", "ca", "vertragsbedienstete",
    "arbeidscontractant", "kontrakt", "pracowni", "sopimussuhteinen", "permanent", "official", "fonctionnaire",
    "beamt", "funzionari", "funcionari", "ambtena", "tjenestem", "tjänstemän", "urzędni", "virkamie", "seconded",
    "sne", "expert", "abgeordnete", "espert", "gedetacheerd", "udstationered", "oddelegowan", "trainee",
    "internship", "intern", "stagiair", "stage", "praktik", "tirocin", "prácticas", "becari", "estágio", "staż",
    "interim", "intérimaire", "leiharbeit",
)


def kind_named(text: str) -> tuple[str, re.Match] | None:
    """The first staff category text names, with its match."""
    return next(kinds_named(text), None)


def kinds_named(text: str) -> Iterator[tuple[str, re.Match]]:
    """Each staff category text names, with its match, in order."""
    for m in finditer_from(_KIND, text, search_starts(lowered(text), _KIND_STARTS)):
        yield m.lastgroup, m


# What may stand beside the kind on such a line: a grade, the notice's own words
_BESIDE_A_KIND = re.compile(
    r"\b(?:(?:AD|AST(?:/SC)?|SC|FG|GF)\s*[\dIVX]+|grades?|HQ|members?|of|the|for|vacancy|vacancies|notice|call|selection"
    r"|procedure|recruitment|expressions?|interest|open|external|internal|competition|avis|de|vacance|appel|à"
    r"|manifestation|d'intérêt|stellenausschreibung|für|ogłoszenie|o|naborze|dla|to|at|in|with|a|an)\b|[\W\d_]+", re.I)
_BRACKETS = re.compile(r"\([^()]*\)")
_LONGEST_HEADING = 160  # characters


def describes_the_notice(line: str) -> bool:
    """'CONTRACT STAFF', 'Temporary Agent – AD 5', 'VACANCY NOTICE – TEMPORARY STAFF', 'członkowie personelu
    tymczasowego', 'External Vacancy Notice in the European Asylum Support Office (EASO)': a line that says what
    kind of post or notice, by whom, at what grade, and nothing else (so it names no post)."""
    if len(line) > _LONGEST_HEADING or not any(c.isalpha() for c in line):
        return False  # a sentence, or no words
    for start, end, _ in reversed(institutions_named(line)):
        line = line[:start] + " " + line[end:]
    for _, m in reversed(list(kinds_named(line))):
        line = line[:m.start()] + " " + line[m.end():]
    return not _BESIDE_A_KIND.sub(" ", _BRACKETS.sub(" ", line)).strip()
