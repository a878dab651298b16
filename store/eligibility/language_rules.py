"""Languages: the posting's language requirements solved together against the profile's languages.

Each requirement is a slot: one named language ('English at C1'), a choice the notice states ('English, French
or German at B2'), any of the 24 EU official languages, or 'a second' one. A language of the profile fills a
slot when it is among those allowed at the level asked or above. Slots that the notice means as different
languages get different ones: 'a second' language is another than the rest; a choice and 'any EU language'
(EPSO's language 1 and language 2) are two languages; only a named language beside 'any EU language' may be
the same one (English C1 may be the 'any' language too).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from eujobs.store.eligibility.profile import EU_LANGUAGES, Profile, language_name
from eujobs.store.eligibility.verdict import CHECK, FAILS, MEETS, Verdict
from eujobs.store.model import CEFR_LEVELS, ChecklistItem, Language, Vacancy

ANY, NTH, CHOICE, NAMED = "any", "nth", "choice", "named"
_GENERIC = re.compile(r"^(?:any|an?)\s+(?:(?P<nth>second|third)\s+)?EU official language$", re.I)
_ALTERNATIVES = re.compile(r",|\bor\b")
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
_ITEM_LANGUAGE = re.compile(r"^(?P<name>.+?)(?:\s+at\s+(?P<level>[ABC][12]))?$", re.I)


@dataclass(frozen=True)
class Slot:
    item_id: str
    kind: str  # ANY, NTH, CHOICE or NAMED
    allowed: tuple[str, ...]  # the languages that fill it (all 24 EU official languages for ANY and NTH)
    level: str | None

    @property
    def wanted(self) -> str:
        """'English, French or German at B2', 'any EU language at C1', 'another EU language at B2'."""
        names = {ANY: "any EU language", NTH: "another EU language"}.get(self.kind) or _either(self.allowed)
        return f"{names} at {self.level}" if self.level else names


def _either(names: tuple[str, ...]) -> str:
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]


def _rank(level: str | None) -> int:
    return CEFR_LEVELS.index(level) if level in CEFR_LEVELS else -1


def _has(lang: Language) -> str:
    return f"{lang.language} {lang.level}"


def _slot(item_id: str, want: Language) -> Slot:
    level = want.level.upper() if want.level else None
    if m := _GENERIC.match(want.language.strip()):
        return Slot(item_id, NTH if m["nth"] else ANY, EU_LANGUAGES, level)
    names = tuple(language_name(name.strip()) or name.strip()
                  for name in _ALTERNATIVES.split(want.language) if name.strip())
    return Slot(item_id, CHOICE if len(names) > 1 else NAMED, names, level)


def _must_differ(a: Slot, b: Slot) -> bool:
    if NTH in (a.kind, b.kind):
        other = b if a.kind == NTH else a
        return other.level is not None or other.kind in (ANY, NTH)
    return a.level is not None and b.level is not None and {a.kind, b.kind} != {ANY, NAMED}


def _fills(lang: Language, slot: Slot) -> bool:
    return lang.language in slot.allowed and (slot.level is None or _rank(lang.level) >= _rank(slot.level))


def solve(slots: list[Slot], mine: list[Language]) -> tuple[Language, ...] | None:
    """A language of `mine` for each slot, different where the slots must differ; of the solutions, the one with
    the highest levels slot by slot (then the profile's order); None if there is none."""
    ranked = sorted(mine, key=lambda lang: -_rank(lang.level))  # (a stable sort: the profile's order next)

    def fill(chosen: tuple[Language, ...]) -> tuple[Language, ...] | None:
        if len(chosen) == len(slots):
            return chosen
        slot = slots[len(chosen)]
        for lang in ranked:
            if _fills(lang, slot) and not any(lang is taken and _must_differ(slot, other)
                                              for taken, other in zip(chosen, slots)):
                if found := fill((*chosen, lang)):
                    return found
        return None

    return fill(())


def language_verdicts(items: list[ChecklistItem], vacancy: Vacancy, profile: Profile) -> dict[str, Verdict]:
    """A verdict for each language item, the items solved together."""
    by_id = {f"elig-lang-{_slug(lang.language)}": lang for lang in vacancy.posting.languages}
    slots, found = [], {}
    for item in items:
        want = by_id.get(item.id)
        if want is None:  # the item's text is all there is: "English at C1"
            m = _ITEM_LANGUAGE.match(item.text.strip())
            if not m:
                found[item.id] = Verdict(CHECK, "Check yourself: the language this item asks for")
                continue
            want = Language(m["name"], m["level"])
        slots.append(_slot(item.id, want))
    if not profile.languages:
        return {**found, **{slot.item_id: Verdict(CHECK, f"No languages in your profile; {slot.wanted} required")
                            for slot in slots}}
    numbered = [slot for slot in slots if slot.kind != NAMED]
    names = {slot.item_id: f"Language {n}" for n, slot in enumerate(numbered, 1)} if len(numbered) > 1 else {}
    met, chosen = [], ()
    for slot in slots:  # the slots in the posting's order, each kept if it can be met with those kept before
        if found_with := solve([*met, slot], profile.languages):
            met, chosen = [*met, slot], found_with
    solution = dict(zip((slot.item_id for slot in met), chosen))
    for slot in slots:
        if slot in met:
            found[slot.item_id] = _met(slot, solution[slot.item_id], names)
        else:
            found[slot.item_id] = _failed(slot, met, solution, names, profile)
    return found


def _titled(slot: Slot, names: dict[str, str]) -> str:
    """'Language 2 (English, French or German at B2)', or the slot's words alone."""
    return f"{names[slot.item_id]} ({slot.wanted})" if slot.item_id in names else slot.wanted


def _met(slot: Slot, lang: Language, names: dict[str, str]) -> Verdict:
    if slot.kind == NAMED:
        if slot.level is None:
            return Verdict(MEETS, f"level not stated; you have {_has(lang)}")
        return Verdict(MEETS, f"You have {_has(lang)}; {slot.level} required ✓")
    return Verdict(MEETS, f"{_titled(slot, names)}: your {_has(lang)} ✓")


def _failed(slot: Slot, met: list[Slot], solution: dict, names: dict[str, str], profile: Profile) -> Verdict:
    """Why no language of the profile fills the slot: none allowed, none at the level, or the ones that are
    fill the other slots."""
    allowed = [lang for lang in profile.languages if lang.language in slot.allowed]
    if slot.kind == NAMED and not allowed:
        return Verdict(FAILS, f"{slot.wanted} required; not among your languages")
    if not allowed:
        return Verdict(FAILS, f"{_titled(slot, names)}: none of your languages is an EU official language"
                              if slot.kind in (ANY, NTH) else
                              f"{_titled(slot, names)}: none of your languages is {_either(slot.allowed)}")
    taken = [(other, solution[other.item_id]) for other in met
             if _must_differ(slot, other) and _fills(solution[other.item_id], slot)]
    yours = ", ".join(_has(lang) for lang in allowed if all(lang is not used for _, used in taken))
    if slot.kind == NAMED and not taken:
        return Verdict(FAILS, f"{yours}, {slot.level} required")  # "French B1, B2 required"
    if not taken:
        return Verdict(FAILS, f"{_titled(slot, names)}: {yours}, {slot.level} required")
    used = " and ".join(f"{_has(lang)} is your {(names.get(other.item_id) or other.wanted).lower()}"
                        for other, lang in taken)
    rest = f"; {yours}, {slot.level} required" if yours else ", and you have no other of these languages"
    return Verdict(FAILS, f"{_titled(slot, names)}, another language: {used}{rest}")


def _slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-")
