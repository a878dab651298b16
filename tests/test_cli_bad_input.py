"""Bad input: each file gets one clear line, the exit status says so, the store is untouched, good files still go in."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from eujobs.tui.cli import main

from . import pdf_fixtures as make
from .conftest import POSTINGS, store_bytes

GOOD = POSTINGS / "ep-traineeship-itec-pmco.txt"


def empty(folder: Path) -> Path:
    path = folder / "empty.txt"
    path.write_bytes(b"")
    return path


def unknown_extension(folder: Path) -> Path:
    path = folder / "posting.docx"
    path.write_bytes(b"PK\x03\x04 not really a docx")
    return path


def missing(folder: Path) -> Path:
    return folder / "no-such-posting.pdf"


def short_note(folder: Path) -> Path:
    path = folder / "note.md"
    path.write_text("Call me back about the job.")
    return path


BAD = {
    empty: "empty file",
    make.binary_garbage: "not text: binary data",
    make.truncated_pdf: "PDF is damaged",
    make.encrypted_pdf: "PDF is encrypted",
    make.image_only_pdf: "PDF has no text layer (scanned image?)",
    make.big_text: "file too large: 20.0 MB (limit 5 MB)",
    unknown_extension: "unsupported file type '.docx' (use .txt, .md, .pdf or .html)",
    missing: "no such file",
    short_note: "only 6 words: too short to be a job posting (at least 20 expected)",
}


@pytest.fixture
def store(tmp_path: Path) -> Path:
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(GOOD)]) == 0
    return store


@pytest.mark.parametrize("make_file", BAD, ids=lambda f: f.__name__)
def test_bad_file_is_one_clear_line_and_changes_nothing(make_file, store, tmp_path, capsys) -> None:
    capsys.readouterr()
    bad = make_file(tmp_path)
    before = store_bytes(store)
    assert main(["--store", str(store), "import", str(bad)]) == 1
    out, err = capsys.readouterr()
    reason = out.splitlines()[0].removeprefix(f"failed     {bad}: ")
    assert reason.startswith(BAD[make_file]) and "\n" not in reason
    assert out.splitlines()[1] == "1 file: 0 imported, 0 updated, 0 unchanged, 0 conflicts, 1 failed"
    assert "Traceback" not in out + err
    assert store_bytes(store) == before


def test_cp1252_text_is_read_with_its_accents(tmp_path, capsys) -> None:
    """Postings saved by older Windows tools come in cp1252: the accents, dashes and € must survive."""
    posting = GOOD.read_text(encoding="utf-8") + "\nRémunération : 1 300 € – stage rémunéré\n"
    path = tmp_path / "stage.txt"
    path.write_bytes(posting.encode("cp1252"))
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(path)]) == 0
    (text,) = (store / "texts").glob("*.txt")
    assert "Rémunération : 1 300 € – stage rémunéré" in text.read_text(encoding="utf-8")


def test_a_folder_of_mixed_files_imports_the_good_and_names_the_bad(tmp_path, capsys) -> None:
    folder = tmp_path / "mixed"
    folder.mkdir()
    for seed in ("ec-cnect-r3-it-project-officer.pdf", "opsys-junior-project-manager.txt"):
        shutil.copy(POSTINGS / seed, folder)
    make.encrypted_pdf(folder)
    empty(folder)
    unknown_extension(folder)
    (folder / ".hidden.txt").write_text("editor swap file")
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(folder)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[-1] == "5 files: 2 imported, 0 updated, 0 unchanged, 0 conflicts, 3 failed"
    assert sorted(line.split()[0] for line in lines[:-1]) == ["failed"] * 3 + ["imported"] * 2
    assert f"failed     {folder / 'empty.txt'}: empty file" in lines
    assert f"failed     {folder / 'encrypted.pdf'}: PDF is encrypted" in lines
    assert not any(".hidden" in line for line in lines)
    main(["--store", str(store), "list", "--json"])
    titles = capsys.readouterr().out
    assert "IT Project Officer" in titles and "Junior Project Manager Officer" in titles


def test_stdin_is_read_with_a_dash(tmp_path, capsys, monkeypatch) -> None:
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(GOOD.read_bytes())))
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", "-"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("imported") and "Trainee – Portfolio Management and Compliance Unit (PMCO)" in out


def test_a_parser_bug_on_one_file_fails_that_file_only(tmp_path, capsys, monkeypatch) -> None:
    from eujobs.store.ingest import importer

    real_parse = importer.parse

    def parse_or_crash(text: str):
        if "PMCO" in text:
            raise KeyError("boom")
        return real_parse(text)

    monkeypatch.setattr(importer, "parse", parse_or_crash)
    store = tmp_path / "store"
    other = POSTINGS / "opsys-junior-project-manager.txt"
    assert main(["--store", str(store), "import", str(GOOD), str(other)]) == 1
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == f"failed     {GOOD}: internal error (KeyError: 'boom'); please report it"
    assert lines[1].startswith("imported")
    with pytest.raises(KeyError):
        main(["--store", str(store), "import", str(GOOD), "--debug"])


@pytest.mark.parametrize("out", ["no-such-folder/deadlines.ics", "a-file/deadlines.ics"])
def test_an_export_to_a_folder_that_is_not_there_is_one_line(out, tmp_path, capsys) -> None:
    store = tmp_path / "store"
    assert main(["--store", str(store), "import", str(GOOD)]) == 0
    (tmp_path / "a-file").write_text("not a folder")
    capsys.readouterr()
    assert main(["--store", str(store), "export", "--format", "ics", "--out", str(tmp_path / out)]) == 1
    out_text, err = capsys.readouterr()
    assert err.count("\n") == 1 and err.startswith(f"eujobs: {tmp_path / out}: cannot write the export there (")
    assert "internal error" not in err and out_text == ""
