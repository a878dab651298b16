"""What a person calls the post (title) and the formal 'Job title' line (job_title).

The title is read as the posting heads it, from the likeliest shape first: the Commission's post name above the
line that places it; a title label ("Job title:", "Title of function |", "Intitulé du poste :"); the heading of a
page whose fields follow it (EU Careers, agency pages); the line a notice's reference heads; a reference and its
title on one line; a sentence that names the post; the top line of the text. Never a time, a date, a label, a
kind of contract or an institution's name: what no rule finds is derived from the stated unit or employer.
"""

from __future__ import annotations

import re
from functools import lru_cache

from eujobs.store.parse.dates import has_date
from eujobs.store.parse.fields import Fields
from eujobs.store.parse.found import Found, in_line, where_written
from eujobs.store.parse.labels import fields_of
from eujobs.store.parse.lines import heading_text, label_parts, title_like
from eujobs.store.parse.places import is_place_line, named_unit
from eujobs.store.parse.scan import lowered
from eujobs.store.parse.sections import Document
from eujobs.store.parse.staff import kind_named, describes_the_notice
from eujobs.store.parse.title_lines import is_boilerplate_heading, is_furniture, names_only_an_institution

# The Commission's calls put the post's name just above the line that places it:
# "IT Project Officer – IT project leader" / "DG CONNECT, UNIT R3 (BRUSSELS)",
# "ICT Security Officer" / "in DIGIT of the European Commission", "... / JRC.B.3 (Ispra)".
# The French calls say "à la DG COMM de la Commission européenne".
_PLACING_LINE = re.compile(
    r"^(?:DG\s+[A-Z]{2,}\b|Directorate[- ]General\b|(?:in|à|au|dans)\s+(?:the\s+|la\s+|le\s+|l['’]\s*)?(?:DG\s+)?[A-Z][A-Z0-9.]{1,}\b"
    r"|[A-Z]{2,}\.[A-Z0-9.]+\b)[^.!?]{0,100}$")
# "Chargé(e) de communication – Médias et événements": two capitalised parts around a dash, the
# shape of a post's name even in sentence case (French titles capitalise only their first word)
_DASHED_TITLE = re.compile(r"[A-ZÀ-Ý][^.;:!?\n]{2,60} [–—-] [A-ZÀ-Ý][^.;:!?\n]{2,60}")
_JOB_TITLE_LABELS = ("job title", "official job title", "job title of the post", "intitulé du poste")
_NOUN_OF_KIND = {
    "traineeship": "Trainee", "contract_agent": "Contract agent", "temporary_agent": "Temporary agent",
    "official": "Official", "seconded_national_expert": "Seconded national expert", "interim": "Interim agent",
    "consultancy": "Consultant", "other": "Vacancy",
}
# "(M/F)", "(f/m/d)", "(H/F)"; "cut" keeps a run of blanks with no tag after it: tried again from each of its
# blanks, it was quadratic
_GENDER_TAG = re.compile(r"\s*\((?:[mfwhdx]\s*/\s*){1,3}[mfwhdx]\)|(?P<cut>\s+)", re.I)
# "EPSO/AD/412/25 – Administrators (AD 7) in the field of cybersecurity": a reference, a dash, the title
_REFERENCE_DASH_TITLE = re.compile(r"(?=[\w/.-]*\d)[A-Za-z0-9][\w.-]*(?:/[\w.-]+)+\s+[–—-]\s+(\S.{3,120})$")
# "for the post of Senior ICT Officer (TA, AD 7)", "for the function of Executive Director"
_POST_OF = re.compile(r"\bfor\s+(?:the\s+|a\s+|an\s+)?(?:post|position|role|function|vacancy)\s+of\s+(?:an?\s+|the\s+)?"
                      r"([A-Z][^\n.;:(]{2,80}?)(?=\s*(?:\(|[-–]\s|$|\.|;|\bin\b|\bat\b))"
                      # "pour le poste de Directeur exécutif", "für die Stelle des Exekutivdirektors"
                      r"|\bpour\s+(?:le\s+poste|la\s+fonction)\s+(?:de\s+|d['’])([A-ZÀ-Ý][^\n.;:(]{2,80}?)(?=\s*(?:\(|[-–]\s|$|\.|;|\bà\b|\bau\b))"
                      r"|\bfür\s+die\s+(?:Stelle|Funktion)\s+(?:des|der|eines|einer)\s+([A-ZÄÖÜ][^\n.;:(]{2,80}?)(?:(?<=[oe]r)s)?"
                      r"(?=\s*(?:\(|[-–]\s|$|\.|;|\bder\b|\bdes\b|\bin\b|\bbei\b))", re.M)
