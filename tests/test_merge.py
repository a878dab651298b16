"""Nothing merges silently: two imports are one vacancy only when they are surely one, and a posting that has
a vacancy's reference but not its title or grade is kept beside it as a conflict, never in its place."""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from datetime import date, datetime, timezone
from zoneinfo import ZoneInfo

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.model import ChecklistItem, Posting, Source
from eujobs.store.persistence.db import Conflict, Incoming, Store
from eujobs.store.persistence.ids import identity_key
from eujobs.store.persistence.state import Change

from .conftest import TODAY, fixed_clock

BRUSSELS = ZoneInfo("Europe/Brussels")
NOON = datetime(2026, 4, 14, 12, 0, tzinfo=BRUSSELS)


def posting(reference: str | None = "EPSO/AD/425/25 - 4", title: str = "Administrator in economics",
            text: str = "", **fields) -> Incoming:
    """An imported posting; its text (and so its sha256) is its fields unless `text` says otherwise."""
    fields.setdefault("institution", "European Commission")
    parsed = Posting(title=title, reference=reference, checklist=[ChecklistItem("app-cv", "application", "CV")],
                     **fields)
    text = text or f"{title} {reference} {fields}"
    sha = hashlib.sha256(text.encode()).hexdigest()
    return Incoming(parsed, text, Source(f"/tmp/{sha[:8]}.txt", sha, "text", TODAY.isoformat()))


def outcomes(store: Store, *items: Incoming) -> list[tuple[str, str]]:
    return [(saved.outcome, saved.vacancy_id) for saved in store.save_imports(list(items))]


def test_two_fields_of_one_competition_are_two_vacancies(store: Store) -> None:
    field_4, field_5, whole = (posting("EPSO/AD/425/25 - 4"), posting("EPSO/AD/425/25 - 5"),
                               posting("EPSO/AD/425/25"))
    saved = outcomes(store, field_4, field_5, whole)
    assert [outcome for outcome, _ in saved] == ["imported"] * 3
    assert len({vacancy_id for _, vacancy_id in saved}) == 3
    assert sorted(v.posting.reference for v in store.vacancies()) == [
        "EPSO/AD/425/25", "EPSO/AD/425/25 - 4", "EPSO/AD/425/25 - 5"]


@pytest.mark.parametrize("written", ["EPSO/AD/425/25-4", "epso/ad/425/25 -4", "EPSO/AD/425/25 – 4",
                                     " EPSO/AD/425/25\u00a0-\u00a04"])
def test_a_reference_is_the_same_whatever_its_case_blanks_and_dashes(store: Store, written: str) -> None:
    ((_, first),) = outcomes(store, posting("EPSO/AD/425/25 - 4"))
    assert outcomes(store, posting(written, text=f"another version, {written}")) == [("updated", first)]


def test_the_same_reference_with_another_title_is_a_conflict_and_both_are_kept(store: Store) -> None:
    ((_, first),) = outcomes(store, posting(title="Administrator in economics"))
    (saved,) = store.save_imports([posting(title="Administrator in statistics")])
    assert saved.outcome == "conflict" and saved.vacancy_id != first
    assert saved.conflict == Conflict(first, "Administrator in economics", "title")
    assert sorted(v.posting.title for v in store.vacancies()) == [
        "Administrator in economics", "Administrator in statistics"]
    # The same file again changes nothing, and a new version of it updates the vacancy it was kept as.
    assert outcomes(store, posting(title="Administrator in statistics")) == [("unchanged", saved.vacancy_id)]
    newer = posting(title="Administrator in statistics", text="the statistics posting, corrected")
    assert outcomes(store, newer) == [("updated", saved.vacancy_id)]
    assert len(store.vacancies()) == 2


def test_a_conflict_gets_the_same_id_in_any_store(tmp_path) -> None:
    ids = []
    for name in ("one", "two"):
        store = Store.open(tmp_path / name, fixed_clock)
        ids.append(outcomes(store, posting(title="Economist"), posting(title="Statistician")))
    assert ids[0] == ids[1] and ids[0][1][0] == "conflict"


def test_another_grade_is_a_conflict_but_a_grade_stated_on_one_side_only_is_not(store: Store) -> None:
    ((_, first),) = outcomes(store, posting(grade="AD 5"))
    (other,) = store.save_imports([posting(grade="AD 7")])
    assert other.outcome == "conflict" and other.conflict == Conflict(first, "Administrator in economics", "grade")
    assert outcomes(store, posting(grade=None)) == [("updated", first)]
    assert outcomes(store, posting(grade="ad5", text="the AD 5 posting again")) == [("updated", first)]


def test_a_new_version_with_the_same_title_updates_and_keeps_the_users_work(store: Store) -> None:
    ((_, first),) = outcomes(store, posting(deadline=NOON))
    store.set_status(first, "preparing", note="CV to update")
    store.tick(first, "app-cv")
    store.apply(Change(first, "notes", "ask Anna"))
    later = NOON.replace(day=21)
    assert outcomes(store, posting(title="ADMINISTRATOR in Economics.", deadline=later)) == [("updated", first)]
    (vacancy,) = store.vacancies()
    assert vacancy.posting.deadline == later
    assert (vacancy.status, vacancy.notes) == ("preparing", "ask Anna")
    assert [change.status for change in vacancy.history] == ["preparing"]
    assert [(item.id, item.done) for item in vacancy.checklist] == [("app-cv", True)]


