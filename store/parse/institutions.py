"""Which EU institution or body employs (departments.py reads which Directorate-General within it).

Postings name many institutions in passing (the Commission's decisions, EPSO's database, the
Parliament's committees). The employer is the one the recruiting context names ("join the
European Commission", "DG INTPA ... of the European Commission", "empowers the European
Parliament"), the one its Directorate-General belongs to, and the one named most and first.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eujobs.store.parse.departments import EC, EP, INSTITUTION_OF, find_directorate_general
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import finditer_from, lowered, lowered_text, search_at, search_starts

# (full English name, case-insensitive spellings, case-sensitive acronyms/short forms)
_INSTITUTIONS = [
    (EC, ["European Commission", "Joint Research Centre", "European Anti-Fraud Office", "Commission européenne",
          "Centre commun de recherche", "Europäische Kommission", "Commissione europea", "Comisión Europea",
          "Comissão Europeia", "Europese Commissie", "Europa-Kommissionen", "Europeiska kommissionen",
          "Komisja Europejska", "Evropská komise", "Európai Bizottság", "Comisia Europeană", "Euroopan komissio",
          "Euroopa Komisjon", "Eiropas Komisija", "Europos Komisija", "Európska komisia", "Evropska komisija",
          "Europska komisija", "Il-Kummissjoni Ewropea", "Европейската комисия", "Ευρωπαϊκή Επιτροπή"],
     ["Commission", "COMMISSION", "JRC", "OLAF"]),
    (EP, ["European Parliament", "Parlement européen", "Europäisches Parlament", "Europäischen Parlaments?",
          "Parlamento europeo", "Parlamento Europeo", "Parlamento Europeu", "Europees Parlement", "Europa-Parlamentet",
          "Europaparlamentet", "Parlament Europejski", "Parlamentu Europejskiego", "Evropský parlament",
          "Európai Parlament", "Parlamentul European", "Euroopan parlamentti", "Euroopa Parlament",
          "Eiropas Parlaments", "Europos Parlamentas", "Európsky parlament", "Evropski parlament", "Europski parlament",
          "Parlament Ewropew", "Европейският парламент", "Ευρωπαϊκό Κοινοβούλιο"],
     ["Parliament(?:'s|’s|s)?", "PARLIAMENT", "EP"]),
    ("Council of the European Union", ["Council of the European Union", "Council of the EU",
                                       "General Secretariat of the Council", "Conseil de l'Union européenne",
                                       "Secrétariat général du Conseil", "Rat der Europäischen Union",
                                       "Generalsekretariat des Rates", "Consiglio dell'Unione europea",
                                       "Consejo de la Unión Europea", "Raad van de Europese Unie",
                                       "Rådet for Den Europæiske Union", "Rada Unii Europejskiej"], ["GSC", "SGC"]),
    ("European External Action Service", ["European External Action Service", "Service européen pour l'action extérieure",
                                          "Europäischer Auswärtiger Dienst", "Servizio europeo per l'azione esterna",
                                          "Servicio Europeo de Acción Exterior"],
     ["EEAS", "SEAE", "EAD"]),
    ("Court of Justice of the European Union", ["Court of Justice(?: of the European Union)?", "General Court",
                                                "Cour de justice(?: de l'Union européenne)?", "Gerichtshof(?: der Europäischen Union)?",
                                                "Corte di giustizia", "Tribunal de Justicia", "Trybunał Sprawiedliwości"],
     ["CJEU", "CURIA"]),
    ("European Court of Auditors", ["(?:European )?Court of Auditors", "Cour des comptes européenne",
                                    "Europäischer Rechnungshof", "Corte dei conti europea", "Tribunal de Cuentas Europeo"],
     ["ECA"]),
    ("European Economic and Social Committee", ["European Economic and Social Committee", "Comité économique et social européen",
                                                "Europäischer Wirtschafts- und Sozialausschuss"], ["EESC", "CESE"]),
    ("European Committee of the Regions", ["(?:European )?Committee of the Regions", "Comité européen des régions",
                                           "Europäischer Ausschuss der Regionen"], ["CoR"]),
    ("European Investment Bank", ["European Investment Bank", "Banque européenne d'investissement"], ["EIB", "BEI"]),
    ("European Investment Fund", ["European Investment Fund"], ["EIF"]),
    ("European Central Bank", ["European Central Bank", "Banque centrale européenne", "Europäische Zentralbank"], ["ECB"]),
    ("European Ombudsman", ["European Ombudsman"], ["Ombudsman"]),
    ("European Data Protection Supervisor (EDPS)", ["European Data Protection Supervisor"], ["EDPS"]),
]

# EU agencies and bodies: (acronym, full name, acronym is safe alone). An acronym that is also an
# ordinary abbreviation (EEA = European Economic Area, ERA = European Research Area, ETF = fund,
# FRA = France) only counts once the agency's full name appears too.
_AGENCIES = [
    ("ENISA", "European Union Agency for Cybersecurity", True),
    ("EMA", "European Medicines Agency", True),
    ("EFSA", "European Food Safety Authority", True),
    ("ECHA", "European Chemicals Agency", True),
    ("EUIPO", "European Union Intellectual Property Office", True),
    ("Frontex", "European Border and Coast Guard Agency", True),
    ("Europol", "European Union Agency for Law Enforcement Cooperation", True),
    ("Eurojust", "European Union Agency for Criminal Justice Cooperation", True),
    ("EEA", "European Environment Agency", False),
    ("EASA", "European Union Aviation Safety Agency", True),
    ("EIOPA", "European Insurance and Occupational Pensions Authority", True),
    ("ESMA", "European Securities and Markets Authority", True),
    ("EBA", "European Banking Authority", False),
    ("EUAA", "European Union Agency for Asylum", True),
    ("FRA", "European Union Agency for Fundamental Rights", False),
    ("Cedefop", "European Centre for the Development of Vocational Training", True),
    ("ETF", "European Training Foundation", False),
    ("EU-OSHA", "European Agency for Safety and Health at Work", True),
    ("Eurofound", "European Foundation for the Improvement of Living and Working Conditions", True),
    ("EIGE", "European Institute for Gender Equality", True),
    ("ELA", "European Labour Authority", False),
    ("EMSA", "European Maritime Safety Agency", True),
    ("ERA", "European Union Agency for Railways", False),
    ("ACER", "European Union Agency for the Cooperation of Energy Regulators", True),
    ("BEREC Office", "Agency for Support for BEREC", True),
    ("CdT", "Translation Centre for the Bodies of the European Union", True),
    ("CPVO", "Community Plant Variety Office", True),
    ("EDA", "European Defence Agency", False),
    ("SatCen", "European Union Satellite Centre", True),
    ("EUISS", "European Union Institute for Security Studies", True),
    ("EPPO", "European Public Prosecutor's Office", True),
    ("eu-LISA", "European Union Agency for the Operational Management of Large-Scale IT Systems"
                " in the Area of Freedom, Security and Justice", True),
    ("EUSPA", "European Union Agency for the Space Programme", True),
    ("ECDC", "European Centre for Disease Prevention and Control", True),
    ("EUDA", "European Union Drugs Agency", True),
    ("EIT", "European Institute of Innovation and Technology", False),
    ("SRB", "Single Resolution Board", True),
    ("AMLA", "Authority for Anti-Money Laundering and Countering the Financing of Terrorism", True),
    ("REA", "European Research Executive Agency", False),
    ("ERCEA", "European Research Council Executive Agency", True),
    ("HaDEA", "European Health and Digital Executive Agency", True),
    ("CINEA", "European Climate, Infrastructure and Environment Executive Agency", True),
    ("EISMEA", "European Innovation Council and SMEs Executive Agency", True),
    ("EACEA", "European Education and Culture Executive Agency", True),
    ("EPSO", "European Personnel Selection Office", True),
    ("EASO", "European Asylum Support Office", True),
    ("EMCDDA", "European Monitoring Centre for Drugs and Drug Addiction", True),
    ("EDPB", "European Data Protection Board", True),
    ("ECCC", "European Cybersecurity Competence Centre", True),
    ("F4E", "Fusion for Energy", True),
    ("IHI JU", "Innovative Health Initiative Joint Undertaking", True),
    ("Clean Aviation JU", "Clean Aviation Joint Undertaking", True),
    ("Clean Hydrogen JU", "Clean Hydrogen Joint Undertaking", True),
    ("SESAR 3 JU", "SESAR 3 Joint Undertaking", True),
    ("EU-Rail", "Europe's Rail Joint Undertaking", True),
    ("EuroHPC JU", "European High Performance Computing Joint Undertaking", True),
    ("Chips JU", "Chips Joint Undertaking", True),
    ("CBE JU", "Circular Bio-based Europe Joint Undertaking", True),
    ("SNS JU", "Smart Networks and Services Joint Undertaking", True),
    ("Global Health EDCTP3", "Global Health EDCTP3 Joint Undertaking", True),
]
# Other names postings give a body; a former name is not one of them (a notice of 2021 by EASO is EASO's)
_FORMER_NAMES = {"IHI JU": ["IHI"], "Clean Aviation JU": ["CAJU"], "SESAR 3 JU": ["SESAR JU", "SJU"]}

# EPSO runs the selections for every institution and is named in nearly every posting (its
# database, its CAST): it only employs when nothing else is named as much.
_WEIGHT = {"European Personnel Selection Office (EPSO)": 0.3}

# Phrases that put the institution right after them in the hiring role
_RECRUITING = re.compile(
    r"(?:\bjoin|\bwork(?:ing)? (?:for|at|in)|\bcareers? (?:at|in|with)|\brecruited (?:\w+ )?(?:by|at)|\bemployed by|\bengaged by"
    r"|\brejoignez|\btravailler (?:pour|à|au)"
    r"|\bempowers|\btraineeships? (?:at|in|with)|\bvacanc(?:y|ies) (?:at|in)|(?-i:\bDG [A-Z]+)\)?[^.\n]{0,60}?\bof|(?-i:\b[A-Z]{3,6}) of)"
    r"(?: the)?\s*$",
    re.I,
)
# the last word of every phrase of _RECRUITING, before its " the" (lower case): what the text before a mention
# must end with for the rule to be worth trying there
_RECRUITING_ENDS = ("join", "for", "at", "in", "with", "by", "rejoignez", "pour", "à", "au", "empowers", "of", "the")
_WORD = re.compile(r"\w+")


def _words_of(form: str) -> frozenset[str]:
    """The words every match of a spelling contains: those of its literal start, up to the first
    regex syntax ('Court of Justice(?: of ...)?' -> court, of, justice). Empty when it starts with syntax."""
    literal = re.split(r"[\\(\[?*+|{]", form, maxsplit=1)[0]
    return frozenset(re.findall(r"\w+", literal.lower()))


def _first_words(form: str) -> list[str]:
    """The word every match of a spelling starts with, in lower case: up to its first blank or regex syntax; both
    ways when the spelling starts with an optional part ('(?:European )?Court of Auditors' -> european, court)."""
    optional = re.match(r"\(\?:([^()]*)\)\?", form)
    if optional:
        return _first_words(optional[1] + form[optional.end():]) + _first_words(form[optional.end():])
    return [re.split(r"[\s\\(\[?*+|{]", form, maxsplit=1)[0].lower()]


def _spellings() -> list[tuple[str, re.Pattern, bool, list[frozenset[str]], tuple[str, ...]]]:
    """(full name, pattern, counts only once the full name appeared, words needed by each alternative, words
    its matches start with) for every spelling."""
    table = []
    for name, long_forms, short_forms in _INSTITUTIONS:
        forms = long_forms + short_forms
        table.append((name, re.compile(rf"\b(?i:{'|'.join(long_forms)})\b|\b(?:{'|'.join(short_forms)})\b"), False,
                      [_words_of(f) for f in forms], tuple(w for f in forms for w in _first_words(f))))
    for acronym, long_name, safe in _AGENCIES:
        name = f"{long_name} ({acronym})"
        former = _FORMER_NAMES.get(acronym, [])
        long_forms = [long_name] + [f for f in former if " " in f]
        short_forms = [acronym] + [f for f in former if " " not in f]
        table.append((name, re.compile(rf"\b(?i:{'|'.join(map(re.escape, long_forms))})\b"), False,
                      [_words_of(f) for f in long_forms], tuple(f.split()[0].lower() for f in long_forms)))
        table.append((name, re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, short_forms))})(?![\w-])"), not safe,
                      [_words_of(f) for f in short_forms], tuple(f.split()[0].lower() for f in short_forms)))
    return table


_SPELLINGS = _spellings()


@lru_cache(maxsize=64)
def _one_pass(spellings: tuple[int, ...]) -> re.Pattern:
    """One pattern for the given spellings, group 'g<i>' for spelling i: a single pass over the text
    instead of one per name."""
    # every spelling starts a word: one check of that first lets the engine skip the other positions
    # instead of trying each alternative at each of them
    alternatives = "|".join(f"(?P<g{i}>{_SPELLINGS[i][1].pattern})" for i in spellings)
    return re.compile(rf"(?<![\w-])(?=\w)(?:{alternatives})" if alternatives else r"(?!)")


def _possible_spellings(words: set[str]) -> tuple[int, ...]:
    """The spellings (by index) some alternative of which could match a text made of these (lower-case) words: a
    spelling is looked up by one word each alternative needs, so only those of the text's words are tried."""
    possible = {i for word in words & _BY_NEEDED_WORD.keys() for i, needed in _BY_NEEDED_WORD[word]
                if words.issuperset(needed)}
    possible.update(_NEEDS_NO_WORD)
    return tuple(sorted(possible))


