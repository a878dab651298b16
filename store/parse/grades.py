"""Grade, contract type and kind of post, as the Staff Regulations and the CEOS name them.

Contract agents are in function groups FG I-IV under Article 3(a)/3(b) CEOS; temporary agents
and officials are graded AD 5-16, AST 1-11, AST/SC 1-6; temporary agents are engaged under
Article 2(a)/(b)/(f) CEOS. Commission calls describe every staff category in boilerplate, so a
kind is read from the statement that engages ("engaged as a contract agent", "Contract Type: 3b"),
not from the mere mention of a category.
"""

from __future__ import annotations

import re

from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.markup import plain
from eujobs.store.parse.scan import (
    finditer_at,
    finditer_from,
    has_any,
    lowered,
    lowered_text,
    search_at,
    search_from,
    search_starts,
)
from eujobs.store.parse.staff import describes_the_notice, kind_named, kinds_named

_ROMAN = {"1": "I", "2": "II", "3": "III", "4": "IV"}
# "FG IV", "function group IV", and the French "GF IV" / "groupe de fonctions GF IV"
# (\s*+: blanks that a later \s* could take instead only made each split of a long run of them to be tried, all
# failing the same way: quadratic)
_FUNCTION_GROUP = re.compile(
    r"\b(?:FG|GF|function\s+group|groupe\s+de\s+fonctions|Funktionsgruppe)\s*+(?:FG\s*+|GF\s*+)?[-:]?\s*"
    r"(?P<n>IV|III|II|I|[1-4])(?![\w])", re.I)
_GRADE_RANGE = re.compile(
    r"\b(?P<g>AD|AST-SC|AST/SC|AST|SC)\s*(?P<a>\d{1,2})\s*(?:-|–|—|to|à)\s*(?:(?P=g)\s*)?(?P<b>\d{1,2})\b")
_GRADE = re.compile(r"\b(?P<g>AD|AST-SC|AST/SC|AST|SC)\s*(?P<a>\d{1,2})\b(?![/.]\d)")
_VALID = {"AD": range(5, 17), "AST": range(1, 12), "AST/SC": range(1, 7)}
_GRADE_LINE = re.compile(r"^[^\n:]{0,40}\b(?:grade|grading|function group|category)\b[^\n:]{0,30}:[^\n]*", re.I | re.M)


# Where the rules of this module are tried: where the words their matches start with stand (lower case; in the text
# as it is for the case-sensitive grades), or, for a line rule, at the starts of the lines that hold its words.
_FUNCTION_GROUP_STARTS = ("fg", "gf", "function", "groupe", "funktionsgruppe")
_GRADE_STARTS = ("AD", "AST", "SC")
_GRADE_LINE_WORDS = ("grad", "function group", "category")


def _line_starts(text: str, words: tuple[str, ...], reach: int) -> list[int]:
    """The starts of the lines where one of the words stands at most `reach` characters in."""
    starts = set()
    for at in search_starts(lowered_text(text), words):
        line = text.rfind("\n", 0, at) + 1
        if at - line <= reach:
            starts.add(line)
    return sorted(starts)


def _grade_in(text: str) -> str | None:
    hit = _first_grade(text)
    return hit[1] if hit else None


def _first_grade(text: str) -> tuple[int, str] | None:
    """(position, grade) of the first grade text names."""
    hits = []
    for m in finditer_at(_FUNCTION_GROUP, text, _FUNCTION_GROUP_STARTS):
        hits.append((m.start(), f"FG {_ROMAN.get(m.group('n'), m.group('n').upper())}"))
    grades = search_starts(text, _GRADE_STARTS)
    for m in finditer_from(_GRADE_RANGE, text, grades):
        group = "AST/SC" if m.group("g") in ("AST-SC", "SC") else m.group("g")
        a, b = int(m.group("a")), int(m.group("b"))
        if a in _VALID[group] and b in _VALID[group] and a < b:
            hits.append((m.start(), f"{group} {a}-{b}"))
    # a set: testing each grade against every earlier hit was quadratic on a run of "AD 5 AD 5 ..."
    taken = {pos for pos, _ in hits}
    for m in finditer_from(_GRADE, text, grades):
        group = "AST/SC" if m.group("g") in ("AST-SC", "SC") else m.group("g")
        if int(m.group("a")) in _VALID[group] and m.start() not in taken:
            hits.append((m.start(), f"{group} {int(m.group('a'))}"))
    return min(hits) if hits else None


