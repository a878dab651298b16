"""Required languages with their CEFR level.

Three tiers, the first that finds any wins:
1. knowledge statements ("thorough knowledge (minimum level C1) of English", "C1 in English",
   "English (B2)", "Languages: English, French") outside the selection criteria: the requirements;
2. the same statements among the selection criteria ("Essential: excellent command of English"),
   which only stand in for requirements when the posting states none of its own;
3. looser abilities ("able to communicate orally and in writing in English", "multi-lingual
   meetings (French/English)"): a posting with a formal language section lists its soft skills
   separately, and "communicate in English" there is not a further requirement.
A line under a heading about required languages ("Language(s) necessary for the performance of
duties" / "English") is a knowledge statement; a heading about useful ones is skipped.

EU convention: thorough knowledge = C1, satisfactory / sufficient knowledge = B2.
"""

from __future__ import annotations

import re

from eujobs.store.model import Language
from eujobs.store.parse.found import Found, where_written
from eujobs.store.parse.headings import is_selection
from eujobs.store.parse.lines import unnumbered
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import has_any, lowered
from eujobs.store.parse.sections import read_document

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


def _by_first_letter(words: list[str]) -> str:
    """words as an alternation grouped by first letter, each group in the words' order: "e(?:nglish|stonian)|...".
    It matches what "|".join(words) does (no letter matches two others case-insensitively), but at each word
    start the engine tries one alternative per first letter instead of one per word."""
    groups: dict[str, list[str]] = {}
    for word in words:
        groups.setdefault(word[0], []).append(re.escape(word[1:]))
    return "|".join(f"{re.escape(first)}(?:{'|'.join(rest)})" for first, rest in groups.items())


_NAME = _by_first_letter(sorted(_BY_SPELLING, key=len, reverse=True))

_ANY_EU = (r"(?:one|any)\s+of\s+the\s+(?:24|twenty[- ]four)?\s*(?:official\s+)?(?:EU\s+|European\s+Union\s+)?(?:official\s+)?"
           r"languages(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
           r"|an?\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?language\s+of\s+the\s+(?:EU|European\s+Union)"
           r"|any\s+(?:official\s+)?EU\s+(?:official\s+)?language|one\s+EU\s+language")
# French and German: "une des langues officielles de l'Union", "l'une d'elles", "einer Amtssprache der Union"
_ANY_EU_FR_DE = (r"(?:l['’])?une\s+des\s+langues\s+officielles(?:\s+de\s+l['’]\s*(?:UE|Union(?:\s+européenne)?))?"
           r"|une\s+langue\s+officielle\s+de\s+l['’]\s*(?:UE|Union(?:\s+européenne)?)|l['’]une\s+d['’](?:elles|entre\s+elles)"
           r"|(?:einer|eine)\s+(?:der\s+)?Amtssprachen?\s+der\s+(?:Europäischen\s+)?Union")
_SECOND_EU = (r"(?:a|one)\s+(?P<nth>second|third|other|further|additional)\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?"
              r"language(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
              r"|another\s+(?:official\s+)?(?:EU\s+)?(?:official\s+)?language(?:\s+of\s+the\s+(?:EU|European\s+Union))?"
              r"|(?:another|a\s+second)\s+(?:one\s+)?of\s+(?:these|those|the(?:se)?\s+(?:official\s+)?)languages")
_SECOND_EU_FR_DE = (r"une\s+(?P<nth_fr>deuxième|seconde|autre|troisième)\s+langue(?:\s+officielle)?(?:\s+de\s+l['’]\s*(?:UE|Union(?:\s+européenne)?))?"
              r"|(?:einer|eine)\s+(?P<nth_de>zweiten|weiteren|anderen|dritten)\s+Amtssprache(?:\s+der\s+(?:Europäischen\s+)?Union)?")


def _mention_pattern(any_eu: str, second_eu: str) -> re.Pattern:
    """One language, a code (only trusted next to a CEFR level), or a generic EU-language phrase. Mentions start
    words: one check of that spares the others."""
    one = (rf"\b(?P<name>(?i:{_NAME}))\b|(?P<code>\b(?:{'|'.join(_CODES)})\b)|(?P<any>(?i:{any_eu}))"
           rf"|(?P<second>(?i:{second_eu}))")
    return re.compile(rf"(?<!\w)(?=\w)(?:{one})")


_LANG = _mention_pattern(_ANY_EU, _SECOND_EU)
# with the generic phrases of French and German notices, tried where their words stand
_LANG_FR_DE = _mention_pattern(f"{_ANY_EU}|{_ANY_EU_FR_DE}", f"{_SECOND_EU}|{_SECOND_EU_FR_DE}")
_FR_DE_WORDS = ("langue", "amtssprache", "l'une d", "l’une d")


