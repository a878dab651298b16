"""Backups: one zip that restores a damaged store, refuses anything else, and is taken consistently."""

from __future__ import annotations

import io
import json
import multiprocessing
import os
import stat
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from eujobs.store.persistence.backup import (
    check_backup,
    daily_backup,
    list_backups,
    restore_backup,
    write_backup,
)
from eujobs.store.errors import StoreError
from eujobs.store.persistence.db import SCHEMA_VERSION, Store
from eujobs.store.persistence.state import Change

from .conftest import fixed_clock, incoming, store_bytes

NOW = datetime(2026, 11, 27, 10, 15, 30, tzinfo=timezone.utc)
LATER = NOW + timedelta(hours=1)
SHA = "a" * 64


def user_data(store: Store) -> list:
    """Everything a restore must bring back: each vacancy whole, plus its ticks, notes and text."""
    return sorted(
        (json.dumps(v.to_json(), sort_keys=True, default=str), sorted(v.ticks.items()), v.notes, store.text_of(v))
        for v in store.vacancies()
    )


@pytest.fixture
def worked_store(store: Store) -> Store:
    """A store with two vacancies the user has worked on."""
    first, second = store.save_imports([incoming(sha="1" * 64), incoming("EPSO/AD/1/26", "2" * 64, "Lawyer")])
    store.tick(first.vacancy_id, "app-cv")
    store.set_status(first.vacancy_id, "applied", note="portal")
    store.apply(Change(second.vacancy_id, "notes", "ask about the reserve list"))
    return store


def manifest_of(schema: int, format: int = 1) -> dict:
    return {"format": format, "schema": schema, "taken_at": NOW.isoformat()}


def forge(path: Path, members: dict[str, bytes | str], manifest: dict | None = None) -> Path:
    """A zip that looks like a backup, with whatever members a test needs."""
    store_file = json.dumps({"_meta": {"1": {"schema": SCHEMA_VERSION}}})
    content = {
        "eujobs-backup.json": json.dumps(manifest or manifest_of(SCHEMA_VERSION)),
        "catalog.json": store_file, "state.json": store_file, **members,
    }
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in content.items():
            if data is not None:
                archive.writestr(name, data)
    return path


# Round trip


def test_a_backup_restores_a_damaged_store(worked_store: Store, tmp_path: Path) -> None:
    before = user_data(worked_store)
    backup = write_backup(worked_store, tmp_path / "out", NOW)
    assert backup == tmp_path / "out" / "eujobs-backup-20261127-101530.zip"

    root = worked_store.root
    (root / "catalog.json").write_bytes((root / "catalog.json").read_bytes()[:40])
    (root / "state.json").unlink()
    (root / "texts" / f"{'1' * 64}.txt").write_bytes(b"garbled \xff\xfe")
    with pytest.raises(StoreError):
        worked_store.vacancies()

    restore_backup(worked_store, backup, LATER)
    assert user_data(worked_store) == before
    assert user_data(Store.open(root, fixed_clock)) == before  # and from disk, as another process sees it


def test_the_manifest_names_format_schema_and_time(worked_store: Store, tmp_path: Path) -> None:
    backup = write_backup(worked_store, tmp_path / "mine.zip", NOW)
    assert backup == tmp_path / "mine.zip"
    assert check_backup(backup) == {"format": 1, "schema": SCHEMA_VERSION, "taken_at": "2026-11-27T10:15:30+00:00",
                                    "records": {"vacancies": 2, "state": 2}}
    with zipfile.ZipFile(backup) as archive:
        assert sorted(archive.namelist()) == [
            "catalog.json", "eujobs-backup.json", "state.json", f"texts/{'1' * 64}.txt", f"texts/{'2' * 64}.txt",
        ]
        assert {info.compress_type for info in archive.infolist()} == {zipfile.ZIP_DEFLATED}
        assert archive.read("state.json") == (worked_store.root / "state.json").read_bytes()


