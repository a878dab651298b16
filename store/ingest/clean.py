"""Clean extracted text for the parser, which reads it line by line.

Removes what the medium added (page headers/footers and numbers, footnote markers,
markdown markup, hyphenation and line wrapping of PDFs) and keeps the structure
the parser needs: one paragraph, heading, "Label: value" pair or bullet per line.
"""

from __future__ import annotations

import re
from collections import Counter

from eujobs.store.ingest.links import link_text

SUPERSCRIPT_DIGITS = "⁰¹²³⁴⁵⁶⁷⁸⁹"
SPACES = re.compile(r"[\u00a0\u2000-\u200a\u202f\u205f\u3000]")  # NBSP and friends
INVISIBLE = re.compile(r"[\u00ad\u200b-\u200d\u2060\ufeff\ufdd0-\ufdef]")  # soft hyphen, zero-width, BOM
LIGATURES = {"ﬀ": "ff", "ﬁ": "fi", "ﬂ": "fl", "ﬃ": "ffi", "ﬄ": "ffl", "ﬅ": "st", "ﬆ": "st"}
LINE_BREAKS = "\v\u2028\u2029"  # Word's manual line break, Unicode separators

LIST_ITEM = re.compile(r"\s*([-–•▪●◦‣∙*+]\s|\d{1,2}[.)]\s|\(?[a-z]\)\s)")
BULLET_GLYPHS = "•▪●◦‣∙·\uf0b7\uf0a7"
BULLET_GLYPH = re.compile(rf"^[ \t]*[{BULLET_GLYPHS}][ \t]*", re.M)
# The Official Journal marks list items with an em dash and a wide gap: "—   Be a citizen of..."
EM_DASH_ITEM = re.compile(r"^[ \t]*—[ \t]+(?=\S)", re.M)
SENTENCE_END = re.compile(r"[.!?:;]['\"’”)]*$")
# "Page 3 of 5", "3 / 5", "- 3 -": page numbers whatever their place on the page
PAGE_OF = re.compile(r"(page|p\.|pag\.|seite)?\s*\d{1,3}\s*(/|of|sur|von|de|di)\s*\d{1,3}|[-–]\s*\d{1,3}\s*[-–]", re.I)
BARE_NUMBER = re.compile(r"(page\s*)?\d{1,3}", re.I)
REFERENCE_LIKE = re.compile(r"\bref(erence)?\b|\b[A-Z]{2,}/\d{4}/|\b\d{5,}\b", re.I)
EDGE_LINES = 3  # lines at the top and at the bottom of a page where headers and footers live
# Where a line was removed: the blank lines around it then count once, not twice.
HOLE = "\ufdef"


def clean_text(text: str, fmt: str) -> str:
    text = _normalise_characters(text)
    pages = [page.split("\n") for page in text.split("\f")]
    pages, kept = _drop_page_furniture(pages)
    lines = _join_pages(pages)
    if kept:  # once, at the end, where it cuts no paragraph
        lines += ["", *kept]
    text = "\n".join(line.rstrip() for line in lines)
    if fmt == "markdown" or (fmt == "text" and looks_like_markdown(text)):
        text = strip_markdown(text)
    text = _close_holes(text)
    text = _drop_footnote_markers(text)
    text = _normalise_bullets(text)
    if fmt != "html":  # (before the hyphen and wrap rules, which would cut or space the address)
        text = _join_broken_addresses(text)
    text = _join_hyphenated(text)
    if fmt != "html":
        text = _join_wrapped_lines(text)
    if fmt == "pdf":
        text = _close_lists(text)
    if fmt in ("pdf", "html"):
        text = re.sub(r"(?<=\S)[ \t]{2,}", " ", text)
    text = "\n".join(line.rstrip() for line in text.split("\n"))
    return re.sub(r"\n\n\n\n+", "\n\n\n", text).strip("\n")  # (\n{4,}, spelled to start with its literal)


# Here and below, a rule runs only when the text holds a character it needs: a regex pass that changes nothing
# still scans the whole text (and str.translate is slow on text beyond latin-1), and most texts need few rules.
def _normalise_characters(text: str) -> str:
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for brk in LINE_BREAKS:
        if brk in text:
            text = text.replace(brk, "\n")
    if not text.isascii():
        text = SPACES.sub(" ", INVISIBLE.sub("", text))
        for ligature, letters in LIGATURES.items():
            if ligature in text:
                text = text.replace(ligature, letters)
    return text


