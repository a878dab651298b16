"""Posting text in, Posting out: every field finder in turn, then the checklist.

Pure: no files, no clock. The text is what store.ingest made of the file (cleaned), but raw
markdown or text also parses, since the outline reader strips inline markup itself.
"""

from __future__ import annotations

import re
from itertools import islice

import eujobs.store.parse.checklist as checklist  # a module import, so eujobs.store.parse.checklist may be imported first without a cycle
from eujobs.store.errors import ParseError
from eujobs.store.model import Posting
from eujobs.store.parse.apply import find_how_to_apply
from eujobs.store.parse.dates import find_deadline, zone_of_city
from eujobs.store.parse.facts import find_applicants, find_domain
from eujobs.store.parse.fields import read_fields
from eujobs.store.parse.found import Found, where_written
from eujobs.store.parse.grades import find_contract_type, find_grade, find_kind
from eujobs.store.parse.institutions import find_institution
from eujobs.store.parse.languages import find_languages
from eujobs.store.parse.organisation import find_department
from eujobs.store.parse.periods import find_period
from eujobs.store.parse.places import find_locations, find_unit
from eujobs.store.parse.references import find_reference
from eujobs.store.parse.requirements import required_education, required_experience
from eujobs.store.parse.sections import normalise_text, read_document
from eujobs.store.parse.title import find_job_title, find_title

__all__ = ["ParseError", "parse"]

MIN_WORDS = 20
_LETTER = re.compile(r"[^\W\d_]")
_WORD = re.compile(r"[^\W\d_]{2,}")


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


def _value(found: Found | None):
    return found.value if found else None


def _located(text: str, value: str | int | None) -> Found | None:
    """A value read by a rule that keeps no position, with the line it stands on."""
    return Found(value, where_written(text, str(value))) if value is not None else None


def parse(text: str) -> Posting:
    _check_is_posting(text)
    text = normalise_text(text)
    doc = read_document(text)
    contract_type, grade = find_contract_type(text), find_grade(text)
    kind = find_kind(text, _value(contract_type), _value(grade))
    reference = find_reference(text)
    institution = find_institution(text, _value(reference))
    department = find_department(text, _value(institution))
    unit = _located(text, find_unit(doc, text))
    locations = find_locations(text)
    deadline = find_deadline(text, zone_of_city(locations.value[0]) if locations else None)
    period = find_period(text)
    title = find_title(doc, read_fields(text), text, _value(reference), kind.value, _value(unit), _value(department),
                       _value(institution))
    apply, apply_sources = find_how_to_apply(doc, text, _value(reference))
    found = {
        "title": title, "job_title": _located(text, find_job_title(doc)), "institution": institution,
        "department": department, "unit": unit, "locations": locations, "domain": _located(text, find_domain(doc)),
        "reference": reference, "kind": kind, "contract_type": contract_type, "grade": grade,
        "deadline": deadline.found, "languages": find_languages(text), "min_experience_years": required_experience(text),
        "education": required_education(text), "applicants": _located(text, find_applicants(doc, text)),
    }
    posting = Posting(
        **{name: one.value if one else [] if name in ("locations", "languages") else None for name, one in found.items()},
        start_date=period.start,
        duration=period.duration,
        end_date=period.end,
        apply=apply,
        sources={**{name: one.source for name, one in found.items() if one}, **period.sources, **apply_sources},
        warnings=list(deadline.warnings),
    )
    posting.checklist = checklist.build_checklist(text, posting)
    return posting
