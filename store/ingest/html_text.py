"""Saved HTML page -> the text of its main content, one block or bullet per line.

Written for the shapes of EU career pages (eu-careers, EPSO, EP traineeships): a site
header, navigation and footer around a <main> (or role=main, or <article>) that holds
the posting. Only the standard library's html.parser is used, so the tree is built here,
forgiving unclosed <p>/<li>/<td> as browsers do.
"""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser

from eujobs.store.ingest.links import link_text
from eujobs.store.ingest.page_data import page_posting

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}
DROP = {
    "script", "style", "nav", "aside", "noscript", "form", "svg", "iframe", "button",
    "template", "select", "dialog", "canvas", "object", "head", "math",
}
PAGE_FRAME = {"header", "footer"}  # dropped around the content, kept inside it (an article's title)
DROP_ROLES = {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alertdialog"}
HIDDEN_CLASSES = {"sr-only", "visually-hidden", "ecl-u-sr-only", "element-invisible", "hidden"}
BLOCK = {
    "address", "article", "blockquote", "body", "caption", "center", "details", "div", "dl",
    "fieldset", "figcaption", "figure", "html", "main", "ol", "p", "pre", "section", "summary",
    "table", "tbody", "thead", "tfoot", "ul", "h1", "h2", "h3", "h4", "h5", "h6", "header", "footer",
}
# an open element of the key is closed implicitly by a new one of these tags
IMPLICIT_CLOSE = {"p": BLOCK | {"li", "dt", "dd", "tr"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"},
                  "tr": {"tr"}, "td": {"td", "th", "tr"}, "th": {"td", "th", "tr"}, "option": {"option"}}
# Block boundaries are marked while rendering and resolved at the end, so that nested
# blocks ask for a line break (or a blank line) once instead of adding them up.
LINE, PARAGRAPH = "\x01", "\x02"
# (from the mark: with the blanks before it in the pattern, each blank of a long run of indentation started a
# scan of the rest of the run, quadratic; the lines are stripped after)
BOUNDARY = re.compile(r"[\x01\x02][\s\x01\x02]*")
NESTED_ITEM = re.compile(r"[ \t]+(-|\d+\.) ")  # keeps its indentation
FOOTNOTE_MARK = re.compile(r"\s*(\[?\d{1,3}\]?|[*†‡]+)\s*")
EDGES = " \t\n" + LINE + PARAGRAPH
MAX_DEPTH = 100  # elements in elements: saved EU pages nest 30 deep at most
FOOTNOTE_LONGEST = 16  # characters (and elements) of a <sup> read as a footnote mark
# Fewer words than this in the main content, and no sign of the posting in them, and the page is an app's shell
# ("Loading application. Please wait."): the posting is in its scripts' data, if anywhere. (A summary page of
# EU Careers has fewer words than this, and is the posting: its title is in them.)
THIN_WORDS = 80


class Node:
    __slots__ = ("tag", "attrs", "children", "parent", "depth")

    def __init__(self, tag: str, attrs: dict[str, str], parent: Node | None):
        self.tag, self.attrs, self.children, self.parent = tag, attrs, [], parent
        self.depth = parent.depth + 1 if parent is not None else 0

    # The walks over the tree keep a stack of their own: no recursion, and each element is read once, whatever
    # the depth (the tree's is bounded, but a page nested deeper than MAX_DEPTH has all the rest on one element).

    def find_all(self, test, nested: bool = True) -> list[Node]:
        """The elements under this one that pass `test`, in document order; nested=False leaves out those inside
        one found."""
        found, stack = [], self._elements()
        while stack:
            node = stack.pop()
            hit = test(node)
            if hit:
                found.append(node)
            if nested or not hit:
                stack += node._elements()
        return found

    def _elements(self) -> list[Node]:
        """The child elements, last first (as a stack pops them in order)."""
        return [child for child in reversed(self.children) if isinstance(child, Node)]

    def text(self) -> str:
        parts, stack = [], self.children[::-1]
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
            else:
                stack += item.children[::-1]
        return "".join(parts)

    def short_text(self, longest: int) -> str | None:
        """The text when it is short: at most `longest` characters in at most `longest` elements and strings;
        None otherwise, told without reading a long one whole."""
        parts, stack, seen = [], [self], 0
        while stack:
            item = stack.pop()
            if isinstance(item, str):
                parts.append(item)
                continue
            seen += len(item.children)
            if seen > longest:
                return None
            stack += item.children[::-1]
        text = "".join(parts)
        return text if len(text) <= longest else None


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = self.current = Node("#root", {}, None)
        self.scripts: list[Node] = []  # where a page that is an app's shell keeps the posting
        # The tags of the current element and its ancestors: a tag none of them has needs no walk up to the root
        # (in a page nested deeper than MAX_DEPTH, that walk took a hundred steps for each tag).
        self.open_tags: Counter[str] = Counter()

    def handle_starttag(self, tag, attrs):
        for open_tag, closers in IMPLICIT_CLOSE.items():
            if tag in closers and self._open(open_tag, stop_at={"ul", "ol", "table", "dl"} - {tag}):
                self._close(open_tag)
        node = Node(tag, {k: v or "" for k, v in attrs}, self.current)
        self.current.children.append(node)
        if tag == "script":
            self.scripts.append(node)
        # Deeper than MAX_DEPTH (unclosed tags), an element takes no content: what follows goes to its parent.
        # Rendering reads the tree recursively, and such a page is no posting. A script or style still holds its
        # text (none of it visible), which has no tags.
        if tag not in VOID and (node.depth <= MAX_DEPTH or tag in ("script", "style")):
            self.current = node
            self.open_tags[tag] += 1

    def handle_endtag(self, tag):
        if self._open(tag):
            self._close(tag)

    def handle_data(self, data):
        self.current.children.append(data)

    def _open(self, tag, stop_at=()) -> bool:
        if not self.open_tags[tag]:
            return False
        node = self.current
        while node is not None and node.tag not in stop_at:
            if node.tag == tag:
                return True
            node = node.parent
        return False

    def _close(self, tag):
        while self.current.tag != tag:
            self.open_tags[self.current.tag] -= 1
            self.current = self.current.parent
        self.open_tags[tag] -= 1
        self.current = self.current.parent


def html_to_text(html: str) -> str:
    """The page's main text; for a page whose main text is thin, the posting its scripts carry as data."""
    builder = _parsed(html)
    root = _content_root(builder.root)
    text = _finish(_render(root, inside_content=root.tag not in ("body", "#root"), depth=0))
    if not root.find_all(lambda n: n.tag == "h1"):
        # the posting's title may sit above <main> (not in the site's <header>: that is branding)
        titles = [h for h in builder.root.find_all(lambda n: n.tag == "h1") if not _dropped_ancestor(h)]
        if len(titles) == 1:
            text = " ".join(titles[0].text().split()) + "\n\n" + text
    if builder.scripts and len(text.split(None, THIN_WORDS)) <= THIN_WORDS:
        scripts = ((n.attrs.get("type", ""), "".join(c for c in n.children if isinstance(c, str))) for n in builder.scripts)
        posting = page_posting(scripts, fragment_to_text)
        if posting and _words(posting.title) not in _words(text):
            return posting.text
    return text


def _words(text: str) -> str:
    return " " + " ".join(text.casefold().split()) + " "


def fragment_to_text(html: str) -> str:
    """A piece of HTML (a posting's body held as data) as text; its scripts are not read."""
    root = _parsed(html).root
    return _finish(_render(root, inside_content=True, depth=0))


def _parsed(html: str) -> _TreeBuilder:
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder


def _finish(rendered: str) -> str:
    text = BOUNDARY.sub(lambda m: "\n\n" if PARAGRAPH in m.group() else "\n", rendered)
    lines = [ln.rstrip() if NESTED_ITEM.match(ln) else ln.strip() for ln in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def _content_root(root: Node) -> Node:
    for test in (lambda n: n.tag == "main", lambda n: n.attrs.get("role") == "main"):
        found = [n for n in root.find_all(test) if not _hidden(n)]
        if found:
            return found[0]
    # (an article in another has fewer words: left out, it is not read again for each article around it)
    articles = root.find_all(lambda n: n.tag == "article" and not _hidden(n), nested=False)
    if articles:
        return max(articles, key=lambda n: len(n.text().split()))
    bodies = root.find_all(lambda n: n.tag == "body")
    return bodies[0] if bodies else root


def _hidden(node: Node) -> bool:
    a = node.attrs
    style = a.get("style", "").replace(" ", "").lower()
    return (
        "hidden" in a
        or a.get("aria-hidden") == "true"
        or "display:none" in style
        or "visibility:hidden" in style
        or a.get("role") in DROP_ROLES
        or bool(HIDDEN_CLASSES & set(a.get("class", "").split()))
        or "cookie" in (a.get("id", "") + a.get("class", "")).lower()
    )


def _dropped(node: Node, inside_content: bool) -> bool:
    return node.tag in DROP or (node.tag in PAGE_FRAME and not inside_content) or _hidden(node)


def _dropped_ancestor(node: Node) -> bool:
    while node is not None:
        if _dropped(node, inside_content=False):
            return True
        node = node.parent
    return False


def _render(node: Node, inside_content: bool, depth: int) -> str:
    parts = []
    number = 0
    for child in node.children:
        if isinstance(child, str):
            parts.append(child if node.tag == "pre" or _in_pre(node) else re.sub(r"\s+", " ", child))
            continue
        if _dropped(child, inside_content):
            continue
        tag = child.tag
        if tag == "br":
            parts.append("\n")
        elif tag == "hr":
            parts.append(PARAGRAPH)
        elif tag == "sup" and FOOTNOTE_MARK.fullmatch(child.short_text(FOOTNOTE_LONGEST) or ""):
            continue  # footnote marker
        elif tag == "li":
            number += 1
            mark = f"{number}." if node.tag == "ol" else "-"
            parts.append(_list_item(child, mark, inside_content, depth))
        elif tag == "tr":
            parts.append(LINE + _row(child, inside_content) + LINE)
        elif tag == "dl":
            parts.append(PARAGRAPH + _definitions(child, inside_content) + PARAGRAPH)
        elif tag in ("ul", "ol"):
            gap = LINE if node.tag == "li" else PARAGRAPH
            parts.append(gap + _render(child, inside_content, depth + 1 if node.tag == "li" else depth) + gap)
        elif tag in BLOCK or tag in ("dt", "dd", "td", "th"):
            gap = PARAGRAPH if tag in ("p", "h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "blockquote") else LINE
            parts.append(gap + _render(child, inside_content, depth) + gap)
        elif tag == "a" and child.attrs.get("href"):
            parts.append(_anchor(_render(child, inside_content, depth), child.attrs["href"]))
        else:  # inline: a, span, b, strong, em, label, ...
            parts.append(_render(child, inside_content, depth))
    return "".join(parts)


def _anchor(label: str, href: str) -> str:
    """A link as link_text reads it, with the blanks and block boundaries around its label kept around it.
    A link without words (an icon) stays without: its address alone would be noise."""
    core = label.strip(EDGES)
    if not core:
        return label
    lead, trail = label[: len(label) - len(label.lstrip(EDGES))], label[len(label.rstrip(EDGES)):]
    if LINE in core or PARAGRAPH in core:  # a block (a card) as the label: the address after it
        words = " ".join(core.replace(LINE, " ").replace(PARAGRAPH, " ").split())
        read = link_text(words, href)
        return lead + core + read[len(words):] + trail if read.startswith(words + " (") else label
    return lead + link_text(core, href) + trail


def _in_pre(node: Node) -> bool:
    while node is not None:
        if node.tag == "pre":
            return True
        node = node.parent
    return False


def _one_line(node: Node, inside_content: bool) -> str:
    return " ".join(_finish(_render(node, inside_content, 0)).split())


def _list_item(node: Node, mark: str, inside_content: bool, depth: int) -> str:
    indent = "  " * depth
    lines = [ln.rstrip() for ln in _finish(_render(node, inside_content, depth)).split("\n") if ln.strip()]
    if not lines:
        return ""
    out = [f"{indent}{mark} {lines[0].strip()}"]
    for line in lines[1:]:  # nested items come indented with their own mark; text goes under the item
        nested = re.match(rf"{indent}  (-|\d+\.) ", line)
        out.append(line if nested else f"{indent}  {line.strip()}")
    return LINE + "\n".join(out) + LINE


def _label_value(label: str, value: str) -> str:
    if not value:
        return label
    return f"{label} {value}" if label.endswith(":") else f"{label}: {value}"


def _row(node: Node, inside_content: bool) -> str:
    """A table row on one line: "Label: value" for two cells, else cells joined by " | "."""
    cells = [_one_line(c, inside_content) for c in node.children
             if isinstance(c, Node) and c.tag in ("td", "th") and not _dropped(c, inside_content)]
    cells = [c for c in cells if c]
    if len(cells) == 2:
        return _label_value(*cells)
    return " | ".join(cells)


def _definitions(node: Node, inside_content: bool) -> str:
    """<dt>Label</dt><dd>value</dd> pairs, one "Label: value" per line."""
    lines: list[str] = []
    label = None
    for child in _terms(node):
        text = _one_line(child, inside_content)
        if child.tag == "dt":
            if label is not None:
                lines.append(label)
            label = text
        elif label is not None:
            lines.append(_label_value(label, text))
            label = None
        elif text:
            lines.append(text)
    if label:
        lines.append(label)
    return "\n".join(lines)


def _terms(dl: Node) -> list[Node]:
    """The <dt> and <dd> of this list, also in the <div>s that group them; not those of a list in a <dd>, which
    its <dd> renders (taken again at each level of nested lists, they were exponential)."""
    found, stack = [], list(reversed(dl.children))
    while stack:
        child = stack.pop()
        if isinstance(child, Node) and child.tag in ("dt", "dd"):
            found.append(child)
        elif isinstance(child, Node) and child.tag != "dl":
            stack += reversed(child.children)
    return found
