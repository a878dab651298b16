"""Import: paths in, one outcome per file out. Reading and parsing run outside the store's lock, in parallel;
saving is one atomic write per batch.

Parsing is pure Python, so threads would share one core: a batch of text files is parsed in worker
processes, one per core. A PDF's extraction already happens in a child (store.ingest.pdf), so PDFs are
read by threads here, which keep their PDF-reading children for the whole batch, and parsed by this
process meanwhile: with one worker, the child extracts the next PDF while this one is parsed.

The worker processes and the PDF-reading children end with this process, however it ends (pools.py, pdf.py).
Ctrl-C stops an import at once: workers and children are ended, threads are left to end with the process; the
postings read whole by then are saved, and ImportStopped says how many.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

from eujobs.store.errors import FetchError, ParseError
from eujobs.store.fetch.urls import looks_like_url
from eujobs.store.ingest.extract import (
    MB,
    SIZE_LIMITS,
    Extracted,
    ExtractError,
    load_bytes,
    load_file,
    sniff_format,
)
from eujobs.store.ingest.pdf import pdf_readers, stop_pdf_readers
from eujobs.store.ingest.pools import DaemonThreads, WorkerProcesses
from eujobs.store.listing.search import text_words
from eujobs.store.model import Source
from eujobs.store.parse.posting import parse
from eujobs.store.persistence.db import Conflict, Incoming, Saved, Store

if TYPE_CHECKING:
    from eujobs.store.fetch.client import Page

STDIN = "-"
SNIFFED_FROM = 65536  # bytes of standard input its format is told from (all that sniff_format reads)
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


class ImportStopped(KeyboardInterrupt):
    """Ctrl-C during an import, which stopped at once; the postings read whole by then were saved. `outcomes`:
    those of the files dealt with before it stopped."""

    def __init__(self, outcomes: list[Outcome], total: int) -> None:
        imported = sum(not outcome.failed for outcome in outcomes)
        super().__init__(f"stopped: {imported} imported, {total - imported} not")
        self.outcomes = outcomes


Progress = Callable[[int, int], None]


def read_stdin(stream: BinaryIO) -> bytes:
    """Standard input, capped as a file of its format is: read up to its limit and one byte more, never further
    (an endless stream such as /dev/zero took 7.7 GB in 6 s); the byte more makes the import refuse it."""
    head = _read_up_to(stream, SNIFFED_FROM)
    if len(head) < SNIFFED_FROM:
        return head  # the end was reached: reading again would wait for more on a terminal
    return head + _read_up_to(stream, SIZE_LIMITS[sniff_format(head)] + 1 - len(head))


def _read_up_to(stream: BinaryIO, size: int) -> bytes:
    chunks, got = [], 0
    while got < size and (chunk := stream.read(size - got)):  # a terminal gives a line a read
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def expand(paths: Iterable[str]) -> list[str | Outcome]:
    """Files to read, in a stable order: folders are walked, hidden entries skipped. A folder that cannot be
    listed is a failed outcome of its own, with the reason (a chmod-000 folder was read as no files at all)."""
    found: list[str | Outcome] = []
    for raw in paths:
        if raw != STDIN and not looks_like_url(raw) and os.path.isdir(raw):
            found.extend(_walk(Path(raw)))
        else:
            found.append(raw)
    return found


def _walk(folder: Path) -> list[str | Outcome]:
    found: dict[Path, str | Outcome] = {}

    def unreadable(error: OSError) -> None:
        reason = f"cannot read the folder ({(error.strerror or str(error)).lower()})"
        found[Path(error.filename)] = Outcome(str(error.filename), "failed", reason=reason)

    for top, folders, files in os.walk(folder, onerror=unreadable):
        folders[:] = [name for name in folders if not name.startswith(".")]
        for name in files:
            path = Path(top, name)
            if not name.startswith(".") and path.is_file():
                found[path] = str(path)
    return [found[path] for path in sorted(found)]


@dataclass(frozen=True)
class PostingReader:
    """Reads a file and parses what it says, in one call (a worker process) or in two steps: extracting (a
    thread waiting on a PDF-reading child) and parsing, so that this process parses one PDF while the
    child extracts the next."""

    clock_iso: str
    stdin: bytes | None = None
    debug: bool = False
    download: Callable[[str], Page] | None = None  # for an address (eujobs import URL): store.fetch's Fetcher

    def __call__(self, name: str) -> Incoming | Outcome:
        extracted = self.extract(name)
        return self.finish(name, extracted) if isinstance(extracted, Extracted) else extracted

    def read_each(self, names: list[str]) -> list[Incoming | Outcome]:
        return [self(name) for name in names]

    def extract(self, name: str) -> Extracted | Outcome:
        try:
            if looks_like_url(name):
                return self._load_url(name)
            return self._load_stdin() if name == STDIN else load_file(Path(name))
        except ExtractError as error:
            return Outcome(name, "failed", reason=str(error))
        except FetchError as error:
            return Outcome(name, "failed", reason=error.reason)
        except Exception as error:
            return self._internal_error(name, error)

    def _load_stdin(self) -> Extracted:
        data = self.stdin or b""
        fmt = sniff_format(data)
        if len(data) > SIZE_LIMITS[fmt]:  # read_stdin stops a byte past the limit: how much more came is unknown
            raise ExtractError(f"standard input too large (limit {SIZE_LIMITS[fmt] // MB} MB for {fmt})")
        return load_bytes(data, STDIN, fmt)

    def _load_url(self, url: str) -> Extracted:
        if self.download is None:
            raise FetchError(url, "addresses are not fetched here")
        page = self.download(url)
        return load_bytes(page.data, url, page.format)

    def finish(self, name: str, extracted: Extracted, first_seen: str | None = None) -> Incoming | Outcome:
        """The posting a file's (or an address's) text states; `first_seen`: when a watch pass found it."""
        try:
            posting = parse(extracted.text)
        except ParseError as error:
            return Outcome(name, "failed", reason=str(error))
        except Exception as error:
            return self._internal_error(name, error)
        url = name if looks_like_url(name) else None
        if url and not posting.apply.url:
            posting.apply.url = url  # where to apply, when the page names no other place: the page itself
        path = None if name == STDIN or url else str(Path(name).resolve())
        source = Source(path, extracted.sha256, extracted.format, self.clock_iso, url, first_seen)
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
    download: Callable[[str], Page] | None = None,
) -> list[Outcome]:
    """One outcome per file (a folder stands for its files; an address is downloaded with `download`). Ctrl-C
    raises ImportStopped within moments, once what was read whole by then is saved."""
    entries = expand(paths)
    imported_at = store.clock().isoformat(timespec="seconds")
    reader = PostingReader(imported_at, stdin, debug, download)
    stopped = False
    try:
        read = _read_all([entry for entry in entries if isinstance(entry, str)], reader,
                         workers or os.cpu_count() or 1, progress)
    except _Stopped as stop:
        read, stopped = stop.read, True
    incoming = [item for item in read if isinstance(item, Incoming)]
    saved = None
    try:
        with _ctrl_c_after():
            saved = store.save_imports(incoming) if incoming else []
    except KeyboardInterrupt:
        stopped = True  # after the save when it was made (`saved`): it is all or nothing
    outcomes = _outcomes(entries, read, saved)
    if stopped:
        raise ImportStopped(outcomes, len(entries))
    return outcomes


def _outcomes(entries: list[str | Outcome], read: list[Incoming | Outcome | None],
              saved: list[Saved] | None) -> list[Outcome]:
    """In the order named, the outcome of each file dealt with: none for a file left unread or unsaved."""
    read_items, saved_items = iter(read), iter(saved or [])
    outcomes = []
    for entry in entries:
        item = entry if isinstance(entry, Outcome) else next(read_items)
        if isinstance(item, Outcome):
            outcomes.append(item)
        elif isinstance(item, Incoming) and saved is not None:
            result = next(saved_items)
            outcomes.append(Outcome(entry, result.outcome, result.vacancy_id, item.posting.title,
                                    conflict=result.conflict, warnings=list(item.posting.warnings)))
    return outcomes


@contextmanager
def _ctrl_c_after() -> Iterator[None]:
    """A Ctrl-C during the block takes effect once it is done (a save: under a second, unless it waits for the
    lock), so that what the user is told was saved is what was. Signals only ever interrupt the main thread."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    pressed = []
    previous = signal.signal(signal.SIGINT, lambda *_: pressed.append(True))
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, signal.SIG_DFL if previous is None else previous)
        if pressed:
            signal.raise_signal(signal.SIGINT)