def test_the_backup_file_is_private_and_nothing_is_left_behind(worked_store: Store, tmp_path: Path) -> None:
    os.umask(0o022)
    backup = write_backup(worked_store, tmp_path, NOW)
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["store", backup.name])


def test_a_new_empty_store_backs_up_and_restores_as_empty(store: Store, tmp_path: Path) -> None:
    backup = write_backup(store, tmp_path, NOW)
    check_backup(backup)
    store.save_imports([incoming()])
    restore_backup(store, backup, LATER)
    assert store.vacancies() == []


def test_two_backups_in_one_second_into_a_folder_both_survive(worked_store: Store, tmp_path: Path) -> None:
    first, second = write_backup(worked_store, tmp_path, NOW), write_backup(worked_store, tmp_path, NOW)
    assert (first.name, second.name) == ("eujobs-backup-20261127-101530.zip", "eujobs-backup-20261127-101530-2.zip")


def test_a_damaged_store_is_not_backed_up(worked_store: Store, tmp_path: Path) -> None:
    (worked_store.root / "catalog.json").write_text("{", encoding="utf-8")
    with pytest.raises(StoreError, match="catalog.json is not valid JSON; eujobs will not back up a damaged store"):
        write_backup(worked_store, tmp_path, NOW)
    assert list(tmp_path.glob("*.zip")) == []


def test_a_destination_that_is_an_ordinary_file_is_refused(worked_store: Store, tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("mine", encoding="utf-8")
    with pytest.raises(StoreError, match="neither a folder nor a .zip file"):
        write_backup(worked_store, tmp_path / "notes.txt", NOW)
    assert (tmp_path / "notes.txt").read_text(encoding="utf-8") == "mine"


# Refusals: each names the file and the reason, and leaves the store exactly as it was


def _garbage(tmp_path: Path, store: Store) -> Path:
    path = tmp_path / "garbage.zip"
    path.write_bytes(b"this is a shopping list, not a backup\n" * 20)
    return path


def _truncated(tmp_path: Path, store: Store) -> Path:
    good = write_backup(store, tmp_path / "good.zip", NOW)
    path = tmp_path / "truncated.zip"
    path.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    return path


def _bomb(tmp_path: Path) -> Path:
    path = forge(tmp_path / "bomb.zip", {})
    zeros = bytes(1024 * 1024)
    with (
        zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED, compresslevel=1) as archive,
        archive.open(f"texts/{SHA}.txt", "w", force_zip64=True) as member,
    ):
        for _ in range(501):
            member.write(zeros)
    return path


REFUSALS = {
    "garbage": (_garbage, "not a zip file"),
    "truncated": (_truncated, "not a zip file, or a damaged or truncated one"),
    "escape": (lambda tmp, s: forge(tmp / "escape.zip", {"../evil": "owned"}), "unexpected file '../evil'"),
    "absolute": (lambda tmp, s: forge(tmp / "abs.zip", {"/etc/evil": "owned"}), "unexpected file '/etc/evil'"),
    "text escape": (lambda tmp, s: forge(tmp / "t.zip", {"texts/../../evil.txt": "x"}), "unexpected file"),
    "no state": (lambda tmp, s: forge(tmp / "nostate.zip", {"state.json": None}), "it has no state.json"),
    "no manifest": (lambda tmp, s: forge(tmp / "nomani.zip", {"eujobs-backup.json": None}), "no eujobs-backup.json"),
    "newer manifest": (
        lambda tmp, s: forge(tmp / "newer.zip", {}, manifest_of(SCHEMA_VERSION + 1)),
        f"newer eujobs \\(store schema {SCHEMA_VERSION + 1}, this one knows {SCHEMA_VERSION}\\)",
    ),
    "newer state": (
        lambda tmp, s: forge(tmp / "newerstate.zip", {"state.json": json.dumps({"_meta": {"1": {"schema": 99}}})}),
        "its state.json was written by a newer eujobs",
    ),
    "broken catalog": (lambda tmp, s: forge(tmp / "cat.zip", {"catalog.json": "{\"v"}), "catalog.json is not valid JSON"),
    "not a store": (lambda tmp, s: forge(tmp / "list.zip", {"catalog.json": "[1]"}), "catalog.json does not hold an"),
    "newer format": (
        lambda tmp, s: forge(tmp / "fmt.zip", {}, manifest_of(SCHEMA_VERSION, format=2)),
        "backup format 2",
    ),
    "bomb": (lambda tmp, s: _bomb(tmp), "would unpack to more than 500 MB"),
    "missing": (lambda tmp, s: tmp / "nowhere.zip", "there is no such file"),
}


