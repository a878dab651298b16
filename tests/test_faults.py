"""Faults from outside: a full disk, a read-only store, damaged or newer store files.

Each is met through the CLI the way a user meets it: one line on stderr, exit status 1, and the store's bytes
as they were. The disk-full cases inject ENOSPC at each step of a save (the write, the fsync, the rename) and
also fill a real tmpfs when this machine lets the test mount one; the read-only cases need a read-only mount
(root ignores permission bits), and are skipped with the reason when mounting is not allowed.
"""

from __future__ import annotations

import errno
import hashlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from eujobs.store.errors import StoreCorruptError, StoreError
from eujobs.store.persistence import storage
from eujobs.store.persistence.backup import restore_backup
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.storage import SCHEMA_VERSION
from eujobs.tui import cli
from eujobs.tui.cli import main

from .conftest import POSTINGS, fixed_clock, store_bytes

NOW = "2026-03-10T09:00:00+00:00"
GOOD = POSTINGS / "ep-traineeship-itec-pmco.txt"
OTHER = POSTINGS / "opsys-junior-project-manager.txt"


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch, capsys) -> tuple[Path, str, str]:
    """A store with one posting, made through the CLI (so today's daily backup exists); returns it, the
    vacancy's id and one of its checklist items."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    capsys.readouterr()
    assert main(["--store", str(root), "list", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    assert main(["--store", str(root), "status", record["id"], "interested"]) == 0  # state.json exists
    capsys.readouterr()
    return root, record["id"], record["checklist"][0]["id"]


def one_error_line(capsys) -> str:
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert lines[0].startswith("eujobs: ")
    assert "Traceback" not in out + err and "internal error" not in err
    return lines[0]


def temp_files(root: Path) -> list[Path]:
    return [path for path in root.rglob("*") if path.name.endswith(".tmp") or "probe" in path.name]


# ------------------------------------------------------------------------------------------------ disk full


def enospc(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device")


class FullFile:
    """A file object whose writes fail as on a full disk (what a buffered writer's flush sees)."""

    def __init__(self, real) -> None:
        self.real = real

    def write(self, data) -> int:
        enospc()

    def __getattr__(self, name):
        return getattr(self.real, name)

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.real.close()


def fail_at(monkeypatch, step: str, only: str | None = None) -> None:
    """Make `step` of every save (or only of the files whose name holds `only`) fail with ENOSPC."""
    real_fdopen, real_fsync, real_replace = os.fdopen, os.fsync, os.replace
    opened: dict[int, str] = {}
    real_mkstemp = storage.tempfile.mkstemp

    def mkstemp(*args, **kwargs):
        fd, name = real_mkstemp(*args, **kwargs)
        opened[fd] = name
        return fd, name

    def hit(name: str) -> bool:
        return only is None or only in Path(name).name

    def fdopen(fd, *args, **kwargs):
        file = real_fdopen(fd, *args, **kwargs)
        return FullFile(file) if step == "write" and hit(opened.get(fd, "")) else file

    def fsync(fd):
        name = opened.get(fd)
        if step == "fsync" and name is not None and hit(name):
            enospc()
        return real_fsync(fd)

    def replace(source, target, *args, **kwargs):
        if step == "replace" and hit(str(target)):
            enospc()
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(storage.tempfile, "mkstemp", mkstemp)
    monkeypatch.setattr(storage.os, "fdopen", fdopen)
    monkeypatch.setattr(storage.os, "fsync", fsync)
    monkeypatch.setattr(storage.os, "replace", replace)


@pytest.mark.parametrize("step", ["write", "fsync", "replace"])
def test_disk_full_during_a_tick_keeps_the_previous_store(step, cli_store, monkeypatch, capsys) -> None:
    root, vacancy_id, item = cli_store
    before = store_bytes(root)
    fail_at(monkeypatch, step)
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 1
    assert one_error_line(capsys) == (f"eujobs: {root / 'state.json'}: could not save (disk full); "
                                      "the previous version is intact")
    assert store_bytes(root) == before and temp_files(root) == []
    monkeypatch.undo()
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0  # space again: the same command works
    assert Store.open(root, fixed_clock).get(vacancy_id).ticks == {item: True}


@pytest.mark.parametrize("step", ["write", "replace"])
def test_disk_full_while_writing_an_imports_texts_saves_nothing(step, cli_store, monkeypatch, capsys) -> None:
    root, _, _ = cli_store
    before = store_bytes(root)
    fail_at(monkeypatch, step, only=hashlib.sha256(OTHER.read_bytes()).hexdigest())  # its first file in texts/
    assert main(["--store", str(root), "import", str(OTHER)]) == 1
    line = one_error_line(capsys)
    assert line.startswith(f"eujobs: {root / 'texts'}/") and line.endswith(": could not save (disk full)")
    assert store_bytes(root) == before and temp_files(root) == []


def test_disk_full_while_writing_an_imports_catalog_keeps_the_catalog(cli_store, monkeypatch, capsys) -> None:
    """The texts are written (and synced) before the catalog that names them: when the catalog then cannot be
    saved, its previous version stands and the new text (and its words) is removed again: left, no catalog
    would name it, and on a full disk it would keep the disk full."""
    root, _, _ = cli_store
    before = store_bytes(root)
    fail_at(monkeypatch, "fsync", only="catalog.json")
    assert main(["--store", str(root), "import", str(OTHER)]) == 1
    assert one_error_line(capsys) == (f"eujobs: {root / 'catalog.json'}: could not save (disk full); "
                                      "the previous version is intact")
    assert store_bytes(root) == before and temp_files(root) == []
    monkeypatch.undo()
    assert main(["--store", str(root), "import", str(OTHER)]) == 0
    assert len(Store.open(root, fixed_clock).vacancies()) == 2


def test_disk_full_for_the_daily_backup_does_not_cost_the_change(cli_store, monkeypatch, capsys) -> None:
    """A new day's first change takes a backup first; if only that fails, the user's change is still saved."""
    root, vacancy_id, item = cli_store
    monkeypatch.setenv("EUJOBS_NOW", "2026-03-11T09:00:00+00:00")
    fail_at(monkeypatch, "write", only="daily-2026-03-11.zip")
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0
    assert not (root / "backups" / "daily-2026-03-11.zip").exists() and temp_files(root) == []
    assert Store.open(root, fixed_clock).get(vacancy_id).ticks == {item: True}


def run_mount(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(["mount", *args], check=False, capture_output=True, text=True)


def mount_or_skip(*args: str) -> None:
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs or a read-only bind needs root")
    try:
        done = run_mount(*args)
    except FileNotFoundError:
        pytest.skip("no mount command on this machine")
    if done.returncode != 0:
        pytest.skip(f"this machine does not let the test mount ({done.stderr.strip() or done.returncode})")


@pytest.fixture
def mounts():
    """Mount points to unmount after the test, last mounted first, even when it fails."""
    points: list[Path] = []
    yield points
    for point in reversed(points):
        subprocess.run(["umount", "-l", str(point)], check=False, capture_output=True)


def test_a_real_full_disk_during_a_tick_and_an_import(tmp_path, mounts, monkeypatch, capsys) -> None:
    disk = tmp_path / "small-disk"
    disk.mkdir()
    mount_or_skip("-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(disk))
    mounts.append(disk)
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = disk / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    capsys.readouterr()
    vacancy_id = Store.open(root, fixed_clock).vacancies()[0].id
    item = Store.open(root, fixed_clock).vacancies()[0].checklist[0].id
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0
    capsys.readouterr()
    before = store_bytes(root)
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT, 0o600)
    try:  # fill the disk up to its last byte, unbuffered so that nothing is left to flush afterwards
        for chunk in (1 << 16, 512, 1):
            try:
                while True:
                    os.write(fd, b"\0" * chunk)
            except OSError as error:
                assert error.errno == errno.ENOSPC
    finally:
        os.close(fd)

    assert main(["--store", str(root), "tick", vacancy_id, item, "--undo"]) == 1
    assert one_error_line(capsys) == (f"eujobs: {root / 'state.json'}: could not save (disk full); "
                                      "the previous version is intact")
    assert main(["--store", str(root), "import", str(OTHER)]) == 1
    assert one_error_line(capsys).endswith(": could not save (disk full)")
    assert store_bytes(root) == before and temp_files(root) == []

    filler.unlink()
    assert main(["--store", str(root), "tick", vacancy_id, item, "--undo"]) == 0
    assert main(["--store", str(root), "import", str(OTHER)]) == 0
    store = Store.open(root, fixed_clock)
    assert len(store.vacancies()) == 2 and not store.get(vacancy_id).ticks.get(item)


# ------------------------------------------------------------------------------------------------ read-only


@pytest.fixture
def read_only_store(cli_store, mounts) -> tuple[Path, str, str]:
    """The store folder made read-only by a read-only bind mount of itself (chmod does not stop root)."""
    root = cli_store[0]
    mount_or_skip("--bind", str(root), str(root))
    mounts.append(root)
    done = run_mount("-o", "remount,bind,ro", str(root))
    if done.returncode != 0:
        pytest.skip(f"this machine does not let the test remount read-only ({done.stderr.strip()})")
    return cli_store


def test_a_tick_on_a_read_only_store_is_one_clear_line(read_only_store, capsys) -> None:
    root, vacancy_id, item = read_only_store
    before = store_bytes(root)
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 1
    assert one_error_line(capsys) == (
        f"eujobs: the store folder {root} is read-only (read-only file system): eujobs could not save any change "
        "there (make it writable, or name another store with --store PATH)")
    assert store_bytes(root) == before


def test_the_dashboard_refuses_a_read_only_store_before_it_opens(read_only_store, capsys, monkeypatch) -> None:
    """Refused at start, not at the first tick an hour later: the dashboard is never shown."""
    root, _, _ = read_only_store
    opened = []
    monkeypatch.setattr(cli, "open_dashboard", opened.append)
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True)  # as on a terminal: the dashboard is stubbed
    assert main(["--store", str(root)]) == 1
    assert one_error_line(capsys).startswith(f"eujobs: the store folder {root} is read-only")
    assert opened == []


def test_a_read_only_store_still_opens_for_reading_when_asked(read_only_store) -> None:
    root, vacancy_id, item = read_only_store
    store = Store.open(root, fixed_clock, writable=False)
    assert [v.id for v in store.vacancies()] == [vacancy_id]
    with pytest.raises(StoreError, match=f"^the store folder {root} is read-only$"):
        store.tick(vacancy_id, item)


def test_commands_that_only_read_work_on_a_read_only_store(read_only_store, capsys) -> None:
    root, vacancy_id, _ = read_only_store
    for command in (["list"], ["show", vacancy_id], ["due"], ["profile", "show"]):
        assert main(["--store", str(root), *command]) == 0, command
    assert vacancy_id in capsys.readouterr().out


def test_a_store_in_a_read_only_folder_that_does_not_exist_yet(tmp_path, mounts, capsys) -> None:
    parent = tmp_path / "ro"
    parent.mkdir()
    mount_or_skip("--bind", str(parent), str(parent))
    mounts.append(parent)
    if run_mount("-o", "remount,bind,ro", str(parent)).returncode != 0:
        pytest.skip("this machine does not let the test remount read-only")
    assert main(["--store", str(parent / "store"), "profile", "set", "experience_years=3"]) == 1
    assert one_error_line(capsys) == (f"eujobs: cannot create the store folder {parent / 'store'}: "
                                      "Read-only file system")
    assert main(["--store", str(parent / "store"), "list"]) == 1  # a command that only reads creates nothing
    assert one_error_line(capsys).startswith(f"eujobs: no store at {parent / 'store'} ")


# ------------------------------------------------------------------------------------------------ damaged files


DAMAGE = {
    "truncated": lambda data: data[: len(data) // 2],
    "zeroed (power cut)": lambda data: b"\0" * len(data),
    "empty": lambda data: b"",
    "edited: trailing comma": lambda data: data[:-1] + b",}",
    "edited: not a store": lambda data: b'{"vacancies": []}',
}


@pytest.mark.parametrize("name", ["catalog.json", "state.json"])
@pytest.mark.parametrize("damage", DAMAGE)
def test_a_damaged_store_file_is_refused_untouched_and_the_message_says_how_to_restore(
        damage, name, cli_store, capsys, monkeypatch) -> None:
    root, vacancy_id, item = cli_store
    opened = []
    monkeypatch.setattr(cli, "open_dashboard", opened.append)
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True)  # as on a terminal: the dashboard is stubbed
    path = root / name
    path.write_bytes(DAMAGE[damage](path.read_bytes()))
    before = store_bytes(root)
    backup = root / "backups" / "daily-2026-03-10.zip"
    for command in (["list"], ["tick", vacancy_id, item], []):
        assert main(["--store", str(root), *command]) == 1, command
        line = one_error_line(capsys)
        assert line.startswith(f"eujobs: {path} ") and "eujobs will not overwrite it" in line
        assert f"run: eujobs --store {root} restore {backup}" in line, line
        assert store_bytes(root) == before
    assert opened == []


def test_with_no_backup_yet_the_message_says_where_they_would_be(tmp_path, capsys) -> None:
    root = tmp_path / "store"
    root.mkdir()
    (root / "state.json").write_bytes(b'{"_meta": {"1": {"sch')
    assert main(["--store", str(root), "list"]) == 1
    assert one_error_line(capsys).endswith(
        f"Restore a backup with: eujobs --store {root} restore FILE (the store keeps one a day in "
        f"{root / 'backups'}, none there yet), or move the file aside, then run eujobs again")
    assert (root / "state.json").read_bytes() == b'{"_meta": {"1": {"sch'


def test_the_restore_the_message_names_brings_the_store_back(cli_store, monkeypatch, capsys) -> None:
    """At the store level: a damaged store, opened without checking its files, is restored from the daily backup
    the message names (taken before the day's first change, so the work of earlier days comes back)."""
    root, vacancy_id, item = cli_store
    monkeypatch.setenv("EUJOBS_NOW", "2026-03-11T09:00:00+00:00")
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0  # the 11th's backup holds the vacancy
    capsys.readouterr()
    (root / "catalog.json").write_bytes(b'{"vacancies": {"1": {"id"')
    with pytest.raises(StoreCorruptError, match="as it was at 2026-03-11 09:00, run: eujobs --store"):
        Store.open(root, fixed_clock)
    restore_backup(Store.open(root, fixed_clock, check_files=False), root / "backups" / "daily-2026-03-11.zip",
                   fixed_clock())
    assert [v.id for v in Store.open(root, fixed_clock).vacancies()] == [vacancy_id]


def test_the_restore_command_the_message_names_works_from_the_shell(cli_store, monkeypatch, capsys) -> None:
    root, vacancy_id, item = cli_store
    monkeypatch.setenv("EUJOBS_NOW", "2026-03-11T09:00:00+00:00")
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0
    capsys.readouterr()
    (root / "catalog.json").write_bytes(b'{"vacancies": {"1": {"id"')
    assert main(["--store", str(root), "list"]) == 1
    suggested = one_error_line(capsys).split("run: eujobs ", 1)[1].split(", or move", 1)[0].split()
    assert main(suggested) == 0
    assert [v.id for v in Store.open(root, fixed_clock).vacancies()] == [vacancy_id]


def test_a_store_written_by_a_newer_eujobs_is_refused_from_the_shell(cli_store, capsys) -> None:
    root, vacancy_id, item = cli_store
    data = json.loads((root / "state.json").read_bytes())
    data["_meta"]["1"]["schema"] = 99
    (root / "state.json").write_text(json.dumps(data))
    before = store_bytes(root)
    for command in (["list"], ["tick", vacancy_id, item]):
        assert main(["--store", str(root), *command]) == 1
        assert one_error_line(capsys) == (f"eujobs: {root / 'state.json'} was written by a newer eujobs (store "
                                          f"schema 99, this one knows {SCHEMA_VERSION}); upgrade eujobs to open it")
        assert store_bytes(root) == before


def test_errors_from_the_shell_are_one_line_in_a_real_process(cli_store) -> None:
    """The same refusal from a real `eujobs` process: one line on stderr, nothing on stdout, exit status 1."""
    root, _, _ = cli_store
    (root / "catalog.json").write_bytes(b"{")
    done = subprocess.run([sys.executable, "-c", "import sys; from eujobs.tui.cli import main; sys.exit(main())",
                           "--store", str(root), "list"], check=False, capture_output=True, text=True, timeout=60)
    assert (done.returncode, done.stdout) == (1, "")
    assert len(done.stderr.splitlines()) == 1 and "eujobs will not overwrite it" in done.stderr