def find_grade(text: str) -> Found[str] | None:
    """'FG IV', 'AD 5', 'AST 3', 'AST/SC 2' or a range 'AD 9-12': a grade label's value first, then a "Grade:"
    line, then the first grade named."""
    for field in read_fields(text).all("grade"):
        if grade := _grade_in(field.value):
            return Found(grade, field.source())
    text = plain(text)
    if has_any(lowered_text(text), _GRADE_LINE_WORDS):  # (what every "Grade:" line says)
        for line in _GRADE_LINE.finditer(text):
            if grade := _grade_in(line.group(0)):
                return Found(grade, in_line(text, line.start(), line.end(), "grade line"))
    hit = _first_grade(text)
    return Found(hit[1], in_line(text, hit[0], hit[0] + len(hit[1]), "grade")) if hit else None


# ---------------------------------------------------------------- contract type

_CONTRACT_LINE = re.compile(
    r"^[^\n:]{0,20}\b(?:contract\s+type|type\s+of\s+(?:contract|post|employment)|contract|employment\s+type"
    r"|type\s+de\s+contrat|Vertragsart)\s*:(?P<value>[^\n]*)", re.I | re.M)
# "Article 3(b)", "Art. 2 f"; in French "article 3 ter" (= 3b), "article 3 bis" (= 3a), "article 2, point f)"
# German: "Artikel 2 Buchstabe f", "Art. 3 Buchst. b"
_ARTICLE = re.compile(r"\b(?:Articles?|Artikel|Art\.?)\s*(?P<n>[23])\s*+(?:,?\s*(?:point|Buchstabe|Buchst\.?|lit\.?)\s*+)?"
                      # (\s*+ as in _FUNCTION_GROUP)
                      r"(?:\(?\s*(?P<l>[a-f])\s*\)?|(?P<latin>bis|ter))(?![\w])", re.I)
_LATIN = {"bis": "a", "ter": "b"}
_CONTRACT_LINE_WORDS = ("contract", "type", "employment", "vertragsart")  # (within 20 characters of the line start)
_CEOS = re.compile(r"Conditions of Employment|\bCEOS\b|\bRAA\b|Other Servants|\bBSB\b|Beschäftigungsbedingungen"
                   r"|régime applicable", re.I)
# "CA 3b", "TA 2(f)", "contract agent, 3b" (AC/AT are the French CA/TA)
_SHORT_CODE = re.compile(r"(?:\b(?-i:CA|TA|AC|AT)\s?|\b(?:contract|temporary)\s+agents?\s*+[(,\-–]?\s*)"
                         r"(?P<n>[23])\(?(?P<l>[a-f])\)?(?![\w])", re.I)
_SHORT_CODE_STARTS, _SHORT_CODE_WORDS = ("CA", "TA", "AC", "AT"), ("contract", "temporary")
_VALUE_CODE = re.compile(r"^\W*(?:[A-Za-z ,(\-–]{0,30}?)(?P<n>[23])\s?\(?(?P<l>[abf])\)?(?![\w])")
# Contract forms named in words: lenient on a "Contract type:" line, strict in running text,
# where "interim report" and "END" mean nothing of the sort.
_WORD_TYPES_IN_LINE = [
    (re.compile(r"free[- ]?lance|self[- ]employed|independent contractor", re.I), "freelance"),
    (re.compile(r"\bSNE\b|seconded national expert|\bEND\b|expert national détaché", re.I), "SNE"),
    (re.compile(r"\binterim\b|int[ée]rimaire|temporary work agency", re.I), "interim"),
]
_WORD_TYPES_IN_TEXT = [
    (re.compile(r"\bfree[- ]?lance\b", re.I), "freelance", ("free",)),
    (re.compile(r"\bseconded national experts?\b|(?-i:\bSNEs?\b)", re.I), "SNE", ("seconded", "sne")),
    (re.compile(r"\binterim (?:agent|staff|worker|contract|position|post)|\btemporary work agency", re.I), "interim",
     ("interim", "temporary work agency")),
]


def _code(m: re.Match) -> str:
    letter = m.group("l") or _LATIN[lowered(m.group("latin"))]
    return f"{m.group('n')}{letter.lower()}"


def _contract_type_in_value(value: str) -> str | None:
    if m := _VALUE_CODE.match(value) or _ARTICLE.search(value) or _SHORT_CODE.search(value):
        return _code(m)
    return next((kind for pattern, kind in _WORD_TYPES_IN_LINE if pattern.search(value)), None)


