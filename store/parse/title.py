"""What a person calls the post (title) and the formal 'Job title' line (job_title)."""

from __future__ import annotations

import re

from store.parse.lines import heading_text, label_parts, title_like
from store.parse.places import named_unit
from store.parse.sections import Document

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
_TITLE_LABELS = ("position", "post", "title", "job title", "post title", "position title", "vacancy",
                 "vacancy title", "title of the post", "title of the position", "role", "job",
                 "intitulé du poste", "titre du poste", "poste")
_JOB_TITLE_LABELS = ("job title", "official job title", "job title of the post", "intitulé du poste")
# Agency notices and career pages put the post's name just above its reference line:
# "Cybersecurity Officer (M/F)" / "REF.: ENISA-TA-AD-2025-03". Lines naming the kind of notice
# ("VACANCY NOTICE", "SECONDED NATIONAL EXPERTS TO THE EUROPEAN COMMISSION") are skipped.
_REFERENCE_LABEL = re.compile(r"^(?:our |call |vacancy |post |job )?(?:ref(?:erence)?|reference number|identification"
                              r"|référence)\b", re.I)
_NOTICE_WORDS = re.compile(r"\b(?:vacanc\w*|notice|avis|call for|appel|competition|concours|form)\b"
                           r"|\b(?:to|at|in) the (?:European|EU)\b", re.I)
# "Vacancy notice for the post of Senior ICT Officer (TA, AD 7)"
_POST_OF = re.compile(r"\bfor\s+(?:the\s+|a\s+|an\s+)?(?:post|position|role|function)\s+of\s+(?:an?\s+|the\s+)?"
                      r"([A-Z][^\n.;:(]{2,80}?)(?=\s*(?:\(|[-–]\s|$|\.|;|\bin\b|\bat\b))", re.M)
_NOUN_OF_KIND = {
    "traineeship": "Trainee", "contract_agent": "Contract agent", "temporary_agent": "Temporary agent",
    "official": "Official", "seconded_national_expert": "Seconded national expert", "interim": "Interim agent",
    "consultancy": "Consultant", "other": "Vacancy",
}
# "(M/F)", "(f/m/d)", "(H/F)"; "cut" keeps a run of blanks with no tag after it: tried again from each of its
# blanks, it was quadratic
_GENDER_TAG = re.compile(r"\s*\((?:[mfwhdx]\s*/\s*){1,3}[mfwhdx]\)|(?P<cut>\s+)", re.I)
# "EPSO/AD/412/25 – Administrators (AD 7) in the field of cybersecurity"
_REFERENCE_DASH_TITLE = re.compile(r"^(?=[\w/.-]*\d)[A-Z0-9][\w.-]*(?:/[\w.-]+)+\s+[–—-]\s+(\S.{3,120})$")
# words of a shouted title that are words, not codes, though short
_SMALL_WORDS = {"a", "an", "and", "at", "by", "for", "from", "in", "into", "of", "on", "or", "the", "to", "with",
                "head", "data", "team", "unit", "area", "field", "post", "role"}


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
    title = re.sub(r"\s+", " ", _GENDER_TAG.sub(lambda m: m["cut"] or "", title)).strip(" :-–*\"'“”")
    return _readable_case(title)


def _title_above_placing_line(doc: Document) -> str | None:
    outline = doc.outline()
    for i, (_, text) in enumerate(outline):
        if i and _PLACING_LINE.match(text.strip()):
            kind, above = outline[i - 1]
            if kind == "heading" or kind == "text" and (heading_text(above) or _DASHED_TITLE.fullmatch(above)):
                return _tidy(above)
    return None


def _title_from_labels(doc: Document) -> str | None:
    value = doc.label(*_TITLE_LABELS)
    return _tidy(value) if value and len(value.split()) <= 15 else None


def _title_after_reference(doc: Document) -> str | None:
    heads = (text for kind, text in doc.outline()[:15] if kind != "bullet")
    return next((_tidy(m[1]) for text in heads if (m := _REFERENCE_DASH_TITLE.match(text.strip()))), None)


def _title_above_reference(doc: Document) -> str | None:
    outline = doc.outline()[:30]
    for i, (_, text) in enumerate(outline):
        parts = label_parts(text)
        if not parts or not _REFERENCE_LABEL.match(parts[0]):
            continue
        for kind, above in reversed(outline[max(0, i - 4):i]):
            if kind == "bullet" or label_parts(above) or _NOTICE_WORDS.search(above):
                continue
            if kind == "heading" or title_like(above) and len(above.split()) <= 15:
                return _tidy(above)
            return None  # a sentence: the reference belongs to a paragraph, not under a title
        return None
    return None


def _title_from_sentence(text: str) -> str | None:
    m = _POST_OF.search(text[:3000])  # only the head of the notice names the post this way
    return _tidy(m[1]) if m else None


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


def find_title(doc: Document, text: str, kind: str, unit: str | None = None,
               department: str | None = None, institution: str | None = None) -> str:
    return (_title_above_placing_line(doc) or _title_from_labels(doc) or _title_after_reference(doc)
            or _title_above_reference(doc) or _title_from_sentence(text)
            or derived_title(kind, unit, department, institution, text))


def find_job_title(doc: Document) -> str | None:
    value = doc.label(*_JOB_TITLE_LABELS)
    return _tidy(value) if value else None
