"""The files sent with an application: kept in the store once each, private, exactly what was read; attached and
detached as one undo step; carried by backups, and checked on restore; attached from the dashboard."""

from __future__ import annotations

import hashlib
import json
import stat
import zipfile
from datetime import timedelta
from pathlib import Path

import pytest

from eujobs.store.errors import StoreError
from eujobs.store.persistence.attachments import MAX_ATTACHMENT_BYTES, export_copies, keep_file, safe_file_name
from eujobs.store.persistence.backup import MAX_ATTACHMENTS_BYTES, check_backup, restore_backup, write_backup
from eujobs.store.persistence.db import Store
from eujobs.store.persistence.state import ATTACH, Change
from eujobs.tui.app import EujobsApp
from eujobs.tui.widgets.line_view import NO_BREAK_SPACE
from eujobs.tui.widgets.tracker import tracker_lines

from .conftest import TODAY, incoming, store_bytes
from .test_app import press, settle

LETTER = b"Dear selection board,\n" * 50


def attach(store: Store, vacancy_id: str, path: Path, used_as: str = "letter") -> Change:
    kept = keep_file(store.root, path)
    return store.apply(Change(vacancy_id, ATTACH, {"sha256": kept.sha256, "name": kept.name, "size": kept.size,
                                                   "as": used_as}))


@pytest.fixture
def letter(tmp_path: Path) -> Path:
    path = tmp_path / "letter.txt"
    path.write_bytes(LETTER)
    return path


@pytest.fixture
def vacancy_id(store: Store) -> str:
    return store.save_imports([incoming()])[0].vacancy_id


def test_a_kept_file_is_named_by_its_content_private_and_kept_once(store, tmp_path, letter) -> None:
    again = tmp_path / "same letter.txt"
    again.write_bytes(LETTER)
    first, second = keep_file(store.root, letter), keep_file(store.root, again)
    assert (first.sha256, first.already, second.already) == (hashlib.sha256(LETTER).hexdigest(), False, True)
    (kept,) = (store.root / "attachments").iterdir()
    assert kept.name == first.sha256 and kept.read_bytes() == LETTER
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600


def test_a_damaged_copy_is_mended_when_the_same_file_is_attached_again(store, letter) -> None:
    kept = store.root / "attachments" / keep_file(store.root, letter).sha256
    kept.write_bytes(b"rot")
    keep_file(store.root, letter)
    assert kept.read_bytes() == LETTER


def test_attaching_is_undone_by_detaching_and_the_copy_stays(store, vacancy_id, letter) -> None:
    undo = attach(store, vacancy_id, letter)
    (attachment,) = store.get(vacancy_id).attachments
    assert (attachment.name, attachment.size, attachment.used_as, attachment.at) == (
        "letter.txt", len(LETTER), "letter", TODAY.isoformat(timespec="seconds"))
    assert undo == Change(vacancy_id, f"attachment:{attachment.sha256}", None)
    again = store.apply(undo)
    assert store.get(vacancy_id).attachments == ()
    assert (store.root / "attachments" / attachment.sha256).read_bytes() == LETTER
    store.apply(again)  # the undo's undo: attached again, as it was
    assert store.get(vacancy_id).attachments == (attachment,)


def test_an_attachment_entry_never_names_a_path_nor_an_unknown_kind(store, vacancy_id) -> None:
    entry = {"sha256": "../../etc/passwd", "name": "x", "size": 1, "as": "cv"}
    with pytest.raises(StoreError, match="named by the sha256"):
        store.apply(Change(vacancy_id, ATTACH, entry))
    with pytest.raises(StoreError, match="one of: cv, letter, form, other"):
        store.apply(Change(vacancy_id, ATTACH, {**entry, "sha256": "a" * 64, "as": "photo"}))


def test_a_state_file_holding_an_attachment_that_names_a_path_is_refused_in_one_line(store, vacancy_id) -> None:
    store.apply(Change(vacancy_id, "notes", "x"))
    path = store.root / "state.json"
    data = json.loads(path.read_text())
    data["state"]["1"]["attachments"] = [{"id": "../cv.pdf", "sha256": "../cv.pdf", "name": "cv.pdf", "size": 1,
                                          "as": "cv", "at": TODAY.isoformat()}]
    path.write_text(json.dumps(data))
    with pytest.raises(StoreError) as refused:
        Store.open(store.root, store.clock)
    assert f"the state of vacancy '{vacancy_id}': its attachments: an attachment is named by the sha256 of the " \
           "file kept" in str(refused.value)


def test_a_backup_carries_the_copies_and_a_restore_checks_each_against_its_name(store, vacancy_id, letter,
                                                                                tmp_path) -> None:
    attach(store, vacancy_id, letter)
    backup = write_backup(store, tmp_path / "backup.zip", TODAY)
    sha256 = hashlib.sha256(LETTER).hexdigest()
    with zipfile.ZipFile(backup) as archive:
        assert archive.read(f"attachments/{sha256}") == LETTER
    damaged = tmp_path / "damaged.zip"
    with zipfile.ZipFile(backup) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info)
            target.writestr(info, b"Dear nobody" if info.filename.startswith("attachments/") else data)
    before = store_bytes(store.root)
    with pytest.raises(StoreError) as refused:
        restore_backup(store, damaged, TODAY)
    assert str(refused.value) == (f"{damaged} is not an eujobs backup: the attached file attachments/{sha256} is "
                                  "damaged (its content does not match its name)")
    assert store_bytes(store.root) == before