def test_without_a_reference_title_institution_and_deadline_make_the_vacancy(store: Store) -> None:
    first = posting(None, "Junior project manager", deadline=NOON)
    # The same instant written in another zone, the title in other case and punctuation: one vacancy.
    same = posting(None, "Junior Project-Manager", deadline=NOON.astimezone(timezone.utc),
                   institution="european commission.")
    next_round = posting(None, "Junior project manager", deadline=NOON.replace(month=9))
    undated = posting(None, "Junior project manager")
    undated_again = posting(None, "Junior project manager", text="the undated posting, again")
    elsewhere = posting(None, "Junior project manager", deadline=NOON, institution="European Parliament")
    saved = outcomes(store, first, same, next_round, undated, undated_again, elsewhere)
    assert [outcome for outcome, _ in saved] == ["imported", "updated", "imported", "imported", "updated", "imported"]
    assert len(store.vacancies()) == 4


def test_a_deadline_date_and_a_deadline_instant_are_two_deadlines(store: Store) -> None:
    saved = outcomes(store, posting(None, "Trainee", deadline=date(2026, 4, 14)),
                     posting(None, "Trainee", deadline=NOON))
    assert [outcome for outcome, _ in saved] == ["imported", "imported"]


def test_the_same_file_again_is_unchanged_whatever_else_was_imported(store: Store) -> None:
    items = [posting(title="Economist"), posting(title="Statistician"), posting(None, "Trainee")]
    first = outcomes(store, *items)
    assert [outcome for outcome, _ in first] == ["imported", "conflict", "imported"]
    assert outcomes(store, *items) == [("unchanged", vacancy_id) for _, vacancy_id in first]


def test_a_reference_shared_by_a_conflict_names_both_vacancies(store: Store) -> None:
    ids = [vacancy_id for _, vacancy_id in outcomes(store, posting(title="Economist"), posting(title="Statistician"))]
    with pytest.raises(StoreError, match="'EPSO/AD/425/25 - 4' matches 2 vacancies: "):
        store.find("EPSO/AD/425/25 - 4")
    assert [store.find(vacancy_id).id for vacancy_id in ids] == ids


def test_a_large_batch_is_sorted_out_in_one_save(store: Store) -> None:
    # 3,000 postings, each family of reference n four times: the first, a new version of it, a posting with
    # another title (a conflict) and the first file again (unchanged); plus 1,000 without a reference.
    batch = []
    for n in range(500):
        first = posting(f"EPSO/AST/{n}/26", "Assistant")
        batch += [first, posting(f"EPSO/AST/{n}/26", "Assistant", text=f"version 2 of {n}"),
                  posting(f"EPSO/AST/{n}/26", f"Secretary {n}"), first]
    batch += [posting(None, f"Trainee {n % 500}", deadline=NOON) for n in range(1000)]  # each title twice
    saved = store.save_imports(batch)
    assert Counter(s.outcome for s in saved) == {"imported": 1000, "updated": 500, "conflict": 500, "unchanged": 1000}
    assert len(store.vacancies()) == 1500
    assert all(s.vacancy_id == saved[i - 3].vacancy_id for i, s in enumerate(saved[:2000]) if i % 4 == 3)


def test_a_batch_is_two_table_writes_however_many_it_updates(store: Store, monkeypatch) -> None:
    # Each TinyDB operation rewrites the whole table: one per posting made 10,000 updates take 50 s.
    from tinydb.table import Table

    store.save_imports([posting(f"EC/2026/X/{n}") for n in range(200)])
    writes = []
    write = Table._update_table
    monkeypatch.setattr(Table, "_update_table", lambda table, updater: writes.append(1) or write(table, updater))
    saved = store.save_imports([posting(f"EC/2026/X/{n}", text=f"version 2 of {n}") for n in range(200)]
                               + [posting("EC/2026/X/new")])
    assert [s.outcome for s in saved] == ["updated"] * 200 + ["imported"] and len(writes) == 2
    assert all(store.text_of(v) == f"version 2 of {v.posting.reference.split('/')[-1]}"
               for v in store.vacancies() if v.posting.reference != "EC/2026/X/new")


def test_a_reference_key_is_what_stores_of_today_hold() -> None:
    # The key a store written before these rules holds for a reference: its blanks taken out, in capitals.
    assert identity_key(Posting("x", reference="EC/2026/CNECT/ 510505")) == "ref:EC/2026/CNECT/510505"


def test_a_store_of_today_keeps_its_vacancies_and_their_keys(store: Store) -> None:
    """A catalog written before: its reference keys still match, and its old title keys are left as they are."""
    ((_, referenced),) = outcomes(store, posting())
    ((_, untitled),) = outcomes(store, posting(None, "Junior PM", deadline=NOON))
    catalog = store.root / "catalog.json"
    data = json.loads(catalog.read_text())
    old_key = "title:junior pm|european commission|"  # title, institution, department: the rule of before
    for doc in data["vacancies"].values():
        if doc["id"] == untitled:
            doc["key"] = old_key
    catalog.write_text(json.dumps(data))
    assert outcomes(store, posting(text="a new version")) == [("updated", referenced)]
    assert outcomes(store, posting(None, "Junior PM", deadline=NOON, text="the PM posting, again"))[0][0] == "imported"
    keys = {doc["id"]: doc["key"] for doc in json.loads(catalog.read_text())["vacancies"].values()}
    assert keys[untitled] == old_key and len(keys) == 3
