"""Required languages with their CEFR level.

Two tiers. Knowledge statements ("thorough knowledge (minimum level C1) of English", "C1 in
English", "English (B2)", "Languages: English, French") are the requirements. Only when a posting
has none do looser abilities count ("able to communicate orally and in writing in English",
"multi-lingual meetings (French/English)"): a posting with a formal language section lists its
soft skills separately, and "communicate in English" there is not a further requirement.

EU convention: thorough knowledge = C1, satisfactory / sufficient knowledge = B2.
"""

from __future__ import annotations

import re

from ..model import Language
from .markup import plain

# English names of the languages postings ask for, with the other spellings they come in
_NAMES = {
    "Bulgarian": "bulgare", "Croatian": "croate", "Czech": "tchèque", "Danish": "danois", "Dutch": "néerlandais|Niederländisch",
    "English": "anglais|Englisch", "Estonian": "estonien", "Finnish": "finnois", "French": "français|francais|Französisch",
    "German": "allemand|Deutsch", "Greek": "grec", "Hungarian": "hongrois", "Irish": "irlandais|Gaelic",
    "Italian": "italien|Italienisch", "Latvian": "letton", "Lithuanian": "lituanien", "Maltese": "maltais",
    "Polish": "polonais", "Portuguese": "portugais", "Romanian": "roumain", "Slovak": "slovaque",
    "Slovenian": "slovène|Slovene", "Spanish": "espagnol|Spanisch", "Swedish": "suédois",
    "Arabic": "arabe", "Chinese": "chinois|Mandarin", "Russian": "russe", "Ukrainian": "ukrainien",
    "Turkish": "turc", "Japanese": "japonais", "Norwegian": "norvégien", "Albanian": "albanais",
    "Serbian": "serbe", "Macedonian": "macédonien", "Icelandic": "islandais", "Hebrew": "hébreu",
}
_CODES = {"BG": "Bulgarian", "CS": "Czech", "DA": "Danish", "DE": "German", "EL": "Greek", "EN": "English",
          "ES": "Spanish", "ET": "Estonian", "FI": "Finnish", "FR": "French", "GA": "Irish", "HR": "Croatian",
          "HU": "Hungarian", "IT": "Italian", "LT": "Lithuanian", "LV": "Latvian", "MT": "Maltese", "NL": "Dutch",
          "PL": "Polish", "PT": "Portuguese", "RO": "Romanian", "SK": "Slovak", "SL": "Slovenian", "SV": "Swedish"}
_BY_SPELLING = {s.lower(): name for name, others in _NAMES.items() for s in [name, *others.split("|")]}
_NAME = "|".join(sorted(map(re.escape, _BY_SPELLING), key=len, reverse=True))

_ANY_EU = (r"(?:one|any)\s+of\s+the\s+(?:24|twenty[- ]four)?\s*(?:official\s+)?(?:EU\s+|European\s+Union\s+)?(?:official\s+)?"
           r"languages(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
           r"|an?\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?language\s+of\s+the\s+(?:EU|European\s+Union)"
           r"|any\s+(?:official\s+)?EU\s+(?:official\s+)?language")
_SECOND_EU = (r"(?:a|one)\s+(?P<nth>second|third|other|further|additional)\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?"
              r"language(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
              r"|another\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?language(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
              r"|(?:another|a\s+second)\s+(?:one\s+)?of\s+(?:these|those|the(?:se)?\s+(?:official\s+)?)languages")
# One language, a code (only trusted next to a CEFR level), or a generic EU-language phrase
_ONE = rf"\b(?P<name>(?i:{_NAME}))\b|(?P<code>\b(?:{'|'.join(_CODES)})\b)|(?P<any>(?i:{_ANY_EU}))|(?P<second>(?i:{_SECOND_EU}))"
_LANG = re.compile(_ONE)
_ALTERNATIVE = re.compile(r"^\s*(?:,|\bor\b|\band/or\b|\bou\b|\boder\b)\s*$", re.I)

_LEVEL = re.compile(r"(?<![A-Za-z0-9])(?P<cefr>[ABC][12])(?![0-9A-Za-z])|\b(?P<word>thorough|satisfactory|sufficient|approfondie|satisfaisante)\b", re.I)
_CONVENTION = {"thorough": "C1", "approfondie": "C1", "satisfactory": "B2", "sufficient": "B2", "satisfaisante": "B2"}

# Statements that make a clause a knowledge requirement (tier 1)
_KNOWLEDGE = re.compile(
    r"knowledge|command|mastery|proficien|fluen|^\W*(?:languages?|L[123]|language\s*[123]|main language|second language)\b\s*[:\-–(]"
    r"|connaissance|Kenntnis", re.I)
