"""How to apply: where to send (e-mail or URL), what the subject must say, which documents."""

from __future__ import annotations

import re

from eujobs.store.model import HowToApply
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, in_line
from eujobs.store.parse.scan import finditer_at, finditer_from, lowered_text
from eujobs.store.parse.sections import Document

_EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_URL = re.compile(r"\b(?:https?://|www\.)[^\s<>()\"'\]]+[^\s<>()\"'\].,;:!?]")
# words that make a sentence about sending an application, and words that make it about something else
_APPLY_WORDS = re.compile(
    r"\b(?:send|sent|submit\w*|apply|applications?|candidatures?|express(?:ing)? (?:your )?interest|forward|"
    r"e-?mail (?:your|it|them|the)|addressed to|recruitment tool|online form|envoy\w+|soumett\w+|postuler|transmett\w+"
    r"|register|registration|inscri(?:re|vez|ption)|candidater|déposer|bewerb\w*|einreichen|einzureichen|übermitteln"
    r"|zu senden"
    r"|candidatur\w+|presentar\w*|ansøg\w*|zgłoszen\w+)\b",
    re.I)
_OTHER_WORDS = re.compile(
    r"\b(?:questions?|quer(?:y|ies)|enquir\w+|further information|more information|data protection|privacy|"
    r"DPO|language levels|register (?:your|their) profile|complaints?|helpdesk|technical problems?|"
    r"renseignements?|protection des données)\b", re.I)
# a link to a format or a model ("the Europass CV format (https://...)") says how to write, not where to send
_FORMAT_LINK = re.compile(r"\b(?:format|template|model|modèle)\s*[(:]?\s*$", re.I)
_APPLY_HEADING = (r"how (?:to|do i|can i|do you|should i) (?:apply|express|submit)|^applications?\b|"
                  r"application (?:procedure|process)|submission|to apply|expression of interest|candidature|^apply\b|"
                  r"comment (?:postuler|manifester|poser|soumettre)")
_SENDING = re.compile(r"\b(?:send|submit|attach|enclose|upload|accompanied by|provide|consist of|envoy|joindre)\w*\b",
                      re.I)

_DOCUMENTS = (
    ("CV", r"\b(?:CV|C\.V\.|curriculum vitae|résumé)\b"),
    ("application form", r"\bapplication form\b|\bformulaire de candidature\b"),
    ("motivation letter", r"\b(?:motivation(?:al)? letter|letter of motivation|statement of motivation|lettre de motivation)\b"),
    ("cover letter", r"\bcover(?:ing)? letter\b"),
    ("copy of diploma", r"\bcop(?:y|ies) of (?:your |the |all )?(?:diplomas?|degrees?|certificates?)\b"),
    ("reference letters", r"\b(?:reference letters?|letters? of (?:reference|recommendation))\b"),
    ("declaration of honour", r"\bdeclaration (?:of|on) honou?r\b"),
    ("copy of ID", r"\bcop(?:y|ies) of (?:your |a )?(?:passport|identity card|ID card)\b"),
    ("language certificates", r"\blanguage certificates?\b"),
)
# how the documents must be put together; listed after the documents
_FORM_NOTES = (("as a single PDF", r"\b(?:single|one) pdf\b|\bin (?:a |one )?single (?:file|document)\b"
                                    r"|\bun seul (?:fichier|document)\b"),)

# "indicating the call for interest reference EC/2026/CNECT/510505 in the subject"
# What <verb>\s+(.{2,120}?)\s+<in the subject> reads, without trying each split of a long run of blanks between
# the blanks and the text (quadratic, cubic after "with"): the text after all the blanks (a), else from their last
# one (b), else two blanks when "in the subject" follows them (c), as the regex finds them. The text does not end
# after two blanks: ending at the first of them reads the same.
_SUBJECT_VERB = (r"\b(?:indicat(?:e|ing)|mention(?:ing)?|quot(?:e|ing)|stat(?:e|ing)|includ(?:e|ing)"
                 r"|specify(?:ing)?|put(?:ting)?|writ(?:e|ing)|insert(?:ing)?|us(?:e|ing)|with|indiqu(?:ant|ez|er)"
                 r"|mentionn(?:ant|ez|er)|précis(?:ant|ez|er))")
_IN_SUBJECT = (r"\s++(?:(?:in|as)\s+(?:the|your)\s+(?:e-?mail\s+|message\s+)?subject"
               r"|(?:dans|en)\s+(?:l['’]\s*)?objet)")