# "The European Food Safety Authority (EFSA) ... is looking for a" / "Scientific Officer - Residues"
_LOOKING_FOR = re.compile(r"\b(?:is|are)\s+looking\s+for\s+(?:an?\s+)?(?:\n\s*)?([A-Z][^\n.;:]{3,100})")
# "... the recruitment of one Temporary Agent under Article 2(b) ... as Secretary to the Director (AST/SC2)"
_RECRUITED_AS = re.compile(r"\brecruitment\s+of\b[^.]{0,200}?\bas\s+(?:an?\s+)?([A-Z][^\n.;:(]{3,80}?)(?=\s*(?:\(|$|\n|[.;]))")
# a title's parts after the post's name that say how it is employed: "Policy Officer - HQ Contract Agent FGIV -
# EEAS Headquarters - job No 517017"
_DESCRIPTOR = re.compile(r"\b(?:HQ|headquarters|siège|Sitz|job\s+(?:no|n°|number)|poste\s+n[°º]|Stelle\s+Nr|ref(?:erence)?\b"
                         r"|réf\b|grade\b|(?:FG|GF)\s*[IV]+|AD\s*\d|AST\s*\d)", re.I)
# a time, an address, a reference code ("EUAA/2023/TA/009"): a line holding one is no title line
_NOT_IN_A_TITLE = re.compile(r"(?<![\d.])\d{1,2}[:.]\d{2}\b(?![.\d])|https?://|www\.|@|(?=[\w/.-]*\d)[A-Za-z0-9][\w.-]*/[\w.-]+/[\w./-]+")
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
                "head", "data", "team", "unit", "area", "field", "post", "role",
                # the short words of shouted titles in the EU's other languages
                "dans", "le", "la", "les", "de", "des", "du", "et", "en", "au", "aux", "pour", "sur", "d'un", "d'une",
                "der", "die", "das", "den", "dem", "und", "im", "für", "mit", "von", "zur", "zum", "bei", "del",
                "della", "di", "e", "il", "per", "nel", "el", "los", "las", "y", "het", "van", "een", "voor", "op",
                "og", "i", "af", "til", "med", "w", "z", "na", "do", "dla", "oraz", "da", "em", "dos"}
_TOP_LINES = 8  # lines of the text's top where a heading is the title
_LONGEST_TITLE = 160  # characters: a longer line names no post (and the line rules' look-aheads stay short)
_FIELDS_BELOW = 12  # lines under a page's heading where its fields stand


def _readable_case(title: str) -> str:
    """'ADMINISTRATORS (AD 7) IN THE FIELD OF CYBERSECURITY' -> 'Administrators (AD 7) in the field
    of cybersecurity': shouted titles in sentence case, short codes (AD, IT, ICT) kept."""
    letters = [c for c in title if c.isalpha()]
    if len(title.split()) < 3 or sum(c.isupper() for c in letters) < 0.8 * len(letters):
        return title
    words = [w if len(w.strip("()")) <= 4 and w.strip("()").lower() not in _SMALL_WORDS else w.lower()
             for w in title.split()]
    out = " ".join(words)
    return out[:1].upper() + out[1:]


