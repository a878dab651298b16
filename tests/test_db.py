"""The store's API: import outcomes, identity, ticks and statuses that survive re-imports."""

from __future__ import annotations

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.model import Posting
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.ids import ALPHABET, identity_key, new_id
from eujobs.store.persistence.state import Change

from .conftest import TODAY, incoming


def test_same_content_is_unchanged_and_never_duplicated(store: Store) -> None:
    first = store.save_imports([incoming()])
    again = store.save_imports([incoming()])
    assert [s.outcome for s in first] == ["imported"]
    assert [s.outcome for s in again] == ["unchanged"]
    assert again[0].vacancy_id == first[0].vacancy_id
    assert len(store.vacancies()) == 1


def test_new_content_for_the_same_reference_and_title_updates_and_keeps_the_users_work(store: Store) -> None:
    (saved,) = store.save_imports([incoming(sha="1" * 64, title="Test officer")])
    store.tick(saved.vacancy_id, "app-cv")
    store.set_status(saved.vacancy_id, "applied", note="sent by e-mail")
    new_version = incoming(sha="2" * 64, title="Test  Officer.", items=("app-cv", "app-form"))
    (updated,) = store.save_imports([new_version])
    assert (updated.outcome, updated.vacancy_id) == ("updated", saved.vacancy_id)
    (vacancy,) = store.vacancies()
    assert vacancy.posting.title == "Test  Officer."
    assert vacancy.status == "applied"
    assert [(i.id, i.done) for i in vacancy.checklist] == [("app-cv", True), ("app-form", False)]
    assert vacancy.source.sha256 == "2" * 64


def test_two_versions_of_one_posting_make_one_vacancy_and_a_second_import_changes_nothing(store: Store) -> None:
    as_text, as_pdf = incoming(sha="1" * 64), incoming(sha="2" * 64)
    assert [s.outcome for s in store.save_imports([as_text, as_pdf])] == ["imported", "updated"]
    assert [s.outcome for s in store.save_imports([as_text, as_pdf])] == ["unchanged", "unchanged"]
    assert len(store.vacancies()) == 1


def test_postings_without_reference_are_told_apart_by_title(store: Store) -> None:
    store.save_imports([incoming(None, "1" * 64, "Junior PM"), incoming(None, "2" * 64, "Senior PM")])
    assert sorted(v.posting.title for v in store.vacancies()) == ["Junior PM", "Senior PM"]


def test_status_changes_are_dated_by_the_clock(store: Store) -> None:
    (saved,) = store.save_imports([incoming()])
    store.set_status(saved.vacancy_id, "interested")
    store.set_status(saved.vacancy_id, "applied", note="portal")
    vacancy = store.find(saved.vacancy_id)
    assert [(c.status, c.note, c.at) for c in vacancy.history] == [
        ("interested", "", TODAY.isoformat()), ("applied", "portal", TODAY.isoformat()),
    ]
    with pytest.raises(StoreError, match="unknown status 'hired'"):
        store.set_status(saved.vacancy_id, "hired")


def test_find_by_id_reference_or_unambiguous_prefix(store: Store) -> None:
    (saved,) = store.save_imports([incoming("EPSO/AD/412/25")])
    assert store.find(saved.vacancy_id).id == saved.vacancy_id
    assert store.find("epso/ad/412/25").id == saved.vacancy_id
    assert store.find(saved.vacancy_id[:3]).id == saved.vacancy_id
    assert store.find("zzzzzzzz") is None


def test_unticking_and_unknown_items(store: Store) -> None:
    (saved,) = store.save_imports([incoming()])
    store.tick(saved.vacancy_id, "app-cv")
    store.tick(saved.vacancy_id, "app-cv", done=False)
    assert not any(item.done for item in store.find(saved.vacancy_id).checklist)
    with pytest.raises(StoreError, match="no checklist item 'nope'"):
        store.tick(saved.vacancy_id, "nope")
    with pytest.raises(StoreError, match="no vacancy with id"):
        store.tick("qqqqq", "app-cv")


def test_ids_are_short_typeable_and_stable() -> None:
    key = identity_key(Posting("x", reference="EC/2026/CNECT/510505"))
    assert key == identity_key(Posting("y", reference="ec/2026/cnect/ 510505", institution="z"))
    first = new_id(key, set())
    assert len(first) == 5 and set(first) <= set(ALPHABET)
    assert new_id(key, set()) == first
    longer = new_id(key, {first})
    assert longer.startswith(first) and len(longer) == 6


def test_an_untouched_vacancy_reads_as_one_whose_state_is_empty(store: Store) -> None:
    """Untouched vacancies skip the merge with the empty state: they must come out the same."""
    store.save_imports([incoming("EC/1", "1" * 64), incoming("EC/2", "2" * 64)])
    untouched = {v.id: v for v in store.vacancies()}
    touched = sorted(untouched)[0]
    store.apply(Change(touched, "notes", "to read"))
    store.apply(Change(touched, "notes", ""))  # a state document now, every field at its empty value
    assert store._state.snapshot()["state"]
    assert {v.id: v for v in store.vacancies()} == untouched
