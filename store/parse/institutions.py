"""Which EU institution or body employs, and which Directorate-General within it.

Postings name many institutions in passing (the Commission's decisions, EPSO's database, the
Parliament's committees). The employer is the one the recruiting context names ("join the
European Commission", "DG INTPA ... of the European Commission", "empowers the European
Parliament"), the one its Directorate-General belongs to, and the one named most and first.
"""

from __future__ import annotations

import re

from .markup import plain

EC, EP = "European Commission", "European Parliament"

# (full English name, case-insensitive spellings, case-sensitive acronyms/short forms)
_INSTITUTIONS = [
    (EC, ["European Commission", "Joint Research Centre", "European Anti-Fraud Office"],
     ["Commission", "COMMISSION", "JRC", "OLAF"]),
    (EP, ["European Parliament"], ["Parliament(?:'s|’s|s)?", "PARLIAMENT", "EP"]),
    ("Council of the European Union", ["Council of the European Union", "Council of the EU",
                                       "General Secretariat of the Council"], ["GSC"]),
    ("European External Action Service", ["European External Action Service"], ["EEAS"]),
    ("Court of Justice of the European Union", ["Court of Justice(?: of the European Union)?", "General Court"], ["CJEU"]),
    ("European Court of Auditors", ["(?:European )?Court of Auditors"], ["ECA"]),
    ("European Economic and Social Committee", ["European Economic and Social Committee"], ["EESC"]),
    ("European Committee of the Regions", ["(?:European )?Committee of the Regions"], ["CoR"]),
    ("European Investment Bank", ["European Investment Bank"], ["EIB"]),
    ("European Investment Fund", ["European Investment Fund"], ["EIF"]),
    ("European Central Bank", ["European Central Bank"], ["ECB"]),
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
]
# Former names that still appear in postings
_FORMER_NAMES = {"EUDA": ["European Monitoring Centre for Drugs and Drug Addiction", "EMCDDA"],
                 "EUAA": ["European Asylum Support Office", "EASO"]}

# EPSO runs the selections for every institution and is named in nearly every posting (its
# database, its CAST): it only employs when nothing else is named as much.
_WEIGHT = {"European Personnel Selection Office (EPSO)": 0.3}

# Phrases that put the institution right after them in the hiring role
_RECRUITING = re.compile(
    r"(?:\bjoin|\bwork(?:ing)? (?:for|at|in)|\bcareers? (?:at|in|with)|\brecruited (?:by|at)|\bemployed by|\bengaged by"
    r"|\bempowers|\btraineeships? (?:at|in|with)|\bvacanc(?:y|ies) (?:at|in)|(?-i:\bDG [A-Z]+)\)?[^.\n]{0,60}?\bof|(?-i:\b[A-Z]{3,6}) of)"
    r"(?: the)?\s*$",
    re.I,
)


def _spellings() -> list[tuple[str, re.Pattern, bool]]:
    """(full name, pattern, counts only once the full name appeared) for every spelling."""
    table = []
    for name, long_forms, short_forms in _INSTITUTIONS:
        table.append((name, re.compile(rf"\b(?i:{'|'.join(long_forms)})\b|\b(?:{'|'.join(short_forms)})\b"), False))
    for acronym, long_name, safe in _AGENCIES:
        name = f"{long_name} ({acronym})"
        former = _FORMER_NAMES.get(acronym, [])
        long_forms = [long_name] + [f for f in former if " " in f]
        short_forms = [acronym] + [f for f in former if " " not in f]
        table.append((name, re.compile(rf"\b(?i:{'|'.join(map(re.escape, long_forms))})\b"), False))
        table.append((name, re.compile(rf"(?<![\w-])(?:{'|'.join(map(re.escape, short_forms))})(?![\w-])"), not safe))
    return table


_SPELLINGS = _spellings()


