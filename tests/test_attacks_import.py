"""Attacks on an import: killed with SIGKILL at any moment, stopped with Ctrl-C during a slow file, fed an
endless standard input, a full disk halfway through its texts, a folder it may not read.

An import killed must leave no process of its own running (its worker processes and PDF-reading children end
by themselves) and a store that opens and holds whole imports only. The processes of an import run here are
found by a marker in their environment, which every one of them inherits: a fresh one for each test.
"""

from __future__ import annotations

import ctypes
import errno
import io
import json
import os
import re
import select
import shutil
import signal
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest

from eujobs.store.ingest.importer import import_paths
from eujobs.store.persistence import storage
from eujobs.store.persistence.db import Store
from eujobs.tui.cli import main

from .conftest import POSTINGS, ROOT, fixed_clock, store_bytes
from .pdf_fixtures import pdf_file

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from corpus import make_corpus  # noqa: E402

NOW = "2026-03-10T09:00:00+00:00"
GOOD = POSTINGS / "ep-traineeship-itec-pmco.txt"
MARKER = "EUJOBS_TEST_IMPORT"  # the environment variable each test's processes carry
WAIT_S = 60.0  # for an import to reach a moment, or to end once stopped: only a hang takes this long
GONE_S = 20.0  # for the processes of a killed import to end: they take a second or two at most
BATCH_TEXTS = 40  # text files of the batch (more than PROCESSES_FROM: parsed in worker processes), and one PDF

needs_proc = pytest.mark.skipif(not os.path.exists("/proc/self/environ"), reason="finds processes through /proc")

# `eujobs import` as the command line runs it, saying on stdout (lines starting with @) when it reaches the
# moments a test acts at: each file read (@read N), the batch's texts written but not the catalog (@texts),
# the catalog saved (@saved), a PDF sent to its reading child (@pdf), a slow file begun (@slow).
DRIVER = r'''
import os, sys, threading, time
from eujobs.store.ingest import importer, pdf
from eujobs.store.persistence.db import Store
from eujobs.tui import report
from eujobs.tui.cli import main

def say(line):
    os.write(1, (line + "\n").encode())

def after(cls, name, line):
    real = getattr(cls, name)
    def call(*args, **kwargs):
        result = real(*args, **kwargs)
        say(line)
        return result
    setattr(cls, name, call)

report.ProgressBar.update = lambda self, done, total: say(f"@read {done}")
after(Store, "_save_texts", "@texts")
after(Store, "save_imports", "@saved")
real_read = pdf._Reader.read
def read(self, *args):
    say("@pdf")
    return real_read(self, *args)
pdf._Reader.read = read
slow = os.environ.get("SLOW_FILE")
real_load = importer.load_file
def load_file(path, **kwargs):
    if path.name == slow:
        say("@slow")
        time.sleep(600)
    return real_load(path, **kwargs)
importer.load_file = load_file
if os.environ.get("OTHER_THREAD"):  # the workers then come from a fork server instead of this process
    threading.Thread(target=threading.Event().wait, daemon=True).start()
sys.exit(main(sys.argv[1:]))
'''


class Import:
    """`eujobs import` in a process group of its own, as a shell runs it, with the test's marker."""

    def __init__(self, marker: str, store: Path, paths: list[Path], **env: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", DRIVER, "--store", str(store), "import", *map(str, paths)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True,
            env={**os.environ, MARKER: marker, "EUJOBS_NOW": NOW, **env})
        self.said: list[str] = []
        self.pending = b""

    def wait_for(self, *moments: str) -> None:
        deadline = time.monotonic() + WAIT_S
        while not all(moment in self.said for moment in moments):
            assert time.monotonic() < deadline, f"never said {moments}: {self.said[-5:]}"
            if select.select([self.process.stdout], [], [], 0.5)[0]:
                chunk = os.read(self.process.stdout.fileno(), 1 << 16)
                assert chunk, f"ended without saying {moments}: {self.said[-5:]}, {self.process.stderr.read()}"
                *lines, self.pending = (self.pending + chunk).split(b"\n")
                self.said += [line.decode() for line in lines]

    def finish(self) -> tuple[str, str]:
        """What it printed from here on, and on stderr, once it has ended."""
        out, err = self.process.communicate(timeout=WAIT_S)
        return (self.pending + out).decode(), err.decode()

    def kill(self) -> None:
        self.process.kill()
        self.process.wait()  # reaped: the killed process is gone, not a zombie of ours
        self.process.stdout.close()  # not read to its end: a process left behind would hold it open
        self.process.stderr.close()


