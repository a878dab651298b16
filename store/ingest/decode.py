"""Bytes of a text file -> str: BOMs, UTF-16 without BOM, UTF-8, then cp1252; binary refused."""

from __future__ import annotations

import codecs
import re

from eujobs.store.errors import ExtractError
from eujobs.store.ingest.charsets import declared_codec

BOMS = (  # UTF-32 first: its little-endian BOM starts like UTF-16's
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")  # Cc without \t \n \v \f \r
BINARY = "not text: binary data"


def decode_text(data: bytes, declared: str | None = None) -> str:
    """Decode text bytes; `declared` is a charset named by the file itself (HTML <meta>), honoured when it is one
    that browsers know (charsets.py)."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):], [encoding])
    utf16 = _utf16_without_bom(data)
    if utf16:
        return _checked(data, [utf16])
    if b"\x00" in data:
        raise ExtractError(BINARY)
    codec = declared_codec(declared) if declared else None
    return _checked(data, [e for e in (codec, "utf-8", "cp1252") if e])


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 of mostly Latin text has a NUL in every other byte."""
    sample = data[:4000]
    if len(sample) < 4:
        return None
    even, odd = sample[0::2], sample[1::2]
    even_nul, odd_nul = even.count(0) / len(even), odd.count(0) / len(odd)
    if odd_nul > 0.3 and even_nul < 0.05:
        return "utf-16-le"
    if even_nul > 0.3 and odd_nul < 0.05:
        return "utf-16-be"
    return None


def _checked(data: bytes, encodings: list[str]) -> str:
    for encoding in encodings:
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        controls = len(CONTROL.findall(text))
        if controls <= max(1, len(text) // 200):  # a stray ^Z is fine, garbage is not
            return text
    raise ExtractError(BINARY)