# ---------------------------------------------------------------- page headers and footers

NUMBER_RUN = re.compile(r"\d+")


def _key(text: str) -> str:
    """Lines that differ only in numbers (page numbers) are the same furniture (text: the line's words, or the
    words of lines joined by line breaks)."""
    return NUMBER_RUN.sub("#", text)


def _edges(page: list[str]) -> set[int]:
    filled = [i for i, line in enumerate(page) if line.strip()]
    return set(filled[:EDGE_LINES] + filled[-EDGE_LINES:])


def _drop_page_furniture(pages: list[list[str]]) -> tuple[list[list[str]], list[str]]:
    """Drop page numbers and lines repeated as running headers or footers.

    With pages (form feeds): a line at the top or bottom of at least two pages. Without:
    a line that occurs three times or more. The first occurrence of a repeated line that
    carries a reference ("Reference: ... EC/2026/CNECT/510505") is returned to be kept.
    """
    edges = [_edges(page) for page in pages]
    texts = [[" ".join(line.split()) for line in page] for page in pages]
    # once per line, for the three uses below; in one pass (the words hold no line break, numbers none either)
    keys = [_key("\n".join(page)).split("\n") for page in texts]
    on_pages = Counter(
        key for page_keys, edge in zip(keys, edges) for key in {page_keys[i] for i in edge}
    )
    anywhere = Counter(key for page, page_keys in zip(pages, keys) for line, key in zip(page, page_keys) if line.strip())
    furniture = {k for k, n in on_pages.items() if n >= 2 and len(pages) >= 2}
    furniture |= {k for k, n in anywhere.items() if n >= 3 and _may_be_furniture(k)}
    kept_keys: set[str] = set()
    kept: list[str] = []
    cleaned = []
    for page, page_texts, page_keys, edge in zip(pages, texts, keys, edges):
        out = []
        for i, (line, text, key) in enumerate(zip(page, page_texts, page_keys)):
            at_edge = i in edge
            # (a page number has digits, which its key shows as "#")
            if "#" in key and (PAGE_OF.fullmatch(text) or (at_edge and BARE_NUMBER.fullmatch(text))):
                out.append(HOLE)
            elif key in furniture and (at_edge or sum(c.isalpha() for c in key) >= 3):
                if REFERENCE_LIKE.search(text) and key not in kept_keys:
                    kept_keys.add(key)
                    kept.append(re.sub(r"\s+\d{1,3}$", "", text))  # without a page number glued to it
                out.append(HOLE)
            else:
                out.append(line)
        cleaned.append(out)
    return cleaned, kept


def _may_be_furniture(key: str) -> bool:
    """Without page breaks, only lines that look like running footers: a number or a
    reference in them, or a few words; not a heading like "Requirements", not a bullet."""
    return 8 <= len(key) <= 150 and ("#" in key or len(key.split()) >= 5) and not LIST_ITEM.match(key)


def _join_pages(pages: list[list[str]]) -> list[str]:
    """Pages back into one text; a paragraph cut by a page break is joined again, and the
    footnotes at the bottom of that page move after it."""
    if len(pages) == 1:
        return pages[0]
    out: list[list[str]] = []  # paragraphs
    pending_notes: list[list[str]] = []
    for page in pages:
        paragraphs = _paragraphs(page)
        notes = []
        while paragraphs and _is_footnote(paragraphs[-1][0]):
            notes.insert(0, paragraphs.pop())
        if out and paragraphs and _continues(out[-1][-1], paragraphs[0][0]):
            out[-1] += paragraphs.pop(0)
        out += pending_notes + paragraphs
        pending_notes = notes
    out += pending_notes
    return [line for paragraph in out for line in ("", *paragraph)][1:]


HOLES = re.compile(rf"{HOLE}[\n{HOLE}]*")