def find_contract_type(text: str) -> Found[str] | None:
    """'3a', '3b', '2a', '2b', '2f', 'freelance', 'SNE' or 'interim', from a contract label's value, a "Contract
    type:" line, an Article of the CEOS, a "CA 3b"-style code, or a freelance/SNE/interim statement."""
    fields = read_fields(text)
    for field in fields.all("contract") + fields.all("grade"):
        if contract_type := _contract_type_in_value(field.value):
            return Found(contract_type, field.source())
    text = plain(text)
    for line in finditer_from(_CONTRACT_LINE, text, _line_starts(text, _CONTRACT_LINE_WORDS, 20)):
        if contract_type := _contract_type_in_value(line.group("value")):
            return Found(contract_type, in_line(text, line.start(), line.end(), "contract line"))
    for m in finditer_at(_ARTICLE, text, ("art",)):
        if _CEOS.search(text[m.end():m.end() + 120]) or re.search(r"agent", text[max(0, m.start() - 60):m.start()], re.I):
            return Found(_code(m), in_line(text, m.start(), m.end(), "article"))
    short_codes = sorted({*search_starts(text, _SHORT_CODE_STARTS), *search_starts(lowered_text(text), _SHORT_CODE_WORDS)})
    if m := search_from(_SHORT_CODE, text, short_codes):
        return Found(_code(m), in_line(text, m.start(), m.end()))
    for pattern, kind, starts in _WORD_TYPES_IN_TEXT:
        for m in finditer_at(pattern, text, starts):
            if not _EXCLUDED.search(_sentence_around(text, m.start(), m.end())):
                return Found(kind, in_line(text, m.start(), m.end()))
    return None


# "Seconded national experts, trainees and interim staff are not eligible": a category the notice shuts out
_EXCLUDED = re.compile(r"\bnot\s+(?:eligible|open|apply|accepted|considered)|\bcannot\s+apply|\bexcluded\b|\bexcept\b"
                       r"|\bne\s+peuvent\s+pas|\bne\s+sont\s+pas\s+(?:éligibles|admis)|\bnicht\s+(?:zugelassen|bewerben)", re.I)


def _sentence_around(text: str, start: int, end: int) -> str:
    """The sentence that text[start:end] stands in (up to 300 characters each way)."""
    before = max(text.rfind(". ", max(0, start - 300), start), text.rfind("\n", max(0, start - 300), start))
    after = min((i for i in (text.find(". ", end, end + 300), text.find("\n", end, end + 300)) if i >= 0),
                default=min(len(text), end + 300))
    return text[before + 1:after]


# ---------------------------------------------------------------- kind of post

_KIND_OF_CONTRACT = {"3a": "contract_agent", "3b": "contract_agent", "2a": "temporary_agent",
                     "2b": "temporary_agent", "2c": "temporary_agent", "2e": "temporary_agent",
                     "2f": "temporary_agent", "freelance": "consultancy", "SNE": "seconded_national_expert",
                     "interim": "interim"}
_ENGAGED_AS = re.compile(
    r"\b(?:(?:engaged|recruited|employed|hired|appointed|offered a contract|work)\s+as\s+(?:an?\s+)?"
    r"|(?:engagé|recruté|nommé)(?:\(?e\)?)?\s+(?:en\s+tant\s+qu['’]|comme\s+)(?:une?\s+)?)"
    r"(?P<k>contract agent|temporary agent|seconded national expert|official|trainee|interim"
    r"|agent contractuel|agent temporaire|expert national détaché|fonctionnaire|stagiaire)", re.I)
_KIND_WORDS = {
    "contract agent": "contract_agent", "temporary agent": "temporary_agent",
    "seconded national expert": "seconded_national_expert", "official": "official",
    "trainee": "traineeship", "interim": "interim", "agent contractuel": "contract_agent",
    "agent temporaire": "temporary_agent", "expert national détaché": "seconded_national_expert",
    "fonctionnaire": "official", "stagiaire": "traineeship",
}
# The kind a "Type of contract:" line names in words when it gives no Article: "Temporary Agent",
# "Temporary staff", "Agent contractuel GF IV", "Traineeship"
_KIND_IN_LINE = [
    (re.compile(r"\btemporary (?:agent|staff)|\bagent temporaire", re.I), "temporary_agent"),
    (re.compile(r"\bcontract (?:agent|staff)|\bagent contractuel", re.I), "contract_agent"),
    (re.compile(r"\bofficial\b|\bfonctionnaire|\bpermanent (?:post|official)", re.I), "official"),
    (re.compile(r"\btrainee(?:ship)?\b|\bstagiaire|\bstage\b", re.I), "traineeship"),
]
_TRAINEESHIP = re.compile(r"\btrainee(?:ship)?s?\b|\bBlue Book\b|\bSchuman\b|\bstagiaire|\bstage\s+(?:programme|Livre Bleu)", re.I)
_CONSULTANCY = re.compile(
    r"\bconsortium\b|\bjunior expert\b|\bsenior expert\b|\bconsultan(?:t|cy)\b|\bframework contract\b|\bour client\b"
    r"|\bthe client\b|\bintra[- ]muros\b|\bcontractor'?s? (?:staff|team)\b", re.I)