def find_institution(text: str) -> str | None:
    """The full English name of the institution or body that employs, or None."""
    text = plain(text)
    scores: dict[str, float] = {}
    first: dict[str, int] = {}
    for name, pattern, needs_full_name in _SPELLINGS:
        if needs_full_name and name not in scores:
            continue  # an ambiguous acronym ("EEA") without the agency's full name anywhere
        for m in pattern.finditer(text):
            bonus = 3 if _RECRUITING.search(text[max(0, m.start() - 80):m.start()]) else 0
            scores[name] = scores.get(name, 0) + _WEIGHT.get(name, 1.0) * (1 + bonus)
            first[name] = min(first.get(name, m.start()), m.start())
    employer_of_department = _INSTITUTION_OF.get(find_department(text) or "")
    if employer_of_department:  # the DG the posting is for says whose it is ("our client DG DIGIT")
        scores[employer_of_department] = scores.get(employer_of_department, 0) + 5
        first.setdefault(employer_of_department, len(text))
    if not scores:
        return None
    scores[min(first, key=first.get)] += 2  # the first named
    return max(scores, key=lambda name: (scores[name], -first[name]))


# ---------------------------------------------------------------- Directorates-General

# (short form, employing institution, long names, code spellings). The short form is what
# people say ('DG CONNECT'); the codes are how unit lines write it ('CNECT.R3', 'DIGIT B.1').
_DEPARTMENTS = [
    ("DG AGRI", EC, ["Agriculture and Rural Development"], ["AGRI"]),
    ("DG BUDG", EC, ["Budget"], ["BUDG"]),
    ("DG CLIMA", EC, ["Climate Action"], ["CLIMA"]),
    ("DG CONNECT", EC, ["Communications Networks, Content and Technology"], ["CONNECT", "CNECT"]),
    ("DG COMM", EC, ["Communication"], ["COMM"]),
    ("DG COMP", EC, ["Competition"], ["COMP"]),
    ("DG DEFIS", EC, ["Defence Industry and Space"], ["DEFIS"]),
    ("DGT", EC, ["Translation"], ["DGT"]),
    ("DG DIGIT", EC, ["Digital Services", "Informatics"], ["DIGIT"]),
    ("DG EAC", EC, ["Education, Youth, Sport and Culture"], ["EAC"]),
    ("DG ECFIN", EC, ["Economic and Financial Affairs"], ["ECFIN"]),
    ("DG ECHO", EC, ["European Civil Protection and Humanitarian Aid Operations"], ["ECHO"]),
    ("DG EMPL", EC, ["Employment, Social Affairs and Inclusion"], ["EMPL"]),
    ("DG ENER", EC, ["Energy"], ["ENER"]),
    ("DG ENEST", EC, ["Enlargement and Eastern Neighbourhood"], ["ENEST"]),
    ("DG ENV", EC, ["Environment"], ["ENV"]),
    ("DG ESTAT", EC, ["Eurostat"], ["ESTAT", "Eurostat", "EUROSTAT"]),
    ("DG FISMA", EC, ["Financial Stability, Financial Services and Capital Markets Union"], ["FISMA"]),
    ("DG GROW", EC, ["Internal Market, Industry, Entrepreneurship and SMEs"], ["GROW"]),
    ("DG HERA", EC, ["Health Emergency Preparedness and Response(?: Authority)?"], ["HERA"]),
    ("DG HOME", EC, ["Migration and Home Affairs"], ["HOME"]),
    ("DG HR", EC, ["Human Resources and Security", "Human Resources"], ["HR"]),
    ("DG INTPA", EC, ["International Partnerships", "International Cooperation and Development"], ["INTPA", "DEVCO"]),
    ("DG JRC", EC, ["Joint Research Centre"], ["JRC"]),
    ("DG JUST", EC, ["Justice and Consumers"], ["JUST"]),
    ("DG MARE", EC, ["Maritime Affairs and Fisheries"], ["MARE"]),
    ("DG MENA", EC, ["Middle East, North Africa and the Gulf"], ["MENA"]),
    ("DG MOVE", EC, ["Mobility and Transport"], ["MOVE"]),
    ("DG NEAR", EC, ["Neighbourhood and Enlargement Negotiations"], ["NEAR"]),
    ("DG REFORM", EC, ["Structural Reform Support"], ["REFORM"]),
    ("DG REGIO", EC, ["Regional and Urban Policy"], ["REGIO"]),
    ("DG RTD", EC, ["Research and Innovation"], ["RTD"]),
    ("DG SANTE", EC, ["Health and Food Safety"], ["SANTE"]),
    ("DG SCIC", EC, ["Interpretation"], ["SCIC"]),
    ("DG TAXUD", EC, ["Taxation and Customs Union"], ["TAXUD"]),
    ("DG TRADE", EC, ["Trade(?: and Economic Security)?"], ["TRADE"]),
    ("SG", EC, ["Secretariat-General"], ["SG", "SEC GEN", "SECGEN"]),
    ("SJ", EC, ["Legal Service"], ["SJ"]),
    ("OLAF", EC, ["European Anti-Fraud Office"], ["OLAF"]),
    ("EPSO", EC, ["European Personnel Selection Office"], ["EPSO"]),
    ("OIB", EC, ["Office for Infrastructure and Logistics in Brussels"], ["OIB"]),
    ("OIL", EC, ["Office for Infrastructure and Logistics in Luxembourg"], ["OIL"]),
    ("PMO", EC, ["Office for the Administration and Payment of Individual Entitlements"], ["PMO"]),
    # European Parliament
    ("DG ITEC", EP, ["Information Technologies and Cybersecurity", "Innovation and Technological Support"], ["ITEC"]),
    ("DG PERS", EP, ["Personnel"], ["PERS"]),
    ("DG FINS", EP, ["Finance"], ["FINS"]),
    ("DG INLO", EP, ["Infrastructure and Logistics"], ["INLO"]),
    ("DG EPRS", EP, ["Parliamentary Research Services"], ["EPRS"]),
    ("DG IPOL", EP, ["Internal Policies(?: of the Union)?"], ["IPOL"]),
    ("DG EXPO", EP, ["External Policies(?: of the Union)?"], ["EXPO"]),
    ("DG LINC", EP, ["Logistics and Interpretation for Conferences"], ["LINC"]),
    ("DG TRAD", EP, [], ["TRAD"]),
    ("DG SAFE", EP, ["Security and Safety"], ["SAFE"]),
    ("DG PRES", EP, ["(?:the )?Presidency"], ["PRES"]),
    ("LS", EP, [], ["LS"]),
]
_INSTITUTION_OF = {short: institution for short, institution, _, _ in _DEPARTMENTS}
# Long names two institutions share: the employer decides ("Directorate-General for Translation")
_SHARED_LONG_NAMES = {("DGT", EP): "DG TRAD", ("SJ", EP): "LS"}
# Codes that are also plain words or other acronyms: only trusted right after "DG" or in a unit code
_WORDLIKE = {"COMM", "COMP", "HOME", "JUST", "MOVE", "TRADE", "GROW", "MARE", "ECHO", "HR", "SG", "SJ",
             "EPSO", "PMO", "OIL", "SAFE", "PRES", "FINS", "EXPO", "TRAD", "LS", "ENV", "NEAR", "CONNECT",
             "REFORM", "HERA", "EAC", "Eurostat", "EUROSTAT", "PERS", "OLAF", "JRC", "OIB", "MENA", "DGT"}

