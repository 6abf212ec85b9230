"""The French text of a template: what a reader sees, apart from the template tags, the
markup and the code. Used by the typography guard (tests/test_template_typography.py).

A template is read in two passes. First every Django tag, variable and comment
(`{% … %}`, `{{ … }}`, `{# … #}`, `{% comment %}…{% endcomment %}`) is set aside as one
private-use character, so that the text around it still sees that something stands there
(« l'{{ name }} », « {{ count }} : »). Then the HTML is cut into pieces: text nodes and the
attributes a person reads (title, aria-label, placeholder, alt) are text; tags, the other
attributes (href, class, hx-*, data-*, style…), comments and the content of script, style,
pre, code and textarea are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

FIRST_MARK = 0xF0000  # supplementary private use area: never in a template's text
_DJANGO = re.compile(
    r"\{%\s*comment\b.*?%\}.*?\{%\s*endcomment\s*%\}"
    r"|\{%\s*verbatim\s*%\}.*?\{%\s*endverbatim\s*%\}"
    r"|\{%.*?%\}|\{\{.*?\}\}|\{#.*?#\}",
    re.DOTALL,
)
READ_ATTRIBUTES = frozenset({"title", "aria-label", "placeholder", "alt"})
RAW_ELEMENTS = frozenset({"script", "style", "pre", "code", "textarea"})
_NAME = re.compile(r"[^\s=>/]+")
_TAG_NAME = re.compile(r"</?([A-Za-z][\w:-]*)")


def is_mark(char: str) -> bool:
    return ord(char) >= FIRST_MARK


@dataclass(frozen=True, slots=True)
class Piece:
    """A slice of the marked source; `text` is True for what a reader sees."""

    start: int
    end: int
    text: bool


class Marked:
    """A template's source with its Django tags set aside as marks."""

    def __init__(self, source: str) -> None:
        self.tags: list[str] = []

        def keep(match: re.Match[str]) -> str:
            self.tags.append(match.group(0))
            return chr(FIRST_MARK + len(self.tags) - 1)

        self.source = source
        self.marked = _DJANGO.sub(keep, source)

    def restore(self, text: str) -> str:
        return re.sub(
            "[\U000f0000-\U0010fffd]", lambda m: self.tags[ord(m.group(0)) - FIRST_MARK], text
        )

    def line(self, position: int) -> int:
        """The source line of a position in the marked text."""
        return self.restore(self.marked[:position]).count("\n") + 1


def pieces(marked: str, *, html: bool = True) -> Iterator[Piece]:
    """The marked source cut into text and not-text pieces that cover it all, in order.
    A plain-text template (`html=False`, an e-mail's .txt) is text all through."""
    if not html:
        yield Piece(0, len(marked), True)
        return
    i, n = 0, len(marked)
    while i < n:
        lt = marked.find("<", i)
        while lt != -1 and not re.match(r"<(?:[A-Za-z/!])", marked[lt : lt + 2]):
            lt = marked.find("<", lt + 1)
        if lt == -1:
            yield Piece(i, n, True)
            return
        if lt > i:
            yield Piece(i, lt, True)
        if marked.startswith("<!--", lt):
            end = marked.find("-->", lt)
            end = n if end == -1 else end + 3
            yield Piece(lt, end, False)
            i = end
            continue
        end = yield from _tag(marked, lt)
        name = _TAG_NAME.match(marked, lt)
        i = end
        if name and not marked.startswith("</", lt) and name.group(1).lower() in RAW_ELEMENTS:
            if marked[lt:end].endswith("/>"):
                continue
            close = re.compile(rf"</{name.group(1)}\s*>", re.IGNORECASE).search(marked, end)
            stop = n if close is None else close.start()
            if stop > end:
                yield Piece(end, stop, False)
            i = stop


def _tag(marked: str, start: int) -> Iterator[Piece]:
    """The pieces of one tag from its « < »; returns the position after its « > »."""
    n = len(marked)
    i = start + 1
    mark = start
    while i < n and marked[i] != ">":
        name = _NAME.match(marked, i)
        if not name:
            i += 1
            continue
        attribute = name.group(0).lower()
        i = name.end()
        j = i
        while j < n and marked[j] in " \t\n":
            j += 1
        if j < n and marked[j] == "=":
            j += 1
            while j < n and marked[j] in " \t\n":
                j += 1
            if j < n and marked[j] in "\"'":
                quote = marked[j]
                close = marked.find(quote, j + 1)
                close = n if close == -1 else close
                value_start, value_end, i = j + 1, close, close + 1
            else:
                value = re.compile(r"[^\s>]*").match(marked, j)
                assert value is not None
                value_start, value_end, i = j, value.end(), value.end()
            if attribute in READ_ATTRIBUTES:
                yield Piece(mark, value_start, False)
                yield Piece(value_start, value_end, True)
                mark = value_end
    end = min(i + 1, n)
    yield Piece(mark, end, False)
    return end