_SUBJECT_IN = re.compile(
    rf"{_SUBJECT_VERB}(?:\s++(?P<a>.{{2,120}}?(?<!\s\s)){_IN_SUBJECT}"
    rf"|(?:\s(?=\s))++(?P<b>.{{2,120}}?(?<!\s\s)){_IN_SUBJECT}"
    rf"|(?={_IN_SUBJECT})\s+(?P<c>[^\S\n]{{2}}){_IN_SUBJECT})", re.I)
# "with the subject 'X'", "Subject line: X", "the subject of the e-mail must be X"
_SUBJECT_IS = re.compile(
    # (\s* before each alternative: taken before all three, it tried each split of a long run of blanks)
    r"\bsubject(?:\s+line)?(?:\s+of\s+(?:the|your)\s+(?:e-?mail|message))?"
    r"(?:\s*:\s*|\s+(?:should|must|shall)\s+(?:be|read|contain|include|state|mention)\s+|\s+(?=['\"‘“«]))"
    r"(['\"‘“«][^'\"’”»\n]{2,120}['\"’”»]|[^\n.;]{2,120})",
    re.I)
# quotes stand apart from words: the apostrophes of "l'appel ... d'intérêt" quote nothing
_QUOTED = re.compile(r"(?<!\w)['\"‘“«]([^'\"’”»\n]{2,120})['\"’”»](?!\w)")
# a reference code, not part of an e-mail address: EC/2026/CNECT/510505, EPSO/AD/412/25, 10B30-7323
_REFERENCE_TOKEN = re.compile(r"(?<![\w@.-])(?=[\w/-]*\d)[A-Z0-9]+(?:[/-][A-Z0-9]+)+\b(?![\w.-]*@)")


# where a sentence ends: not at "max. one page" or "e.g. a", which a capital does not follow
_SENTENCE_END = re.compile(r"[.?!]\s+(?=[A-Z\d])|\n")


def _sentence_before(text: str, pos: int) -> str:
    """The sentence a match at pos stands in, up to pos (with the line above when the line is bare)."""
    window = max(0, pos - 600)  # a sentence is shorter; the bound keeps each look-back constant
    ends = [m.end() for m in _SENTENCE_END.finditer(text, window, pos)]
    start = ends[-1] - 1 if ends else window - 1
    context = text[start + 1:pos]
    if len(context.split()) < 3 and start > 0:  # "Applications to:\njobs@agency.europa.eu", maybe a blank line between
        above = text[:start].rstrip()
        context = text[max(above.rfind("\n"), 0):pos]
    return context[-300:]


_AFTER_END = re.compile(r"\.\s|\n")


def _sentence_at(text: str, start: int, end: int) -> str:
    # searched in place and at most 300 characters on: slicing text[end:] for each address was quadratic
    after = _AFTER_END.search(text, end, end + 300)
    return _sentence_before(text, start) + text[start:after.start() if after else min(len(text), end + 300)]


def _for_applying(text: str, m: re.Match) -> bool:
    sentence = _sentence_at(text, m.start(), m.end())
    return bool(_APPLY_WORDS.search(sentence)) and not _OTHER_WORDS.search(sentence)


def _email_starts(text: str) -> list[int] | None:
    """Where the addresses of text may start: each holds one "@", and starts where the run of the characters of
    its local part before it starts (the look-behind of _EMAIL). None when a run is too long to walk back."""
    starts = []
    at = text.find("@")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isalnum() or text[start - 1] in "_.+-"):  # [\w.+-]
            start -= 1
            if at - start > 256:
                return None
        starts.append(start)
        at = text.find("@", at + 1)
    return starts


def find_email(text: str) -> Found[str] | None:
    for field in read_fields(text).all("apply"):
        if m := _EMAIL.search(field.value):
            return Found(m[0], field.source())
    if (starts := _email_starts(text)) is None:
        found = next((m for m in _EMAIL.finditer(text) if _for_applying(text, m)), None)
    else:
        found = next((m for m in finditer_from(_EMAIL, text, starts) if _for_applying(text, m)), None)
    return Found(found[0], in_line(text, found.start(), found.end())) if found else None


_URL_STARTS = ("http", "www.")


# A link whose words say to apply: "Apply (https://...)" as the cleaner writes "[Apply](https://...)"
_APPLY_LINK = re.compile(
    r"(?:apply(?:\s+(?:now|here|online|for this (?:job|post|position|vacancy)))?|submit (?:your|an) application"
    r"|online application|application form|postuler(?: en ligne)?|candidater|(?:jetzt )?bewerben|online bewerben"
    r"|candidatura online|solicitar)[ \t]*\((https?://[^\s()]+)\)[ \t]*$", re.I | re.M)
# what every apply link starts with (lower case), where it is tried
_APPLY_LINK_STARTS = ("apply", "submit", "online", "application", "postuler", "candidater", "jetzt", "bewerben",
                      "candidatura", "solicitar")