EU_INSTITUTIONS = "EU institutions"
_ALL_INSTITUTIONS = re.compile(r"^(?:EU|European Union|all (?:the )?EU) institutions(?: and (?:bodies|agencies))?$"
                               r"|^institutions (?:de l'UE|de l'Union européenne)$|^(?:EU|EU-)Institutionen$", re.I)
_LEADING_ACRONYM = re.compile(r"^\((?P<acronym>[^()]{2,15})\)\s*(?P<name>\S.*)$")
_LINK_TARGET = re.compile(r"\s*\((?:https?|mailto):[^)]*\)|\s*\(/[^)]*\)")
# An open competition EPSO organises: the EU institutions recruit from it (a label may say which)
_EPSO_COMPETITION = re.compile(r"EPSO\b[^.\n]{0,40}\b(?:is organising|organises|organizes|is organizing)\b[^.\n]{0,40}"
                               r"\b(?:open )?competition|\bEPSO organise\b[^.\n]{0,30}\bconcours", re.I)
_TOP = 300  # characters: a body named in a posting's heading is its employer more than one named in its body


def _institution_of_value(value: str) -> str | None:
    """The employer an "Institution/Agency" value names: a known body by its full name, "EU institutions", or the
    value as written ("(IHI JU) Innovative Health Initiative Joint Undertaking" with its acronym after it)."""
    for line in value.split("\n"):
        line = _LINK_TARGET.sub("", line).strip(" .;,")
        if not line or "://" in line:
            continue
        if _ALL_INSTITUTIONS.match(line):
            return EU_INSTITUTIONS
        if named := institutions_named(line):
            return named[0][2]
        if len(line.split()) > 12 or line.endswith((".", ":", ";")):
            return None  # a sentence under a heading that looks like the label, not a body's name
        m = _LEADING_ACRONYM.match(line)
        return f"{m['name']} ({m['acronym']})" if m else line
    return None


