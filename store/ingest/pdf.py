"""PDF to text in a child process (pdf_worker.py) that is killed when it takes too long.

pdfminer runs in the child because malformed PDFs can hang it or make it allocate without
bound; a crash, a hang or a MemoryError there must not take the application with it.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .errors import ExtractError
from .pdf_worker import EXIT_MEMORY, EXIT_REASON

WORKER = Path(__file__).with_name("pdf_worker.py")
DEFAULT_TIMEOUT = 30.0
DEFAULT_MEMORY_LIMIT = 1 << 30  # address space of the child, bytes
TRUNCATED = "PDF is damaged: file is truncated (incomplete download?)"


def worker_command(memory_limit: int) -> list[str]:
    # -I: no user site, no PYTHON* variables, no script directory on sys.path.
    return [sys.executable, "-I", str(WORKER), str(memory_limit)]


def pdf_to_text(data: bytes, timeout: float = DEFAULT_TIMEOUT, memory_limit: int = DEFAULT_MEMORY_LIMIT) -> str:
    """Raw pdfminer text (pages end with \\f); raises ExtractError with a one-line reason."""
    if b"%PDF-" not in data[:1024]:
        raise ExtractError("PDF is damaged: no %PDF header (not a PDF file?)")
    truncated = b"%%EOF" not in data[-2048:]
    proc = subprocess.Popen(
        worker_command(memory_limit),
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
    )
    try:
        out, err = proc.communicate(data, timeout=timeout)
    except subprocess.TimeoutExpired:
        raise ExtractError(f"PDF took longer than {timeout:g} s") from None
    finally:
        if proc.poll() is None:  # timeout, or interrupted while waiting
            proc.kill()
            proc.communicate()
    errors = err.decode("utf-8", "replace")
    reason = errors.strip().splitlines()
    # MemoryError in stderr: the limit was hit before the worker's own handler was in place
    if proc.returncode == EXIT_MEMORY or (proc.returncode != 0 and "MemoryError" in errors):
        raise ExtractError(f"PDF needs more than {memory_limit / (1 << 20):.0f} MB of memory")
    if proc.returncode == EXIT_REASON and reason:
        if truncated and reason[-1].startswith("PDF is damaged"):
            raise ExtractError(TRUNCATED)
        raise ExtractError(reason[-1])
    if proc.returncode != 0:
        raise ExtractError(f"PDF is damaged: the reader crashed (exit code {proc.returncode})")
    text = out.decode("utf-8", "replace")
    if not text.replace("\f", "").strip():
        if truncated:
            raise ExtractError(TRUNCATED)
        raise ExtractError("PDF has no text layer (scanned image?)")
    return text