def live_processes(marker: str) -> list[int]:
    """The processes alive whose environment carries this marker (a zombie's environment reads empty)."""
    needle = f"{MARKER}={marker}\0".encode()
    found = []
    for entry in os.scandir("/proc"):
        if entry.name.isdigit() and int(entry.name) != os.getpid():
            try:
                with open(f"/proc/{entry.name}/environ", "rb") as environ:
                    if needle in environ.read():
                        found.append(int(entry.name))
            except OSError:
                continue  # ended meanwhile, or not ours to read
    return found


def left_after_a_while(marker: str) -> list[int]:
    deadline = time.monotonic() + GONE_S
    while (left := live_processes(marker)) and time.monotonic() < deadline:
        time.sleep(0.1)
    return left


@pytest.fixture
def marker():
    """A marker for the test's processes; any still running at its end are killed (a failed test's)."""
    value = uuid.uuid4().hex
    yield value
    for pid in live_processes(value):
        try:
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass


@pytest.fixture(scope="module")
def batch(tmp_path_factory) -> tuple[Path, int]:
    """A folder of postings (text files and a PDF), and how many vacancies importing it makes."""
    folder = tmp_path_factory.mktemp("batch") / "postings"
    make_corpus(folder, BATCH_TEXTS)
    shutil.copy(POSTINGS / "ec-digit-b1-ict-security-officer.pdf", folder)
    root = tmp_path_factory.mktemp("whole") / "store"
    outcomes = import_paths(Store.open(root, fixed_clock), [str(folder)])
    assert not any(outcome.failed for outcome in outcomes)
    return folder, len(Store.open(root, fixed_clock).vacancies())


def check_whole(root: Path, expected: tuple[int, ...]) -> None:
    """The store opens and holds whole imports only: each vacancy with its text."""
    store = Store.open(root, fixed_clock)
    vacancies = store.vacancies()
    assert len(vacancies) in expected
    assert all(store.text_of(vacancy) for vacancy in vacancies)


def texts_named_by_the_catalog(root: Path) -> bool:
    """Each text in the store is of a version of a posting the catalog holds, and each such version has one."""
    documents = json.loads((root / "catalog.json").read_text(encoding="utf-8"))["vacancies"].values()
    named = {sha for document in documents for sha in document["seen"]}
    on_disk = {path.name.split(".")[0] for path in (root / "texts").iterdir()}
    return on_disk == named


# ------------------------------------------------------------------------------------------ killed imports


@needs_proc
@pytest.mark.parametrize(("moment", "fork_server"), [
    ("@read 1", False), ("@read 15", False), ("@read 30", False), ("@texts", False), ("@saved", False),
    ("@read 1", True), ("@read 30", True),
])
def test_an_import_killed_at_any_moment_leaves_no_process_and_whole_imports(
        moment, fork_server, batch, marker, tmp_path, report) -> None:
    folder, count = batch
    root = tmp_path / "store"
    running = Import(marker, root, [folder], **({"OTHER_THREAD": "1"} if fork_server else {}))
    running.wait_for(moment)
    alive = len(live_processes(marker))
    # While reading, the workers and the PDF's reader are there to be left behind; by the save they are gone.
    assert alive > 1 or moment in ("@texts", "@saved")
    running.kill()

    assert left_after_a_while(marker) == []
    check_whole(root, (0, count))
    # The store goes on: the next import of the batch completes it, and no text is left that it does not name.
    outcomes = import_paths(Store.open(root, fixed_clock), [str(folder)])
    assert not any(outcome.failed for outcome in outcomes)
    check_whole(root, (count,))
    assert texts_named_by_the_catalog(root)
    report(f"import SIGKILLed at {moment}{' (fork server)' if fork_server else ''}: {alive} processes, "
           "none left; store whole")


PAGE_TEXT = b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET"
HANGING_PDF = pdf_file([  # its page tree is a reference loop (5 -> 6 -> 5): pdfminer reads it for ever
    b"<< /Type /Catalog /Pages 2 0 R >>", b"5 0 R",
    b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
    b"<< /Length %d >>\nstream\n%s\nendstream" % (len(PAGE_TEXT), PAGE_TEXT), b"6 0 R", b"5 0 R"])