def _mention_rx(text: str) -> re.Pattern:
    return _LANG_FR_DE if has_any(lowered(text), _FR_DE_WORDS) else _LANG
# what joins the languages of a choice: "English, French or German", "en anglais, en français ou en allemand"
_ALTERNATIVE = re.compile(r"^\s*(?:,|\bor\b|\band/or\b|\bou\b|\boder\b)\s*(?:\b(?:en|in|auf)\b\s*)?$", re.I)

_LEVEL = re.compile(r"(?<![A-Za-z0-9])(?P<cefr>[ABC][12])(?![0-9A-Za-z])|\b(?P<word>thorough|satisfactory|sufficient|approfondie"
                    r"|satisfaisante|gründlichen?|gründliche|ausreichenden?|ausreichende)\b", re.I)
# a code is a language only right next to a level ("EN: C1", "FR (B2)", "C1 EN"): "ET une
# connaissance" is French for "and", "DE-CIX" an exchange
# (\s*+: blanks that a later \s* could take instead only made each split of a long run of them to be tried, all
# failing the same way: quadratic; so in _NEXT_TO)
_CODE_THEN_LEVEL = re.compile(r"\s*+[:(\-–]?\s*(?:level\s*)?[ABC][12]\b", re.I)
_LEVEL_THEN_CODE = re.compile(r"\b[ABC][12]\s*(?:in\s+)?$", re.I)
_BLANK_OR_IN = re.compile(r"[\sin]", re.I)  # what may stand between _LEVEL_THEN_CODE's level and the code
# what may stand between a language and the level that qualifies it: "English (C1)", "EN: C1",
# "English at B2 level", "l'anglais (niveau B2 minimum)"
_NEXT_TO = re.compile(r"^[\s(\[,:\-–]*+(?:(?:at|level|niveau|minimum|min\.?|the|a)\b[\s.]*+)*[\s(\[:\-–]*$", re.I)
# what stands between a level and the language it is in: "C1 in English", "B2 en anglais", "C1 auf Deutsch"
_LEVEL_IN = re.compile(r"[\s)]*(?:level\s+)?(?:in|en|em|auf|im|på|w|of)\s+(?:l['’]\s*|the\s+)?$", re.I)
_CONVENTION = {"thorough": "C1", "approfondie": "C1", "satisfactory": "B2", "sufficient": "B2", "satisfaisante": "B2",
               "gründliche": "C1", "gründlichen": "C1", "gründlich": "C1", "ausreichende": "B2", "ausreichenden": "B2",
               "ausreichend": "B2"}

# Statements that make a clause a knowledge requirement (tier 1)
_KNOWLEDGE = re.compile(
    r"knowledge|command|mastery|proficien|fluen|^\W*(?:languages?|L[123]|language\s*[123]|main language|second language)\b\s*[:\-–(]"
    r"|connaissance|maîtrise|Kenntnis", re.I)
# Abilities that make a clause a looser requirement (tier 2)
_ABILITY = re.compile(r"communicat|speak|spoken|\bwrit|draft|meetings?|work(?:ing)? (?:language|in)|understand|\bread\b|\blanguages?\b", re.I)
# Clauses about something other than what the candidate must know
_NOT_REQUIRED = re.compile(
    r"advantage|asset|\bplus\b|desirable|appreciated|welcome|beneficial|preferabl|added value|nice to have|useful"
    r"|\batout|\bavantage|souhaitable|apprécié|\butiles?\b"
    r"|selection procedure|procédure de sélection|will be (?:carried out|held|conducted|organised)|tests? (?:will|shall)"
    r"|interviews? (?:will|shall)"
    r"|official languages (?:of the (?:EU|European Union) )?are|languages? of (?:communication|correspondence)", re.I)
# One of these stands (lower case) in every match of _NOT_REQUIRED: looked for first, since the rule tries its
# thirty alternatives at every position of a clause
_NOT_REQUIRED_WORDS = ("advantage", "asset", "plus", "desirable", "appreciated", "welcome", "beneficial", "preferabl",
                       "added value", "nice to have", "useful", "atout", "avantage", "souhaitable", "apprécié", "utile",
                       "selection procedure", "procédure de sélection", "will be ", "test", "interview",
                       "official languages ", "of communication", "of correspondence")


def _not_required(text: str) -> re.Match | None:
    return _NOT_REQUIRED.search(text) if has_any(lowered(text), _NOT_REQUIRED_WORDS) else None


_CLAUSE_BREAK = re.compile(r"\n|;|(?<=[.!?])\s+(?=[A-Z])")


def _clauses(text: str) -> list[str]:
    """Bullets, lines and sentences: the scope a language and its level share."""
    parts = _CLAUSE_BREAK.split(plain(text))
    return [p for p in parts if p.strip()]