def find_institution(text: str, reference: str | None = None) -> Found[str] | None:
    """The full English name of the institution or body that employs: an "Institution/Agency" label's value;
    "EU institutions" for an open competition of EPSO's; else the body the posting names as employer."""
    for field in read_fields(text).all("institution"):
        if name := _institution_of_value(field.value):
            return Found(name, field.source())
    epso = search_at(_EPSO_COMPETITION, text, ("epso",))
    if reference and reference.upper().startswith("EPSO/") or epso:
        return Found(EU_INSTITUTIONS, in_line(text, epso.start(), epso.end()) if epso
                     else f"an EPSO competition ({reference})")
    return _named_as_employer(text)


def _named_as_employer(text: str) -> Found[str] | None:
    """The body named in the hiring role, the one its Directorate-General belongs to, the one named most and
    first, and in the posting's heading."""
    employer_of_department = INSTITUTION_OF.get(find_directorate_general(text) or "")  # (the text as given: cached)
    text = plain(text)
    words = set(_WORD.findall(text.lower()))
    possible = _possible_spellings(words)
    # (the pass is tried only where a possible spelling's first word stands)
    starts = search_starts(lowered_text(text), tuple(sorted({w for i in possible for w in _SPELLINGS[i][4]})))
    hits: dict[int, list[tuple[int, float]]] = {}  # spelling -> (position, weight) of each mention
    for m in finditer_from(_one_pass(possible), text, starts):
        i = int(m.lastgroup[1:])
        before = max(0, m.start() - 80)
        bonus = 3 if (lowered(text[before:m.start()]).rstrip().endswith(_RECRUITING_ENDS)
                      and _RECRUITING.search(text, before, m.start())) else 0
        bonus += 2 if m.start() < _TOP else 0
        hits.setdefault(i, []).append((m.start(), _WEIGHT.get(_SPELLINGS[i][0], 1.0) * (1 + bonus)))
    named = {_SPELLINGS[i][0] for i in hits if not _SPELLINGS[i][2]}
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for i, mentions in hits.items():
        name, _, needs_full_name, _, _ = _SPELLINGS[i]
        if needs_full_name and name not in named:
            continue  # an ambiguous acronym ("EEA") without the agency's full name anywhere
        scores[name] = scores.get(name, 0) + sum(weight for _, weight in mentions)
        first[name] = min(first.get(name, mentions[0][0]), mentions[0][0])
    if employer_of_department:  # the DG the posting is for says whose it is ("our client DG DIGIT")
        scores[employer_of_department] = scores.get(employer_of_department, 0) + 5
        first.setdefault(employer_of_department, len(text))
    if not scores:
        return None
    scores[min(first, key=first.get)] += 2  # the first named
    best = max(scores, key=lambda name: (scores[name], -first[name]))
    at = first[best]
    return Found(best, in_line(text, at, at + 1, "named as employer") if at < len(text)
                 else "the Directorate-General the posting is for")