@needs_proc
def test_a_pdf_reading_child_busy_with_a_pdf_ends_when_the_import_is_killed(marker, tmp_path) -> None:
    """Nothing else would end it: its parent enforced its time limit."""
    (tmp_path / "hanging.pdf").write_bytes(HANGING_PDF)
    running = Import(marker, tmp_path / "store", [tmp_path / "hanging.pdf"])
    running.wait_for("@pdf")
    time.sleep(1)  # the child has the PDF and is lost in it
    assert len(live_processes(marker)) == 2
    running.kill()
    assert left_after_a_while(marker) == []


# ------------------------------------------------------------------------------------------------ Ctrl-C


@needs_proc
@pytest.mark.parametrize("texts", [3, 20], ids=["threads", "worker processes"])
def test_the_first_ctrl_c_stops_an_import_at_once_and_keeps_what_was_read(texts, marker, tmp_path) -> None:
    """A slow file (here one whose reading sleeps for 10 minutes) is not waited for; the files read whole
    before it are saved, and the user is told so."""
    folder = tmp_path / "postings"
    make_corpus(folder, texts)
    shutil.copy(GOOD, folder / "zz-slow.txt")  # read last
    root = tmp_path / "store"
    running = Import(marker, root, [folder], SLOW_FILE="zz-slow.txt")
    running.wait_for("@slow", f"@read {texts}")
    os.killpg(running.process.pid, signal.SIGINT)  # as a terminal sends Ctrl-C to the foreground job
    out, err = running.finish()

    assert running.process.returncode == 130
    assert err.splitlines()[-1] == f"eujobs: stopped: {texts} imported, 1 not"
    assert "Traceback" not in err
    lines = [line for line in out.splitlines() if not line.startswith("@")]
    assert len(lines) == texts and not any("zz-slow" in line for line in lines)
    check_whole(root, (texts,))
    assert left_after_a_while(marker) == []


# ------------------------------------------------------------------------------------------ standard input


class Endless(io.RawIOBase):
    """/dev/zero, counting what is taken from it; reading on past 64 MB is the bug (7.7 GB in 6 s)."""

    def __init__(self) -> None:
        self.taken = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer) -> int:
        if self.taken > 64 << 20:
            raise AssertionError("standard input read without a cap")
        buffer[:] = bytes(len(buffer))
        self.taken += len(buffer)
        return len(buffer)


def test_an_endless_standard_input_is_capped_as_a_file_is(tmp_path, monkeypatch, capsys) -> None:
    endless = Endless()
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BufferedReader(endless)))
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", "-"]) == 1
    out, err = capsys.readouterr()
    assert out.splitlines() == ["failed     -: standard input too large (limit 5 MB for text)",
                                "1 file: 0 imported, 0 updated, 0 unchanged, 0 conflicts, 1 failed"]
    assert err == ""
    assert endless.taken <= (5 << 20) + (1 << 20)  # its limit and a byte, give or take a buffer
    assert Store.open(root, fixed_clock).vacancies() == []


# ------------------------------------------------------------------------------------------------ disk full


def fail_the_texts_from(monkeypatch, count: int) -> None:
    """The disk is full once `count` files have been written into texts/ (the rename of the next fails)."""
    real_replace = os.replace
    written = []

    def replace(source, target, *args, **kwargs):
        if Path(target).parent.name == "texts":
            if len(written) >= count:
                raise OSError(errno.ENOSPC, "No space left on device")
            written.append(target)
        return real_replace(source, target, *args, **kwargs)

    monkeypatch.setattr(storage.os, "replace", replace)


