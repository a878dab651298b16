"""Which Directorate-General (or service) of an institution a posting is for, as people say it:
'DG CONNECT', 'DG ITEC', 'OLAF'. The employing institution of each is known (INSTITUTION_OF), which
helps institutions.py name the employer."""

from __future__ import annotations

import re
from functools import lru_cache

from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import finditer_from, lowered_text, search_starts

EC, EP = "European Commission", "European Parliament"


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
INSTITUTION_OF = {short: institution for short, institution, _, _ in _DEPARTMENTS}
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
# (?=[A-Z]): every code starts with a capital; checked once, it spares trying each code at each position
_UNIT_CODE = re.compile(rf"\b(?=[A-Z])(?P<code>{_ALL_CODES})(?:\.[A-Z]{{1,3}}\.?\d|\s[A-Z]\.\d|\.DIR)")
_CODE_OF = re.compile(rf"\b(?=[A-Z])(?P<code>{_ALL_CODES})\s+of the (?:European )?(?:Commission|Parliament)")
_BARE_CODE = re.compile(rf"(?<![\w./-])(?=[A-Z])(?P<code>{_ALL_CODES})(?![\w/-])")
_LABELLED_LINE = re.compile(
    r"^\s*(?:Where|Directorate[- ]General|DG|Department|Service|Unit|Entity|Organisation(?:al entity)?|Place of assignment)\s*:[^\n]*",
    re.I | re.M)


@lru_cache(maxsize=256)  # the same few names, mentioned again and again
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


# Where the rules are tried (each over a whole posting took a fraction of a millisecond): the words their matches
# start with (lower case), or, for the rules that start with a code, where a code stands
_LONG_STARTS = ("director", "general directorate", "dg")
_SERVICE_STARTS = ("legal service", "secretariat", "joint research centre", "european anti-fraud office",
                   "office for infrastructure")
_DG_CODE_STARTS = ("dg", "directorate")
# the codes alone: a pattern that starts with them skips in C to the capitals that may start one
_CODE_AT = re.compile(_ALL_CODES)


def _code_starts(text: str) -> list[int]:
    """Every position where a code stands (searched again from the next position: codes may overlap)."""
    starts = []
    m = _CODE_AT.search(text)
    while m:
        starts.append(m.start())
        m = _CODE_AT.search(text, m.start() + 1)
    return starts


def directorates_general_in(text: str) -> list[tuple[int, int, str]]:
    """(strength, position, short form) of every mention of a Directorate-General."""
    found = []
    low, codes = lowered_text(text), _code_starts(text)
    longs, services, dg_codes = (search_starts(low, words) for words in (_LONG_STARTS, _SERVICE_STARTS, _DG_CODE_STARTS))
    for strength, pattern, starts in ((2, _LONG_IN_TEXT, longs), (2, _SERVICE_IN_TEXT, services), (2, _DG_CODE, dg_codes),
                                      (2, _UNIT_CODE, codes), (2, _CODE_OF, codes), (1, _BARE_CODE, codes)):
        for m in finditer_from(pattern, text, starts):
            raw = m.group("long") if "long" in pattern.groupindex else m.group("code")
            if strength == 1 and raw in _WORDLIKE:
                continue
            short = normalise_department(raw)
            if short:
                found.append((strength, m.start(), short))
    return found


@lru_cache(maxsize=8)  # find_department() asks for it, and so does find_institution() for the same text
def find_directorate_general(text: str) -> str | None:
    """The employing Directorate-General as its short form: the one on a labelled line ("Where:",
    "DG:"), else the first one named as a DG, else the first bare code. Partners listed later
    ("DG INTPA, DG NEAR and the FPI") never win over the first."""
    text = plain(text)
    found = directorates_general_in(text)
    if not found:
        return None
    lines = [line.span() for line in _LABELLED_LINE.finditer(text)]
    labelled = [hit for hit in found if any(start <= hit[1] < end for start, end in lines)]
    *_, short = min(labelled or found, key=lambda hit: (-hit[0], hit[1]))
    institution = None
    if short in ("DGT", "SJ"):  # a long name two institutions share
        institution = EP if re.search(r"European Parliament", text) and not re.search(r"European Commission", text) else EC
    return _SHARED_LONG_NAMES.get((short, institution), short)

