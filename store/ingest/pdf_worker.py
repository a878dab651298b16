"""Child process: PDFs on stdin -> their text on stdout, one after another.

Started by store.ingest.pdf as `python -I <this file> <memory limit> <parent id>`, by path so that
no package __init__ runs: it imports pdfminer and nothing of eujobs. Malformed PDFs can
make pdfminer loop or allocate without bound, so the address space is capped here, in
the child only, and the parent enforces the wall time. One child reads many PDFs:
starting Python and importing pdfminer cost as much as reading a short posting.

A request is the PDF's length (8 bytes, big-endian) and its bytes; the answer is a status
byte, a length (8 bytes) and that many bytes of UTF-8:
  OK (0): the text (pages end with a form feed, text boxes with a blank line);
  EXIT_REASON (2): a one-line reason, ready for the user ("PDF is encrypted", ...);
  EXIT_MEMORY (3): out of memory; the child then exits with this code.
End of input: the child exits 0. It also ends, whatever it is doing, when its parent does (even killed
with SIGKILL): a PDF that makes pdfminer loop would otherwise keep it busy for good, and an answer no one
reads would block it. Ctrl-C is the parent's to act on: it kills the child.

Two things are done with the layout that plain extract_text cannot do:
- small raised digits (footnote markers as Word writes them) become ¹²³, which
  clean.py removes, instead of being glued to the word ("Sweden1.");
- lines that were wrapped to fit the column are joined again: a line is a wrap when the
  first word of the next line would not have fitted after it.
"""

import os
import re
import resource
import select
import signal
import sys
import threading

OK = 0
EXIT_REASON = 2
EXIT_MEMORY = 3
PARENT_CHECK_S = 0.25  # how often the child looks whether its parent is still there
SUPERSCRIPT = str.maketrans("0123456789", "⁰¹²³⁴⁵⁶⁷⁸⁹")
DIGIT = re.compile(r"\d")
LIST_ITEM = re.compile(r"\s*([•▪●◦‣∙➤–-]|\d{1,2}[.)]\s|\(?[a-z]\)\s)")


class Damaged(Exception):
    """A defect found here rather than by pdfminer."""


def main(argv: list[str]) -> int:
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if len(argv) > 2:
        _end_with_parent(int(argv[2]))
    if len(argv) > 1 and int(argv[1]) > 0:
        _limit_memory(int(argv[1]))
    requests, answers = sys.stdin.buffer, sys.stdout.buffer
    while (header := requests.read(8)) and len(header) == 8:
        data = requests.read(int.from_bytes(header, "big"))
        try:
            status, payload = OK, _extract(data).encode("utf-8", "replace")
        except MemoryError:
            status, payload = EXIT_MEMORY, b""
        except Exception as exc:  # pdfminer raises TypeError, KeyError, AssertionError, ...
            status, payload = EXIT_REASON, _reason(exc).encode("utf-8", "replace")
        answers.write(bytes([status]) + len(payload).to_bytes(8, "big") + payload)
        answers.flush()
        if status == EXIT_MEMORY:
            return EXIT_MEMORY  # a fresh child is cheaper than trusting this one's heap
    return 0


def _end_with_parent(parent: int) -> None:
    """Exit as soon as the parent is gone: the end of the requests pipe shows it at once, unless another
    process holds that pipe too; then this child has become another's (os.getppid), which is checked often."""
    def watch() -> None:
        requests = select.poll()
        requests.register(sys.stdin.fileno(), 0)  # no events asked: poll still reports the writer gone (HUP)
        while os.getppid() == parent and not requests.poll(PARENT_CHECK_S * 1000):
            pass
        os._exit(0)

    threading.Thread(target=watch, daemon=True).start()


def _limit_memory(limit: int) -> None:
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _reason(exc: Exception) -> str:
    if isinstance(exc, ImportError):
        return "cannot read PDFs: pdfminer.six is not installed"
    from pdfminer.pdfdocument import PDFEncryptionError, PDFNoValidXRef
    from pdfminer.psexceptions import PSEOF

    if isinstance(exc, PDFEncryptionError):
        return "PDF is encrypted"
    if isinstance(exc, Damaged):
        why = str(exc)
    elif isinstance(exc, PSEOF):
        why = "unexpected end of file"
    elif isinstance(exc, PDFNoValidXRef):
        why = "no valid cross-reference table"
    elif isinstance(exc, RecursionError):
        why = "objects nested too deeply"
    else:
        detail = " ".join(str(exc).split())[:80]
        why = f"{type(exc).__name__}: {detail}" if detail else type(exc).__name__
    return f"PDF is damaged: {why}"