def _close_holes(text: str) -> str:
    """A removed line and the blank lines around it leave the larger of the two gaps."""
    # What re.sub(rf"\n*{HOLE}(?:\n*{HOLE})*\n*", ...) does, without its cost: searched from every newline of a run
    # with no hole after it, that was quadratic on blank lines; and a second alternative that took up such runs
    # ran a replacement for each of them. A run of holes and newlines is found from its first hole, then the
    # newlines before that hole are taken in.
    out, done = [], 0
    for m in HOLES.finditer(text):
        start = m.start()
        while start > done and text[start - 1] == "\n":
            start -= 1
        out += [text[done:start], "\n" * max(len(gap) for gap in text[start:m.end()].split(HOLE))]
        done = m.end()
    return "".join(out) + text[done:] if out else text


def _paragraphs(lines: list[str]) -> list[list[str]]:
    paragraphs: list[list[str]] = [[]]
    for line in lines:
        if line == HOLE:
            continue
        if line.strip():
            paragraphs[-1].append(line)
        elif paragraphs[-1]:
            paragraphs.append([])
    return [p for p in paragraphs if p]


def _is_footnote(line: str) -> bool:
    first = line.lstrip()[:1]
    return bool(first) and first in SUPERSCRIPT_DIGITS


def _continues(last: str, first: str) -> bool:
    """A paragraph goes on across the page break: no full stop before, lowercase after."""
    last, first = last.rstrip(), first.lstrip()
    return bool(last and first) and not SENTENCE_END.search(last) and (first[0].islower() or last.endswith(","))


# ---------------------------------------------------------------- markdown

ESCAPABLE = "\\`*_{}[]()#+-.!<>|~"
# escaped characters are parked on Unicode noncharacters while markup is removed
PARK = {c: chr(0xFDD0 + i) for i, c in enumerate(ESCAPABLE)}
# a rule whose marks stand apart: "- - -", "* * *"
_MD_RULE_HINT = re.compile(r"([-*_=])[ \t]+\1")


# Rules whose "cut" alternative takes up, unchanged, what the rule before it failed on and would fail on again
# from every later position, which it tried (quadratic on a run of "[", "[a](", "![", "<b" or "**a "):
# - a "[" whose label is not followed by "](" fails at the same "]" from every "[" before it;
# - when the address stops at a blank (or ">") instead of a ")", so does the address of a "[" before its last
#   "]" (but not of one whose "](" ends the address: a blank may start the address of that one);
_MD_LINK_HINT = re.compile(r"\[[^\]\n]+\]\([^)\s]*\)|(?P<cut>\[[^\]\n]+\]\([^)\s]*\]|\[[^\]\n]*)")
_MD_LINK = re.compile(
    r"\[([^\]]+)\]\(\s*<?([^)\s>]*)>?(?:\s+(?:\"[^\"]*\"|'[^']*'))?\s*\)"
    r"|(?P<cut>\[[^\]]+\]\(\s*<?[^)\s>]*\](?!\((?:[)\s>]|\Z))|\[[^\]]*)")
# - with no "]", "](" or ")" after it, no image can close any more; with no ">" after it, no tag;
_MD_IMAGE = re.compile(r"!\[[^\]]*\]\([^)]*\)|(?P<cut>!\[[^\]]*(?:\]\([^)]*)?)")
_INLINE_TAG = r"</?(?:b|strong|i|em|u|span|small|mark|sub)\b[^>]*"
_HTML_INLINE_TAG = re.compile(rf"{_INLINE_TAG}>|(?P<cut>{_INLINE_TAG})", re.I)
# - with no closing mark on the rest of its line, no later opening mark of the line has one either.
_MD_STRONG = [re.compile(rf"{mark}(?=\S)(.+?)(?<=\S){mark}|(?P<cut>{mark}(?=\S).+)") for mark in (r"\*\*", "__")]
_MD_HEADING = re.compile(r"^[ \t]{0,3}#{1,6}[ \t]+(.*)$", re.M)


# What ^[ \t]{0,3}#{1,6}[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$ keeps of a heading line, without the regex's backtracking
# (quadratic on a heading line with a long run of blanks).
def _heading_text(m: re.Match) -> str:
    """The heading's text, without its closing "#"s and the blanks around them."""
    text = m[1].rstrip(" \t")
    without_marks = text.rstrip("#")
    if without_marks != text and without_marks != without_marks.rstrip(" \t"):  # blanks, then "#"s
        return without_marks.rstrip(" \t")
    return text


