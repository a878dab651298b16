"""Paths and terminals, as a Unix tool treats them: a store that is not there is said, never made by a command
about what it holds; every path that cannot be used is one line naming it; the dashboard without a terminal
says what to use instead, and ends."""

from __future__ import annotations

import os
import pty
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import Change
from eujobs.tui import cli
from eujobs.tui.cli import main

from .conftest import TODAY, fixed_clock, incoming

EUJOBS = Path(sys.executable).parent / "eujobs"


@pytest.fixture(autouse=True)
def fixed_now(monkeypatch, tmp_path):
    monkeypatch.setenv("EUJOBS_NOW", TODAY.isoformat())
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg"))
    monkeypatch.delenv("EUJOBS_STORE", raising=False)


def one_line(capsys) -> str:
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, (out, err)
    return err.rstrip("\n")


ABOUT_WHAT_IT_HOLDS = [["list"], ["list", "--json"], ["show", "x"], ["due"], ["export", "--format", "csv"],
                       ["profile", "show"], ["status", "x"], ["status", "x", "applied"], ["note", "x"],
                       ["note", "x", "text"], ["tick", "x", "app-cv"], ["backup"]]


@pytest.mark.parametrize("command", ABOUT_WHAT_IT_HOLDS, ids=" ".join)
def test_a_mistyped_store_is_said_and_never_made(command, tmp_path, capsys) -> None:
    typo = tmp_path / "stroe"
    assert main(["--store", str(typo), *command]) == 1
    assert one_line(capsys) == f"eujobs: no store at {typo} (a store is made by the first import into it)"
    assert not typo.exists()


