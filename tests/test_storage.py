"""The store's files: atomic replacement, permissions, corrupt and future files, migrations, other writers."""

from __future__ import annotations

import errno
import json
import os
import stat

import pytest

from eujobs.store.errors import StoreCorruptError, StoreError
from eujobs.store.persistence import storage
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.storage import (
    SCHEMA_VERSION,
    TransactionalStorage,
)

from .conftest import fixed_clock, incoming, store_bytes


def test_files_are_private(store: Store) -> None:
    store.save_imports([incoming()])
    assert stat.S_IMODE(store.root.stat().st_mode) == 0o700
    for name in ("catalog.json", ".lock"):
        assert stat.S_IMODE((store.root / name).stat().st_mode) == 0o600, name
    text = next((store.root / "texts").iterdir())
    assert stat.S_IMODE(text.stat().st_mode) == 0o600


def test_failed_write_keeps_the_previous_file_and_leaves_no_temp(store: Store, monkeypatch) -> None:
    store.save_imports([incoming()])
    vacancy_id = store.vacancies()[0].id
    store.set_status(vacancy_id, "interested")
    before = store_bytes(store.root)

    def disk_full(*args):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(storage.os, "replace", disk_full)
    with pytest.raises(StoreError, match="state.json: could not save .disk full.; the previous version is intact"):
        store.set_status(vacancy_id, "applied")
    assert store_bytes(store.root) == before
    assert store.vacancies()[0].status == "interested"


def test_exception_inside_a_transaction_writes_nothing(store: Store) -> None:
    store.save_imports([incoming()])
    store.set_status(store.vacancies()[0].id, "interested")  # and the day's backup, of a store holding something
    before = store_bytes(store.root)
    with pytest.raises(RuntimeError):
        with store.transaction() as tx:
            tx.catalog.table("vacancies").truncate()
            raise RuntimeError("half way")
    assert store_bytes(store.root) == before
    assert len(store.vacancies()) == 1


@pytest.mark.parametrize("content", [b'{"vacancies": {"1": ', b"\xff\xfe garbage", b"[1, 2]", b'{"x": {}}'])
def test_corrupt_file_is_refused_and_left_alone(tmp_path, content) -> None:
    root = tmp_path / "store"
    Store.open(root, fixed_clock).save_imports([incoming()])
    (root / "catalog.json").write_bytes(content)
    with pytest.raises(StoreCorruptError, match="catalog.json.*will not overwrite"):
        Store.open(root, fixed_clock)
    assert (root / "catalog.json").read_bytes() == content


def test_newer_schema_is_refused(tmp_path) -> None:
    root = tmp_path / "store"
    Store.open(root, fixed_clock).save_imports([incoming()])
    data = json.loads((root / "catalog.json").read_bytes())
    data["_meta"]["1"]["schema"] = 99
    (root / "catalog.json").write_text(json.dumps(data))
    with pytest.raises(StoreError, match="newer eujobs.*schema 99"):
        Store.open(root, fixed_clock).vacancies()


def test_older_schema_is_migrated_on_read_and_saved_by_the_next_write(tmp_path, monkeypatch) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema": 1}}, "state": {"1": {"id": "abc", "stage": "applied"}}}))

    def rename_stage_to_status(data: dict) -> None:
        for doc in data["state"].values():
            doc["status"] = doc.pop("stage")

    monkeypatch.setitem(storage.MIGRATIONS, 1, rename_stage_to_status)
    file = TransactionalStorage(path, schema_version=2)
    assert file.snapshot()["state"]["1"] == {"id": "abc", "status": "applied"}
    file.load()
    file.write(file.read())
    file.commit()
    saved = json.loads(path.read_text())
    assert saved["_meta"]["1"]["schema"] == 2 and saved["state"]["1"]["status"] == "applied"