@pytest.mark.parametrize("case", sorted(REFUSALS))
def test_a_bad_backup_is_refused_and_the_store_untouched(case: str, worked_store: Store, tmp_path: Path) -> None:
    make, reason = REFUSALS[case]
    bad = make(tmp_path, worked_store)
    before = store_bytes(worked_store.root)
    with pytest.raises(StoreError, match=f"^{bad} is not an eujobs backup: .*{reason}"):
        check_backup(bad)
    with pytest.raises(StoreError, match=f"^{bad} is not an eujobs backup: .*{reason}"):
        restore_backup(worked_store, bad, LATER)
    assert store_bytes(worked_store.root) == before  # backups/ included: no safety copy was written either


def test_a_member_damaged_inside_the_zip_is_refused(worked_store: Store, tmp_path: Path) -> None:
    good = write_backup(worked_store, tmp_path / "good.zip", NOW).read_bytes()
    with zipfile.ZipFile(io.BytesIO(good)) as archive:
        info = archive.getinfo("catalog.json")
    start = info.header_offset + 30 + len(info.filename) + 5  # inside its compressed data
    damaged = tmp_path / "damaged.zip"
    damaged.write_bytes(good[:start] + bytes(b ^ 0xFF for b in good[start:start + 8]) + good[start + 8:])
    with pytest.raises(StoreError, match=f"^{damaged} is not an eujobs backup: "):
        check_backup(damaged)


# The safety backup taken before a restore


def test_a_restore_keeps_a_backup_that_undoes_it(worked_store: Store, tmp_path: Path) -> None:
    old = write_backup(worked_store, tmp_path, NOW)
    (vacancy,) = [v for v in worked_store.vacancies() if v.status == "applied"]
    worked_store.tick(vacancy.id, "elig-citizenship")
    worked_store.save_imports([incoming("EPSO/AST/9/26", "3" * 64, "Assistant")])
    current = user_data(worked_store)

    safety = restore_backup(worked_store, old, LATER)
    assert safety.parent == worked_store.root / "backups"
    assert safety.name == "eujobs-backup-20261127-111530.zip"
    assert check_backup(safety)["taken_at"] == LATER.isoformat()
    assert user_data(worked_store) != current

    restore_backup(worked_store, safety, LATER + timedelta(minutes=1))
    assert user_data(worked_store) == current
    assert list_backups(worked_store)[:2] == [
        worked_store.root / "backups" / "eujobs-backup-20261127-111630.zip", safety,
    ]


def test_restoring_twice_in_one_second_keeps_both_safety_backups(worked_store: Store, tmp_path: Path) -> None:
    backup = write_backup(worked_store, tmp_path, NOW)
    first, second = restore_backup(worked_store, backup, LATER), restore_backup(worked_store, backup, LATER)
    assert first != second and first.exists() and second.exists()


def test_the_safety_backup_of_a_damaged_store_keeps_its_bytes(worked_store: Store, tmp_path: Path) -> None:
    backup = write_backup(worked_store, tmp_path, NOW)
    (worked_store.root / "catalog.json").write_bytes(b"{\"trunc")
    safety = restore_backup(worked_store, backup, LATER)
    with zipfile.ZipFile(safety) as archive:
        assert archive.read("catalog.json") == b"{\"trunc"
        assert json.loads(archive.read("eujobs-backup.json"))["damaged"] == ["catalog.json"]
    with pytest.raises(StoreError, match="its catalog.json is not valid JSON"):
        check_backup(safety)


