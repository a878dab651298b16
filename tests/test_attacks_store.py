"""Attacks on the store (issue 19): other users' folders, unrelated folders, restores killed midway, backups
that hold nothing or bad records, wrong-shape store files, backups to a .zip path or killed midway.

The rules kept: the store is its user's alone (a folder or file owned by another uid, or writable by group or
others, is refused in one line, nothing written); eujobs deletes only files it made, by its own names; a folder
holding other files is not taken as a new store; a restore is all or nothing, killed at any instant; the restore
advice names a backup that holds something.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import stat
import subprocess
import sys
import zipfile
from datetime import date, datetime, timedelta, timezone
from pathlib import Path

import pytest

from eujobs.store.errors import StoreCorruptError, StoreError
from eujobs.store.persistence.backup import check_backup, daily_backup, restore_backup, write_backup
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.store.persistence.storage import check_store_paths
from eujobs.tui.cli import main

from .conftest import POSTINGS, fixed_clock, incoming, store_bytes
from .test_faults import one_error_line

NOW = "2026-03-10T09:00:00+00:00"
GOOD = POSTINGS / "ep-traineeship-itec-pmco.txt"
LATER = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)


def tree(folder: Path) -> dict[str, bytes | None]:
    """Every entry under `folder` (folders as None), to prove that nothing was written or deleted."""
    return {str(path.relative_to(folder)): None if path.is_dir() else path.read_bytes()
            for path in sorted(folder.rglob("*"))}


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch, capsys) -> tuple[Path, str, str]:
    """A store with one posting and a status set, made through the CLI; returns it, the id and a checklist item."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.delenv("EUJOBS_STORE", raising=False)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    capsys.readouterr()
    assert main(["--store", str(root), "list", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    assert main(["--store", str(root), "status", record["id"], "interested"]) == 0
    capsys.readouterr()
    return root, record["id"], record["checklist"][0]["id"]


def dead_pid() -> int:
    """The id of a process that has ended (ids are not reused at once)."""
    done = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True)
    return int(done.stdout)


# ------------------------------------------------------------------------------------ the store is yours alone


def test_a_store_folder_writable_by_others_is_refused_and_nothing_is_written(tmp_path, capsys, monkeypatch) -> None:
    """Another user made /tmp/x (mode 0777) before the victim used it: eujobs says so, and writes nothing."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    monkeypatch.setattr("eujobs.tui.cli.on_a_terminal", lambda: True)  # the dashboard's refusal, as on a terminal
    shared = tmp_path / "x"
    shared.mkdir()
    shared.chmod(0o777)
    for command in (["import", str(GOOD)], ["list"], ["profile", "set", "experience_years=3"], []):
        assert main(["--store", str(shared), *command]) == 1, command
        assert one_error_line(capsys) == (f"eujobs: {shared}: store folder is writable by others (mode 0777); "
                                          "chmod 700 it or choose another with --store")
    assert list(shared.iterdir()) == []
    shared.chmod(0o770)
    assert main(["--store", str(shared), "list"]) == 1
    assert "store folder is writable by its group (mode 0770)" in one_error_line(capsys)


@pytest.mark.parametrize(("name", "mode", "said"), [
    ("state.json", 0o666, "store file is writable by others (mode 0666); chmod 600 it"),
    ("catalog.json", 0o620, "store file is writable by its group (mode 0620); chmod 600 it"),
    ("texts", 0o777, "folder of the store is writable by others (mode 0777); chmod 700 it"),
    ("backups", 0o757, "folder of the store is writable by others (mode 0757); chmod 700 it"),
    (".lock", 0o646, "store file is writable by others (mode 0646); chmod 600 it"),
])
def test_a_store_file_others_could_change_is_refused(name, mode, said, cli_store, capsys) -> None:
    root, vacancy_id, item = cli_store
    (root / name).chmod(mode)
    before = tree(root)
    for command in (["list"], ["tick", vacancy_id, item]):
        assert main(["--store", str(root), *command]) == 1
        assert one_error_line(capsys).startswith(f"eujobs: {root / name}: {said}")
    assert tree(root) == before


def test_a_store_open_when_a_file_becomes_writable_by_others_refuses_the_next_change(cli_store) -> None:
    """The dashboard keeps its Store for hours: the check is made again whenever the lock is taken."""
    root, vacancy_id, item = cli_store
    store = Store.open(root, fixed_clock)
    (root / "state.json").chmod(0o666)
    with pytest.raises(StoreError, match="state.json: store file is writable by others"):
        store.tick(vacancy_id, item)
    (root / "state.json").chmod(0o600)
    store.tick(vacancy_id, item)


def test_a_text_or_front_others_could_change_is_not_read(cli_store) -> None:
    """Every store file is checked as it is opened for reading: a posting's text others could have written is
    refused, and the front (a cache) is not trusted: the catalog is read instead."""
    root, vacancy_id, _ = cli_store
    store = Store.open(root, fixed_clock)
    vacancy = store.get(vacancy_id)
    text = root / "texts" / f"{vacancy.source.sha256}.txt"
    text.chmod(0o666)
    with pytest.raises(StoreError, match=f"^{text}: store file is writable by others"):
        store.text_of(vacancy)
    assert store.front() is not None
    (root / "front.json").chmod(0o646)
    assert store.front() is None


def test_a_store_owned_by_another_uid_is_refused(cli_store) -> None:
    """The owner must be the user eujobs runs as (root included: root using a user's store would leave files
    the user cannot change). The uid is injected: a test that is not root cannot chown."""
    root, _, _ = cli_store
    check_store_paths(root, os.geteuid())
    other = os.geteuid() + 1000
    with pytest.raises(StoreError) as refused:
        check_store_paths(root, other)
    assert str(refused.value) == (f"{root}: store folder is owned by another user (uid {os.geteuid()}; eujobs runs "
                                  f"as uid {other}); eujobs uses only a store of your own: choose another with --store")


@pytest.mark.skipif(os.geteuid() != 0, reason="only root can give a file to another uid")
def test_a_state_file_another_user_put_in_the_store_is_refused(cli_store, capsys) -> None:
    """The attack seen: another account replaced state.json, and the victim's statuses and profile vanished."""
    root, vacancy_id, item = cli_store
    (root / "state.json").write_text(json.dumps({"_meta": {"1": {"schema": 3}}}))
    os.chown(root / "state.json", 4242, 4242)
    before = tree(root)
    for command in (["list"], ["tick", vacancy_id, item]):
        assert main(["--store", str(root), *command]) == 1
        assert one_error_line(capsys) == (
            f"eujobs: {root / 'state.json'}: store file is owned by another user (uid 4242; eujobs runs as uid 0); "
            "eujobs uses only a store of your own: move it out of the store, or choose another store with --store")
    assert tree(root) == before
    os.chown(root, 4242, 4242)
    assert main(["--store", str(root), "list"]) == 1
    assert f"eujobs: {root}: store folder is owned by another user (uid 4242; eujobs" in one_error_line(capsys)


def test_an_unrelated_folder_is_not_taken_for_a_store_and_nothing_in_it_is_deleted(tmp_path, capsys,
                                                                                      monkeypatch) -> None:
    """EUJOBS_STORE pointing at a folder of the user's: the first import had deleted files eujobs never wrote."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    folder = tmp_path / "documents"
    (folder / "texts").mkdir(parents=True)
    (folder / "backups").mkdir()
    (folder / ".draft.tmp").write_text("my draft")
    (folder / "texts" / ".chapter1.tmp").write_text("chapter one")
    for day in (1, 2):
        (folder / "backups" / f"daily-2020-01-0{day}.zip").write_bytes(b"PK my own zip")
    before = tree(folder)
    monkeypatch.setenv("EUJOBS_STORE", str(folder))
    for command in (["import", str(GOOD)], ["list"]):
        assert main(command) == 1
        assert one_error_line(capsys) == (
            f"eujobs: {folder}: not an eujobs store, and not empty (it holds .draft.tmp); eujobs makes a new store "
            "only in an empty folder: choose another with --store")
    assert tree(folder) == before


def test_only_eujobs_own_leftovers_of_gone_processes_are_removed(cli_store, monkeypatch) -> None:
    """In a store: files of other names stay; a temporary file of eujobs' naming goes once its process is gone,
    and stays while that process runs (a backup being written by another eujobs)."""
    root, vacancy_id, item = cli_store
    (root / "backups").mkdir(exist_ok=True)
    foreign = [root / ".draft.tmp", root / "texts" / ".chapter1.tmp", root / "backups" / ".daily.zip.tmp",
               root / ".state.json.abc12345.tmp", root / ".eujobs-tmp-notapid-x.tmp"]
    gone = dead_pid()
    ours = [root / f".eujobs-tmp-{gone}-abcd1234-state.json.tmp",
            root / "backups" / f".eujobs-tmp-{gone}-abcd1234-daily-2026-03-10.zip.tmp",
            root / "texts" / f".eujobs-tmp-{gone}-abcd1234-{'a' * 64}.txt.tmp"]
    running = subprocess.Popen(["sleep", "600"])
    try:
        alive = [root / "backups" / f".eujobs-tmp-{running.pid}-abcd1234-eujobs-backup.zip.tmp"]
        for path in foreign + ours + alive:
            path.write_bytes(b"half a write")
        store = Store.open(root, fixed_clock)
        store.tick(vacancy_id, item)
        store.save_imports([incoming(sha="b" * 64)])  # an import also clears texts/
        assert [path for path in ours if path.exists()] == []
        assert all(path.read_bytes() == b"half a write" for path in foreign + alive)
    finally:
        running.kill()
        running.wait()


def test_daily_backups_rotate_only_eujobs_own(cli_store, monkeypatch, capsys) -> None:
    """Rotation deletes a daily backup only when eujobs can tell it for its own: named as it names them and
    holding its manifest, taken the day the name says."""
    root, vacancy_id, item = cli_store
    backups = root / "backups"
    forged = {"daily-2020-01-01.zip": b"PK not a zip at all",
              "daily-2020-01-02.zip": _zip({"notes.txt": b"mine"}),
              "daily-2020-01-03.zip": _zip({"eujobs-backup.json": json.dumps(
                  {"format": 1, "schema": 3, "taken_at": "2019-06-01T00:00:00+00:00"}).encode()})}
    for name, data in forged.items():
        (backups / name).write_bytes(data)
    store = Store.open(root, fixed_clock)
    for offset in range(1, 8):
        assert daily_backup(store, date(2026, 3, 10) + timedelta(days=offset)) is not None
    kept = sorted(path.name for path in backups.glob("daily-2026-*.zip"))
    assert kept == [f"daily-2026-03-{day}.zip" for day in range(13, 18)]
    assert {name: (backups / name).read_bytes() for name in forged} == forged


@pytest.mark.parametrize("umask", [0o000, 0o077, 0o777])
def test_folders_eujobs_makes_are_private_parents_too_whatever_the_umask(umask, tmp_path, monkeypatch,
                                                                            capsys) -> None:
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "a" / "b" / "store"
    old = os.umask(umask)
    try:
        assert main(["--store", str(root), "import", str(GOOD)]) == 0
        assert main(["--store", str(root), "backup", str(tmp_path / "c" / "d" / "copy.zip")]) == 0
    finally:
        os.umask(old)
    made = [tmp_path / "a", tmp_path / "a" / "b", root, root / "texts", tmp_path / "c", tmp_path / "c" / "d"]
    assert {str(path): stat.S_IMODE(path.stat().st_mode) for path in made} == dict.fromkeys(map(str, made), 0o700)


@pytest.mark.parametrize("command", [["list"], ["show", "x"], ["due"], ["export", "--format", "csv"],
                                     ["profile", "show"], ["list", "--json"]])
def test_commands_that_only_read_create_no_store(command, tmp_path, monkeypatch, capsys) -> None:
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    main(["--store", str(tmp_path / "none" / "store"), *command])
    capsys.readouterr()
    assert not (tmp_path / "none").exists()


# ---------------------------------------------------------------------------- a restore is all or nothing


KILLED_RESTORE = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path
from eujobs.store.persistence.backup import restore_backup
from eujobs.store.persistence.db import Store

root, backup, at = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
now = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
store = Store.open(root, lambda: now, check_files=False)
steps = 0

def counted(real):
    def step(*args, **kwargs):
        global steps
        steps += 1
        if steps == at:
            os.kill(os.getpid(), signal.SIGKILL)
        return real(*args, **kwargs)
    return step

# Every change a restore makes on disk is one of these calls (a file written but not yet synced and renamed is
# as good as not written): killing the process just before the n-th one stops it at each instant that matters.
for name in ("replace", "rename", "unlink", "fsync", "mkdir"):
    setattr(os, name, counted(getattr(os, name)))
restore_backup(store, backup, now)
print(steps)
"""


def facts(store: Store) -> list:
    return sorted((v.id, v.posting.title, v.status, v.notes, sorted(v.ticks), store.text_of(v))
                  for v in store.vacancies())


def test_a_restore_killed_at_any_instant_leaves_the_old_store_or_the_restored_one(tmp_path, report) -> None:
    """The backup and the store share a vacancy whose text differs, and each has one the other lacks: a restore
    replaces two files and a text and adds a text. Killed before each of its steps in turn, the store opened
    afterwards is wholly the old one or wholly the restored one, never the backup's catalog with today's state."""
    source = Store.open(tmp_path / "source", fixed_clock)
    first, _ = source.save_imports([incoming("EC/2", "2" * 64, "New title"), incoming("EC/3", "3" * 64, "Third")])
    source.set_status(first.vacancy_id, "interview")
    backup = write_backup(source, tmp_path / "backup.zip", LATER)
    restored = facts(source)

    template = Store.open(tmp_path / "template", fixed_clock)
    one, two = template.save_imports([incoming("EC/1", "1" * 64, "First"), incoming("EC/2", "2" * 64, "Old title")])
    template.tick(one.vacancy_id, "app-cv")
    template.apply(Change(two.vacancy_id, "notes", "call them"))
    old = facts(template)
    assert old != restored and old[1][-1] != restored[0][-1]  # EC/2's text differs

    outcomes, at = [], 1
    while True:
        root = tmp_path / f"store-{at}"
        shutil.copytree(template.root, root)
        done = subprocess.run([sys.executable, "-c", KILLED_RESTORE, str(root), str(backup), str(at)],
                              capture_output=True, text=True, timeout=120)
        if done.returncode == 0:
            break
        assert done.returncode == -signal.SIGKILL, done.stderr
        after = facts(Store.open(root, fixed_clock))
        assert after in (old, restored), f"killed before step {at}: a store that is neither: {after}"
        outcomes.append("restored" if after == restored else "old")
        assert not [path for path in root.rglob(".eujobs-restore*")], f"killed before step {at}: journal left"
        shutil.rmtree(root)
        at += 1
        assert at < 300, "the restore never finished"
    assert facts(Store.open(root, fixed_clock)) == restored
    assert "old" in outcomes and "restored" in outcomes
    report(f"restore: killed before each of its {len(outcomes)} steps: {outcomes.count('old')} left the old store, "
           f"{outcomes.count('restored')} the restored one, none a mix")


def test_a_journal_eujobs_did_not_write_is_refused(cli_store, capsys) -> None:
    root, _, _ = cli_store
    (root / ".eujobs-restore").write_text("half")
    assert main(["--store", str(root), "list"]) == 1
    assert one_error_line(capsys) == (f"eujobs: {root / '.eujobs-restore'} is not a restore journal eujobs wrote; "
                                      "eujobs will not guess which store is the right one (move it aside, then "
                                      "check the store)")


# ---------------------------------------------------------------------- restore advice and the records restored


def test_a_new_stores_advice_names_a_backup_that_holds_its_postings(tmp_path, monkeypatch, capsys) -> None:
    """Created today: the daily backup is taken before the first change that finds something in the store, so the
    command the message prints brings the postings back rather than an empty store."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    assert not (root / "backups").exists()  # nothing to give back before the import
    capsys.readouterr()
    assert main(["--store", str(root), "list", "--json"]) == 0
    vacancy_id = json.loads(capsys.readouterr().out)[0]["id"]
    assert main(["--store", str(root), "status", vacancy_id, "applied"]) == 0
    (root / "catalog.json").write_bytes(b'{"vacancies": {"1": {"id"')
    assert main(["--store", str(root), "list"]) == 1
    line = one_error_line(capsys)
    assert "as it was at 2026-03-10 09:00, run: eujobs --store" in line
    suggested = line.split("run: eujobs ", 1)[1].split(", or move", 1)[0].split()
    assert main(suggested) == 0
    capsys.readouterr()
    assert [v.id for v in Store.open(root, fixed_clock).vacancies()] == [vacancy_id]


def test_the_advice_passes_over_a_backup_that_holds_nothing(store: Store, tmp_path) -> None:
    """A daily backup an older eujobs took of an empty store is not the one to name."""
    write_backup(store, store.root / "backups" / "daily-2026-03-10.zip", datetime(2026, 3, 10, 8, tzinfo=timezone.utc))
    (store.root / "catalog.json").write_bytes(b"{")
    with pytest.raises(StoreCorruptError, match=r"none there holds anything yet\), or move"):
        Store.open(store.root, fixed_clock)
    (store.root / "catalog.json").unlink()
    store.save_imports([incoming()])
    write_backup(store, store.root / "backups" / "daily-2026-03-09.zip", datetime(2026, 3, 9, 8, tzinfo=timezone.utc))
    (store.root / "catalog.json").write_bytes(b"{")
    with pytest.raises(StoreCorruptError, match=r"as it was at 2026-03-09 08:00, run: .*daily-2026-03-09\.zip"):
        Store.open(store.root, fixed_clock)


def _zip(members: dict[str, bytes]) -> bytes:
    import io

    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def _edited(document: dict, path: list, value) -> dict:
    """`document` with the value at `path` (keys, the first row of a table standing for "*") replaced."""
    edited = json.loads(json.dumps(document))
    here = edited
    for key in path[:-1]:
        here = here[next(iter(here))] if key == "*" else here[key]
    here[path[-1]] = value
    return edited


BAD_RECORDS = {
    "a title that is a number": ("catalog.json", ["vacancies", "*", "posting", "title"], 5),
    "a deadline that is no date": ("catalog.json", ["vacancies", "*", "posting", "deadline"], "next week"),
    "a text hash that is a path": ("catalog.json", ["vacancies", "*", "source", "sha256"], "../../../etc/passwd"),
    "a vacancy without its source": ("catalog.json", ["vacancies", "*", "source"], None),
    "a checklist that is not one": ("catalog.json", ["vacancies", "*", "posting", "checklist"], "[[1]]"),
    "a status no one knows": ("state.json", ["state", "*", "status"], "hacked"),
    "ticks that are not true or false": ("state.json", ["state", "*", "ticks"], {"app-cv": "yes"}),
    "a history that is a number": ("state.json", ["state", "*", "history"], 7),
    "a next action date that is no date": ("state.json", ["state", "*", "next_action_on"], "soon"),
    "a table that is a list": ("state.json", ["state"], []),
}


@pytest.mark.parametrize("case", sorted(BAD_RECORDS))
def test_a_backup_with_bad_records_is_refused_before_anything_changes(case, cli_store, tmp_path, capsys) -> None:
    root, _, _ = cli_store
    good = write_backup(Store.open(root, fixed_clock), tmp_path / "good.zip", LATER)
    name, path, value = BAD_RECORDS[case]
    with zipfile.ZipFile(good) as archive:
        members = {member: archive.read(member) for member in archive.namelist()}
    members[name] = json.dumps(_edited(json.loads(members[name]), path, value)).encode()
    bad = tmp_path / "bad.zip"
    bad.write_bytes(_zip(members))
    before = tree(root)
    assert main(["--store", str(root), "restore", str(bad)]) == 1
    line = one_error_line(capsys)
    assert line.startswith(f"eujobs: {bad} is not an eujobs backup: its {name} ")
    assert tree(root) == before
    with pytest.raises(StoreError, match="is not an eujobs backup"):
        check_backup(bad)


@pytest.mark.parametrize("case", sorted(set(BAD_RECORDS) - {"a checklist that is not one"}))
def test_bad_records_in_the_store_are_one_line_with_the_restore_advice(case, cli_store, capsys) -> None:
    """Checked as the store opens (a checklist is decoded when shown, so that case is the backup's only)."""
    root, vacancy_id, item = cli_store
    name, path, value = BAD_RECORDS[case]
    file = root / name
    file.write_text(json.dumps(_edited(json.loads(file.read_bytes()), path, value)))
    before = tree(root)
    for command in (["list"], ["show", vacancy_id], ["tick", vacancy_id, item], ["due"]):
        assert main(["--store", str(root), *command]) == 1, command
        line = one_error_line(capsys)
        assert line.startswith(f"eujobs: {file} ") and "eujobs will not overwrite it" in line, line
        assert f"run: eujobs --store {root} restore {root / 'backups' / 'daily-2026-03-10.zip'}" in line, line
    assert tree(root) == before


@pytest.mark.parametrize("content", [b"[1, 2]", b'{"_meta": {"1": {"schema": 3}}, "state": [1]}',
                                     b'{"_meta": {"1": {"schema": 3}}, "state": {"1": 5}}'])
def test_a_state_file_of_the_wrong_shape_is_one_line_from_the_shell(content, cli_store, capsys) -> None:
    root, _, _ = cli_store
    (root / "state.json").write_bytes(content)
    assert main(["--store", str(root), "list"]) == 1
    line = one_error_line(capsys)
    assert line.startswith(f"eujobs: {root / 'state.json'} ") and "restore" in line


# -------------------------------------------------------------------------------------------------- backups


def test_a_backup_to_a_zip_path_writes_that_file(cli_store, tmp_path, capsys) -> None:
    root, _, _ = cli_store
    target = tmp_path / "safe" / "name.zip"
    assert main(["--store", str(root), "backup", str(target)]) == 0
    out = capsys.readouterr().out
    assert out == f"Backup written: {target} (1 vacancy, 1 text, {round(target.stat().st_size / 1024)} KB)\n"
    assert target.is_file() and check_backup(target)["records"]["vacancies"] == 1
    assert main(["--store", str(root), "backup", str(tmp_path / "safe")]) == 0
    dated = tmp_path / "safe" / "eujobs-backup-20260310-090000.zip"
    assert capsys.readouterr().out.startswith(f"Backup written: {dated} (1 vacancy, 1 text, ")
    assert main(["--store", str(root), "backup", str(target)]) == 0  # a backup of eujobs': replaced
    capsys.readouterr()


def test_a_backup_does_not_overwrite_a_file_that_is_not_one(cli_store, tmp_path, capsys) -> None:
    root, _, _ = cli_store
    target = tmp_path / "photos.zip"
    target.write_bytes(_zip({"me.jpg": b"jpeg"}))
    before = target.read_bytes()
    assert main(["--store", str(root), "backup", str(target)]) == 1
    assert one_error_line(capsys) == (f"eujobs: {target} exists and is not an eujobs backup; eujobs will not "
                                      "overwrite it (name a new file, or a folder)")
    assert target.read_bytes() == before


KILLED_BACKUP = """
import os, signal, sys
from datetime import datetime, timezone
from pathlib import Path
from eujobs.store.persistence.backup import write_backup
from eujobs.store.persistence.db import Store

def killed(*args, **kwargs):
    os.kill(os.getpid(), signal.SIGKILL)

os.replace = killed  # the zip is written and synced: killed just before it would take its name
now = datetime(2026, 3, 11, 9, 0, tzinfo=timezone.utc)
write_backup(Store.open(Path(sys.argv[1]), lambda: now), Path(sys.argv[2]), now)
"""


def test_a_killed_backup_leaves_nothing_once_the_next_one_is_written(cli_store, tmp_path, capsys) -> None:
    root, _, _ = cli_store
    destination = tmp_path / "safe"
    destination.mkdir()
    (destination / ".holiday.zip.tmp").write_bytes(b"someone else's")
    done = subprocess.run([sys.executable, "-c", KILLED_BACKUP, str(root), str(destination)], capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == -signal.SIGKILL, done.stderr
    (left,) = [path for path in destination.iterdir() if path.name.startswith(".eujobs-tmp-")]
    assert left.name.endswith("-eujobs-backup-20260311-090000.zip.tmp")
    assert main(["--store", str(root), "backup", str(destination)]) == 0
    capsys.readouterr()
    assert sorted(path.name for path in destination.iterdir()) == [".holiday.zip.tmp",
                                                                   "eujobs-backup-20260310-090000.zip"]
