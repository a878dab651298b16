"""How to apply: where to send (e-mail or URL), what the subject must say, which documents."""

from __future__ import annotations

import re

from store.model import HowToApply
from store.parse.sections import Document

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"'\]]+[^\s<>()\"'\].,;:!?]")
# words that make a sentence about sending an application, and words that make it about something else
_APPLY_WORDS = re.compile(
    r"\b(?:send|sent|submit\w*|apply|applications?|candidatures?|express(?:ing)? (?:your )?interest|forward|"
    r"e-?mail (?:your|it|them|the)|addressed to|recruitment tool|online form)\b", re.I)
_OTHER_WORDS = re.compile(
    r"\b(?:questions?|quer(?:y|ies)|enquir\w+|further information|more information|data protection|privacy|"
    r"DPO|language levels|register (?:your|their) profile|complaints?|helpdesk|technical problems?)\b", re.I)
_APPLY_HEADING = (r"how (?:to|do i|can i|do you|should i) (?:apply|express|submit)|^applications?\b|"
                  r"application (?:procedure|process)|submission|to apply|expression of interest|candidature|^apply\b")
_SENDING = re.compile(r"\b(?:send|submit|attach|enclose|upload|accompanied by|provide|consist of)\w*\b", re.I)

_DOCUMENTS = (
    ("CV", r"\b(?:CV|C\.V\.|curriculum vitae|résumé)\b"),
    ("application form", r"\bapplication form\b"),
    ("motivation letter", r"\b(?:motivation(?:al)? letter|letter of motivation|statement of motivation)\b"),
    ("cover letter", r"\bcover(?:ing)? letter\b"),
    ("copy of diploma", r"\bcop(?:y|ies) of (?:your |the |all )?(?:diplomas?|degrees?|certificates?)\b"),
    ("reference letters", r"\b(?:reference letters?|letters? of (?:reference|recommendation))\b"),
    ("declaration of honour", r"\bdeclaration (?:of|on) honou?r\b"),
    ("copy of ID", r"\bcop(?:y|ies) of (?:your |a )?(?:passport|identity card|ID card)\b"),
    ("language certificates", r"\blanguage certificates?\b"),
)
# how the documents must be put together; listed after the documents
_FORM_NOTES = (("as a single PDF", r"\b(?:single|one) pdf\b|\bin (?:a |one )?single (?:file|document)\b"),)

# "indicating the call for interest reference EC/2026/CNECT/510505 in the subject"
_SUBJECT_IN = re.compile(
    r"\b(?:indicat(?:e|ing)|mention(?:ing)?|quot(?:e|ing)|stat(?:e|ing)|includ(?:e|ing)|specify(?:ing)?|put(?:ting)?|"
    r"writ(?:e|ing)|insert(?:ing)?|us(?:e|ing)|with)\s+(.{2,120}?)\s+"
    r"(?:in|as)\s+(?:the|your)\s+(?:e-?mail\s+|message\s+)?subject", re.I)
# "with the subject 'X'", "Subject line: X", "the subject of the e-mail must be X"
_SUBJECT_IS = re.compile(
    r"\bsubject(?:\s+line)?(?:\s+of\s+(?:the|your)\s+(?:e-?mail|message))?\s*"
    r"(?::\s*|\s+(?:should|must|shall)\s+(?:be|read|contain|include|state|mention)\s+|\s+(?=['\"‘“«]))"
    r"(['\"‘“«][^'\"’”»\n]{2,120}['\"’”»]|[^\n.;]{2,120})",
    re.I)
_QUOTED = re.compile(r"['\"‘“«]([^'\"’”»\n]{2,120})['\"’”»]")
# a reference code, not part of an e-mail address: EC/2026/CNECT/510505, EPSO/AD/412/25, 10B30-7323
_REFERENCE_TOKEN = re.compile(r"(?<![\w@.-])(?=[\w/-]*\d)[A-Z0-9]+(?:[/-][A-Z0-9]+)+\b(?![\w.-]*@)")


def _sentence_before(text: str, pos: int) -> str:
    """The sentence a match at pos stands in, up to pos (with the line above when the line is bare)."""
    start = max(text.rfind(". ", 0, pos), text.rfind("\n", 0, pos), text.rfind("? ", 0, pos))
    context = text[start + 1:pos]
    if len(context.split()) < 3 and start > 0:  # "Applications to:\njobs@agency.europa.eu"
        context = text[max(text.rfind("\n", 0, start), 0):pos]
    return context[-300:]


def _sentence_at(text: str, start: int, end: int) -> str:
    after = re.search(r"(?:\.\s|\n|$)", text[end:])
    return _sentence_before(text, start) + text[start:end + (after.start() if after else 0)]


def _for_applying(text: str, m: re.Match) -> bool:
    sentence = _sentence_at(text, m.start(), m.end())
    return bool(_APPLY_WORDS.search(sentence)) and not _OTHER_WORDS.search(sentence)


def find_email(text: str) -> str | None:
    return next((m[0] for m in _EMAIL.finditer(text) if _for_applying(text, m)), None)


def find_url(text: str) -> str | None:
    return next((m[0] for m in _URL.finditer(text) if _for_applying(text, m)), None)


def find_subject(text: str, reference: str | None = None) -> str | None:
    for rx in (_SUBJECT_IN, _SUBJECT_IS):
        for m in rx.finditer(text):
            phrase = m[1].strip()
            quoted = _QUOTED.search(phrase)
            if quoted:
                return quoted[1].strip()
            tokens = _REFERENCE_TOKEN.findall(phrase)
            if tokens:  # the code nearest to "in the subject"
                return tokens[-1]
            if re.search(r"\breference\b|\bref\b", phrase, re.I) and reference:
                return reference
            if rx is _SUBJECT_IS and len(phrase.split()) <= 12:
                return phrase.rstrip(" ,")
    return None


def _application_text(doc: Document, text: str) -> str:
    """The part of the posting that says what to send: the 'How to apply' sections, else the
    sentences that ask to send, submit or attach something."""
    scoped = "\n".join(s.text for s in doc.find(_APPLY_HEADING))
    if scoped:
        return scoped
    return "\n".join(s for s in re.split(r"(?<=[.;])\s+|\n", text) if _SENDING.search(s))


def find_documents(doc: Document, text: str) -> list[str]:
    scope = _application_text(doc, text)
    found = sorted((m.start(), name) for name, rx in _DOCUMENTS if (m := re.search(rx, scope, re.I)))
    notes = [name for name, rx in _FORM_NOTES if re.search(rx, scope, re.I)]
    return [name for _, name in found] + notes


def find_how_to_apply(doc: Document, text: str, reference: str | None = None) -> HowToApply:
    return HowToApply(email=find_email(text), url=find_url(text), subject=find_subject(text, reference),
                      documents=find_documents(doc, text))
