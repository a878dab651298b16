"""A symbolic link planted in a store is refused, never followed: nothing is read from it or written through it.

Each test plants a link to a "victim" outside the store, runs eujobs, and checks three things: a one-line
StoreError naming the planted path, the victim's bytes unchanged, and the link still in place (a command that
"fixed" the store by replacing the link would hide the problem). Also: the store's files stay private.
"""

from __future__ import annotations

import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.persistence.backup import daily_backup
from eujobs.store.persistence.db import Store
from eujobs.tui.cli import main

from .conftest import POSTINGS, fixed_clock, incoming, store_bytes

NOW = "2026-03-10T09:00:00+00:00"
GOOD = POSTINGS / "ep-traineeship-itec-pmco.txt"
OTHER = POSTINGS / "opsys-junior-project-manager.txt"
# A valid store file: the most dangerous victim, since a store that followed the link would read it happily.
EUJOBS = [sys.executable, "-c", "import sys; from eujobs.tui.cli import main; sys.exit(main(sys.argv[1:]))"]
VALID_STORE_FILE = json.dumps({"_meta": {"1": {"schema": 1}}, "state": {}}).encode()


@pytest.fixture
def cli_store(tmp_path: Path, monkeypatch, capsys) -> tuple[Path, str, str]:
    """A store with one imported posting and one tick, made through the CLI; returns it, an id and an item."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    capsys.readouterr()
    assert main(["--store", str(root), "list", "--json"]) == 0
    record = json.loads(capsys.readouterr().out)[0]
    vacancy_id, item = record["id"], record["checklist"][0]["id"]
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 0
    capsys.readouterr()
    return root, vacancy_id, record["checklist"][1]["id"]


def one_error_line(capsys) -> str:
    out, err = capsys.readouterr()
    lines = err.strip().splitlines()
    assert len(lines) == 1, err
    assert "Traceback" not in out + err and "internal error" not in err
    return lines[0]


def plant(link: Path, target: Path) -> None:
    if link.is_dir() and not link.is_symlink():
        import shutil

        shutil.rmtree(link)
    elif link.exists() or link.is_symlink():
        link.unlink()
    link.symlink_to(target)


@pytest.mark.parametrize("name", ["state.json", "catalog.json", ".lock"])
def test_a_link_in_place_of_a_store_file_is_refused_and_nothing_is_written_through_it(
        name, cli_store, tmp_path, capsys) -> None:
    root, vacancy_id, item = cli_store
    victim = tmp_path / "victim"
    victim.write_bytes(VALID_STORE_FILE)
    plant(root / name, victim)
    before = store_bytes(root)
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 1
    line = one_error_line(capsys)
    assert line == (f"eujobs: {root / name} is a symbolic link; eujobs does not follow links inside its store and "
                    "wrote nothing through it (replace it with the real file)")
    assert victim.read_bytes() == VALID_STORE_FILE
    assert (root / name).is_symlink() and os.readlink(root / name) == str(victim)
    assert store_bytes(root) == before


def test_a_link_planted_while_the_store_is_open_is_refused_at_the_next_change(cli_store, tmp_path) -> None:
    """The dashboard keeps its Store for hours: the check must happen at every change, not only at open."""
    root, vacancy_id, item = cli_store
    store = Store.open(root, fixed_clock)
    for name in ("state.json", ".lock", "catalog.json"):
        victim = tmp_path / f"victim-{name}"
        victim.write_bytes(b"do not touch")
        kept = root / f"kept-{name}"
        os.rename(root / name, kept)
        plant(root / name, victim)
        with pytest.raises(StoreError, match=f"^{root / name} is a symbolic link"):
            store.tick(vacancy_id, item)
        assert victim.read_bytes() == b"do not touch"
        os.unlink(root / name)
        os.rename(kept, root / name)
    store.tick(vacancy_id, item)  # and with the real files back, it works
    assert store.get(vacancy_id).ticks[item] is True


def test_a_dangling_link_is_not_created_through(cli_store, tmp_path, capsys) -> None:
    """A link to a file that does not exist yet: following it would create the victim."""
    root, vacancy_id, item = cli_store
    victim = tmp_path / "would-be-created"
    plant(root / "state.json", victim)
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 1
    assert "state.json is a symbolic link" in one_error_line(capsys)
    assert not victim.exists()


def test_a_texts_folder_that_is_a_link_is_refused(cli_store, tmp_path, capsys) -> None:
    root, _, _ = cli_store
    victim = tmp_path / "victim-folder"
    victim.mkdir()
    plant(root / "texts", victim)
    before = store_bytes(root)
    assert main(["--store", str(root), "import", str(OTHER)]) == 1
    assert one_error_line(capsys).endswith(f"{root / 'texts'} is a symbolic link; eujobs does not follow links "
                                           "inside its store and wrote nothing through it (replace it with the "
                                           "real folder)")
    assert list(victim.iterdir()) == []
    assert store_bytes(root) == before


def test_a_backups_folder_that_is_a_link_is_refused(cli_store, tmp_path, capsys, monkeypatch) -> None:
    """The day's first change writes a backup into backups/: it must not land wherever a link points."""
    root, vacancy_id, item = cli_store
    victim = tmp_path / "victim-folder"
    victim.mkdir()
    plant(root / "backups", victim)
    monkeypatch.setenv("EUJOBS_NOW", "2026-03-11T09:00:00+00:00")  # a new day: a daily backup is due
    assert main(["--store", str(root), "tick", vacancy_id, item]) == 1
    assert f"{root / 'backups'} is a symbolic link" in one_error_line(capsys)
    assert list(victim.iterdir()) == []


