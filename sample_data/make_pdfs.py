"""Build sample PDFs of the two Commission calls, laid out like the real ones.

    python sample_data/make_pdfs.py

A4, bold headings, bullets with a hanging indent, wrapped (and now and then hyphenated)
paragraphs, footnote markers as small raised digits with the footnote at the bottom of
the page where the marker is, and on every page a footer with the call's reference and
the page number. That is what store.ingest has to undo. The output is deterministic
(fixed dates, our own line breaking), so re-running the script leaves the files unchanged.
"""

from __future__ import annotations

import re
import sys
from datetime import datetime, timezone
from pathlib import Path

from fpdf import FPDF

POSTINGS = Path(__file__).resolve().parent / "postings"
SOURCES = ("ec-cnect-r3-it-project-officer.md", "ec-digit-b1-ict-security-officer.txt")
FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONTS = {"": "DejaVuSans.ttf", "B": "DejaVuSans-Bold.ttf"}
CREATED = datetime(2026, 2, 16, 9, 0, tzinfo=timezone.utc)

MARGIN, BOTTOM = 20.0, 22.0  # mm; the footer sits in the bottom margin
BODY, NOTE, FOOTER = 10.0, 7.5, 8.0  # font sizes, pt
HEADING_SIZES = {1: 15.0, 2: 14.0, 3: 12.0, 4: 11.0}
LEADING = 1.35 * 0.3528  # line height in mm per pt of font size
SUPERSCRIPTS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
REFERENCE = re.compile(r"\bEC/\d{4}/[A-Z]+/\d+")
# a competition notice's reference, for the footer of notices that are no call for interest
NOTICE_REFERENCE = re.compile(r"\b(?:COM|EPSO)/[A-Z0-9/-]*\d[A-Z0-9/-]*")

Run = tuple[str, str]  # (text, style): style "" regular, "B" bold, "SUP" footnote marker


# ---------------------------------------------------------------- source -> blocks

def inline(text: str) -> list[Run]:
    """Markdown-ish inline markup of the seeds -> styled runs (links become their text)."""
    escaped = {}

    def protect(m: re.Match) -> str:
        key = chr(0xE000 + len(escaped))
        escaped[key] = m.group(1)
        return key

    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>])", protect, text.rstrip())
    text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    runs: list[Run] = []
    for part in re.split(r"(\*\*.+?\*\*|<sup>\d+</sup>|[⁰¹²³⁴⁵⁶⁷⁸⁹]+)", text):
        if not part:
            continue
        if part.startswith("**"):
            runs.append((part[2:-2], "B"))
        elif part.startswith("<sup>"):
            runs.append((re.sub(r"\D", "", part), "SUP"))
        elif part[0] in SUPERSCRIPTS:
            runs.append(("".join(str(SUPERSCRIPTS.index(c)) for c in part), "SUP"))
        else:
            runs.append((part, ""))
    return [("".join(escaped.get(c, c) for c in t), s) for t, s in runs]


def parse(source: str, markdown: bool) -> tuple[list[dict], dict[str, list[Run]]]:
    """Blocks ({kind, runs, ...}) and footnotes {marker: runs} of a seed posting."""
    blocks: list[dict] = []
    notes: dict[str, list[Run]] = {}
    for raw in source.splitlines():
        line = raw.rstrip()
        text = line.strip()
        if not text or text == "---" or text.startswith("(Reference:"):
            continue  # the seeds still carry the footer of the PDF they were copied from
        note = re.match(r"(?:<sup>(\d+)</sup>|([⁰¹²³⁴⁵⁶⁷⁸⁹]+))\s*(.*)", text)
        item = re.match(r"(\s*)(?:[-*]|(\d+\.))\s+(.*)", line)
        if note:
            marker = note.group(1) or "".join(str(SUPERSCRIPTS.index(c)) for c in note.group(2))
            notes[marker] = inline(note.group(3))
        elif markdown and text.startswith("#"):
            level = len(text) - len(text.lstrip("#"))
            blocks.append({"kind": "heading", "level": level, "runs": bold(inline(text.lstrip("# ")))})
        elif item and (markdown or item.group(1) or not is_heading(text)):  # "1. Selection" is a heading
            depth = 1 if item.group(1) else 0
            blocks.append({"kind": "item", "depth": depth, "mark": item.group(2) or "•", "runs": inline(item.group(3))})
        elif not markdown and is_heading(text):
            level = 2 if text.isupper() and len(text) > 30 else 3
            blocks.append({"kind": "heading", "level": level, "runs": bold(inline(text))})
        else:
            label = re.match(r"([A-Z][\w ]{1,40}\\?\*{0,2}:)\s+(\S.*)", text) if not markdown else None
            runs = [(label.group(1), "B")] + inline(" " + label.group(2)) if label else inline(text)
            is_field = bool(label) or (markdown and raw.endswith("  "))
            previous = blocks[-1] if blocks else None
            if previous and previous["kind"] == "para" and cut_by_page_break(previous["runs"], text):
                previous["runs"] += [(" ", "")] + runs
            else:
                blocks.append({"kind": "field" if is_field else "para", "runs": runs})
    return blocks, notes