def looks_like_markdown(text: str) -> bool:
    """ATX headings, or several of: **bold**, [links](url), backslash escapes."""
    if "#" in text and re.search(r"^#{1,6}[ \t]+\S", text, re.M):
        return True
    hints = (
        (len(re.findall(r"\*\*\S[^*\n]*\*\*", text)) if "**" in text else 0)
        + (sum(1 for m in _MD_LINK_HINT.finditer(text) if m["cut"] is None) if "[" in text else 0)
        + (len(re.findall(r"\\[*()_\[\]#]", text)) if "\\" in text else 0)
    )
    return hints >= 2


# strip_markdown's rules, compiled once; each runs only on a text that holds the marks it needs
_MD_RULE = re.compile(r"^[ \t]{0,3}([-*_=])(?:[ \t]*\1){2,}[ \t]*$", re.M)  # rules, setext
_MD_TABLE_RULE = re.compile(r"^[ \t]*\|?(?:[ \t]*:?-{3,}:?[ \t]*\|)+(?:[ \t]*:?-{3,}:?)?[ \t]*$", re.M)
_MD_TABLE_ROW = re.compile(r"^[ \t]*\|(.*)\|[ \t]*$", re.M)
_MD_LIST_MARK = re.compile(r"^([ \t]*)[*+][ \t]+", re.M)
_MD_QUOTE = re.compile(r"^[ \t]*>[ \t]?", re.M)
_MD_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_MD_CODE = re.compile(r"`([^`\n]+)`")
_MD_HARD_BREAK = re.compile(r"\\$", re.M)


def strip_markdown(text: str) -> str:
    if "\\" in text:
        text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!<>|~])", lambda m: PARK[m.group(1)], text)
    if "![" in text:
        text = _MD_IMAGE.sub(lambda m: m["cut"] or "", text)  # images
    if "[" in text:
        text = _MD_LINK.sub(_link, text)
    if "<" in text:
        text = re.sub(r"<(?:mailto:)?([^<>\s]+@[^<>\s]+)>|<(https?://[^<>\s]+)>", lambda m: m.group(1) or m.group(2), text)
        text = re.sub(r"<br\s*/?>", "\n", text, flags=re.I)
        text = _HTML_INLINE_TAG.sub(lambda m: m["cut"] or "", text)
    if "#" in text:
        text = _MD_HEADING.sub(_heading_text, text)
    if "--" in text or "**" in text or "__" in text or "==" in text or _MD_RULE_HINT.search(text):
        text = _MD_RULE.sub(HOLE, text)
    if "---" in text and "|" in text:
        text = _MD_TABLE_RULE.sub(HOLE, text)
    if "|" in text:
        text = _MD_TABLE_ROW.sub(lambda m: m.group(1).strip(), text)  # table rows
    if "*" in text or "+" in text:
        text = _MD_LIST_MARK.sub(r"\1- ", text)
    if ">" in text:
        text = _MD_QUOTE.sub("", text)
    for mark, strong in zip(("**", "__"), _MD_STRONG):
        if mark in text:
            text = strong.sub(lambda m: m["cut"] or m[1], text)
    if "*" in text:
        text = _MD_ITALIC.sub(r"\1", text)
    if "`" in text:
        text = _MD_CODE.sub(r"\1", text)
    if "\\" in text:
        text = _MD_HARD_BREAK.sub("", text)  # hard line break
    for original, parked in PARK.items():  # (str.translate is slow on text beyond latin-1)
        if parked in text:
            text = text.replace(parked, original)
    return text


def _link(m: re.Match) -> str:
    return m["cut"] if m["cut"] is not None else link_text(m.group(1), m.group(2))


# ---------------------------------------------------------------- footnotes, bullets, wrapping

# (?<=[^\s⁰-⁹])(?<!\bm)(?<!\bkm)(?<!\bcm)[⁰-⁹]+ (not "m²", "km²"), and (?<=\w)\*{1,3}(?=[ \t]*:), spelled to
# start with the mark they take out, so that the engine skips to it instead of trying each position: the
# look-behinds of the mark's first character come after it
FOOTNOTE_MARK = re.compile(rf"[{SUPERSCRIPT_DIGITS}](?<=[^\s{SUPERSCRIPT_DIGITS}][{SUPERSCRIPT_DIGITS}])"
                           rf"(?<!\bm[{SUPERSCRIPT_DIGITS}])(?<!\bkm[{SUPERSCRIPT_DIGITS}])(?<!\bcm[{SUPERSCRIPT_DIGITS}])"
                           rf"[{SUPERSCRIPT_DIGITS}]*")