def test_a_schema_1_catalog_keeps_its_checklists_and_is_packed_by_the_next_import(tmp_path) -> None:
    """Schema 1 held each checklist as a list of objects; schema 2 packs it into one string."""
    root = tmp_path / "store"
    store = Store.open(root, fixed_clock)
    store.save_imports([incoming("EC/1", "1" * 64, items=("elig-citizenship", "app-cv"))])
    written = store.vacancies()[0].to_json()
    data = json.loads((root / "catalog.json").read_text())
    data["_meta"]["1"]["schema"] = 1
    for document in data["vacancies"].values():
        document["posting"]["checklist"] = [dict(zip(("id", "group", "text", "done"), item))
                                            for item in json.loads(document["posting"]["checklist"])]
    (root / "catalog.json").write_text(json.dumps(data))

    old = Store.open(root, fixed_clock)
    assert [v.to_json() for v in old.vacancies()] == [written]
    old.save_imports([incoming("EC/2", "2" * 64)])
    saved = json.loads((root / "catalog.json").read_text())
    assert saved["_meta"]["1"]["schema"] == SCHEMA_VERSION
    assert all(isinstance(doc["posting"]["checklist"], str) for doc in saved["vacancies"].values())
    assert [v.to_json() for v in Store.open(root, fixed_clock).vacancies() if v.posting.reference == "EC/1"] \
        == [written]


def test_a_stored_posting_reads_back_as_the_posting_saved(store: Store) -> None:
    saved = incoming(items=("elig-citizenship", "elig-lang-english", "app-cv"))
    store.save_imports([saved])
    posting = store.vacancies()[0].posting
    assert posting.to_json() == saved.posting.to_json()
    assert [item.id for item in posting.checklist] == ["elig-citizenship", "elig-lang-english", "app-cv"]
    posting.checklist = posting.checklist[:1]  # a changed copy keeps the change, not the stored list
    assert [item.id for item in posting.checklist] == ["elig-citizenship"]


def test_a_catalog_document_lacking_fields_reads_them_as_their_defaults(store: Store) -> None:
    store.save_imports([incoming()])
    path = store.root / "catalog.json"
    data = json.loads(path.read_text())
    for document in data["vacancies"].values():
        for name in ("applicants", "languages", "apply", "deadline_zone"):
            del document["posting"][name]
    path.write_text(json.dumps(data))
    posting = Store.open(store.root, fixed_clock).vacancies()[0].posting
    assert (posting.applicants, posting.languages, posting.apply.documents) == (None, [], [])
    assert posting.to_json() == incoming().posting.to_json()


def test_missing_migration_is_a_clear_error(tmp_path) -> None:
    path = tmp_path / "state.json"
    path.write_text(json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION}}}))
    with pytest.raises(StoreError, match=f"no migration from store schema {SCHEMA_VERSION} to {SCHEMA_VERSION + 1}"):
        TransactionalStorage(path, schema_version=SCHEMA_VERSION + 1).snapshot()


def test_changes_by_another_process_are_seen_and_kept(tmp_path) -> None:
    """Two Store objects stand for two dashboards: neither may work from a stale copy or reuse an id."""
    root = tmp_path / "store"
    first, second = Store.open(root, fixed_clock), Store.open(root, fixed_clock)
    first.save_imports([incoming("EC/1", "1" * 64)])
    assert len(second.vacancies()) == 1
    second.save_imports([incoming("EC/2", "2" * 64)])
    first.save_imports([incoming("EC/3", "3" * 64)])
    vacancy_ids = sorted(v.id for v in first.vacancies())
    first.tick(vacancy_ids[0], "app-cv")
    second.tick(vacancy_ids[0], "elig-citizenship")
    assert len(set(vacancy_ids)) == 3
    assert sorted(v.id for v in second.vacancies()) == vacancy_ids
    ticks = next(v for v in first.vacancies() if v.id == vacancy_ids[0]).ticks
    assert ticks == {"app-cv": True, "elig-citizenship": True}
    docs = json.loads((root / "catalog.json").read_text())["vacancies"]
    assert len(docs) == 3


def test_a_tick_rewrites_only_the_small_state_file(store: Store) -> None:
    store.save_imports([incoming()])
    catalog = store.root / "catalog.json"
    before = os.stat(catalog)
    store.tick(store.vacancies()[0].id, "app-cv")
    after = os.stat(catalog)
    assert (before.st_ino, before.st_mtime_ns) == (after.st_ino, after.st_mtime_ns)
    assert store.vacancies()[0].ticks == {"app-cv": True}


def test_store_path_that_is_a_file_is_refused(tmp_path) -> None:
    path = tmp_path / "notes.txt"
    path.write_text("mine")
    with pytest.raises(StoreError, match="is not a folder"):
        Store.open(path, fixed_clock)
    assert path.read_text() == "mine"