def cut_by_page_break(runs: list[Run], next_text: str) -> bool:
    """The seeds were copied from PDFs: a paragraph cut by a page break is one paragraph."""
    text = "".join(t for t, _s in runs).rstrip()
    return len(text) > 100 and not re.search(r"[.:!?)]$", text) and not next_text.startswith(("-", "#"))


def is_heading(text: str) -> bool:
    """Headings of the plain-text seed: '➤ ...', capitals, '1. Selection', short lines without a full stop."""
    words = text.split()
    return (
        text.startswith("➤")
        or (text.isupper() and len(words) > 1)
        or (len(words) <= 6 and not re.search(r"[.,;]$|:\s", text) and not text.startswith("-"))
        or (text.endswith(":") and len(words) <= 14 and not text.startswith("-"))
    )


def bold(runs: list[Run]) -> list[Run]:
    return [(t, "B" if s == "" else s) for t, s in runs]


# ---------------------------------------------------------------- layout

class CallPdf(FPDF):
    """A4 call for interest: own line breaking so footnotes land on the marker's page."""

    def __init__(self, reference: str, notes: dict[str, list[Run]]):
        super().__init__(format="A4", unit="mm")
        for style, name in FONTS.items():
            path = FONT_DIR / name
            if not path.exists():
                sys.exit(f"make_pdfs: font {path} is missing (install fonts-dejavu-core)")
            self.add_font("DejaVu", style, str(path))
        self.reference = reference
        self.all_notes = notes
        self.notes_by_page: dict[int, list[tuple[str, list[Run]]]] = {}
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(False)  # pages are broken by write_lines, which knows the footnotes
        self.set_creation_date(CREATED)
        self.set_title(reference)
        self.set_author("European Commission")
        self.add_page()

    # -- text measuring and line breaking
    def use(self, style: str, size: float) -> None:
        self.char_vpos = "SUP" if style == "SUP" else "LINE"
        self.set_font("DejaVu", "" if style == "SUP" else style, size)

    def width(self, text: str, style: str, size: float) -> float:
        self.use(style, size)
        return self.get_string_width(text)

    def wrap(self, runs: list[Run], width: float, size: float) -> list[list[Run]]:
        """Greedy line breaking; a long lowercase word that does not fit is hyphenated."""
        words = [(w, s) for t, s in runs for w in re.split(r"(\s+)", t) if w]
        lines: list[list[Run]] = [[]]
        used = 0.0
        while words:
            word, style = words.pop(0)
            w = self.width(word, style, size)
            if word.isspace():
                if lines[-1]:
                    lines[-1].append((" ", style))
                    used += self.width(" ", style, size)
                continue
            if used + w <= width or not lines[-1]:
                lines[-1].append((word, style))
                used += w
                continue
            split = self.hyphenate(word, style, size, width - used)
            if split:
                lines[-1].append((split[0] + "-", style))
                words.insert(0, (split[1], style))
            while lines[-1] and lines[-1][-1][0] == " ":
                lines[-1].pop()
            if not split:
                words.insert(0, (word, style))
            lines.append([])
            used = 0.0
        return [line for line in lines if line]

    def hyphenate(self, word: str, style: str, size: float, room: float) -> tuple[str, str] | None:
        if style != "" or len(word) < 10 or not word.isalpha() or not word.islower():
            return None
        for cut in range(len(word) - 4, 4, -1):
            if self.width(word[:cut] + "-", style, size) <= room:
                return word[:cut], word[cut:]
        return None

    def draw_line(self, line: list[Run], x: float, y: float, size: float) -> None:
        for text, style in line:
            self.use(style, size)
            self.set_xy(x, y)
            self.cell(self.get_string_width(text), size * LEADING, text)
            x += self.get_string_width(text)
        self.use("", size)

    # -- body
    def body_bottom(self, extra_notes: list[str] = ()) -> float:
        notes = self.notes_by_page.get(self.page_no(), [])
        height = self.notes_height(notes + [(m, self.all_notes[m]) for m in extra_notes])
        return self.h - BOTTOM - height

    def write_lines(self, runs: list[Run], size: float, indent: float = 0.0, mark: str = "", after: float = 2.5) -> None:
        lines = self.wrap(runs, self.epw - indent, size)
        height = size * LEADING
        for i, line in enumerate(lines):
            markers = [t for t, s in line if s == "SUP" and t in self.all_notes]
            if self.get_y() + height > self.body_bottom(markers):
                self.add_page()
            self.notes_by_page.setdefault(self.page_no(), []).extend((m, self.all_notes[m]) for m in markers)
            y = self.get_y()
            if mark and i == 0:
                self.draw_line([(mark, "")], self.l_margin + indent - self.width(mark + " ", "", size), y, size)
            self.draw_line(line, self.l_margin + indent, y, size)
            self.set_y(y + height)
        self.set_y(self.get_y() + after)

    def heading(self, runs: list[Run], level: int, headings_after: int) -> None:
        size = HEADING_SIZES.get(level, BODY)
        keep = (1 + headings_after) * 2 * size * LEADING + 3 * BODY * LEADING
        if self.get_y() + keep > self.body_bottom():
            self.add_page()  # keep headings with the first lines of what follows
        elif self.get_y() > self.t_margin + 1:
            self.set_y(self.get_y() + 2.5)
        self.write_lines(runs, size, after=1.5)

    # -- footnotes and footer, drawn when the page is finished
    def notes_height(self, notes: list[tuple[str, list[Run]]]) -> float:
        if not notes:
            return 0.0
        lines = sum(len(self.wrap(runs, self.epw - 3, NOTE)) for _m, runs in notes)
        return lines * NOTE * LEADING + 2 * len(notes) + 4

    def footer(self) -> None:
        notes = self.notes_by_page.get(self.page_no(), [])
        if notes:
            y = self.h - BOTTOM - self.notes_height(notes) + 2
            self.line(self.l_margin, y, self.l_margin + 50, y)
            y += 2
            for marker, runs in notes:
                self.draw_line([(marker, "SUP")], self.l_margin, y, NOTE)
                for line in self.wrap(runs, self.epw - 3, NOTE):
                    self.draw_line(line, self.l_margin + 3, y, NOTE)
                    y += NOTE * LEADING
                y += 2
        self.use("", FOOTER)
        self.set_xy(self.l_margin, self.h - 13)
        self.cell(self.epw - 20, FOOTER * LEADING, f"(Reference: {self.reference})")
        self.cell(20, FOOTER * LEADING, f"{self.page_no()} / {{nb}}", align="R")