LABEL_STARS = re.compile(r"\*(?<=\w\*)\*{0,2}(?=[ \t]*:)")


def _drop_footnote_markers(text: str) -> str:
    sup = r"<sup>\s*(?:\[?\d{1,3}\]?|[*†‡]+)\s*</sup>"
    if "<" in text:
        text = re.sub(rf"^([ \t]*){sup}[ \t]*", r"\1", text, flags=re.I | re.M)  # footnote text
        text = re.sub(sup, "", text, flags=re.I)
    if "[^" in text:
        text = re.sub(r"\[\^\w+\]:?", "", text)  # markdown footnotes
    if any(digit in text for digit in SUPERSCRIPT_DIGITS):
        text = re.sub(rf"^([ \t]*)[{SUPERSCRIPT_DIGITS}]+[ \t]*", r"\1", text, flags=re.M)  # footnote text
        text = FOOTNOTE_MARK.sub("", text)
    if "[" in text:
        text = re.sub(r"(?<=[\w.,;:)”\"’])\[\d{1,3}\]", "", text)
        text = re.sub(r"^([ \t]*)\[\d{1,3}\][ \t]+", r"\1", text, flags=re.M)
    if "*" in text:
        text = LABEL_STARS.sub("", text)  # "Job title*:" -> "Job title:"
    return text


def _normalise_bullets(text: str) -> str:
    if any(glyph in text for glyph in BULLET_GLYPHS):
        text = re.sub(r"^[ \t]*[•▪●◦‣∙·\uf0b7\uf0a7][ \t]*\n(?=[ \t]*\S)", "- ", text, flags=re.M)  # lone bullet
    if "—" in text:
        text = EM_DASH_ITEM.sub("- ", text)
    return BULLET_GLYPH.sub("- ", text) if any(glyph in text for glyph in BULLET_GLYPHS) else text


def _close_lists(text: str) -> str:
    """pdfminer puts list items in boxes of their own: one item per line, no blank between."""
    lines = text.split("\n")
    return "\n".join(
        line for i, line in enumerate(lines)
        if line.strip() or not (0 < i < len(lines) - 1 and LIST_ITEM.match(lines[i - 1]) and LIST_ITEM.match(lines[i + 1]))
    )


# An address cut at the end of a line: where it may be cut, and what the next line's first token must be to go
# on with it. Cut after "=", "?", "&" or "@", it goes on with anything; after "-", "_" or "/", with a word that
# is not a capitalised one (a new sentence); after ".", with the rest of a domain or a path.
ADDRESS_MARKS = ("://", "www.", "@")
CUT_ANYWHERE = "=?&@"
CUT_IN_WORD = "-_/"
LOCAL_PART = re.compile(r"[\w.+-]+")  # "HR-COM-2023-" of HR-COM-2023-AD5@ec.europa.eu
EMAIL_START = re.compile(r"\w[\w.+-]*@[\w-]+(?:\.[\w-]+)+")
MAX_ADDRESS = 2048  # characters: an address is shorter; a longer token is not read as one


def _join_broken_addresses(text: str) -> str:
    """'https://eu-careers.europa.eu/en/job-\nopportunities' and 'HR-COM-2023-\nAD5@ec.europa.eu' as one
    address: a line that ends inside an address is joined to the next one, without a blank."""
    if "://" not in text and "www." not in text and "@" not in text:
        return text
    # Each line is kept as the parts joined into it, and read by its last token: what the address has so far is
    # known by its length and whether it is one already (joined one by one and searched again, it was quadratic).
    out: list[list[str]] = []
    token, length, in_address = "", 0, False
    for line in text.split("\n"):
        head = line.lstrip()
        if token and head and _address_goes_on(token, in_address, head):
            out[-1].append(head)
            token = _last_token(head)
            if len(token) == len(head):  # the address goes on to the end of this line too
                length, in_address = length + len(token), True
                token = token if length <= MAX_ADDRESS else ""
                continue
        else:
            out.append([line])
            token = _last_token(line)
        length, in_address = len(token), any(mark in token for mark in ADDRESS_MARKS)
        token = token if length <= MAX_ADDRESS else ""
    return "\n".join("".join(parts) for parts in out)