def test_a_text_file_that_is_a_dangling_link_is_not_written_through(store: Store, tmp_path) -> None:
    victim = tmp_path / "victim.txt"
    sha = "b" * 64
    store.save_imports([incoming("EC/OTHER/1", "c" * 64)])
    daily_backup(store, fixed_clock().date())  # as the next change would take it: not what this test looks at
    link = store.root / "texts" / f"{sha}.txt"
    link.symlink_to(victim)
    before = store_bytes(store.root)
    with pytest.raises(StoreError, match=rf"texts/{sha}\.txt is a symbolic link"):
        store.save_imports([incoming(sha=sha)])
    assert not victim.exists() and link.is_symlink()
    after = store_bytes(store.root)
    assert {name: after[name] for name in before} == before and len(store.vacancies()) == 1
    # at most a file beside it, named by the same hash, that the refused import had written first
    assert all(name.startswith(f"texts/{sha}.") for name in set(after) - set(before))


def test_a_store_folder_that_is_a_link_is_refused(tmp_path, capsys, monkeypatch) -> None:
    """Refused rather than resolved: the simplest rule that cannot be talked into writing elsewhere. The
    message names the real folder, so the user can point eujobs at it."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    real = tmp_path / "real-store"
    Store.open(real, fixed_clock).save_imports([incoming()])
    before = store_bytes(real)
    link = tmp_path / "linked-store"
    link.symlink_to(real)
    with pytest.raises(StoreError, match="is a symbolic link"):
        Store.open(link, fixed_clock)
    assert main(["--store", str(link), "tick", "anything", "app-cv"]) == 1
    assert one_error_line(capsys) == (
        f"eujobs: the store folder {link} is a symbolic link (to {real}); eujobs does not follow links for its "
        "store: name the real folder (--store PATH or EUJOBS_STORE)")
    dangling = tmp_path / "dangling-store"
    dangling.symlink_to(tmp_path / "nowhere")
    assert main(["--store", str(dangling), "list"]) == 1
    assert "is a symbolic link" in one_error_line(capsys)
    assert not (tmp_path / "nowhere").exists()
    assert store_bytes(real) == before


def test_a_fifo_in_place_of_a_store_file_is_refused_without_hanging(cli_store) -> None:
    """A named pipe blocks whoever opens it for reading: the refusal must come from its kind, not a hang.
    Run in a child with a timeout, as a hang guard."""
    root, _, _ = cli_store
    os.unlink(root / "state.json")
    os.mkfifo(root / "state.json")
    done = subprocess.run([*EUJOBS, "--store", str(root), "list"], check=False, capture_output=True, text=True,
                          timeout=60)
    assert done.returncode == 1
    assert done.stderr.strip() == (f"eujobs: {root / 'state.json'} is not a regular file; eujobs will not use it "
                                   "(move it out of the store)")


def test_the_store_is_private_whatever_the_umask(tmp_path) -> None:
    """Folders 0700 and files 0600, set explicitly: checked with umask 0, where defaults would show."""
    old = os.umask(0)
    try:
        store = Store.open(tmp_path / "store", fixed_clock)
        (saved,) = store.save_imports([incoming()])
        store.tick(saved.vacancy_id, "app-cv")
        daily_backup(store, fixed_clock().date().replace(day=11))
    finally:
        os.umask(old)
    root = store.root
    modes = {str(path.relative_to(root)): stat.S_IMODE(path.lstat().st_mode) for path in [root, *root.rglob("*")]}
    folders = {".", "texts", "backups"}
    assert set(modes) >= folders | {"catalog.json", "state.json", ".lock"}
    assert any(name.startswith("texts/") for name in modes) and any(name.startswith("backups/") for name in modes)
    assert {name: mode for name, mode in modes.items() if name in folders} == dict.fromkeys(folders, 0o700)
    assert {name: mode for name, mode in modes.items() if name not in folders} == {
        name: 0o600 for name in modes if name not in folders}
    assert not [name for name in modes if name.endswith(".tmp") or "probe" in name]



def test_a_posting_text_replaced_by_a_link_is_not_read(cli_store, tmp_path) -> None:
    root, vacancy_id, _ = cli_store
    store = Store.open(root, fixed_clock)
    vacancy = store.get(vacancy_id)
    victim = tmp_path / "secret.txt"
    victim.write_text("not for eujobs to show", encoding="utf-8")
    for suffix in (".txt", ".words"):
        text = root / "texts" / f"{vacancy.source.sha256}{suffix}"
        text.unlink()
        text.symlink_to(victim)
    with pytest.raises(StoreError, match="is a symbolic link"):
        store.text_of(vacancy)
    with pytest.raises(StoreError, match="is a symbolic link"):
        store.words_of(vacancy)


def test_leftovers_of_writes_cut_short_are_removed_under_the_lock(cli_store) -> None:
    """Only eujobs' own temporary files (named with the writer's process id) of a process that is gone: a file
    of any other name is the user's (tests/test_attacks_store.py tries more)."""
    root, vacancy_id, item = cli_store
    gone = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"], capture_output=True, text=True,
                          check=True).stdout.strip()
    leftovers = [root / f".eujobs-tmp-{gone}-abcd1234-state.json.tmp",
                 root / "texts" / f".eujobs-tmp-{gone}-x1y2z3w4-{'d' * 64}.txt.tmp",
                 root / f".eujobs-tmp-{gone}-x2y3z4w5-write-probe.tmp"]
    others = [root / ".state.json.abc123.tmp", root / "texts" / ".deadbeef.txt.x1.tmp"]
    for leftover in leftovers + others:
        leftover.write_bytes(b"half a write")
    store = Store.open(root, fixed_clock)
    store.tick(vacancy_id, item)
    assert [path for path in leftovers if path.exists()] == [leftovers[1]]
    store.save_imports([incoming(sha="b" * 64)])  # an import's lock also clears texts/
    assert not any(path.exists() for path in leftovers)
    assert all(path.read_bytes() == b"half a write" for path in others)