_EVERY_SPELLING = tuple(range(len(_SPELLINGS)))


def _by_needed_word() -> dict[str, list[tuple[int, frozenset[str]]]]:
    """Each alternative of each spelling (index, the words it needs), under one of those words (its longest)."""
    index: dict[str, list[tuple[int, frozenset[str]]]] = {}
    for i, (*_, needed, _) in enumerate(_SPELLINGS):
        for words in needed:
            if words:
                index.setdefault(max(words, key=len), []).append((i, words))
    return index


_BY_NEEDED_WORD = _by_needed_word()
# the spellings an alternative of which needs no word (it starts with regex syntax): always possible
_NEEDS_NO_WORD = frozenset(i for i, (*_, needed, _) in enumerate(_SPELLINGS) if any(not words for words in needed))
_FIRST_WORDS = tuple(sorted({word for *_, firsts in _SPELLINGS for word in firsts}))
_SPELLING_WORDS = frozenset(word for *_, needed, _ in _SPELLINGS for words in needed for word in words)


def names_an_institution(text: str) -> bool:
    return bool(institutions_named(text))


def institutions_named(text: str) -> list[tuple[int, int, str]]:
    """(start, end, full name) of each institution or body text names: for short texts (a line, a label's
    value), where the whole-posting scoring of find_institution is not needed."""
    if set(_WORD.findall(text.lower())).isdisjoint(_SPELLING_WORDS):
        return []
    # (the pass is tried only where a spelling's first word stands)
    low = lowered(text)
    starts = search_starts(low, tuple(word for word in _FIRST_WORDS if word in low))
    return [(m.start(), m.end(), _SPELLINGS[int(m.lastgroup[1:])][0])
            for m in finditer_from(_one_pass(_EVERY_SPELLING), text, starts)]