def test_a_store_named_by_the_environment_is_checked_as_one_named_by_store(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setenv("EUJOBS_STORE", str(tmp_path / "stroe"))
    assert main(["list"]) == 1
    assert one_line(capsys).startswith(f"eujobs: no store at {tmp_path / 'stroe'} ")


def test_the_default_store_not_made_yet_reads_as_empty_and_is_not_made(tmp_path, capsys) -> None:
    """A first run: the user has not imported anything yet."""
    default = tmp_path / "xdg" / "eujobs" / "store"
    assert main(["list"]) == 0
    assert capsys.readouterr().out == f"No vacancies yet in {default}. Add postings with: eujobs import PATH...\n"
    assert main(["due"]) == 0 and main(["profile", "show"]) == 0
    assert capsys.readouterr().out.startswith("Nothing due in the next 14 days.\nNo profile yet.")
    assert main(["tick", "x", "app-cv"]) == 1  # a change needs a vacancy, so a store
    assert one_line(capsys) == f"eujobs: no store at {default} (a store is made by the first import into it)"
    assert not (tmp_path / "xdg").exists()


def test_an_empty_store_eujobs_made_is_a_store(tmp_path, capsys) -> None:
    Store.open(tmp_path / "store", fixed_clock)  # what an import that read nothing leaves
    assert main(["--store", str(tmp_path / "store"), "list"]) == 0
    assert "No vacancies yet" in capsys.readouterr().out


@pytest.mark.parametrize("where, says", [
    ("a-file", "{path} is not a folder (a store is a folder holding catalog.json and state.json)"),
    ("a-file/store", "{path}: cannot read (Not a directory)"),
    ("other-files", "{path}: not an eujobs store, and not empty (it holds notes.txt)"),
])
@pytest.mark.parametrize("command", [["list"], ["tick", "x", "app-cv"], ["import", "-"]], ids=" ".join)
def test_a_store_path_that_cannot_be_a_store_is_one_line(where, says, command, tmp_path, capsys) -> None:
    (tmp_path / "a-file").write_text("not a store")
    (tmp_path / "other-files").mkdir()
    (tmp_path / "other-files" / "notes.txt").write_text("mine")
    path = tmp_path / where
    assert main(["--store", str(path), *command]) == 1
    assert one_line(capsys).startswith("eujobs: " + says.format(path=path))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a-file", "other-files"]
    assert [p.name for p in (tmp_path / "other-files").iterdir()] == ["notes.txt"]


@pytest.fixture
def kept(tmp_path: Path) -> str:
    """A store of three vacancies: one open deadline, one closed with a next action to come, one undated."""
    store = Store.open(tmp_path / "store", fixed_clock)
    open_one, closed, undated = incoming("EC/1", "a" * 64), incoming("EC/2", "b" * 64), incoming("EC/3", "c" * 64)
    open_one.posting.deadline = TODAY.replace(month=4)
    closed.posting.deadline = TODAY.replace(month=2)
    saved = store.save_imports([open_one, closed, undated])
    store.apply(Change(saved[1].vacancy_id, "next_action_on", "2026-03-20"))
    return str(store.root)


@pytest.mark.parametrize("fmt, said", [
    ("ics", "1 deadline and 1 next action from 3 vacancies"),
    ("csv", "3 vacancies"),
    ("json", "3 vacancies"),
])
def test_an_export_says_what_it_wrote(fmt, said, kept, tmp_path, capsys) -> None:
    out = tmp_path / f"out.{fmt}"
    assert main(["--store", kept, "export", "--format", fmt, "--out", str(out)]) == 0
    assert one_line(capsys) == f"Wrote {said} to {out}"
    if fmt == "ics":
        assert out.read_bytes().count(b"BEGIN:VEVENT") == 2


def test_a_calendar_with_no_event_says_so(kept, tmp_path, capsys) -> None:
    out = tmp_path / "out.ics"
    assert main(["--store", kept, "export", "--format", "ics", "--status", "applied", "--out", str(out)]) == 0
    assert one_line(capsys) == (f"Wrote no event (no open deadline or next action to come in 0 vacancies) "
                                f"to {out}")


def test_an_export_to_a_folder_is_one_line(kept, tmp_path, capsys) -> None:
    assert main(["--store", kept, "export", "--format", "csv", "--out", str(tmp_path)]) == 1
    assert one_line(capsys) == f"eujobs: {tmp_path} is a folder: name the file to write (--out FILE)"


@pytest.mark.parametrize("where, says", [
    ("a-file/x.zip", "eujobs: {tmp}/a-file is not a folder; cannot write a backup in it"),
    ("a-file/sub/x.zip", "eujobs: cannot create the backup folder {tmp}/a-file/sub: Not a directory"),
    ("a-file", "eujobs: {tmp}/a-file is neither a folder nor a .zip file; cannot write a backup there"),
])
def test_a_backup_to_a_place_that_cannot_take_it_is_one_line(where, says, kept, tmp_path, capsys) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    assert main(["--store", kept, "backup", str(tmp_path / where)]) == 1
    assert one_line(capsys) == says.format(tmp=tmp_path)
    assert (tmp_path / "a-file").read_text() == "not a folder"


@pytest.mark.skipif(not Path("/proc/self").is_dir(), reason="needs Linux's /proc, a folder that takes no files")
def test_a_backup_into_a_folder_that_takes_no_files_is_one_line(kept, capsys) -> None:
    assert main(["--store", kept, "backup", "/proc/eujobs-backup.zip"]) == 1
    assert one_line(capsys) == "eujobs: /proc/eujobs-backup.zip: could not write the backup (No such file or directory)"


@pytest.mark.parametrize("where, reason", [("missing.json", "No such file or directory"),
                                           (".", "Is a directory")])
def test_a_profile_file_that_cannot_be_read_is_one_line_in_words(where, reason, kept, tmp_path, capsys) -> None:
    path = tmp_path / where
    assert main(["--store", kept, "profile", "load", str(path)]) == 1
    assert one_line(capsys) == f"eujobs: {path}: cannot read a profile ({reason})"


def test_the_demo_of_a_folder_that_is_not_there_is_one_line(tmp_path, capsys, monkeypatch) -> None:
    monkeypatch.setattr(cli, "on_a_terminal", lambda: True)
    assert main(["demo", str(tmp_path / "missing")]) == 1
    assert one_line(capsys) == f"eujobs: {tmp_path / 'missing'}: no such file or folder"


NO_TERMINAL = ("eujobs: the dashboard needs a terminal, and standard input or output is not one here (cron, a pipe, "
               "ssh without -t): use eujobs list (eujobs --help shows the other commands)\n")


@pytest.mark.parametrize("stdin_is_a_terminal, stdout_is_a_terminal", [(False, False), (True, False), (False, True)])
@pytest.mark.parametrize("argv", [[], ["demo"]], ids=["dashboard", "demo"])
def test_the_dashboard_without_a_terminal_says_to_use_list_and_exits(argv, stdin_is_a_terminal, stdout_is_a_terminal,
                                                                     tmp_path) -> None:
    """As from cron, `ssh host eujobs` (no -t), or `eujobs | less`: it used to start and wait forever."""
    terminal, other_end = pty.openpty()
    try:
        result = subprocess.run([str(EUJOBS), *argv], stdin=other_end if stdin_is_a_terminal else subprocess.DEVNULL,
                                stdout=other_end if stdout_is_a_terminal else subprocess.PIPE,
                                stderr=subprocess.PIPE, timeout=120, env={**os.environ, "TERM": "xterm"})
    finally:
        os.close(terminal)
        os.close(other_end)
    assert (result.returncode, result.stderr.decode()) == (2, NO_TERMINAL)
    assert not (tmp_path / "xdg").exists()  # the default store is not made


def as_a_user(argv: list[str]) -> list[str]:
    """The command as a user who is not root runs it: permission bits hold (root ignores them)."""
    if os.geteuid() != 0:
        return argv
    if shutil.which("setpriv") is None:
        pytest.skip("needs setpriv to run without root's power over permissions")
    return ["setpriv", "--bounding-set=-dac_override,-dac_read_search,-fowner", *argv]


@pytest.mark.parametrize("argv", [
    ["--store", "{locked}", "list"],
    ["--store", "{locked}/store", "tick", "x", "app-cv"],
    ["--store", "{kept}", "export", "--format", "csv", "--out", "{locked}/x.csv"],
    ["--store", "{kept}", "backup", "{locked}"],
    ["--store", "{kept}", "backup", "{locked}/b.zip"],
    ["--store", "{kept}", "restore", "{locked}/b.zip"],
    ["--store", "{kept}", "profile", "load", "{locked}/profile.json"],
], ids=lambda argv: " ".join(argv[2:]))
def test_a_path_the_user_may_not_use_is_one_line(argv, kept, tmp_path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o000)
    try:
        argv = [part.format(locked=locked, kept=kept) for part in argv]
        result = subprocess.run(as_a_user([str(EUJOBS), *argv]), capture_output=True, text=True, timeout=120)
    finally:
        locked.chmod(0o700)
    assert result.returncode == 1 and result.stdout == ""
    assert result.stderr.count("\n") == 1 and result.stderr.startswith(f"eujobs: {locked}"), result.stderr
    assert result.stderr.endswith("(permission denied)\n") or ": permission denied\n" in result.stderr
    assert list(locked.iterdir()) == []


@pytest.mark.parametrize("where, says", [("missing.zip", "{path}: cannot read the backup (No such file or directory)"),
                                         (".", "{path} is not a backup file (eujobs backup writes one .zip)")])
def test_a_restore_from_a_path_that_is_no_backup_file_is_one_line(where, says, kept, tmp_path, capsys) -> None:
    path = tmp_path / where
    assert main(["--store", kept, "restore", str(path)]) == 1
    assert one_line(capsys) == "eujobs: " + says.format(path=path)


@pytest.mark.parametrize("where", ["missing.zip", "."])
def test_a_restore_from_a_path_that_is_no_backup_file_makes_no_store(where, tmp_path, capsys) -> None:
    root = tmp_path / "store"
    assert main(["--store", str(root), "restore", str(tmp_path / where)]) == 1
    assert one_line(capsys).startswith(f"eujobs: {tmp_path / where}")
    assert not root.exists()