# Abilities that make a clause a looser requirement (tier 2)
_ABILITY = re.compile(r"communicat|speak|spoken|\bwrit|draft|meetings?|work(?:ing)? (?:language|in)|understand|\bread\b|\blanguages?\b", re.I)
# Clauses about something other than what the candidate must know
_NOT_REQUIRED = re.compile(
    r"advantage|asset|\bplus\b|desirable|appreciated|welcome|beneficial|preferabl|added value|nice to have"
    r"|selection procedure|will be (?:carried out|held|conducted|organised)|tests? (?:will|shall)|interviews? (?:will|shall)"
    r"|official languages (?:of the (?:EU|European Union) )?are|languages? of (?:communication|correspondence)", re.I)


def _clauses(text: str) -> list[str]:
    """Bullets, lines and sentences: the scope a language and its level share."""
    parts = re.split(r"\n|;|(?<=[.!?])\s+(?=[A-Z])", plain(text))
    return [p for p in parts if p.strip()]


def _mentions(clause: str, codes_allowed: bool) -> list[tuple[int, int, str]]:
    """(start, end, language) of each language named in the clause; alternatives joined."""
    found = []
    for m in _LANG.finditer(clause):
        if m.group("name"):
            name = _BY_SPELLING[m.group("name").lower()]
        elif m.group("code"):
            if not codes_allowed:
                continue
            name = _CODES[m.group("code")]
        elif m.group("any"):
            name = "any EU official language"
        else:
            nth = (m.group("nth") or "second").lower()
            name = f"a {'third' if nth == 'third' else 'second'} EU official language"
        if found and "EU" not in found[-1][2] and "EU" not in name and _ALTERNATIVE.match(clause[found[-1][1]:m.start()]):
            found[-1] = (found[-1][0], m.end(), found[-1][2] + ", " + name)  # "English, French or German"
        else:
            found.append((m.start(), m.end(), name))
    return [(start, end, _join(name, clause[start:end])) for start, end, name in found]


def _join(names: str, written: str) -> str:
    """'English, French, German' as one alternative: 'English, French or German' if the posting
    offered a choice ("or"), else the caller splits it back into separate requirements."""
    parts = names.split(", ")
    if len(parts) == 1 or not re.search(r"\bor\b|\bou\b|\boder\b|and/or", written, re.I):
        return names
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _levels(clause: str) -> list[tuple[int, str, bool]]:
    """(position, CEFR level, stated as CEFR rather than by convention) of each level in the clause."""
    found = []
    for m in _LEVEL.finditer(clause):
        level = m.group("cefr").upper() if m.group("cefr") else _CONVENTION[m.group("word").lower()]
        found.append((m.start(), level, bool(m.group("cefr"))))
    return found


_CONNECTOR = re.compile(r"^\s*(?:,|/|&|and|et|und)\s*$", re.I)


def _pair(clause: str, mentions: list, levels: list) -> list[Language]:
    """Give each language the level that qualifies it: the one before it ("C1 in English",
    "thorough knowledge (C1) of English") when the clause puts levels first, else the one after
    it ("English (C1), French (B2)"). An explicit CEFR level beats thorough/satisfactory.
    Languages merely joined ("English and French at B2") share the level of their neighbour."""
    levels_first = bool(levels) and levels[0][0] < mentions[0][0]
    found = []
    for i, (start, end, name) in enumerate(mentions):
        if levels_first:
            lo, hi = (mentions[i - 1][1] if i else 0), start
        else:
            lo, hi = end, (mentions[i + 1][0] if i + 1 < len(mentions) else len(clause))
        near = [lv for lv in levels if lo <= lv[0] < hi]
        explicit = [lv for lv in near if lv[2]]
        found.append((explicit or near or [(0, None, False)])[0][1])
    order = range(1, len(mentions)) if levels_first else range(len(mentions) - 2, -1, -1)
    for i in order:
        j = i - 1 if levels_first else i + 1
        between = clause[min(mentions[i][1], mentions[j][1]):max(mentions[i][0], mentions[j][0])]
        if found[i] is None and _CONNECTOR.match(between):
            found[i] = found[j]
    result = []
    for (_, _, name), level in zip(mentions, found):
        for one in ([name] if " or " in name else name.split(", ")):
            result.append(Language(one, level))
    return result


def find_languages(text: str) -> list[Language]:
    """Required languages in the posting's order, each once, with its CEFR level or None."""
    tiers: tuple[list[Language], list[Language]] = ([], [])
    for clause in _clauses(text):
        if _NOT_REQUIRED.search(clause):
            continue
        levels = _levels(clause)
        mentions = _mentions(clause, codes_allowed=any(lv[2] for lv in levels))
        if not mentions or len(mentions) >= 6:  # six or more: a list of languages, not a requirement
            continue
        if _KNOWLEDGE.search(clause) or levels:
            tiers[0].extend(_pair(clause, mentions, levels))
        elif _ABILITY.search(clause):
            tiers[1].extend(_pair(clause, mentions, []))
    chosen: dict[str, Language] = {}
    for lang in tiers[0] or tiers[1]:
        if lang.language not in chosen:
            chosen[lang.language] = lang
        elif chosen[lang.language].level is None:
            chosen[lang.language].level = lang.level
    return list(chosen.values())