def test_a_restore_replaces_a_link_put_in_place_of_a_copy_and_writes_nothing_through_it(store, vacancy_id, letter,
                                                                                         tmp_path) -> None:
    attach(store, vacancy_id, letter)
    backup = write_backup(store, tmp_path / "backup.zip", TODAY)
    kept = store.root / "attachments" / hashlib.sha256(LETTER).hexdigest()
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_bytes(b"not eujobs'")
    kept.unlink()
    kept.symlink_to(elsewhere)
    restore_backup(store, backup, TODAY)
    assert not kept.is_symlink() and kept.read_bytes() == LETTER
    assert elsewhere.read_bytes() == b"not eujobs'"


def test_a_backup_of_a_store_with_no_attachments_still_restores(store, vacancy_id, tmp_path) -> None:
    store.set_status(vacancy_id, "applied")
    backup = write_backup(store, tmp_path / "old.zip", TODAY)
    with zipfile.ZipFile(backup) as archive:
        assert not [name for name in archive.namelist() if name.startswith("attachments")]
    store.set_status(vacancy_id, "rejected")
    restore_backup(store, backup, TODAY)
    assert store.get(vacancy_id).status == "applied"


def test_a_copy_damaged_in_the_store_is_left_out_of_a_backup_and_said(store, vacancy_id, letter, tmp_path) -> None:
    from eujobs.store.persistence.backup import describe_backup

    attach(store, vacancy_id, letter)
    (store.root / "attachments" / hashlib.sha256(LETTER).hexdigest()).write_bytes(b"rot")
    backup = write_backup(store, tmp_path / "backup.zip", TODAY)
    check_backup(backup)  # restorable: the damaged copy is not in it
    assert describe_backup(backup).endswith("; 1 damaged attached file left out (its content no longer matches what "
                                            "was attached)")


def test_the_daily_backup_carries_the_copies(tmp_path, letter) -> None:
    now = [TODAY]
    store = Store.open(tmp_path / "store", lambda: now[0])
    vacancy_id = store.save_imports([incoming()])[0].vacancy_id
    attach(store, vacancy_id, letter)
    now[0] = TODAY + timedelta(days=1)
    store.apply(Change(vacancy_id, "notes", "the next day's first change takes the day's backup"))
    daily = store.root / "backups" / f"daily-{TODAY + timedelta(days=1):%Y-%m-%d}.zip"
    with zipfile.ZipFile(daily) as archive:
        assert archive.read(f"attachments/{hashlib.sha256(LETTER).hexdigest()}") == LETTER


def test_a_backup_claiming_more_attached_bytes_than_the_limit_is_refused_unread(tmp_path) -> None:
    """Each member's size as the zip's directory declares it (a zip bomb's claim): refused before any is read."""
    path = tmp_path / "claims.zip"
    with zipfile.ZipFile(path, "w") as archive:
        for n in range(MAX_ATTACHMENTS_BYTES // MAX_ATTACHMENT_BYTES + 1):
            archive.writestr(f"attachments/{n:064x}", b"")
    data = bytearray(path.read_bytes())
    at = data.find(b"PK\x01\x02")  # each entry of the central directory: its uncompressed size at offset 24
    while at != -1:
        data[at + 24:at + 28] = MAX_ATTACHMENT_BYTES.to_bytes(4, "little")
        at = data.find(b"PK\x01\x02", at + 4)
    path.write_bytes(bytes(data))
    with pytest.raises(StoreError, match="its attached files would unpack to more than 2000 MB"):
        check_backup(path)


def test_copies_are_written_out_under_safe_names_all_or_none(store, tmp_path, letter) -> None:
    assert [safe_file_name(name) for name in ("../../.bashrc", "a/b\\c", "\x1b[2Jcv.pdf", "", "x" * 300 + ".pdf")] \
        == ["_.._.bashrc", "a_b_c", "_[2Jcv.pdf", "attachment", "x" * 196 + ".pdf"]
    sha256 = keep_file(store.root, letter).sha256
    with pytest.raises(StoreError, match="missing from the store"):
        export_copies(store.root, [(sha256, "letter.txt"), ("b" * 64, "gone.txt")], tmp_path / "out")
    assert not (tmp_path / "out").exists()


# ---------------------------------------------------------------------- the dashboard


@pytest.fixture
async def pilot(store, vacancy_id):
    app = EujobsApp(store)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        yield pilot
    app.saver.close()


async def test_t_in_the_tracker_attaches_a_file_as_one_undo_step(pilot, store, vacancy_id, letter) -> None:
    await press(pilot, "4", "t")
    await pilot.press(*str(letter))
    await press(pilot, "enter", "2")  # 2: a cover letter
    await settle(pilot)
    (attachment,) = store.get(vacancy_id).attachments
    assert (attachment.name, attachment.used_as) == ("letter.txt", "letter")
    lines = tracker_lines(store.get(vacancy_id), 80, TODAY)
    shown = [line.plain.replace(NO_BREAK_SPACE, " ").strip() for line in lines]
    assert "10/03/2026  letter.txt  1 KB · cover letter" in shown
    await press(pilot, "u")
    assert store.get(vacancy_id).attachments == ()
    assert [n.message for n in pilot.app._notifications][-1] == "Undone: attached “letter.txt”"


async def test_the_attach_dialog_says_at_once_what_cannot_be_attached(pilot, store, vacancy_id, tmp_path) -> None:
    await press(pilot, "4", "t")
    await pilot.press(*str(tmp_path))
    await press(pilot, "enter")
    assert f"{tmp_path} is a folder" in str(pilot.app.screen.query_one("#dialog-error").render())
    assert store.get(vacancy_id).attachments == ()
