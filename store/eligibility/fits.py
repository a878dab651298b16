"""How the profile fits each of a load's vacancies, each worked out the first time it is asked for.

The list asks only for the rows it shows: the first screen of 10,000 vacancies waits for some forty
verdicts rather than 10,000 (half a second).
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date

from eujobs.store.eligibility.profile import Profile
from eujobs.store.eligibility.rules import Fit, fit
from eujobs.store.model import Vacancy


class Fits(Mapping[str, Fit]):
    def __init__(self, profile: Profile, by_id: dict[str, Vacancy], today: date,
                 known: dict[str, Fit] | None = None) -> None:
        self._profile, self._by_id, self._today = profile, by_id, today
        self._known = known if known is not None else {}

    def __getitem__(self, vacancy_id: str) -> Fit:
        found = self._known.get(vacancy_id)
        if found is None:
            found = self._known[vacancy_id] = fit(self._profile, self._by_id[vacancy_id], self._today)
        return found

    def __iter__(self) -> Iterator[str]:
        return iter(self._by_id)

    def __len__(self) -> int:
        return len(self._by_id)

    def replacing(self, fresh: Vacancy) -> Fits:
        """These fits with one vacancy new or changed: its fit worked out again, the others' kept."""
        known = {vacancy_id: found for vacancy_id, found in self._known.items() if vacancy_id != fresh.id}
        return Fits(self._profile, {**self._by_id, fresh.id: fresh}, self._today, known)


class FitTexts(Mapping[str, str]):
    """The fits as the list shows them ('eligible', 'eligible, 2 to confirm', 'not eligible: 1 rule not met', 'not
    checked'), by vacancy id."""

    def __init__(self, fits: Fits) -> None:
        self._fits = fits

    def __getitem__(self, vacancy_id: str) -> str:
        return self._fits[vacancy_id].text

    def __iter__(self) -> Iterator[str]:
        return iter(self._fits)

    def __len__(self) -> int:
        return len(self._fits)