_OFFICIAL = re.compile(r"\bopen competition\b|\bEPSO/(?:AD|AST)|\bcompetition notice\b|\bpermanent (?:post|position|official)\b"
                       r"|\bappointed as an? official\b", re.I)
_TEMPORARY = re.compile(r"\btemporary agent\b(?!s)|\bArticle\s*2\s*\(?[abf]\)?", re.I)
_CONTRACT_AGENT = re.compile(r"\bcontract agent\b(?!s)", re.I)
# what the matches of each start with (lower case)
_ENGAGED_AS_STARTS = ("engaged", "recruited", "employed", "hired", "appointed", "offered a contract", "work", "engagé",
                      "recruté", "nommé")
_TRAINEESHIP_STARTS = ("trainee", "blue book", "schuman", "stagiaire", "stage")
_CONSULTANCY_STARTS = ("consortium", "junior expert", "senior expert", "consultan", "framework contract", "our client",
                       "the client", "intra", "contractor")
_OFFICIAL_STARTS = ("open competition", "epso/", "competition notice", "permanent ", "appointed as")
_TEMPORARY_STARTS = ("temporary agent", "article")


_PART_BREAK = re.compile(r"\s[-–—]\s|:\s")


def _kind_in_heading(text: str) -> Found[str] | None:
    """The kind a line at the text's top names as what the notice is for: "VACANCY NOTICE – TEMPORARY STAFF",
    "CZŁONKOWIE PERSONELU TYMCZASOWEGO", "Policy Officer - HQ Contract Agent FGIV - EEAS Headquarters"."""
    lines = [(n, line.strip()) for n, line in enumerate(text.split("\n")[:60], 1) if 0 < len(line.strip()) <= 300][:15]
    top = "\n".join(line for _, line in lines)  # one search over the top, not one per line
    for kind, m in kinds_named(top):
        number, line = lines[top.count("\n", 0, m.start())]
        at = m.start() - (top.rfind("\n", 0, m.start()) + 1)
        breaks = [0, *(b.end() for b in _PART_BREAK.finditer(line) if b.end() <= at)]
        end = next((b.start() for b in _PART_BREAK.finditer(line, at)), len(line))
        part = line[breaks[-1]:end]
        if describes_the_notice(part):
            return Found(kind, f'line {number}, the heading "{part.strip()[:50]}"')
    return None


def find_kind(text: str, contract_type: str | None, grade: str | None) -> Found[str]:
    """One of model.KINDS, from the decisive statement first: the contract type, a contract label's value, a
    heading that names the kind, an "engaged as" phrase, the grade, then traineeship / consultancy /
    competition vocabulary."""
    if contract_type in _KIND_OF_CONTRACT:
        return Found(_KIND_OF_CONTRACT[contract_type], f"the contract type ({contract_type})")
    fields = read_fields(text)
    for field in fields.all("contract") + fields.all("grade"):
        if named := kind_named(field.value):
            return Found(named[0], field.source())
    if found := _kind_in_heading(text):
        return found
    text = plain(text)
    for line in finditer_from(_CONTRACT_LINE, text, _line_starts(text, _CONTRACT_LINE_WORDS, 20)):
        if kind := next((k for rx, k in _KIND_IN_LINE if rx.search(line.group("value"))), None):
            return Found(kind, in_line(text, line.start(), line.end(), "contract line"))
    if m := search_at(_ENGAGED_AS, text, _ENGAGED_AS_STARTS):
        return Found(_KIND_WORDS[lowered(m.group("k"))], in_line(text, m.start(), m.end()))
    if grade and grade.startswith("FG"):
        return Found("contract_agent", f"the grade ({grade})")
    if grade:
        m = search_at(_TEMPORARY, text, _TEMPORARY_STARTS)
        if m and not search_at(_OFFICIAL, text, _OFFICIAL_STARTS):
            return Found("temporary_agent", in_line(text, m.start(), m.end()))
        return Found("official", f"the grade ({grade}), with no temporary post named")
    for rx, starts, kind in ((_TRAINEESHIP, _TRAINEESHIP_STARTS, "traineeship"),
                             (_CONSULTANCY, _CONSULTANCY_STARTS, "consultancy"),
                             (_OFFICIAL, _OFFICIAL_STARTS, "official"),
                             (_CONTRACT_AGENT, ("contract agent",), "contract_agent"),
                             (_TEMPORARY, _TEMPORARY_STARTS, "temporary_agent")):
        if m := search_at(rx, text, starts):
            return Found(kind, in_line(text, m.start(), m.end()))
    return Found("other", "no kind of post stated")
