"""Bad and good input files, built at test time in a tmp dir (nothing binary in the repo)."""

from __future__ import annotations

import random
import zlib
from pathlib import Path

from fpdf import FPDF
from PIL import Image, ImageDraw

CALL_LINES = [
    "IT Project Officer - IT project leader",
    "Reference: EC/2026/CNECT/510505",
    "Express your interest until: 23/03/2026 - 12.00 (noon, Brussels time)",
    "Send your CV to CNECT-R3@ec.europa.eu.",
]


def _pdf(pages: list[list[str]]) -> FPDF:
    pdf = FPDF(format="A4")
    pdf.set_font("helvetica", size=11)  # a core font: no font file needed
    for number, lines in enumerate(pages, 1):
        pdf.add_page()
        for line in lines:
            pdf.multi_cell(0, 6, line, new_x="LMARGIN", new_y="NEXT")
        pdf.cell(0, 6, f"Page {number} of {len(pages)}", new_x="LMARGIN", new_y="NEXT")
    return pdf


def valid_pdf(directory: Path, pages: list[list[str]] = (CALL_LINES,)) -> Path:
    path = directory / "valid.pdf"
    _pdf(list(pages)).output(str(path))
    return path


def truncated_pdf(directory: Path) -> Path:
    """A multi-page PDF cut in half, like an interrupted download."""
    data = _pdf([CALL_LINES * 10] * 6).output()
    path = directory / "truncated.pdf"
    path.write_bytes(bytes(data[: len(data) // 2]))
    return path


def encrypted_pdf(directory: Path, user_password: str = "secret") -> Path:
    pdf = _pdf([CALL_LINES])
    pdf.set_encryption(owner_password="owner-only", user_password=user_password)
    path = directory / "encrypted.pdf"
    pdf.output(str(path))
    return path


def image_only_pdf(directory: Path) -> Path:
    """A 'scanned' posting: a picture of text, no text layer."""
    image = Image.new("RGB", (800, 300), "white")
    ImageDraw.Draw(image).text((20, 20), "IT Project Officer (scanned)", fill="black")
    pdf = FPDF(format="A4")
    pdf.add_page()
    pdf.image(image, x=10, y=10, w=180)
    path = directory / "scanned.pdf"
    pdf.output(str(path))
    return path


def decompression_bomb_pdf(directory: Path, megabytes: int = 768) -> Path:
    """One page whose content stream inflates to `megabytes` of spaces: pdfminer holds
    the whole stream in memory, so a memory limit below that must stop it."""
    packer = zlib.compressobj(1)
    chunk = b" " * (1 << 20)
    stream = b"".join(packer.compress(chunk) for _ in range(megabytes)) + packer.flush()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    path = directory / "bomb.pdf"
    path.write_bytes(pdf_file(objects))
    return path


def pdf_file(objects: list[bytes], trailer: bytes = b"") -> bytes:
    """A PDF with a correct cross-reference table, so that pdfminer reads the objects as written."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R %s>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, trailer, xref)
    return bytes(out)


def binary_garbage(directory: Path, name: str = "garbage.txt", size: int = 4096) -> Path:
    path = directory / name
    path.write_bytes(random.Random(7).randbytes(size))
    return path


def big_text(directory: Path, megabytes: int = 20) -> Path:
    path = directory / "big.txt"
    line = b"Job title: ICT Officer - a line of a very long posting.\n"
    with open(path, "wb") as f:
        f.write(line * (megabytes * (1 << 20) // len(line) + 1))
    return path


ACCENTED = "Candidature – Référence EC/2026/CNECT/510505\nSalaire: 5 000 € par mois\nLieu: Bruxelles, «Belgique»\n"


def cp1252_text(directory: Path) -> Path:
    path = directory / "cp1252.txt"
    path.write_bytes(ACCENTED.encode("cp1252"))
    return path


def utf16_text(directory: Path, bom: bool = True, big_endian: bool = False) -> Path:
    encoding = "utf-16-be" if big_endian else "utf-16-le"
    prefix = ("\ufeff" if bom else "")
    path = directory / f"utf16{'' if bom else '-nobom'}{'-be' if big_endian else ''}.txt"
    path.write_bytes((prefix + ACCENTED).encode(encoding))
    return path


def utf8_bom_text(directory: Path) -> Path:
    path = directory / "utf8bom.txt"
    path.write_bytes(("\ufeff" + ACCENTED).encode("utf-8"))
    return path
