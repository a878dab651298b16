"""What the eligibility rules say: a verdict per rule, and the fit of a posting that sums them up.

A verdict is 'meets', 'does_not_meet' or 'check' (only the person can confirm it, or the profile cannot
tell), with a reason in words a person reads. A fit is one of four states: eligible (every rule read is
met), eligible with N to confirm (no rule fails), not eligible (a rule fails), not checked (no eligibility
rule could be read from the posting: it is never 'eligible' on no rules).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

MEETS, FAILS, CHECK = "meets", "does_not_meet", "check"
# Verdicts on rules that are no checklist item: the start date against the profile's availability, and the entry
# rules of the grade a posting names without stating rules of its own.
START_DATE, GRADE_RULES = "start-date", "grade-rules"
RULE_NAMES = {GRADE_RULES: "Entry rules of the grade", START_DATE: "Start date"}

ELIGIBLE, TO_CONFIRM, NOT_ELIGIBLE, NOT_CHECKED = "eligible", "to confirm", "not eligible", "not checked"
NOT_CHECKED_REASON = "no eligibility rules read from this posting — check the notice"


@dataclass(frozen=True)
class Verdict:
    verdict: str  # 'meets' | 'does_not_meet' | 'check'
    reason: str


@dataclass(frozen=True)
class Fit:
    state: str  # ELIGIBLE, TO_CONFIRM, NOT_ELIGIBLE or NOT_CHECKED
    fails: int = 0
    to_confirm: int = 0

    @property
    def text(self) -> str:
        """'eligible', 'eligible, 2 to confirm', 'not eligible: 1 rule not met', 'not checked'."""
        if self.state == TO_CONFIRM:
            return f"eligible, {self.to_confirm} to confirm"
        if self.state == NOT_ELIGIBLE:
            return f"not eligible: {self.fails} rule{'s' if self.fails != 1 else ''} not met"
        return self.state

    @property
    def short(self) -> str:
        """For a table's narrow column: 'eligible', '2 to confirm', '1 not met', 'not checked'."""
        return {TO_CONFIRM: f"{self.to_confirm} to confirm", NOT_ELIGIBLE: f"{self.fails} not met"}.get(
            self.state, self.state)

    @property
    def eligible(self) -> bool:
        return self.state == ELIGIBLE

    @property
    def possible(self) -> bool:
        """Eligible, or eligible once the person confirms what only they can: what `list --eligible` lists."""
        return self.state in (ELIGIBLE, TO_CONFIRM)

    def to_json(self) -> dict:
        return {"state": self.state, "text": self.text, "fails": self.fails, "to_confirm": self.to_confirm}


def day(d: date) -> str:
    return f"{d:%d/%m/%Y}"


def years_text(n: float) -> str:
    return f"{n:g} year{'' if n == 1 else 's'}"


def years_had(n: float) -> str:
    """Years a person has, to a tenth, never rounded up: 5.96 is '5.9', not the '6' a rule asks for."""
    return f"{math.floor(n * 10 + 1e-9) / 10:g}"