_CONJUNCTION = re.compile(r"\b(?:or|and|and/or|ou|et|oder|und)\b", re.I)


def _required_part(clause: str) -> str:
    """The clause without what it names as a mere advantage: "Fluent English, French an advantage"
    -> "Fluent English". A list the advantage applies to as a whole ("Knowledge of French, Spanish
    or German is an asset") leaves nothing."""
    m = _not_required(clause)
    if not m:
        return clause
    cut = max(clause.rfind(",", 0, m.start()), clause.rfind(" – ", 0, m.start()))
    if cut > 0 and not _CONJUNCTION.search(clause, cut, m.start()) and not _not_required(clause[:cut]):
        return clause[:cut]
    return ""


def _level_just_before(clause: str, end: int) -> bool:
    """_LEVEL_THEN_CODE in clause[:end], searched only from where it can start: searched from the start of the
    clause for each code, it was quadratic on a clause of many codes."""
    start = end
    while start > 0 and _BLANK_OR_IN.match(clause, start - 1):
        start -= 1
    return bool(_LEVEL_THEN_CODE.search(clause, max(0, start - 2), end))


def _mentions(clause: str, codes_allowed: bool, rx: re.Pattern) -> list[tuple[int, int, str]]:
    """(start, end, language) of each language named in the clause; alternatives joined."""
    # the names of an alternative are joined at the end: joined one by one, a long list ("English, English,
    # ...") was copied again for each name (quadratic)
    found: list[tuple[int, int, list[str]]] = []
    for m in rx.finditer(clause):
        if m.group("name"):
            name = _BY_SPELLING[lowered(m.group("name"))]  # ("Englısh" is English to the pattern, not to lower())
        elif m.group("code"):
            if not codes_allowed or not (_CODE_THEN_LEVEL.match(clause, m.end())
                                         or _level_just_before(clause, m.start())):
                continue
            name = _CODES[m.group("code")]
        elif m.group("any"):
            name = "any EU official language"
        else:
            groups = m.groupdict()
            nth = lowered(groups["nth"] or groups.get("nth_fr") or groups.get("nth_de") or "second")
            name = f"a {'third' if nth in ('third', 'troisième', 'dritten') else 'second'} EU official language"
        # ("EU" not in the first name: the names joined to it hold none)
        if (found and "EU" not in found[-1][2][0] and "EU" not in name
                and _ALTERNATIVE.match(clause[found[-1][1]:m.start()])):
            found[-1][2].append(name)  # "English, French or German"
            found[-1] = (found[-1][0], m.end(), found[-1][2])
        else:
            found.append((m.start(), m.end(), [name]))
    return [(start, end, _join(", ".join(names), clause[start:end])) for start, end, names in found]


_OR = re.compile(r"\bor\b|\bou\b|\boder\b|and/or", re.I)


def _join(names: str, written: str) -> str:
    """'English, French, German' as one alternative: 'English, French or German' if the posting
    offered a choice ("or"), else the caller splits it back into separate requirements."""
    parts = names.split(", ")
    if len(parts) == 1 or not _OR.search(written):
        return names
    return ", ".join(parts[:-1]) + " or " + parts[-1]


def _levels(clause: str) -> list[tuple[int, str, bool]]:
    """(position, CEFR level, stated as CEFR rather than by convention) of each level in the clause."""
    found = []
    for m in _LEVEL.finditer(clause):
        level = m.group("cefr").upper() if m.group("cefr") else _CONVENTION[lowered(m.group("word"))]
        found.append((m.start(), level, bool(m.group("cefr"))))
    return found


_CONNECTOR = re.compile(r"^\s*(?:,|/|&|and|et|und)\s*$", re.I)


def _pair(clause: str, mentions: list, levels: list) -> list[Language]:
    """Give each language the level that qualifies it: a level right after a language is its own
    ("English (C1)", "EN: C1", "French at B2 level"); any other level qualifies the next language
    ("C1 in English", "thorough knowledge of English"). An explicit CEFR level beats
    thorough/satisfactory. Languages merely joined ("English and French at B2") share the level of
    their neighbour."""
    attached: list[list[tuple[str, bool]]] = [[] for _ in mentions]
    for pos, level, explicit in levels:
        before = [i for i, (_, end, _) in enumerate(mentions) if end <= pos]
        after = [i for i, (start, _, _) in enumerate(mentions) if start > pos]
        if after and _LEVEL_IN.match(clause, pos + 2, mentions[after[0]][0]):
            target = after[0]  # "B2 en anglais", "C1 in English": the language it is in, though one stands before
        elif before and _NEXT_TO.match(clause[mentions[before[-1]][1]:pos]):
            target = before[-1]
        elif after:
            target = after[0]
        else:
            target = before[-1] if before else None
        if target is not None:
            attached[target].append((level, explicit))
    found = [next((lv for lv, explicit in near if explicit), near[0][0] if near else None) for near in attached]

    def joined(i: int, j: int) -> bool:
        return bool(_CONNECTOR.match(clause[mentions[min(i, j)][1]:mentions[max(i, j)][0]]))

    for i in range(len(mentions) - 2, -1, -1):  # "English and French at B2": from the right first
        if found[i] is None and found[i + 1] and joined(i, i + 1):
            found[i] = found[i + 1]
    for i in range(1, len(mentions)):  # "thorough knowledge of English and French"
        if found[i] is None and found[i - 1] and joined(i - 1, i):
            found[i] = found[i - 1]
    result = []
    for (_, _, name), level in zip(mentions, found):
        for one in ([name] if " or " in name else name.split(", ")):
            result.append(Language(one, level))
    return result