def _extract(data: bytes) -> str:
    from io import BytesIO

    from pdfminer.high_level import extract_pages
    from pdfminer.layout import LAParams

    laparams = LAParams(line_overlap=0.5, char_margin=2.0, line_margin=0.5, word_margin=0.1)
    pages = []
    for page in extract_pages(BytesIO(data), laparams=laparams):
        pages.append(_page_text(page))
    if not pages:
        raise Damaged("no pages")
    return "".join(pages)


def _page_text(page) -> str:
    from pdfminer.layout import LTContainer, LTText, LTTextBox, LTTextLine

    lines = [ln for item in page if isinstance(item, LTTextBox) for ln in item if isinstance(ln, LTTextLine)]
    # Right edge of the text: the longest line, or the left margin mirrored, whichever is
    # further right, so that a page of short lines ("Label: value") is not taken as full.
    edge = max([ln.x1 for ln in lines] + [page.width - min((ln.x0 for ln in lines), default=0)])
    out = []
    prev = prev_text = None  # last line written, to decide how the next one joins it
    for item in page:
        if isinstance(item, LTTextBox):
            for n, line in enumerate(ln for ln in item if isinstance(ln, LTTextLine)):
                text = _line_text(line).rstrip("\n")
                if prev is not None:
                    # pdfminer starts a new box when lines are not aligned, e.g. the hanging
                    # indent of a bullet: a wrap into the line right below still joins.
                    near = n > 0 or (prev.y0 - line.y1 < prev.height and line.x0 > prev.x0 - 2)
                    if near and re.search(r"\w-$", prev_text):
                        out.append("\n")  # real hyphen or split word: clean.py decides
                    elif near and _is_wrapped(prev, prev_text, line, text, edge):
                        out.append(" ")
                    else:
                        out.append("\n" if n else "\n\n")
                out.append(text)
                prev, prev_text = line, text
        elif isinstance(item, LTContainer):  # figures: loose characters, as extract_text does
            out.append("".join(c.get_text() for c in _walk(item) if isinstance(c, LTText)))
            prev = None
    return "".join(out) + "\n\f"


def _walk(container):
    from pdfminer.layout import LTContainer

    for child in container:
        yield child
        if isinstance(child, LTContainer):
            yield from _walk(child)


def _line_text(line) -> str:
    """The line's text with small raised digits turned into superscript characters."""
    from pdfminer.layout import LTChar

    text = line.get_text()
    if not DIGIT.search(text):
        return text  # most lines: nothing to raise, and no need to look at each character
    chars = [c for c in line if isinstance(c, LTChar)]
    if not chars:
        return text
    body = max(c.size for c in chars)
    base = min(c.y0 for c in chars if c.size > 0.85 * body)
    out = []
    for item in line:
        text = item.get_text()
        if (
            isinstance(item, LTChar)
            and text.isdigit()
            and item.size < 0.85 * body
            and item.y0 > base + 0.15 * body
        ):
            text = text.translate(SUPERSCRIPT)
        out.append(text)
    return "".join(out)


def _is_wrapped(line, text: str, nxt, next_text: str, edge: float) -> bool:
    """True when the next line's first word would not have fitted at the end of this one."""
    from pdfminer.layout import LTChar

    if not text.strip():
        return False
    if LIST_ITEM.match(next_text):
        # a bullet or a numbered item starts a line of its own, but a dash may also be a
        # wrapped "A – B": it is a bullet only when the line before is a dash item too
        dash = next_text.lstrip()[:1] in "–-"
        if not dash or text.lstrip()[:1] in "–-":
            return False
    chars = [c for c in nxt if isinstance(c, LTChar)]
    if not chars:
        return False
    word = []
    for c in chars:
        if not c.get_text().strip():
            break
        word.append(c)
    first_word_width = word[-1].x1 - word[0].x0 if word else 0
    # the space plus some slack: pdfminer's widths differ a little from the writer's
    slack = 0.5 * chars[0].size
    return line.x1 + first_word_width + slack > edge


if __name__ == "__main__":
    sys.exit(main(sys.argv))