def _tidy(title: str) -> str:
    title = re.sub(r"\s+", " ", _GENDER_TAG.sub(lambda m: m["cut"] or "", title)).strip(" :-–*\"'“”`|")
    return _readable_case(title.replace("`", ""))


def _without_descriptors(value: str) -> str:
    """The post's name of a title value, without the parts that say how it is employed."""
    parts = re.split(r"\s+[-–—]\s+", value)
    kept = []
    for part in parts:
        if kept and (_DESCRIPTOR.search(part) or kind_named(part)) or describes_the_notice(part):
            break
        kept.append(part)
    return " – ".join(kept) if len(kept) > 1 and "–" in value else " - ".join(kept)


@lru_cache(maxsize=512)  # the rules ask about the same top lines in turn
def is_title(line: str) -> bool:
    """Could this line name a post? Not a date or time, a label, an address, page furniture, an institution's
    name, a place, a kind of contract, a section heading, a sentence."""
    words = line.split() if len(line) <= _LONGEST_TITLE else ()
    return (0 < len(words) <= 16 and any(c.isalpha() for c in line) and line[:1] not in "(-–•*"
            and not line.rstrip().endswith((".", ",", ";", ":"))
            and not has_date(line) and not _NOT_IN_A_TITLE.search(line)
            and not label_parts(line) and not fields_of(line.rstrip("| "))
            and not is_furniture(line) and not names_only_an_institution(line) and not is_place_line(line)
            and not describes_the_notice(line) and not is_boilerplate_heading(line))


def _labelled(fields: Fields) -> Found[str] | None:
    for field in fields.all("title"):
        value = field.value.split("\n")[0]
        if "…" in value or "..." in value or value.startswith("("):
            continue  # a search snippet or a note, not the title
        title = _tidy(_without_descriptors(value))
        if title and len(title.split()) <= 15 and is_title(title):
            return Found(title, field.source())
    return None


def _above_placing_line(doc: Document, text: str) -> Found[str] | None:
    outline = doc.outline()
    for i, (_, line) in enumerate(outline):
        if i and _PLACING_LINE.match(line.strip()):
            kind, above = outline[i - 1]
            if kind == "heading" or kind == "text" and (heading_text(above) or _DASHED_TITLE.fullmatch(above)):
                return Found(_tidy(above), where_written(text, above, "the line above where the post is placed"))
    return None


def _lines(text: str) -> list[tuple[int, str]]:
    """(1-based line number, text) of the non-blank lines."""
    return [(n, line.strip()) for n, line in enumerate(text.split("\n"), 1) if line.strip()]


def _page_heading(lines: list[tuple[int, str]]) -> Found[str] | None:
    """The heading on top of a page's fields: 'ICT Assistant' / 'Domain(s)' / 'Reference number'..., the last
    line that could name a post above the first of two or more fields at the text's top."""
    for i, (_, line) in enumerate(lines[:_TOP_LINES + 1]):
        if not _fields_on(line):
            continue
        below = {name for _, other in lines[i:i + _FIELDS_BELOW] for name in _fields_on(other)}
        if len(below - {"other"}) < 2:
            return None
        for number, above in reversed(lines[max(0, i - 3):i]):
            if is_title(above):
                return Found(_tidy(above), f"line {number}, the heading of the page's fields")
            if not describes_the_notice(above):
                break  # page furniture or a sentence: the page's own heading is not there
        return None
    return None


def _fields_on(line: str) -> tuple[str, ...]:
    parts = label_parts(line)
    return fields_of(parts[0]) if parts else fields_of(line.rstrip("| :"), alone=True)


