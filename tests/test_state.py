"""The user's side of a vacancy: every change is reversible, survives re-imports, and is validated."""

from __future__ import annotations

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.model import Posting
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.edit import field_change, field_text
from eujobs.store.persistence.state import Change, add_item, delete_item, edit_item

from .conftest import TODAY, incoming


@pytest.fixture
def vacancy_id(store: Store) -> str:
    return store.save_imports([incoming()])[0].vacancy_id


@pytest.mark.parametrize("slot, value", [
    ("status", "applied"), ("notes", "Called Ms X"), ("tick:app-cv", True), ("applied_on", "2026-03-12"),
    ("next_action_on", "2026-03-20"), ("next_action", "Prepare the interview"), ("item:app-cv", "CV (Europass)"),
    ("field:title", "Better title"),
])
def test_every_change_is_undone_by_the_change_it_returns(store: Store, vacancy_id: str, slot, value) -> None:
    before = store.find(vacancy_id).to_json()
    undo = store.apply(Change(vacancy_id, slot, value))
    assert store.find(vacancy_id).to_json() != before
    store.apply(undo)
    after = store.find(vacancy_id).to_json()
    if slot == "status":  # the history keeps both moves, dated
        assert [h["status"] for h in after.pop("history")] == ["applied", "new"]
        before.pop("history")
    assert after == before


def test_custom_items_are_added_edited_and_deleted(store: Store, vacancy_id: str) -> None:
    store.apply(add_item(store.find(vacancy_id), "  Ask Anna   for a reference "))
    (custom,) = store.find(vacancy_id).custom
    assert custom.text == "Ask Anna for a reference" and custom.id.startswith("custom-")
    store.apply(Change(vacancy_id, f"tick:{custom.id}", True))
    store.apply(edit_item(store.find(vacancy_id), custom.id, "Ask Bob"))
    (item,) = [i for i in store.find(vacancy_id).checklist if i.group == "custom"]
    assert (item.text, item.done) == ("Ask Bob", True)
    store.apply(delete_item(store.find(vacancy_id), custom.id))
    assert store.find(vacancy_id).custom == []
    with pytest.raises(StoreError, match="only your own items can be deleted"):
        delete_item(store.find(vacancy_id), "app-cv")
    with pytest.raises(StoreError, match="needs some text"):
        add_item(store.find(vacancy_id), "   ")


def test_same_custom_text_twice_gets_two_ids(store: Store, vacancy_id: str) -> None:
    store.apply(add_item(store.find(vacancy_id), "Call"))
    store.apply(add_item(store.find(vacancy_id), "Call"))
    assert len({item.id for item in store.find(vacancy_id).custom}) == 2


def test_the_users_fields_win_over_a_re_import_and_are_listed(store: Store, vacancy_id: str) -> None:
    vacancy = store.find(vacancy_id)
    store.apply(field_change(vacancy, "deadline", "30/03/2026 12:00"))
    store.apply(field_change(store.find(vacancy_id), "languages", "English C1, French b2, German"))
    store.apply(field_change(store.find(vacancy_id), "apply.email", "hr@ec.europa.eu"))
    store.save_imports([incoming(sha="9" * 64, items=("elig-citizenship", "app-cv", "app-form"))])  # a new version
    vacancy = store.find(vacancy_id)
    assert [item.id for item in vacancy.checklist] == ["elig-citizenship", "app-cv", "app-form"]
    assert vacancy.posting.deadline.isoformat() == "2026-03-30T12:00:00+02:00"
    assert [(lang.language, lang.level) for lang in vacancy.posting.languages] == [
        ("English", "C1"), ("French", "B2"), ("German", None)]
    assert vacancy.posting.apply.email == "hr@ec.europa.eu"
    assert vacancy.edited == ("deadline", "languages", "apply")
    assert field_text(vacancy, "deadline") == "30/03/2026 12:00"
    assert field_text(vacancy, "languages") == "English C1, French B2, German"


def test_the_kind_of_post_is_shown_and_read_in_words(store: Store, vacancy_id: str) -> None:
    store.apply(field_change(store.find(vacancy_id), "kind", "Contract agent"))
    vacancy = store.find(vacancy_id)
    assert (vacancy.posting.kind, field_text(vacancy, "kind")) == ("contract_agent", "contract agent")
    with pytest.raises(StoreError) as refused:
        field_change(vacancy, "kind", "astronaut")
    assert str(refused.value) == ("'astronaut' is not a kind of post (one of: traineeship, contract agent, temporary "
                                  "agent, official, seconded national expert, interim, consultancy, other)")


@pytest.mark.parametrize("field, text, message", [
    ("deadline", "next week", "not a date"), ("languages", "English D1", "not a CEFR level"),
    ("min_experience_years", "-2", "cannot be negative"), ("applicants", "many", "not a whole number"),
    ("kind", "astronaut", "not a kind of post"), ("title", " ", "cannot be empty"), ("sources", "x", "cannot be edited"),
])
def test_a_wrong_value_is_refused_with_a_reason(store: Store, vacancy_id: str, field, text, message) -> None:
    with pytest.raises(StoreError, match=message):
        field_change(store.find(vacancy_id), field, text)


def test_unknown_slots_items_and_statuses_are_refused(store: Store, vacancy_id: str) -> None:
    for change, message in [
        (Change(vacancy_id, "colour", "red"), "cannot change 'colour'"),
        (Change(vacancy_id, "tick:nope", True), "no checklist item 'nope'"),
        (Change(vacancy_id, "status", "hired"), "unknown status 'hired'"),
        (Change("zzzzz", "notes", "x"), "no vacancy with id 'zzzzz'"),
    ]:
        with pytest.raises(StoreError, match=message):
            store.apply(change)


def test_a_vacancy_added_by_hand_is_like_any_other(store: Store) -> None:
    vacancy_id = store.add_by_hand(Posting(title="Policy officer", institution="European Parliament"),
                                   "seen at a fair").vacancy_id
    vacancy = store.find(vacancy_id)
    assert vacancy.posting.title == "Policy officer" and vacancy.source.path is None
    assert store.text_of(vacancy) == "seen at a fair"
    assert vacancy.source.imported_at == TODAY.isoformat()


def test_applied_date_comes_from_the_history_unless_given(store: Store, vacancy_id: str) -> None:
    assert store.find(vacancy_id).applied_date is None
    store.set_status(vacancy_id, "applied")
    assert store.find(vacancy_id).applied_date == TODAY.date()
    store.apply(Change(vacancy_id, "applied_on", "2026-03-01"))
    assert store.find(vacancy_id).applied_date.isoformat() == "2026-03-01"


def test_a_status_back_before_applied_takes_the_applied_date_from_the_history_away(store, vacancy_id) -> None:
    for status in ("applied", "interview", "rejected"):  # on from applied: the day it became applied stays
        store.set_status(vacancy_id, status)
        assert store.find(vacancy_id).applied_date == TODAY.date()
    store.set_status(vacancy_id, "preparing")  # back before applying: an undo, or a slip put right
    assert store.find(vacancy_id).applied_date is None
    store.apply(Change(vacancy_id, "applied_on", "2026-03-01"))  # a date the user gives stays whatever the status
    assert store.find(vacancy_id).applied_date.isoformat() == "2026-03-01"
