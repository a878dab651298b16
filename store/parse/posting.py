"""Posting text in, Posting out: every field finder in turn, then the checklist.

Pure: no files, no clock. The text is what store.ingest made of the file (cleaned), but raw
markdown or text also parses, since the outline reader strips inline markup itself.
"""

from __future__ import annotations

import re
from itertools import islice

import store.checklist as checklist  # a module import, so store.checklist may be imported first without a cycle
from store.model import Posting
from store.parse.apply import find_how_to_apply
from store.parse.dates import find_deadline, zone_of_city
from store.parse.organisation import find_department
from store.parse.fields import read_fields
from store.parse.facts import find_applicants, find_domain
from store.parse.grades import find_contract_type, find_grade, find_kind
from store.parse.institutions import find_institution
from store.parse.languages import find_languages
from store.parse.periods import find_period
from store.parse.places import find_locations, find_unit
from store.parse.references import find_reference
from store.parse.requirements import required_education, required_experience
from store.parse.sections import normalise_text, read_document
from store.parse.title import find_job_title, find_title

__all__ = ["ParseError", "parse"]

MIN_WORDS = 20
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{2,}")


class ParseError(ValueError):
    """The text is clearly not a job posting; str(error) says why in one line."""


def _check_is_posting(text: str) -> None:
    if not text.strip():
        raise ParseError("the text is empty")
    if not _LETTER.search(text):
        raise ParseError("the text has no letters, so it is not a job posting")
    # str.isprintable() runs in C: the per-character count is only needed when it says no (and str.replace is
    # quicker than str.translate on text beyond latin-1)
    layout_free = text.replace("\n", "").replace("\r", "").replace("\t", "").replace("\f", "")
    if not layout_free.isprintable() and sum(
            1 for c in text if not c.isprintable() and c not in "\n\r\t\f") > len(text) / 20:
        raise ParseError("the text looks like binary data, not a job posting")
    words = sum(1 for _ in islice(_WORD.finditer(text), MIN_WORDS))  # the count matters below MIN_WORDS only
    if words < MIN_WORDS:
        raise ParseError(f"only {words} words: too short to be a job posting (at least {MIN_WORDS} expected)")


def parse(text: str) -> Posting:
    _check_is_posting(text)
    text = normalise_text(text)
    doc = read_document(text)
    contract_type, grade = find_contract_type(text), find_grade(text)
    kind = find_kind(text, contract_type and contract_type.value, grade and grade.value)
    reference = find_reference(text)
    ref = reference and reference.value
    institution = find_institution(text, ref)
    department = find_department(text, institution and institution.value)
    unit = find_unit(doc, text)
    start_date, duration, end_date = find_period(text)
    locations = find_locations(text)
    deadline = find_deadline(text, zone_of_city(locations.value[0]) if locations else None)
    experience, education = required_experience(text), required_education(text)
    title = find_title(doc, read_fields(text), text, ref, kind.value, unit, department and department.value,
                       institution and institution.value)
    apply, apply_sources = find_how_to_apply(doc, text, ref)
    found = {"title": title, "reference": reference, "institution": institution, "locations": locations, "kind": kind,
             "contract_type": contract_type, "grade": grade, "deadline": deadline.found,
             "department": department, "min_experience_years": experience, "education": education}
    posting = Posting(
        title=title.value,
        job_title=find_job_title(doc),
        institution=institution and institution.value,
        department=department and department.value,
        unit=unit,
        locations=locations.value if locations else [],
        domain=find_domain(doc),
        reference=ref,
        kind=kind.value,
        contract_type=contract_type and contract_type.value,
        grade=grade and grade.value,
        deadline=deadline.found and deadline.found.value,
        start_date=start_date,
        duration=duration,
        end_date=end_date,
        languages=find_languages(text),
        min_experience_years=experience and experience.value,
        education=education and education.value,
        apply=apply,
        applicants=find_applicants(doc, text),
        sources={**{name: one.source for name, one in found.items() if one}, **apply_sources},
        warnings=list(deadline.warnings),
    )
    posting.checklist = checklist.build_checklist(text, posting)
    return posting
