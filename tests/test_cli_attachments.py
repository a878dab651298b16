"""`eujobs attach`, `attachments` and `detach`, run as installed: the files sent with an application are kept in the
store once each, survive a backup, damage and a restore byte for byte, and what cannot be kept is said in one line."""

from __future__ import annotations

import hashlib
import json
import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from eujobs.store.persistence.db import Store

from .conftest import TODAY, fixed_clock, incoming

EUJOBS = Path(sys.executable).parent / "eujobs"
CV = b"%PDF-1.4\n" + bytes(range(256)) * 700 + b"\n%%EOF\n"  # binary, 175 KB


def eujobs(root: Path, *argv: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "EUJOBS_NOW": TODAY.isoformat()}
    env.pop("EUJOBS_STORE", None)
    return subprocess.run([str(EUJOBS), "--store", str(root), *argv], capture_output=True, text=True, env=env,
                          timeout=300)


@pytest.fixture
def ten(tmp_path: Path) -> tuple[Path, list[str]]:
    """A store of ten vacancies: its folder and their ids."""
    store = Store.open(tmp_path / "store", fixed_clock)
    saved = store.save_imports([incoming(f"EPSO/AD/{n}/26", f"{n:x}" * 64, f"Officer {n}") for n in range(1, 11)])
    return store.root, [s.vacancy_id for s in saved]


@pytest.fixture
def cv(tmp_path: Path) -> Path:
    path = tmp_path / "sent" / "cv.pdf"
    path.parent.mkdir()
    path.write_bytes(CV)
    return path


def kept_files(root: Path) -> list[Path]:
    folder = root / "attachments"
    return sorted(folder.iterdir()) if folder.exists() else []


def test_the_same_file_attached_to_ten_applications_is_kept_once_private(ten, cv) -> None:
    root, ids = ten
    first = eujobs(root, "attach", ids[0], str(cv), "--as", "cv")
    assert first.returncode == 0, first.stderr
    assert first.stdout == "Kept cv.pdf (175 KB, as CV) for EPSO/AD/1/26\n"
    for vacancy_id in ids[1:]:
        assert eujobs(root, "attach", vacancy_id, str(cv), "--as", "cv").returncode == 0
    assert eujobs(root, "attach", "EPSO/AD/10/26", str(cv), "--as", "cv").stdout.startswith(
        "cv.pdf is already attached to EPSO/AD/10/26")
    assert "already kept for 9 other applications" in eujobs(root, "attach", ids[9], str(cv), "--as", "form").stdout

    (kept,) = kept_files(root)
    assert kept.name == hashlib.sha256(CV).hexdigest() and kept.read_bytes() == CV
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert stat.S_IMODE(kept.parent.stat().st_mode) == 0o700
    listed = eujobs(root, "attachments", ids[0])
    assert listed.stdout == "10/03/2026  cv.pdf    175 KB  CV\n"
    record = json.loads(eujobs(root, "attachments", ids[0], "--json").stdout)
    assert record == [{"id": kept.name, "sha256": kept.name, "name": "cv.pdf", "size": len(CV), "as": "cv",
                       "at": TODAY.isoformat()}]


def test_an_attached_file_survives_backup_damage_and_restore_byte_for_byte(ten, cv, tmp_path) -> None:
    root, ids = ten
    assert eujobs(root, "attach", ids[0], str(cv), "--as", "cv").returncode == 0
    backup = eujobs(root, "backup", str(tmp_path / "backup.zip"))
    assert backup.returncode == 0 and "1 attached file" in backup.stdout
    (kept,) = kept_files(root)
    kept.write_bytes(CV[:1000] + b"\0" * 10 + CV[1010:])  # a few bytes of the copy damaged
    assert eujobs(root, "attachments", ids[0], "--export", str(tmp_path / "out")).stderr == (
        f"eujobs: {kept}: the copy of an attached file is damaged (its content no longer matches what was "
        "attached); restore a backup\n")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())

    restored = eujobs(root, "restore", str(tmp_path / "backup.zip"))
    assert restored.returncode == 0, restored.stderr
    assert kept.read_bytes() == CV
    exported = eujobs(root, "attachments", ids[0], "--export", str(tmp_path / "out"))
    assert exported.returncode == 0, exported.stderr
    assert (tmp_path / "out" / "cv.pdf").read_bytes() == CV