class _Stopped(Exception):
    """Ctrl-C while reading: `read` holds what was read whole by then, None for each file that was not."""

    def __init__(self, read: list[Incoming | Outcome | None]) -> None:
        self.read = read


def _read_all(names: list[str], reader: PostingReader, workers: int,
              progress: Progress | None) -> list[Incoming | Outcome]:
    """Each file read and parsed, in the order named: text files in worker processes when there are
    enough of them; the rest extracted by threads of this process and parsed here, in order. On Ctrl-C the
    workers and PDF-reading children are ended at once and the threads not waited for (_Stopped)."""
    texts = [name for name in names
             if name != STDIN and not looks_like_url(name) and Path(name).suffix.lower() != ".pdf"]
    in_processes = set(texts) if workers > 1 and len(texts) >= PROCESSES_FROM else set()
    read: list[Incoming | Outcome] = []
    futures: list[Future] = []
    with ExitStack() as stack:
        stack.enter_context(pdf_readers())  # one PDF-reading child per thread for the batch, not one per PDF
        processes = None
        try:
            processes = _worker_processes(workers) if in_processes else None
            in_processes_futures = {}
            if processes:
                stack.enter_context(processes)
                # First: forked processes start on the first submit, and must before any thread does.
                in_processes_futures = _submit_in_chunks(
                    processes, replace(reader, stdin=None, download=None),  # never theirs: not sent to each
                    [name for name in names if name in in_processes])
            threads = stack.enter_context(DaemonThreads(workers))
            futures = [in_processes_futures.get(name) or threads.submit(reader.extract, name) for name in names]
            for done, (name, future) in enumerate(zip(names, futures), 1):
                item = _result(future, name, reader)
                read.append(reader.finish(name, item) if isinstance(item, Extracted) else item)
                if progress:
                    progress(done, len(names))
        except KeyboardInterrupt:
            whole = read + [_read_whole(future) for future in futures[len(read):]]
            stop_pdf_readers()
            if processes:
                processes.stop()
            raise _Stopped(whole + [None] * (len(names) - len(whole))) from None
    return read


def _read_whole(future: Future) -> Incoming | None:
    """What a worker process has read whole, if it has (a thread's extracted text still wants parsing)."""
    if not future.done() or future.cancelled() or future.exception() is not None:
        return None
    result = future.result()
    return result if isinstance(result, Incoming) else None


def _submit_in_chunks(processes: WorkerProcesses, reader: PostingReader, names: list[str]) -> dict[str, Future]:
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


def _worker_processes(workers: int) -> WorkerProcesses | None:
    """Processes forked from this one while it runs no other thread (a copy that has the parser imported);
    else from a fresh server that imports it (0.15 s more), as another thread may hold a lock a copy would
    keep forever. Nothing where the system cannot make them: threads then do it all."""
    try:
        if threading.active_count() == 1 and sys.platform == "linux":
            return WorkerProcesses(workers, multiprocessing.get_context("fork"))
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([__name__])
        return WorkerProcesses(workers, context)
    except (OSError, ValueError, ImportError, NotImplementedError):
        return None


def _result(future: Future, name: str, reader: PostingReader) -> Extracted | Incoming | Outcome:
    try:
        return future.result()
    except BrokenProcessPool:  # a worker was killed (out of memory?): this file is read here instead
        return reader(name)