_URL_IN_VALUE = re.compile(r"https?://[^\s()<>\"']+")


def find_url(text: str) -> Found[str] | None:
    """Where to apply online: an apply label's link ("Link to vacancy"), a link whose words say to apply, else
    the first address a sentence about applying gives."""
    for field in read_fields(text).all("apply"):
        for line in field.value.split("\n"):
            if urls := _URL_IN_VALUE.findall(line):
                return Found(urls[-1].rstrip(".,;"), field.source())  # (a link's target follows its words)
    for m in finditer_at(_APPLY_LINK, text, _APPLY_LINK_STARTS):
        if not text[text.rfind("\n", 0, m.start()) + 1:m.start()].strip():  # the link is its line
            return Found(m[1], in_line(text, m.start(1), m.end(1), "apply link"))
    found = next((m for m in finditer_at(_URL, text, _URL_STARTS)
                  if _for_applying(text, m) and not _FORMAT_LINK.search(text, max(0, m.start() - 30), m.start())), None)
    return Found(found[0], in_line(text, found.start(), found.end())) if found else None


# what the matches of _SUBJECT_IN start with: its verbs (lower case)
_SUBJECT_VERBS = ("indicat", "mention", "quot", "stat", "includ", "specify", "put", "writ", "insert", "use", "using",
                  "with", "indiqu", "précis")


def find_subject(text: str, reference: str | None = None) -> Found[str] | None:
    subject = _subject(text, reference)
    return subject and Found(subject[0], in_line(text, subject[1].start(), subject[1].end(), "subject"))


def _subject(text: str, reference: str | None) -> tuple[str, re.Match] | None:
    low = lowered_text(text)
    if "subject" not in low and "objet" not in low:  # (what both rules need)
        return None
    for rx, starts in ((_SUBJECT_IN, _SUBJECT_VERBS), (_SUBJECT_IS, ("subject",))):
        for m in finditer_at(rx, text, starts):
            phrase = next(filter(None, m.groups())).strip()  # (_SUBJECT_IN's in one of three groups)
            quoted = _QUOTED.search(phrase)
            if quoted:
                return quoted[1].strip(), m
            tokens = _REFERENCE_TOKEN.findall(phrase)
            if tokens:  # the code nearest to "in the subject"
                return tokens[-1], m
            if re.search(r"\breference\b|\bref\b", phrase, re.I) and reference:
                return reference, m
            if rx is _SUBJECT_IS and len(phrase.split()) <= 12:
                return phrase.rstrip(" ,"), m
    return None


# (?<=[.;])\s+|\n, spelled to start with the blank it takes first (the engine skips to the next one)
_SENTENCE_BREAK = re.compile(r"\s(?:(?<=[.;]\s)\s*|(?<=\n))")
_DOCUMENT_RULES = [(name, re.compile(rx, re.I)) for name, rx in _DOCUMENTS]
_FORM_NOTE_RULES = [(name, re.compile(rx, re.I)) for name, rx in _FORM_NOTES]


def _application_text(doc: Document, text: str) -> str:
    """The part of the posting that says what to send: the 'How to apply' sections, else the
    sentences that ask to send, submit or attach something."""
    scoped = "\n".join(s.text for s in doc.find(_APPLY_HEADING))
    if scoped:
        return scoped
    return "\n".join(s for s in _SENTENCE_BREAK.split(text) if _SENDING.search(s))


# "Candidates are asked not to add any other documents (such as copy of passport...)"
_NOT_TO_SEND = re.compile(r"\bnot\b[^.\n]{0,30}\b(?:add|send|attach|include|enclose|submit|upload)|\b(?:no|any) other documents?\b"
                          r"|\bne (?:pas|joindre|aucun)", re.I)


def find_documents(doc: Document, text: str) -> list[str]:
    scope = "\n".join(s for s in _SENTENCE_BREAK.split(_application_text(doc, text)) if not _NOT_TO_SEND.search(s))
    found = sorted((m.start(), name) for name, rx in _DOCUMENT_RULES if (m := rx.search(scope)))
    notes = [name for name, rx in _FORM_NOTE_RULES if rx.search(scope)]
    return [name for _, name in found] + notes


def find_how_to_apply(doc: Document, text: str, reference: str | None = None) -> tuple[HowToApply, dict[str, str]]:
    """How to apply, and where each of its parts was read (keys 'apply.email', 'apply.url', 'apply.subject')."""
    found = {"email": find_email(text), "url": find_url(text), "subject": find_subject(text, reference)}
    apply = HowToApply(**{name: one and one.value for name, one in found.items()}, documents=find_documents(doc, text))
    return apply, {f"apply.{name}": one.source for name, one in found.items() if one}
