"""Import: paths in, one outcome per file out. Reading and parsing run outside the store's lock, in parallel;
saving is one atomic write per batch.

Parsing is pure Python, so threads would share one core: a batch of text files is parsed in worker
processes, one per core. A PDF's extraction already happens in a child (store.ingest.pdf), so PDFs are
read by threads here, which keep their PDF-reading children for the whole batch, and parsed by this
process meanwhile: with one worker, the child extracts the next PDF while this one is parsed.
"""

from __future__ import annotations

import multiprocessing
import os
import sys
import threading
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass, field, replace
from pathlib import Path

from eujobs.store.errors import ParseError
from eujobs.store.ingest.extract import Extracted, ExtractError, load_bytes, load_file
from eujobs.store.ingest.pdf import pdf_readers
from eujobs.store.listing.search import text_words
from eujobs.store.model import Source
from eujobs.store.parse.posting import parse
from eujobs.store.persistence.db import Conflict, Incoming, Store

STDIN = "-"
# Below this many text files a worker process costs more to start than it saves.
PROCESSES_FROM = 16
# Files sent to a worker process at a time
CHUNK = 4


@dataclass
class Outcome:
    name: str  # the file as the user named it
    outcome: str  # imported | updated | unchanged | conflict | failed
    vacancy_id: str | None = None
    title: str | None = None
    reason: str | None = None
    conflict: Conflict | None = None  # the vacancy a conflict was kept apart from
    warnings: list[str] = field(default_factory=list)  # what the parser saw in the file but could not take

    @property
    def failed(self) -> bool:
        return self.outcome == "failed"


Progress = Callable[[int, int], None]


def expand(paths: Iterable[str]) -> list[str]:
    """Files to read, in a stable order: folders are walked, hidden entries skipped."""
    files = []
    for raw in paths:
        path = Path(raw)
        if raw != STDIN and path.is_dir():
            files.extend(
                str(found) for found in sorted(path.rglob("*"))
                if found.is_file() and not any(part.startswith(".") for part in found.relative_to(path).parts)
            )
        else:
            files.append(raw)
    return files


@dataclass(frozen=True)
class PostingReader:
    """Reads a file and parses what it says, in one call (a worker process) or in two steps: extracting (a
    thread waiting on a PDF-reading child) and parsing, so that this process parses one PDF while the
    child extracts the next."""

    clock_iso: str
    stdin: bytes | None = None
    debug: bool = False

    def __call__(self, name: str) -> Incoming | Outcome:
        extracted = self.extract(name)
        return self.finish(name, extracted) if isinstance(extracted, Extracted) else extracted

    def read_each(self, names: list[str]) -> list[Incoming | Outcome]:
        return [self(name) for name in names]

    def extract(self, name: str) -> Extracted | Outcome:
        try:
            return load_bytes(self.stdin or b"", STDIN) if name == STDIN else load_file(Path(name))
        except ExtractError as error:
            return Outcome(name, "failed", reason=str(error))
        except Exception as error:
            return self._internal_error(name, error)

    def finish(self, name: str, extracted: Extracted) -> Incoming | Outcome:
        try:
            posting = parse(extracted.text)
        except ParseError as error:
            return Outcome(name, "failed", reason=str(error))
        except Exception as error:
            return self._internal_error(name, error)
        source = Source(None if name == STDIN else str(Path(name).resolve()), extracted.sha256, extracted.format,
                        self.clock_iso)
        return Incoming(posting, extracted.text, source, text_words(extracted.text))

    def _internal_error(self, name: str, error: Exception) -> Outcome:
        # A bug on one odd file must not cost the user the rest of the batch.
        if self.debug:
            raise error
        return Outcome(name, "failed", reason=f"internal error ({type(error).__name__}: {error}); please report it")


def import_paths(
    store: Store,
    paths: Iterable[str],
    stdin: bytes | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
    debug: bool = False,
) -> list[Outcome]:
    names = expand(paths)
    imported_at = store.clock().isoformat(timespec="seconds")
    reader = PostingReader(imported_at, stdin, debug)
    read = _read_all(names, reader, workers or os.cpu_count() or 1, progress)
    incoming = [item for item in read if isinstance(item, Incoming)]
    saved = iter(store.save_imports(incoming) if incoming else [])
    outcomes = []
    for name, item in zip(names, read):
        if isinstance(item, Outcome):
            outcomes.append(item)
        else:
            result = next(saved)
            outcomes.append(Outcome(name, result.outcome, result.vacancy_id, item.posting.title,
                                    conflict=result.conflict, warnings=list(item.posting.warnings)))
    return outcomes


def _read_all(names: list[str], reader: PostingReader, workers: int,
              progress: Progress | None) -> list[Incoming | Outcome]:
    """Each file read and parsed, in the order named: text files in worker processes when there are
    enough of them; the rest extracted by threads of this process and parsed here, in order."""
    texts = [name for name in names if name != STDIN and Path(name).suffix.lower() != ".pdf"]
    in_processes = set(texts) if workers > 1 and len(texts) >= PROCESSES_FROM else set()
    with ExitStack() as stack:
        stack.enter_context(pdf_readers())  # one PDF-reading child per thread for the batch, not one per PDF
        threads = stack.enter_context(ThreadPoolExecutor(max_workers=workers))
        processes = _worker_processes(workers) if in_processes else None
        in_processes_futures = {}
        if processes:
            stack.enter_context(processes)
            # First: forked processes start on the first submit, and must before any thread does.
            in_processes_futures = _submit_in_chunks(
                processes, replace(reader, stdin=None),  # stdin is never theirs: not sent to each
                [name for name in names if name in in_processes])
        futures = [in_processes_futures.get(name) or threads.submit(reader.extract, name) for name in names]
        read = []
        for done, (name, future) in enumerate(zip(names, futures), 1):
            item = _result(future, name, reader)
            read.append(reader.finish(name, item) if isinstance(item, Extracted) else item)
            if progress:
                progress(done, len(names))
    return read


def _submit_in_chunks(processes: ProcessPoolExecutor, reader: PostingReader, names: list[str]) -> dict[str, Future]:
    """A future for each name, sent to the processes a few at a time: one exchange per file took a tenth
    of this process's time, on a core the workers need."""
    futures = {}
    for start in range(0, len(names), CHUNK):
        chunk = names[start:start + CHUNK]
        futures.update(zip(chunk, _split(processes.submit(reader.read_each, chunk), len(chunk))))
    return futures


def _split(whole: Future, count: int) -> list[Future]:
    parts = [Future() for _ in range(count)]

    def share(done: Future) -> None:
        try:
            results = done.result()
        except BaseException as error:
            for part in parts:
                part.set_exception(error)
        else:
            for part, result in zip(parts, results):
                part.set_result(result)

    whole.add_done_callback(share)
    return parts


def _worker_processes(workers: int) -> ProcessPoolExecutor | None:
    """Processes forked from this one while it runs no other thread (a copy that has the parser imported);
    else from a fresh server that imports it (0.15 s more), as another thread may hold a lock a copy would
    keep forever. Nothing where the system cannot make them: threads then do it all."""
    try:
        if threading.active_count() == 1 and sys.platform == "linux":
            return ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, ValueError, ImportError, NotImplementedError):
        return None


def _result(future: Future, name: str, reader: PostingReader) -> Extracted | Incoming | Outcome:
    try:
        return future.result()
    except BrokenProcessPool:  # a worker was killed (out of memory?): this file is read here instead
        return reader(name)
