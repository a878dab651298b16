"""What a section heading says its section is: eligibility conditions, the recruiters' profile, or
the selection criteria proper. Shared by the checklist (which groups items by it) and the language
rule (a language named only among selection criteria is not a requirement).

Patterns are searched case-insensitively in a heading without its outline number; English and
French, the two languages EU postings are published in first.
"""

from __future__ import annotations

import re

ELIGIBILITY = (r"general (?:criteria|conditions|requirements)|specific conditions|eligib|éligib|admissib|"
               r"formal (?:requirements|criteria)|"
               r"minimum (?:requirements|qualifications)|^qualifications?$|^education|^diplomas?$|^diplômes?$|"
               r"^languages?$|^langues$|language (?:skills|requirements|knowledge)|^professional experience$|"
               r"critères (?:généraux|d['’]admission)|conditions (?:générales|d['’]admission)")
PROFILE = (r"^you are\b|look(?:ing)? for|profile|profil\b|requirements|selection criteria|^skills|competenc|"
           r"qualifications and|essential|advantageous|desirable|^assets|what we expect|who you are|"
           r"nous recherchons|critères de sélection|compétences")
# Headings of what recruiters weigh, not what a candidate must meet ("Selection criteria", "Essential",
# "WE LOOK FOR"); a "Requirements" section, by contrast, holds requirements.
SELECTION = (r"selection criteria|^essential|advantageous|desirable|^assets|look(?:ing)? for|what we expect|"
             r"^you are\b|who you are|^skills|competenc|nous recherchons|critères de sélection|compétences")

_ELIGIBILITY_RX = re.compile(ELIGIBILITY, re.I)
_SELECTION_RX = re.compile(SELECTION, re.I)


def is_selection(heading: str) -> bool:
    """A heading of selection criteria that is not also one of eligibility."""
    return bool(_SELECTION_RX.search(heading)) and not _ELIGIBILITY_RX.search(heading)
