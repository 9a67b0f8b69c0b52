"""The visible text of an HTML source, with a map back to source offsets and block context.

Owns: a tolerant, regex-driven projection of HTML to the text a browser would show
(tags removed, entities decoded, whitespace collapsed, ``script``/``style``/``head``
content skipped), where every projected character knows its offset in the source and
every block knows the elements it sits in (tag names, ``class`` and ``id`` words). It
never raises on malformed markup: an unclosed tag simply extends its context, a stray
``<`` stays text. ``extract_html`` uses it to give trafilatura's paragraphs source
offsets, to find the visible text the extractor dropped, and as the fallback extraction
when a page cannot be parsed. Imports only the standard library.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

_TOKEN = re.compile(
    r"<!--.*?(?:-->|\Z)"
    r"|<(?P<raw>script|style|noscript|template|head|svg|iframe|object)\b[^>]*>.*?(?:</(?P=raw)\s*>|\Z)"
    r"|<!\[CDATA\[.*?(?:\]\]>|\Z)"
    r"|<[!?][^>]*>"
    r"|</?(?P<tag>[a-zA-Z][a-zA-Z0-9:-]*)(?P<attrs>(?:[^>\"']|\"[^\"]*\"|'[^']*')*)>"
    r"|&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z][a-zA-Z0-9]{1,31});?"
    # Single spaces stay inside text runs (the common case, handled in bulk); only longer
    # or other whitespace (newlines, tabs, NBSP) is a token of its own.
    r"|\s{2,}|[^\S ]",
    re.S | re.I,
)
_ATTR_WORDS = re.compile(
    r"""\b(?:class|id|role|itemprop|data-component)\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I
)
_BLOCK_TAGS = frozenset(
    [
        "address",
        "article",
        "aside",
        "blockquote",
        "body",
        "br",
        "dd",
        "details",
        "dialog",
        "div",
        "dl",
        "dt",
        "fieldset",
        "figcaption",
        "figure",
        "footer",
        "form",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "header",
        "hr",
        "li",
        "main",
        "nav",
        "ol",
        "p",
        "pre",
        "section",
        "summary",
        "table",
        "tbody",
        "td",
        "tfoot",
        "th",
        "thead",
        "tr",
        "ul",
        "button",
        "caption",
        "title",
        "html",
        "option",
        "select",
        "textarea",
    ]
)
_VOID_TAGS = frozenset(
    [
        "area",
        "base",
        "br",
        "col",
        "embed",
        "hr",
        "img",
        "input",
        "link",
        "meta",
        "param",
        "source",
        "track",
        "wbr",
    ]
)
_IMPLICIT_CLOSE = {
    "p": {"p"},
    "li": {"li"},
    "dt": {"dt", "dd"},
    "dd": {"dt", "dd"},
    "tr": {"tr"},
    "td": {"td", "th"},
    "th": {"td", "th"},
    "option": {"option"},
}


@dataclass(frozen=True, slots=True)
class Block:
    """A run of visible text between block-level boundaries.

    :param start: offset of its first character in ``Projection.text``.
    :param end: offset just past its last character in ``Projection.text``.
    :param elements: the elements enclosing the block, outermost first, each as its
        lower-cased tag name followed by its ``class``/``id``/``role`` words.
    """

    start: int
    end: int
    elements: tuple[tuple[str, ...], ...]

    @property
    def context(self) -> tuple[str, ...]:
        """All tag names and attribute words of ``elements``, flattened, outermost first."""
        return tuple(w for element in self.elements for w in element)