def test_a_disk_full_halfway_through_an_imports_texts_leaves_none_of_them(tmp_path, monkeypatch, capsys) -> None:
    """486 orphan texts stayed after a 5,000-file import met a full disk, and kept it full: every tick failed."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    folder = tmp_path / "postings"
    make_corpus(folder, 30)
    capsys.readouterr()
    before = store_bytes(root)
    fail_the_texts_from(monkeypatch, 20)  # ten postings' words and texts, then the next one's words

    assert main(["--store", str(root), "import", str(folder)]) == 1
    err = capsys.readouterr().err.strip()
    assert re.fullmatch(rf"eujobs: {re.escape(str(root / 'texts'))}/[0-9a-f]{{64}}\.words: could not save "
                        r"\(disk full\)", err), err
    assert without_backups(store_bytes(root)) == without_backups(before)  # a daily backup may be taken first


def without_backups(files: dict[str, bytes]) -> dict[str, bytes]:
    return {name: data for name, data in files.items() if not name.startswith("backups/")}


def test_texts_an_import_killed_earlier_left_are_removed_by_the_next(tmp_path, monkeypatch, capsys) -> None:
    """Only the names eujobs gives its texts: anything else in the folder stays."""
    monkeypatch.setenv("EUJOBS_NOW", NOW)
    root = tmp_path / "store"
    assert main(["--store", str(root), "import", str(GOOD)]) == 0
    texts = root / "texts"
    orphan = "0123456789abcdef" * 4
    others = [f"{orphan}.txt.bak", "notes.txt", f"{orphan.upper()}.txt"]
    for name in [f"{orphan}.txt", f"{orphan}.words", *others]:
        (texts / name).write_text("left behind")

    assert main(["--store", str(root), "import", str(POSTINGS / "opsys-junior-project-manager.txt")]) == 0
    assert sorted(path.name for path in texts.iterdir() if path.name in others) == sorted(others)
    for name in others:
        (texts / name).unlink()
    assert texts_named_by_the_catalog(root)


# ------------------------------------------------------------------------------------------ unreadable folders


PR_CAPBSET_DROP, CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH = 24, 1, 2  # <linux/prctl.h>, <linux/capability.h>


def without_root_powers() -> None:
    """In the child, before it runs the command: root reads a chmod-000 folder all the same, unless it lacks
    these two capabilities (dropped from the bounding set, they are gone once the command is run)."""
    libc = ctypes.CDLL(None, use_errno=True)
    for capability in (CAP_DAC_OVERRIDE, CAP_DAC_READ_SEARCH):
        if libc.prctl(PR_CAPBSET_DROP, capability, 0, 0, 0) != 0:
            raise OSError(ctypes.get_errno(), "cannot drop root's power to read any folder")


def import_unprivileged(args: list[str]) -> subprocess.CompletedProcess:
    """The command line as a user to whom permissions apply."""
    try:
        return subprocess.run(
            [sys.executable, "-c", "import sys; from eujobs.tui.cli import main; sys.exit(main())", *args],
            capture_output=True, text=True, env={**os.environ, "EUJOBS_NOW": NOW}, check=False,
            preexec_fn=without_root_powers if os.geteuid() == 0 else None)
    except (OSError, subprocess.SubprocessError) as error:
        pytest.skip(f"root here cannot give up reading every folder ({error})")


def test_a_folder_that_cannot_be_read_is_one_line_naming_it_and_a_failure(tmp_path) -> None:
    postings = tmp_path / "postings"
    locked = postings / "locked"
    locked.mkdir(parents=True)
    shutil.copy(GOOD, postings / "good.txt")
    shutil.copy(POSTINGS / "opsys-junior-project-manager.txt", locked / "inside.txt")
    shutil.copy(POSTINGS / "ep-traineeship-itec-spepro.txt", postings / "secret.txt")
    locked.chmod(0)
    (postings / "secret.txt").chmod(0)
    store = str(tmp_path / "store")
    try:
        alone = import_unprivileged(["--store", store, "import", str(locked)])
        beside = import_unprivileged(["--store", store, "import", str(postings)])
    finally:
        locked.chmod(0o700)

    assert alone.returncode == 1, alone
    assert alone.stdout.splitlines()[0] == f"failed     {locked}: cannot read the folder (permission denied)"
    assert alone.stderr == ""
    assert beside.returncode == 1, beside
    lines = beside.stdout.splitlines()
    assert lines[0].startswith("imported") and f" {postings / 'good.txt'}  (" in lines[0]
    assert lines[1:] == [f"failed     {locked}: cannot read the folder (permission denied)",
                         f"failed     {postings / 'secret.txt'}: permission denied",
                         "3 files: 1 imported, 0 updated, 0 unchanged, 0 conflicts, 2 failed"]