# Daily backups


def test_one_daily_backup_a_day(worked_store: Store) -> None:
    day = date(2026, 11, 27)
    first = daily_backup(worked_store, day)
    assert first == worked_store.root / "backups" / "daily-2026-11-27.zip"
    assert stat.S_IMODE(first.stat().st_mode) == 0o600
    assert check_backup(first)["taken_at"].startswith("2026-11-27")
    worked_store.tick(worked_store.vacancies()[0].id, "elig-citizenship")
    content = first.read_bytes()
    assert daily_backup(worked_store, day) is None
    assert first.read_bytes() == content
    assert daily_backup(worked_store, day + timedelta(days=1)) is not None


def test_daily_backups_keep_the_newest_five_and_nothing_else_is_deleted(worked_store: Store, tmp_path: Path) -> None:
    safety = restore_backup(worked_store, write_backup(worked_store, tmp_path, NOW), NOW)
    mine = worked_store.root / "backups" / "daily-notes.txt"
    mine.write_text("mine", encoding="utf-8")
    start = date(2026, 11, 21)
    for offset in range(7):
        assert daily_backup(worked_store, start + timedelta(days=offset)) is not None
    daily = sorted(p.name for p in (worked_store.root / "backups").glob("daily-*.zip"))
    assert daily == [f"daily-2026-11-{day}.zip" for day in range(23, 28)]
    assert mine.exists() and safety.exists()
    assert [p.name for p in list_backups(worked_store)] == [
        "daily-2026-11-27.zip", "eujobs-backup-20261127-101530.zip", "daily-2026-11-26.zip",
        "daily-2026-11-25.zip", "daily-2026-11-24.zip", "daily-2026-11-23.zip",
    ]


def test_a_daily_backup_restores(worked_store: Store) -> None:
    before = user_data(worked_store)
    backup = daily_backup(worked_store, date(2026, 11, 27))
    (worked_store.root / "state.json").unlink()
    restore_backup(worked_store, backup, NOW)
    assert user_data(worked_store) == before


def test_no_backups_yet(store: Store) -> None:
    assert list_backups(store) == []


# Consistency while another process writes

ITEMS = tuple(f"item-{n:02d}" for n in range(30))


def tick_until_stopped(root: str, vacancy_id: str, started, stop) -> None:
    """Ticks every item in order, then unticks them in order, over and over."""
    store = Store.open(Path(root), fixed_clock)
    done = True
    while not stop.is_set():
        for item in ITEMS:
            store.tick(vacancy_id, item, done)
            started.set()
        done = not done


def test_backups_taken_while_another_process_writes_are_consistent(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "store", fixed_clock)
    (saved,) = store.save_imports([incoming(items=ITEMS)])
    # Every state the writer passes through: the first n items ticked, or the first n unticked again.
    valid = [set(ITEMS[:n]) for n in range(len(ITEMS) + 1)] + [set(ITEMS[n:]) for n in range(len(ITEMS) + 1)]
    context = multiprocessing.get_context("spawn")
    started, stop = context.Event(), context.Event()
    writer = context.Process(target=tick_until_stopped, args=(str(store.root), saved.vacancy_id, started, stop))
    writer.start()
    try:
        assert started.wait(60), "the writing process never ticked"
        backups = [write_backup(store, tmp_path / "backups", NOW + timedelta(seconds=n)) for n in range(5)]
        assert writer.is_alive()
    finally:
        stop.set()
        writer.join(60)
    assert writer.exitcode == 0
    seen = []
    for n, backup in enumerate(backups):
        assert check_backup(backup)["format"] == 1
        copy = Store.open(tmp_path / f"copy-{n}", fixed_clock)
        restore_backup(copy, backup, LATER)
        (vacancy,) = copy.vacancies()
        ticked = {item.id for item in vacancy.checklist if item.done}
        assert ticked in valid
        seen.append(len(ticked))
    print(f"ticks in the 5 backups: {seen}")