@dataclass(frozen=True, slots=True)
class Projection:
    """Visible text of an HTML source.

    ``text`` holds the blocks, each followed by ``\\n`` once closed; ``origin[i]`` is the source offset of
    ``text[i]`` and ``origin[len(text)]`` the source length.
    """

    text: str
    origin: tuple[int, ...]
    blocks: tuple[Block, ...]

    def source_span(self, start: int, end: int) -> tuple[int, int]:
        """Source span covering projected ``[start, end)``."""
        if end <= start:
            return self.origin[start], self.origin[start]
        return self.origin[start], self.source_end(end - 1)

    def source_end(self, index: int) -> int:
        """Offset just past the source text that produced projected character ``index``."""
        nxt = self.origin[index + 1] if index + 1 < len(self.origin) else self.origin[-1]
        # An entity or a collapsed whitespace run spans several source characters.
        return max(
            nxt if self.text[index] != "\n" else self.origin[index] + 1, self.origin[index] + 1
        )

    def block_at(self, offset: int) -> Block | None:
        """The block containing projected ``offset``, if any."""
        lo, hi = 0, len(self.blocks)
        while lo < hi:
            mid = (lo + hi) // 2
            if self.blocks[mid].end <= offset:
                lo = mid + 1
            else:
                hi = mid
        if lo < len(self.blocks) and self.blocks[lo].start <= offset:
            return self.blocks[lo]
        return None


def project(source: str) -> Projection:
    """Compute the visible text of ``source`` (never raises)."""
    pieces: list[str] = []
    origin: list[int] = []
    blocks: list[Block] = []
    stack: list[tuple[str, tuple[str, ...]]] = []
    length = 0
    last = "\n"  # the last projected character ("\n" also stands for "nothing yet")
    block_start = 0
    block_context: tuple[tuple[str, ...], ...] = ()
    pending_space = -1  # source offset of a whitespace run not yet emitted

    def emit(text: str, at: int, sequential: bool) -> None:
        nonlocal pending_space, block_context, length, last
        if last == "\n":
            pending_space = -1
            block_context = tuple((name, *words) for name, words in stack)
        elif pending_space >= 0:
            pieces.append(" ")
            origin.append(pending_space)
            length += 1
        pending_space = -1
        pieces.append(text)
        if sequential:
            origin.extend(range(at, at + len(text)))
        else:
            origin.extend([at] * len(text))
        length += len(text)
        last = text[-1]

    def run(start: int, end: int) -> None:
        """Emit a text run holding at most single spaces, collapsing those at its edges."""
        nonlocal pending_space
        if source[start] == " ":
            if last != "\n" and pending_space < 0:
                pending_space = start
            start += 1
        trailing = -1
        if end > start and source[end - 1] == " ":
            end -= 1
            trailing = end
        if end > start:
            emit(source[start:end], start, True)
        if trailing >= 0 and last != "\n":
            pending_space = trailing

    def boundary(at: int) -> None:
        nonlocal pending_space, block_start, length, last
        pending_space = -1
        if last != "\n":
            blocks.append(Block(block_start, length, block_context))
            pieces.append("\n")
            origin.append(at)
            length += 1
            last = "\n"
            block_start = length

    pos = 0
    n = len(source)
    for m in _TOKEN.finditer(source):
        s, e = m.span()
        if s > pos:
            run(pos, s)
        pos = e
        tok = m.group()
        if tok[0].isspace():
            if last != "\n":
                pending_space = s
            continue
        if tok[0] == "&":
            decoded = html.unescape(tok)
            if decoded == tok:
                emit(tok, s, True)
            elif decoded.isspace():
                if last != "\n":
                    pending_space = s
            else:
                emit(decoded, s, False)
            continue
        if m.group("raw"):
            boundary(s)
            continue
        tag = m.group("tag")
        if tag is None:  # comment, doctype, processing instruction, CDATA
            continue
        name = tag.lower()
        if name in _BLOCK_TAGS:
            boundary(s)
        if tok.startswith("</"):
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == name:
                    del stack[i:]
                    break
        elif name not in _VOID_TAGS and not tok.endswith("/>"):
            closes = _IMPLICIT_CLOSE.get(name)
            if closes and stack and stack[-1][0] in closes:
                stack.pop()
            stack.append((name, _attr_words(m.group("attrs") or "")))
    if pos < n:
        run(pos, n)
    if last != "\n":
        blocks.append(Block(block_start, length, block_context))
    origin.append(n)
    return Projection("".join(pieces), tuple(origin), tuple(blocks))


def _attr_words(attrs: str) -> tuple[str, ...]:
    words: list[str] = []
    for m in _ATTR_WORDS.finditer(attrs):
        value = next(g for g in m.groups() if g is not None)
        words.extend(w for w in re.split(r"[\s_]+", value.lower()) if w)
    return tuple(words)
