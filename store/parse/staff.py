"""The staff categories of the Staff Regulations and the CEOS as postings name them, in the EU's languages:
"Temporary staff", "agent temporaire", "Bedienstete auf Zeit", "członkowie personelu tymczasowego"...

Read where a posting states its kind of post: a "Type of contract" value, a notice's heading ("VACANCY NOTICE –
TEMPORARY STAFF"), the line that heads the post ("HQ Contract Agent FGIV"). In running text these words
describe every category in boilerplate, so grades.find_kind reads sentences by its own, stricter rules.
"""

from __future__ import annotations

import re

from .institutions import institutions_named

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


def kind_named(text: str) -> tuple[str, re.Match] | None:
    """The first staff category text names, with its match."""
    m = _KIND.search(text)
    return (m.lastgroup, m) if m else None


# What may stand beside the kind on such a line: a grade, the notice's own words
_BESIDE_A_KIND = re.compile(
    r"\b(?:(?:AD|AST(?:/SC)?|SC|FG|GF)\s*[\dIVX]+|grades?|HQ|members?|of|the|for|vacancy|vacancies|notice|call|selection"
    r"|procedure|recruitment|expressions?|interest|open|external|internal|competition|avis|de|vacance|appel|à"
    r"|manifestation|d'intérêt|stellenausschreibung|für|ogłoszenie|o|naborze|dla|to|at|in|with|a|an)\b|[\W\d_]+", re.I)
_BRACKETS = re.compile(r"\([^()]*\)")


def describes_the_notice(line: str) -> bool:
    """'CONTRACT STAFF', 'Temporary Agent – AD 5', 'VACANCY NOTICE – TEMPORARY STAFF', 'członkowie personelu
    tymczasowego', 'External Vacancy Notice in the European Asylum Support Office (EASO)': a line that says what
    kind of post or notice, by whom, at what grade, and nothing else (so it names no post)."""
    if not any(c.isalpha() for c in line):
        return False
    for start, end, _ in reversed(institutions_named(line)):
        line = line[:start] + " " + line[end:]
    return not _BESIDE_A_KIND.sub(" ", _BRACKETS.sub(" ", _KIND.sub(" ", line))).strip()
