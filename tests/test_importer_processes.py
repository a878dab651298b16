"""A large batch of text files is parsed in worker processes (one per core): the outcomes, records and
files must be exactly those of reading every file in this process, and a worker that dies costs nothing."""

from __future__ import annotations

import json
import multiprocessing
import os
import sys
import threading
from pathlib import Path

import pytest

from eujobs.store.ingest import importer
from eujobs.store.ingest.importer import PROCESSES_FROM, PostingReader, import_paths
from eujobs.store.persistence.db import Store

from .conftest import ROOT, fixed_clock

sys.path.insert(0, str(ROOT / "tests" / "bench"))
from corpus import make_corpus  # noqa: E402

BATCH = PROCESSES_FROM + 4


@pytest.fixture
def started(monkeypatch) -> list[int]:
    """The worker counts of the process pools the importer starts."""
    counts = []
    real_pool = importer._worker_processes
    monkeypatch.setattr(importer, "_worker_processes", lambda workers: counts.append(workers) or real_pool(workers))
    return counts


def catalog_postings(root: Path) -> dict[str, dict]:
    documents = json.loads((root / "catalog.json").read_text(encoding="utf-8"))["vacancies"]
    return {doc["key"]: doc["posting"] for doc in documents.values()}


def test_a_large_batch_parsed_in_processes_gives_what_one_thread_gives(tmp_path, started) -> None:
    folder = tmp_path / "postings"
    make_corpus(folder, BATCH)

    alone = import_paths(Store.open(tmp_path / "alone", fixed_clock), [str(folder)], workers=1)
    assert started == []  # one worker: nothing to gain from processes
    pooled = import_paths(Store.open(tmp_path / "pooled", fixed_clock), [str(folder)], workers=2)

    assert started == [2]
    assert [(o.name, o.outcome, o.title) for o in pooled] == [(o.name, o.outcome, o.title) for o in alone]
    assert all(o.outcome == "imported" for o in pooled) and len(pooled) == BATCH
    assert catalog_postings(tmp_path / "pooled") == catalog_postings(tmp_path / "alone")
    texts = sorted(p.name for p in (tmp_path / "pooled" / "texts").iterdir())
    assert texts == sorted(p.name for p in (tmp_path / "alone" / "texts").iterdir())
    assert len([name for name in texts if name.endswith(".words")]) == BATCH
    for name in texts:
        assert (tmp_path / "pooled" / "texts" / name).read_bytes() == (tmp_path / "alone" / "texts" / name).read_bytes()


class ReaderThatDies(PostingReader):
    """A worker process that dies on one file, as one the kernel killed for its memory would."""

    def __call__(self, name: str):
        if multiprocessing.parent_process() is not None and name.endswith("posting-000003.txt"):
            os._exit(9)
        return super().__call__(name)


def test_a_worker_that_dies_costs_no_file(tmp_path, started) -> None:
    folder = tmp_path / "postings"
    paths = make_corpus(folder, BATCH)
    names = [str(path) for path in sorted(paths) if path.suffix == ".txt"]
    assert any(name.endswith("posting-000003.txt") for name in names)

    read = importer._read_all(names, ReaderThatDies("2026-03-01T09:00:00+00:00"), 2, None)

    assert started == [2]
    assert len(read) == len(names)
    assert all(isinstance(item, importer.Incoming) for item in read)
    assert [item.source.path for item in read] == [str(Path(name).resolve()) for name in names]


def test_this_process_parses_one_pdf_while_the_next_is_extracted(tmp_path, monkeypatch) -> None:
    """With one worker the PDF-reading child would otherwise wait while each text is parsed."""
    first, second = sorted(str(path) for path in (ROOT / "sample_data" / "postings").glob("*.pdf"))
    second_started = threading.Event()
    real_load, real_parse = importer.load_file, importer.parse

    def load(path: Path):
        if str(path) == second:
            second_started.set()
        return real_load(path)

    overlapped = []

    def parse(text: str):
        if not overlapped:
            overlapped.append(second_started.wait(timeout=10))
        return real_parse(text)

    monkeypatch.setattr(importer, "load_file", load)
    monkeypatch.setattr(importer, "parse", parse)
    outcomes = import_paths(Store.open(tmp_path / "store", fixed_clock), [first, second], workers=1)
    assert [o.outcome for o in outcomes] == ["imported", "imported"]
    assert overlapped == [True]


class ReaderThatTellsItsParent(PostingReader):
    """Fails each file with the id of the process that made the worker, as its reason."""

    def __call__(self, name: str):
        return importer.Outcome(name, "failed", reason=str(os.getppid()))


def worker_parents(names: list[str]) -> set[int]:
    read = importer._read_all(names, ReaderThatTellsItsParent("2026-03-01T09:00:00+00:00"), 2, None)
    assert len(read) == len(names)
    return {int(item.reason) for item in read}


def test_workers_are_copies_of_this_process_only_while_it_runs_no_other_thread(tmp_path, started) -> None:
    """A copy of this process is ready at once; made while another thread holds a lock, it could keep that
    lock forever, so a fresh server makes them then."""
    names = [str(path) for path in make_corpus(tmp_path / "postings", BATCH) if path.suffix == ".txt"]
    assert threading.active_count() == 1
    assert worker_parents(names) == {os.getpid()}

    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        parents = worker_parents(names)
    finally:
        stop.set()
        other.join()
    assert len(parents) == 1 and os.getpid() not in parents
    assert started == [2, 2]