_ABOUT_LANGUAGES = re.compile(r"\blanguages?\b|\blangues?\b|Sprach", re.I)
_ABOUT_LANGUAGES_WORDS = ("language", "langue", "sprach")  # (one in every match, looked for first)


def _languages_label(line: str) -> bool:
    """'Language(s) necessary for the performance of duties', 'Required languages': a short label
    whose value, on the next line, is the languages themselves."""
    return (has_any(lowered(line), _ABOUT_LANGUAGES_WORDS) and bool(_ABOUT_LANGUAGES.search(line))
            and len(line.split()) <= 10 and not line.rstrip().endswith(".") and not _not_required(line))


def find_languages(text: str) -> Found[list[Language]] | None:
    """Required languages in the posting's order, each once, with its CEFR level or None; None when the posting
    states none."""
    tiers: tuple[list[Language], ...] = ([], [], [])
    firsts: list[str | None] = [None, None, None]  # the element each tier was first read from
    tier, skip, about, previous = 0, False, False, ""
    for kind, element in read_document(text).outline():
        if kind == "heading":
            heading = unnumbered(element)
            skip = bool(_not_required(heading))  # "Other useful languages", "Languages of communication"
            tier = 1 if is_selection(heading) else 0
            about = bool(_ABOUT_LANGUAGES.search(heading))
        # most of a posting names no language: the quick test, then one search, settle it (and the label test
        # is only needed for the few that do)
        if not skip and _may_name_language(element) and (rx := _mention_rx(element)).search(element):
            read = _read(element, tier, about or bool(previous) and _languages_label(previous), tiers, rx)
            if read is not None and firsts[read] is None:
                firsts[read] = element
        previous = element
    used = next((n for n, found in enumerate(tiers) if found), None)
    if used is None:
        return None
    chosen: dict[str, Language] = {}
    for lang in tiers[used]:
        if lang.language not in chosen:
            chosen[lang.language] = lang
        elif chosen[lang.language].level is None:
            chosen[lang.language].level = lang.level
    return Found(list(chosen.values()), where_written(text, firsts[used] or ""))


# _LANG tries its hundred case-insensitive names at every word. What any match of it needs: a word that is a
# spelling (its names are whole words), a code, or "language" (in every phrase).
_SPELLINGS = frozenset(_BY_SPELLING)
_WORD = re.compile(r"\w+")
# \b(?:BG|CS|...)\b, its boundaries checked after the code: a pattern that starts with its codes skips in C to the
# capitals that may start one
_CODE_WORD = re.compile(rf"(?:{'|'.join(_CODES)})(?<!\w..)(?!\w)")


def _may_name_language(element: str) -> bool:
    low = lowered(element)
    # ("lang" stands in "language" and "langue"; a word spelled out, not a generator: this runs for every element)
    return ("lang" in low or "amtssprache" in low or "l'une d" in low or "l’une d" in low
            or not _SPELLINGS.isdisjoint(_WORD.findall(low)) or bool(_CODE_WORD.search(element)))


def _read(element: str, tier: int, about_languages: bool, tiers: tuple[list[Language], ...],
          rx: re.Pattern) -> int | None:
    """Adds the languages one heading, bullet or paragraph (that names one) requires to its tier; the tier it
    added to, if any."""
    added = None
    for clause in _clauses(element):
        clause = _required_part(clause)
        levels = _levels(clause)
        mentions = _mentions(clause, any(lv[2] for lv in levels), rx)
        if not mentions or len(mentions) >= 6:  # six or more: a list of languages, not a requirement
            continue
        if _KNOWLEDGE.search(clause) or levels or about_languages:
            tiers[tier].extend(_pair(clause, mentions, levels))
            added = tier if added is None else added
        elif _ABILITY.search(clause):
            tiers[2].extend(_pair(clause, mentions, []))
            added = 2 if added is None else added
    return added