def _last_token(line: str) -> str:
    end = line[-MAX_ADDRESS - 1:]
    return end.rsplit(None, 1)[-1] if end.strip() else ""


def _address_goes_on(token: str, in_address: bool, head: str) -> bool:
    """Whether the address that ends a line with this token goes on with the next line (head)."""
    mark = token[-1]
    if mark not in CUT_ANYWHERE and mark not in CUT_IN_WORD and mark != ".":
        return False
    first = head.split(None, 1)[0][:MAX_ADDRESS]
    if not (first[0].isalnum() or first[0] in "%~"):
        return False
    if not in_address:  # the local part of an e-mail whose "@" is on the next line
        local = token.lstrip("(<[\"'“‘")
        return (mark in "-_" and bool(LOCAL_PART.fullmatch(local)) and any(c.isalnum() for c in local)
                and bool(EMAIL_START.match(first)))
    if first.startswith(("http", "www.")) or ("@" in first and "@" in token):
        return False  # the next address
    if mark in CUT_ANYWHERE:
        return True
    rest = first.rstrip(".,;:)!?'\"")
    if mark == ".":
        return "." in rest or "/" in rest
    return not first[0].isupper() or any(c in rest for c in "/.-_?=&%@") or any(c.isdigit() for c in rest)


HYPHEN_AT_END = re.compile(r"-[ \t]*\n")


def _join_hyphenated(text: str) -> str:
    """'adminis-\ntration' -> 'administration', 'Commis-\nsion' -> 'Commission' when the
    text has that word; 'e-mail', 'Brussels-based' and compounds the text also writes
    with a hyphen elsewhere ('well-organised') keep their hyphen."""
    if not HYPHEN_AT_END.search(text):  # (no line ends with a hyphen: nothing to join)
        return text
    words = set()  # the words of the text, read at the first hyphen that needs them

    def join(m: re.Match) -> str:
        left, right = m.group(1), m.group(2)
        if not right[0].islower():
            return m.group(0)
        if not words:
            words.update(re.findall(r"\w+(?:-\w+)*", text))
        if len(left) == 1 or f"{left}-{right}" in words:
            return f"{left}-{right}"
        if left[0].islower() or left + right in words:
            return left + right
        return f"{left}-{right}"

    # \b: a word is tried from its start only; from each of its letters, a long word was quadratic
    return re.sub(r"\b(\w+)-[ \t]*\n[ \t]*(\w+)", join, text)


def _join_wrapped_lines(text: str) -> str:
    """Join a line to the one before when it goes on with a lowercase word mid-sentence.

    Across blank lines too when the line before is a long one (a paragraph, not a heading
    or a label): that is a page break left in text copied from a PDF.
    """
    # Each line is kept as the parts joined into it, with its length, and read by its last part, which ends it
    # (not blank): joined one by one, and searched whole for each next line, a long paragraph took quadratic time.
    out: list[list[str]] = []
    lengths: list[int] = []
    blanks = 0
    for line in text.split("\n"):
        if not line.strip():
            blanks += 1
            out.append([line])
            lengths.append(len(line))
            continue
        prev_index = len(out) - 1 - blanks
        prev = out[prev_index] if prev_index >= 0 else [""]
        end = prev[-1]
        if (
            end.strip()
            and line.lstrip()[:1].islower()
            and not LIST_ITEM.match(line)
            and not SENTENCE_END.search(end)
            and (blanks == 0 or lengths[prev_index] >= 60)
        ):
            glue = "" if re.search(r"\w-$", end.rstrip()) else " "  # "EU-" + "wide"
            prev[-1:] = [end.rstrip(), glue, line.lstrip()]
            lengths[prev_index] += len(prev[-3]) - len(end) + len(glue) + len(prev[-1])
            del out[prev_index + 1:], lengths[prev_index + 1:]
        else:
            out.append([line])
            lengths.append(len(line))
        blanks = 0
    return "\n".join("".join(parts) for parts in out)