def test_what_cannot_be_attached_is_said_in_one_line_and_nothing_is_kept(ten, tmp_path, cv) -> None:
    root, ids = ten
    large = tmp_path / "scan.pdf"
    with open(large, "wb") as file:
        file.truncate(20 * 1024 * 1024 + 1)
    (tmp_path / "link.pdf").symlink_to(cv)
    os.mkfifo(tmp_path / "pipe")
    said = {
        large: f"{large} is larger than 20 MB, the most eujobs keeps of a file sent; nothing was attached",
        tmp_path / "sent": f"{tmp_path / 'sent'} is a folder; attach the files in it one by one",
        tmp_path / "gone.pdf": f"{tmp_path / 'gone.pdf'}: no such file; nothing was attached",
        tmp_path / "link.pdf": f"{tmp_path / 'link.pdf'} is a symbolic link; eujobs keeps only the file itself: "
                               f"name the file it points to ({cv})",
        tmp_path / "pipe": f"{tmp_path / 'pipe'} is not a regular file (a device or a pipe, say); nothing was "
                           "attached",
    }
    for path, line in said.items():
        result = eujobs(root, "attach", ids[0], str(path))
        assert (result.returncode, result.stdout, result.stderr) == (1, "", f"eujobs: {line}\n")
    assert kept_files(root) == []
    assert eujobs(root, "attachments", ids[0]).stdout.startswith("No files attached to EPSO/AD/1/26 yet")


def test_detach_takes_the_file_off_and_the_store_keeps_its_copy(ten, cv) -> None:
    root, ids = ten
    eujobs(root, "attach", ids[0], str(cv), "--as", "cv")
    result = eujobs(root, "detach", ids[0], "cv.pdf")
    assert result.returncode == 0 and result.stdout.startswith("Detached cv.pdf from EPSO/AD/1/26; the store keeps")
    assert json.loads(eujobs(root, "attachments", ids[0], "--json").stdout) == []
    assert [p.read_bytes() for p in kept_files(root)] == [CV]
    missing = eujobs(root, "detach", ids[0], "cv.pdf")
    assert (missing.returncode, missing.stderr) == (
        1, f"eujobs: no file 'cv.pdf' attached to EPSO/AD/1/26 (eujobs attachments {ids[0]} lists them)\n")


def test_an_export_never_overwrites_and_makes_every_name_safe(ten, tmp_path) -> None:
    root, ids = ten
    hidden = tmp_path / "..hidden letter.txt"
    hidden.write_bytes(b"Dear committee")
    eujobs(root, "attach", ids[0], str(hidden), "--as", "letter")
    out = tmp_path / "out"
    out.mkdir()
    (out / "hidden letter.txt").write_bytes(b"mine")
    result = eujobs(root, "attachments", ids[0], "--export", str(out))
    assert result.returncode == 0, result.stderr
    assert (out / "hidden letter.txt").read_bytes() == b"mine"
    assert (out / "hidden letter (2).txt").read_bytes() == b"Dear committee"


def test_a_name_with_escape_sequences_is_shown_never_obeyed_and_detached_by_its_hash(ten, tmp_path) -> None:
    root, ids = ten
    hostile = tmp_path / "\x1b]0;pwned\x07cv.pdf"
    hostile.write_bytes(b"%PDF-1.4 mine")
    attached = eujobs(root, "attach", ids[0], str(hostile), "--as", "cv")
    assert attached.returncode == 0 and "\x1b" not in attached.stdout + attached.stderr
    assert "␛]0;pwned\\x07cv.pdf" in attached.stdout
    listed = eujobs(root, "attachments", ids[0]).stdout
    assert "\x1b" not in listed and "␛]0;pwned\\x07cv.pdf" in listed
    sha256 = hashlib.sha256(b"%PDF-1.4 mine").hexdigest()
    detached = eujobs(root, "detach", ids[0], sha256[:8])
    assert detached.returncode == 0 and detached.stdout.startswith("Detached ␛]0;pwned\\x07cv.pdf from")
