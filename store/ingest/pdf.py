"""PDF to text in child processes (pdf_worker.py) that are killed when they take too long.

pdfminer runs in a child because malformed PDFs can hang it or make it allocate without
bound; a crash, a hang or a MemoryError there must not take the application with it.
Inside `pdf_readers()` (an import) the children are kept and each reads PDF after PDF;
outside it, each PDF gets a child of its own.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from eujobs.store.errors import ExtractError
from eujobs.store.ingest.pdf_worker import EXIT_MEMORY, EXIT_REASON, OK

WORKER = Path(__file__).with_name("pdf_worker.py")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_LIMIT = 1 << 30  # address space of the child, bytes
TRUNCATED = "PDF is damaged: file is truncated (incomplete download?)"


def worker_command(memory_limit: int) -> list[str]:
    # -I: no user site, no PYTHON* variables, no script directory on sys.path. The child ends when this
    # process (its parent, by this id) does, however it ends.
    return [sys.executable, "-I", str(WORKER), str(memory_limit), str(os.getpid())]


class _Died(Exception):
    """The child ended without answering."""


class _Reader:
    """One child process and the conversation with it."""

    def __init__(self, memory_limit: int) -> None:
        self.memory_limit = memory_limit
        # pdfminer logs warnings to stderr: a pipe nobody reads would fill and stall the child.
        self.errors = tempfile.TemporaryFile()
        self.process = subprocess.Popen(worker_command(memory_limit), stdin=subprocess.PIPE,
                                        stdout=subprocess.PIPE, stderr=self.errors)
        os.set_blocking(self.process.stdin.fileno(), False)

    def read(self, data: bytes, timeout: float) -> tuple[int, bytes]:
        """(status, payload) for one PDF; TimeoutError or _Died otherwise."""
        deadline = time.monotonic() + timeout
        self._send(len(data).to_bytes(8, "big") + data, deadline)
        header = self._receive(9, deadline)
        return header[0], self._receive(int.from_bytes(header[1:], "big"), deadline)

    def _send(self, request: bytes, deadline: float) -> None:
        view, fd = memoryview(request), self.process.stdin.fileno()
        while view:
            _wait(fd, deadline, write=True)
            try:
                view = view[os.write(fd, view):]
            except BlockingIOError:
                continue
            except BrokenPipeError:
                raise _Died from None

    def _receive(self, size: int, deadline: float) -> bytes:
        got, fd = bytearray(), self.process.stdout.fileno()
        while len(got) < size:
            _wait(fd, deadline, write=False)
            chunk = os.read(fd, min(size - len(got), 1 << 20))
            if not chunk:
                raise _Died
            got += chunk
        return bytes(got)

    def close(self, kill: bool = False) -> None:
        """End the child (at once when kill); what it wrote to stderr is kept in `error_output`."""
        if self.process.stdin.closed:
            return
        if self.process.poll() is None:
            if kill:
                self.process.kill()
            else:
                self.process.stdin.close()  # end of input: the child exits
        try:
            self.process.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.errors.seek(0)
        self.error_output = self.errors.read().decode("utf-8", "replace")
        for stream in (self.process.stdin, self.process.stdout, self.errors):
            stream.close()


def _wait(fd: int, deadline: float, write: bool) -> None:
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise TimeoutError
    ready = select.select([], [fd], [], remaining)[1] if write else select.select([fd], [], [], remaining)[0]
    if not ready:
        raise TimeoutError


class _Readers:
    """Idle children, kept for the next PDF (one per thread reading at the same time)."""

    def __init__(self) -> None:
        self._idle: list[_Reader] = []
        self._made: list[_Reader] = []
        self._lock = threading.Lock()

    def take(self, memory_limit: int) -> _Reader:
        with self._lock:
            for reader in self._idle:
                if reader.memory_limit == memory_limit:
                    self._idle.remove(reader)
                    return reader
        reader = _Reader(memory_limit)
        with self._lock:
            self._made.append(reader)
        return reader

    def kill(self) -> None:
        """Kill every child, busy ones too: each thread reading through one is answered at once (_Died)."""
        with self._lock:
            made = list(self._made)
        for reader in made:
            reader.process.kill()  # a no-op for a child already ended and waited for

    def give_back(self, reader: _Reader) -> None:
        with self._lock:
            self._idle.append(reader)

    def close(self) -> None:
        with self._lock:
            idle, self._idle = self._idle, []
        for reader in idle:
            reader.close(kill=True)  # idle, so nothing is cut short; ended politely, its teardown took 30 ms


_kept: _Readers | None = None


@contextmanager
def pdf_readers() -> Iterator[None]:
    """Keep the PDF-reading children alive for every pdf_to_text() inside, then end them."""
    global _kept
    outer, _kept = _kept, _kept or _Readers()
    try:
        yield
    finally:
        if outer is None:
            _kept.close()
        _kept = outer


def stop_pdf_readers() -> None:
    """Ctrl-C: the children kept by `pdf_readers()` end now, the busy ones too, rather than finish their PDF."""
    if _kept is not None:
        _kept.kill()


def pdf_to_text(data: bytes, timeout: float = DEFAULT_TIMEOUT, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> str:
    """Raw pdfminer text (pages end with \\f); raises ExtractError with a one-line reason."""
    if b"%PDF-" not in data[:1024]:
        raise ExtractError("PDF is damaged: no %PDF header (not a PDF file?)")
    truncated = b"%%EOF" not in data[-2048:]
    kept = _kept
    reader = kept.take(memory_limit) if kept else _Reader(memory_limit)
    healthy = False
    try:
        status, payload = reader.read(data, timeout)
        healthy = status != EXIT_MEMORY
    except TimeoutError:
        raise ExtractError(f"PDF took longer than {timeout:g} s") from None
    except _Died:
        reader.close(kill=True)
        # MemoryError in stderr: the limit was hit before the worker's own handler was in place
        if "MemoryError" in reader.error_output:
            raise ExtractError(f"PDF needs more than {memory_limit / (1 << 20):.0f} MB of memory") from None
        raise ExtractError(f"PDF is damaged: the reader crashed (exit code {reader.process.returncode})") from None
    finally:
        if healthy and kept:
            kept.give_back(reader)
        else:
            reader.close(kill=not healthy)
    reason = payload.decode("utf-8", "replace")
    if status == EXIT_MEMORY:
        raise ExtractError(f"PDF needs more than {memory_limit / (1 << 20):.0f} MB of memory")
    if status == EXIT_REASON:
        if truncated and reason.startswith("PDF is damaged"):
            raise ExtractError(TRUNCATED)
        raise ExtractError(reason)
    if status != OK:
        raise ExtractError(f"PDF is damaged: the reader answered {status}")
    text = reason
    if not text.replace("\f", "").strip():
        if truncated:
            raise ExtractError(TRUNCATED)
        raise ExtractError("PDF has no text layer (scanned image?)")
    return text