def _under_reference(lines: list[tuple[int, str]], reference: str | None) -> Found[str] | None:
    """The line under the notice's reference: 'UDVÆLGELSESPRØVE PE/AD/304/2024' / 'Administratorer (AD 6)',
    'Reference number: RCT-2022-00106' / 'Senior Assistants in the ETIAS Central Unit'. Lines that say the kind
    of staff between them ('CZŁONKOWIE PERSONELU TYMCZASOWEGO') are skipped."""
    if not reference:
        return None
    for i, (_, line) in enumerate(lines[:40]):
        if reference not in line:
            continue
        for number, below in lines[i + 1:i + 4]:
            if describes_the_notice(below) or is_furniture(below):
                continue
            if is_title(below) and (title_like(below) or below.isupper()):
                return Found(_tidy(below), f'line {number}, under the reference')
            break
    return None


def _after_reference(text: str, lines: list[tuple[int, str]]) -> Found[str] | None:
    for number, line in lines[:20]:
        dashed = "/" in line and (" – " in line or " - " in line or " — " in line) and len(line) <= 2 * _LONGEST_TITLE
        m = _REFERENCE_DASH_TITLE.search(line) if dashed else None
        if m and not label_parts(m[1]):
            title = _tidy(m[1])
            if is_title(title):
                return Found(title, f"line {number}, after the reference")
    return None


def _from_sentence(text: str) -> Found[str] | None:
    head = text[:3000]  # only the head of the notice names the post this way
    low = lowered(head)
    for rx, words in ((_POST_OF, ("for ", "pour ", "für ")), (_RECRUITED_AS, ("recruitment of",)),
                      (_LOOKING_FOR, ("looking for",))):
        m = rx.search(head) if any(word in low for word in words) else None
        if m:
            group = next(i for i, value in enumerate(m.groups(), 1) if value)
            title = _tidy(_without_descriptors(m[group].strip()))
            if is_title(title):
                return Found(title, in_line(text, m.start(group), m.end(group)))
    return None


def _top_line(lines: list[tuple[int, str]]) -> Found[str] | None:
    for number, line in lines[:_TOP_LINES]:
        if is_title(line) and title_like(line) and not line.isupper():
            return Found(_tidy(line), f"line {number}, the text's first title-like line")
    return None


def _above_reference(doc: Document, text: str) -> Found[str] | None:
    """Agency notices and career pages put the post's name just above its reference line."""
    outline = doc.outline()[:30]
    for i, (_, line) in enumerate(outline):
        parts = label_parts(line)
        if not parts or "reference" not in fields_of(parts[0]):
            continue
        for kind, above in reversed(outline[max(0, i - 4):i]):
            if kind == "bullet" or label_parts(above) or not is_title(above):
                continue
            if kind == "heading" or title_like(above):
                return Found(_tidy(above), where_written(text, above, "the line above the reference"))
            return None
        return None
    return None


def derived_title(kind: str, unit: str | None, department: str | None, institution: str | None, text: str) -> str:
    """A name for a posting with no title line: 'Trainee – Portfolio Management and Compliance Unit (PMCO)'."""
    noun = _NOUN_OF_KIND.get(kind, "Vacancy")
    named = named_unit(text)
    if named:
        name, section, acronym = named
        where = name + (f", {section}" if section else "") + (f" ({acronym})" if acronym else "")
    else:
        where = unit or department or institution
    return f"{noun} – {where}" if where else noun


def find_title(doc: Document, fields: Fields, text: str, reference: str | None = None, kind: str = "other",
               unit: str | None = None, department: str | None = None, institution: str | None = None) -> Found[str]:
    lines = _lines(text)
    found = (_above_placing_line(doc, text) or _page_heading(lines) or _labelled(fields)
             or _under_reference(lines, reference) or _after_reference(text, lines) or _from_sentence(text)
             or _top_line(lines) or _above_reference(doc, text))
    return found or Found(derived_title(kind, unit, department, institution, text),
                          "no title line: named after the kind of post and where it is")


def find_job_title(doc: Document) -> str | None:
    value = doc.label(*_JOB_TITLE_LABELS)
    return _tidy(value) if value else None