def build(source: Path, target: Path) -> None:
    text = source.read_text(encoding="utf-8")
    call, notice = REFERENCE.search(text), NOTICE_REFERENCE.search(text)
    if not call and not notice:
        sys.exit(f"make_pdfs: no reference (EC/yyyy/DG/nnnnnn, COM/..., EPSO/...) in {source.name}")
    blocks, notes = parse(text, markdown=source.suffix == ".md")
    pdf = CallPdf(f"Call for interest {call.group()}" if call else notice.group(), notes)
    for i, block in enumerate(blocks):
        if block["kind"] == "heading":
            after = next((n for n, b in enumerate(blocks[i + 1:]) if b["kind"] != "heading"), 0)
            pdf.heading(block["runs"], block["level"], headings_after=after)
        elif block["kind"] == "item":
            indent = 6.0 + 6.0 * block["depth"]
            pdf.write_lines(block["runs"], BODY, indent=indent, mark=block["mark"], after=1.0)
        else:
            pdf.write_lines(block["runs"], BODY, after=1.0 if block["kind"] == "field" else 2.5)
    pdf.output(str(target))


def main() -> None:
    for name in SOURCES:
        source = POSTINGS / name
        target = source.with_suffix(".pdf")
        build(source, target)
        print(f"wrote {target.relative_to(POSTINGS.parent.parent)}")


if __name__ == "__main__":
    main()
