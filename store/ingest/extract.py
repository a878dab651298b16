"""Read a posting file (or stdin bytes) into clean text: the importer's entry point."""

from __future__ import annotations

import hashlib
import os
import re
from dataclasses import dataclass
from pathlib import Path

from eujobs.store.errors import ExtractError
from eujobs.store.ingest.clean import clean_text, looks_like_markdown
from eujobs.store.ingest.decode import decode_text
from eujobs.store.ingest.html_text import html_to_text
from eujobs.store.ingest.pdf import DEFAULT_TIMEOUT, pdf_to_text

__all__ = ["ExtractError", "Extracted", "SUPPORTED_SUFFIXES", "load_file", "load_bytes"]

SUPPORTED_SUFFIXES: dict[str, str] = {
    ".txt": "text", ".md": "markdown", ".markdown": "markdown",
    ".pdf": "pdf", ".html": "html", ".htm": "html",
}
MB = 1 << 20
# A posting is a few pages; anything bigger is the wrong file. Saved pages carry inline
# scripts and styles, PDFs fonts and images, hence their larger limits.
SIZE_LIMITS = {"text": 5 * MB, "markdown": 5 * MB, "html": 10 * MB, "pdf": 50 * MB}
META_CHARSET = re.compile(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([\w.:-]+)", re.I)


@dataclass(frozen=True)
class Extracted:
    text: str  # cleaned text, ready for the parser
    format: str  # 'text' | 'markdown' | 'pdf' | 'html'
    sha256: str  # hex sha256 of the raw bytes


def load_file(path: Path, *, timeout: float = DEFAULT_TIMEOUT) -> Extracted:
    """Read and extract by suffix (content sniffed when there is none); raises ExtractError."""
    path = Path(path)
    suffix = path.suffix.lower()
    fmt = SUPPORTED_SUFFIXES.get(suffix)
    if fmt is None and suffix:
        raise ExtractError(f"unsupported file type '{suffix}' (use .txt, .md, .pdf or .html)")
    limit = SIZE_LIMITS[fmt] if fmt else max(SIZE_LIMITS.values())
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            if size > limit:
                raise ExtractError(_too_large(size, limit))
            data = f.read(limit + 1)  # never more, whatever the size claims (devices, /proc)
            if len(data) > limit:
                raise ExtractError(_too_large(None, limit))
    except FileNotFoundError:
        raise ExtractError("no such file") from None
    except PermissionError:
        raise ExtractError("permission denied") from None
    except IsADirectoryError:
        raise ExtractError("is a directory, not a file") from None
    except OSError as e:
        raise ExtractError(f"cannot read: {(e.strerror or str(e)).lower()}") from None
    return load_bytes(data, name=path.name, fmt=fmt, timeout=timeout)


def load_bytes(data: bytes, name: str = "-", fmt: str | None = None, *, timeout: float = DEFAULT_TIMEOUT) -> Extracted:
    """Extract from bytes (stdin); the format is sniffed when fmt is None. `name` is for
    the caller's messages only: reasons never include it."""
    if fmt is None:
        fmt = sniff_format(data)
    if fmt not in SIZE_LIMITS:
        raise ValueError(f"unknown format {fmt!r}")
    if len(data) > SIZE_LIMITS[fmt]:
        raise ExtractError(_too_large(len(data), SIZE_LIMITS[fmt]))
    if not data.strip():
        raise ExtractError("empty file")
    if fmt == "pdf":
        raw = pdf_to_text(data, timeout=timeout)
    elif fmt == "html":
        declared = META_CHARSET.search(data[:4096])
        raw = html_to_text(decode_text(data, declared.group(1).decode("ascii") if declared else None))
        if not raw.strip():
            raise ExtractError("no text in the HTML page")
    else:
        raw = decode_text(data)
    text = clean_text(raw, fmt)
    if not text.strip():
        raise ExtractError("empty file")
    return Extracted(text=text, format=fmt, sha256=hashlib.sha256(data).hexdigest())


def sniff_format(data: bytes) -> str:
    """'pdf' for %PDF-, 'html' for a page, 'markdown' when it has markdown markup, else 'text'."""
    head = data[:1024].lstrip()
    if head.startswith(b"%PDF-"):
        return "pdf"
    try:
        sample = decode_text(data[:65536])
    except ExtractError:
        return "text"  # decode_text of the whole file gives the reason
    start = sample.lstrip("\ufeff \t\r\n").lower()
    if re.match(r"(<\?xml[^>]*>\s*)?(<!--.*?-->\s*)*(<!doctype html|<html)", start, re.S) or re.search(r"<body[\s>]", start[:4096]):
        return "html"
    return "markdown" if looks_like_markdown(sample) else "text"


def _too_large(size: int | None, limit: int) -> str:
    if size is None:  # not known: a device or a file still growing
        return f"file too large (limit {limit // MB} MB)"
    return f"file too large: {size / MB:.1f} MB (limit {limit // MB} MB)"
