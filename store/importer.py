"""Import: paths in, one outcome per file out. Reading and parsing run outside the store's lock, in parallel;
saving is one atomic write per batch.

Parsing is pure Python, so threads would share one core: a batch of text files is parsed in worker
processes, one per core. A PDF's extraction already happens in a child (store.ingest.pdf), so PDFs are
read by threads here, which keep their PDF-reading children for the whole batch.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Callable, Iterable
from concurrent.futures import Future, ProcessPoolExecutor, ThreadPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path

from .db import Incoming, Store
from .ingest.extract import Extracted, ExtractError, load_bytes, load_file
from .ingest.pdf import pdf_readers
from .model import Source
from .parse.posting import ParseError, parse
from .search import text_words

STDIN = "-"
# Below this many text files a worker process costs more to start than it saves.
PROCESSES_FROM = 16


@dataclass
class Outcome:
    name: str  # the file as the user named it
    outcome: str  # imported | updated | unchanged | failed
    vacancy_id: str | None = None
    title: str | None = None
    reason: str | None = None

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


def read_posting(name: str, clock_iso: str, stdin: bytes | None = None, debug: bool = False) -> Incoming | Outcome:
    try:
        if name == STDIN:
            extracted: Extracted = load_bytes(stdin or b"", STDIN)
            source_path = None
        else:
            extracted = load_file(Path(name))
            source_path = str(Path(name).resolve())
        posting = parse(extracted.text)
    except (ExtractError, ParseError) as error:
        return Outcome(name, "failed", reason=str(error))
    except Exception as error:
        # A bug on one odd file must not cost the user the rest of the batch.
        if debug:
            raise
        return Outcome(name, "failed", reason=f"internal error ({type(error).__name__}: {error}); please report it")
    source = Source(source_path, extracted.sha256, extracted.format, clock_iso)
    return Incoming(posting, extracted.text, source, text_words(extracted.text))


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
    read_one = functools.partial(read_posting, clock_iso=imported_at, stdin=stdin, debug=debug)
    read = _read_all(names, read_one, workers or os.cpu_count() or 1, progress)
    incoming = [item for item in read if isinstance(item, Incoming)]
    saved = iter(store.save_imports(incoming) if incoming else [])
    outcomes = []
    for name, item in zip(names, read):
        if isinstance(item, Outcome):
            outcomes.append(item)
        else:
            result = next(saved)
            outcomes.append(Outcome(name, result.outcome, result.vacancy_id, item.posting.title))
    return outcomes


def _read_all(names: list[str], read_one: Callable[[str], Incoming | Outcome], workers: int,
              progress: Progress | None) -> list[Incoming | Outcome]:
    """Each file read and parsed, in the order named: text files in worker processes when there are
    enough of them, the rest by threads of this process."""
    texts = [name for name in names if name != STDIN and Path(name).suffix.lower() != ".pdf"]
    in_processes = set(texts) if workers > 1 and len(texts) >= PROCESSES_FROM else set()
    with ExitStack() as stack:
        stack.enter_context(pdf_readers())  # one PDF-reading child per thread for the batch, not one per PDF
        threads = stack.enter_context(ThreadPoolExecutor(max_workers=workers))
        processes = _worker_processes(workers) if in_processes else None
        if processes:
            stack.enter_context(processes)
            parse_one = functools.partial(read_one, stdin=None)  # stdin is never theirs: not sent to each
        futures = [processes.submit(parse_one, name) if processes and name in in_processes
                   else threads.submit(read_one, name) for name in names]
        read = []
        for done, (name, future) in enumerate(zip(names, futures), 1):
            read.append(_result(future, name, read_one))
            if progress:
                progress(done, len(names))
    return read


def _worker_processes(workers: int) -> ProcessPoolExecutor | None:
    """Processes forked from a fresh server that has imported the parser (not from this process, whose
    threads may hold locks), or nothing where the system cannot make them: threads then do it all."""
    try:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return ProcessPoolExecutor(max_workers=workers, mp_context=context)
    except (OSError, ValueError, ImportError, NotImplementedError):
        return None


def _result(future: Future, name: str, read_one: Callable[[str], Incoming | Outcome]) -> Incoming | Outcome:
    try:
        return future.result()
    except BrokenProcessPool:  # a worker was killed (out of memory?): this file is read here instead
        return read_one(name)