_BY_CODE = {code.upper(): short for short, _, _, codes in _DEPARTMENTS for code in codes}
_BY_CODE.update({short.upper().removeprefix("DG "): short for short, *_ in _DEPARTMENTS})
_BY_LONG = [(re.compile(rf"(?i:{long})\b"), short) for short, _, longs, _ in _DEPARTMENTS for long in longs]

_DG_WORD = r"(?:Directorate[- ]General|Director[- ]General|General Directorate|DG)"
_LONG_ALTERNATION = "|".join(long for _, _, longs, _ in _DEPARTMENTS for long in longs)
_LONG_IN_TEXT = re.compile(
    rf"\b{_DG_WORD}\s+(?:for|of)\s+(?:the\s+)?[“\"„'‘]?(?P<long>{_LONG_ALTERNATION})\b", re.I)
# Services whose own name, without "Directorate-General", names them
_SERVICE_IN_TEXT = re.compile(
    r"\b(?P<long>Legal Service|Secretariat[- ]General|Joint Research Centre|European Anti-Fraud Office"
    r"|Office for Infrastructure and Logistics in (?:Brussels|Luxembourg))\b")
_ALL_CODES = "|".join(sorted({c for *_, codes in _DEPARTMENTS for c in codes}, key=len, reverse=True))
_DG_CODE = re.compile(rf"\b(?:DG|Directorate[- ]General)[\s-]+\(?(?P<code>(?i:{_ALL_CODES}))\b(?![-/])")
# A unit line ("CONNECT.R3", "DIGIT B.1", "ITEC.DIR-A") or "in DIGIT of the Commission"
_UNIT_CODE = re.compile(rf"\b(?P<code>{_ALL_CODES})(?:\.[A-Z]{{1,3}}\.?\d|\s[A-Z]\.\d|\.DIR)")
_CODE_OF = re.compile(rf"\b(?P<code>{_ALL_CODES})\s+of the (?:European )?(?:Commission|Parliament)")
_BARE_CODE = re.compile(rf"(?<![\w./-])(?P<code>{_ALL_CODES})(?![\w/-])")
_LABELLED_LINE = re.compile(
    r"^\s*(?:Where|Directorate[- ]General|DG|Department|Service|Unit|Entity|Organisation(?:al entity)?|Place of assignment)\s*:[^\n]*",
    re.I | re.M)


