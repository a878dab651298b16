"""Import: paths in, one outcome per file out. Reading and parsing run outside the store's lock, in parallel
(PDF extraction happens in child processes, so threads are enough); saving is one atomic write per batch."""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .db import Incoming, Store
from .ingest.extract import Extracted, ExtractError, load_bytes, load_file
from .ingest.pdf import pdf_readers
from .model import Source
from .parse import ParseError, parse

STDIN = "-"


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
    return Incoming(posting, extracted.text, source)


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
    read: list[Incoming | Outcome] = []
    # One PDF-reading child per thread for the whole batch, not one per PDF.
    with pdf_readers(), ThreadPoolExecutor(max_workers=workers or os.cpu_count() or 1) as pool:
        for done, result in enumerate(pool.map(lambda name: read_posting(name, imported_at, stdin, debug), names), 1):
            read.append(result)
            if progress:
                progress(done, len(names))
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