def normalise_department(name: str) -> str | None:
    """Any spelling of a Directorate-General ('CNECT', 'DG Connect', 'Directorate-General for
    Digital Services', '... (DG ITEC)') as its short form ('DG CONNECT'); None when unknown."""
    name = re.sub(r"[“”\"„'‘’]", " ", plain(name))
    in_brackets = re.findall(r"\(([^)]*)\)", name)
    name = re.sub(r"\s+", " ", re.sub(r"\([^)]*\)", " ", name)).strip()
    name = re.sub(rf"^{_DG_WORD}\s*(?:(?:for|of)\s+(?:the\s+)?)?", "", name, flags=re.I).strip(" -.:,")
    if name.upper() in _BY_CODE:
        return _BY_CODE[name.upper()]
    longest = max(((m.end(), short) for pattern, short in _BY_LONG if (m := pattern.match(name))), default=None)
    if longest:
        return longest[1]
    for inner in in_brackets:  # "International Partnerships (DG INTPA)"
        if short := normalise_department(inner):
            return short
    return None


def _candidates(text: str) -> list[tuple[int, int, str]]:
    """(strength, position, short form) of every mention of a Directorate-General."""
    found = []
    for strength, pattern in ((2, _LONG_IN_TEXT), (2, _SERVICE_IN_TEXT), (2, _DG_CODE), (2, _UNIT_CODE), (2, _CODE_OF), (1, _BARE_CODE)):
        for m in pattern.finditer(text):
            raw = m.group("long") if "long" in pattern.groupindex else m.group("code")
            if strength == 1 and raw in _WORDLIKE:
                continue
            short = normalise_department(raw)
            if short:
                found.append((strength, m.start(), short))
    return found


def find_department(text: str) -> str | None:
    """The employing Directorate-General as its short form: the one on a labelled line ("Where:",
    "DG:"), else the first one named as a DG, else the first bare code. Partners listed later
    ("DG INTPA, DG NEAR and the FPI") never win over the first."""
    text = plain(text)
    found = _candidates(text)
    if not found:
        return None
    lines = [line.span() for line in _LABELLED_LINE.finditer(text)]
    labelled = [hit for hit in found if any(start <= hit[1] < end for start, end in lines)]
    *_, short = min(labelled or found, key=lambda hit: (-hit[0], hit[1]))
    institution = None
    if short in ("DGT", "SJ"):  # a long name two institutions share
        institution = EP if re.search(r"European Parliament", text) and not re.search(r"European Commission", text) else EC
    return _SHARED_LONG_NAMES.get((short, institution), short)
