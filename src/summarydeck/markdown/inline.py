"""Markdown -> `Paragraph`s of `Run`s, and Markdown -> speaker-notes text.

Python-Markdown turns the text into HTML; a small HTML walker keeps what a slide can show (bold,
italic, links, nested lists, line breaks) and reports everything else as a warning with the field's
location, saying what the slide shows instead, rather than letting it vanish. Without `diags` the
conversion is silent but keeps the same text, and never raises.

Every text is set as a publisher would: Python-Markdown's `smarty` extension gives curly quotes,
apostrophes, dashes and ellipses (the walker reads its entities as characters), then
`typography.py` adds range dashes and non-breaking spaces. Plain-text fields (titles, labels)
go through the same two steps (`typeset_plain`), with every other Markdown rule switched off so
their text stays as written.
"""

from __future__ import annotations

import functools
import itertools
import re
from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlparse

import markdown as md
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension
from markdown.inlinepatterns import SimpleTagInlineProcessor
from markdown.util import Registry

from summarydeck.diagnostics import Diagnostics, Location, narrow
from summarydeck.markdown.typography import NBSP, looks_like_address, typeset_runs
from summarydeck.source.memo import BoundedCache
from summarydeck.values import Paragraph, Run

ALLOWED_SCHEMES = ("http", "https", "mailto")
_HINT = "use **bold**, *italic*, [links](https://...) and - lists"
_AS_TEXT = "shown as plain text"

# Tags Python-Markdown makes for syntax a slide cannot show: (what it is, what is shown instead).
_UNSUPPORTED: dict[str, tuple[str, str]] = {
    **{f"h{n}": ("Markdown headings", _AS_TEXT) for n in range(1, 7)},
    "table": ("Markdown tables", f"{_AS_TEXT}, one line per row"),
    "pre": ("Markdown code blocks", _AS_TEXT),
    "code": ("Markdown inline code", _AS_TEXT),
    "blockquote": ("Markdown block quotes", _AS_TEXT),
    "del": ("Markdown strikethrough", _AS_TEXT),
    "hr": ("Markdown horizontal rules", "left out"),
}
_BLOCKS = {"h1", "h2", "h3", "h4", "h5", "h6", "table", "pre", "blockquote", "hr"}
_TABLE_PARTS = {"thead", "tbody", "tr", "th", "td"}
_NO_END_TAG = {"br", "img"}
_MAX_START = 32_767  # OOXML's limit for a numbered list's first number (ST_TextBulletStartAtNum)


class _Strikethrough(Extension):
    """`~~text~~` -> <del>, so the walker can warn and show the text without the tildes."""

    def extendMarkdown(self, md: md.Markdown) -> None:
        pattern = SimpleTagInlineProcessor(r"(~~)(?=\S)(.+?)(?<=\S)~~", "del")
        md.inlinePatterns.register(pattern, "del", 65)  # after code spans and links, before *


def _new_converter() -> md.Markdown:
    # `tables` is on only so a pipe table arrives as <table>, to warn about and show row by row;
    # `smarty` leaves code spans and autolinked addresses alone
    return md.Markdown(
        extensions=["sane_lists", "tables", "smarty", _Strikethrough()], tab_length=2
    )


def _new_plain_converter() -> md.Markdown:
    """Only `smarty`, for plain text: no emphasis, links, lists, headings or HTML, so `*`, `#`,
    `<` and `1.` in a title are shown as written."""
    converter = md.Markdown(extensions=["smarty"])
    converter.treeprocessors.deregister("inline")  # smarty runs its own patterns, after it
    paragraphs: Registry[BlockProcessor] = Registry()
    paragraphs.register(converter.parser.blockprocessors["paragraph"], "paragraph", 10)
    converter.parser.blockprocessors = paragraphs
    converter.preprocessors.deregister("html_block")
    return converter


# A fresh converter per call is ~10x slower; `reset()` makes one reusable between uses.
_converter = _new_converter()
_plain_converter = _new_plain_converter()


# --- pre-processing -------------------------------------------------------------------------------

_ITEM = re.compile(r"(?P<indent>[ \t]*)(?:[-*+]|(?P<number>\d{1,9})\.)[ \t]+\S")
_RULE = re.compile(r" {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")  # `---`, `* * *`: not list items
_TABLE_RULE = re.compile(r"\s*\|?\s*:?-+:?\s*(?:\|\s*:?-+:?\s*)+\|?\s*$")  # |---|:--:|
_FENCE = re.compile(r"\s*(?:```|~~~)")


def _separate_blocks(text: str) -> str:
    """Put a blank line before a list or table that directly follows a line of text.

    Python-Markdown starts a list or a table only after a blank line, so the common YAML
    "Intro:\\n- a\\n- b" would become the one paragraph "Intro: - a - b". A blank line inside a
    list only makes it "loose" (<li><p>), which the walker shows the same way.
    """
    lines = text.split("\n")
    out: list[str] = []
    in_list = in_fence = False
    for index, line in enumerate(lines):
        before = lines[index - 1] if index else ""
        after = lines[index + 1] if index + 1 < len(lines) else ""
        if _FENCE.match(line):
            in_fence = not in_fence  # Python-Markdown reads ``` as inline code: leave it whole
        elif not in_fence and before.strip() and _starts_block(line, before, after, in_list):
            out.append("")
        out.append(line)
        in_list = _in_list_after(line, before, in_list)
    return "\n".join(out)


def _is_item(line: str) -> bool:
    return bool(_ITEM.match(line)) and not _RULE.match(line)


def _starts_block(line: str, previous: str, following: str, in_list: bool) -> bool:
    """Whether `line`, right after the text line `previous`, starts a list item or a table."""
    if "|" in line and _TABLE_RULE.match(following) and not _TABLE_RULE.match(line):
        return True
    item = _ITEM.match(line)
    if item is None or _RULE.match(line) or _is_item(previous):
        return False
    if in_list:
        return True
    if item["indent"]:
        return False  # outside a list, a blank line would turn an indented line into code
    # CommonMark's rule: only a list numbered from 1 interrupts a paragraph, so a wrapped
    # sentence such as "... grew in\n2020. Sales ..." stays text
    return item["number"] is None or int(item["number"]) == 1


def _in_list_after(line: str, previous: str, in_list: bool) -> bool:
    if _is_item(line):
        return True
    if not line.strip() or line[:1] in (" ", "\t"):
        return in_list  # blank and indented lines stay in the item
    return in_list and bool(previous.strip())  # unindented text ends the list after a blank line


# --- the HTML walker ------------------------------------------------------------------------------


@dataclass
class _List:
    kind: Literal["bullet", "number"]
    start: int = 1
    items: int = 0


@dataclass(frozen=True)
class _Block:
    """How the paragraph being collected is shown; `marker` is its list marker in notes."""

    level: int = 0
    bullet: Literal["none", "bullet", "number"] = "none"
    start: int = 1
    marker: str = ""


@dataclass
class _State:
    bold: int = 0
    italic: int = 0
    link: str | None = None
    lists: list[_List] = field(default_factory=list)
    pre: int = 0  # inside a code block, whose <code> is not inline code
    code: int = 0  # inside inline code: shown as written, never typeset
    cells: int = 0  # table cells so far in the current row


@dataclass(frozen=True)
class _Problem:
    """A problem the walker found, to tell at the field's location: W301 for Markdown a slide
    cannot show; E301 for a link's address (`needle`), narrowed to it within the
    `source_lines` the field's text can span."""

    message: str
    hint: str
    needle: str | None = None
    source_lines: int = 1

    def tell(self, location: Location | None, diags: Diagnostics) -> None:
        if self.needle is None:
            diags.warning("W301", self.message, location, self.hint)
        else:
            where = narrow(location, self.needle, self.source_lines)
            diags.error("E301", self.message, where, self.hint)


class _Walker(HTMLParser):
    def __init__(self, source_lines: int = 1) -> None:
        super().__init__(convert_charrefs=True)
        self.source_lines = source_lines  # lines the field's text can span in its file
        self.problems: list[_Problem] = []  # told at the field's location by the caller
        self.state = _State()
        self.paragraphs: list[Paragraph] = []
        self.markers: list[str] = []  # each paragraph's list marker ("- ", "3. ") or ""
        self.current: list[Run] = []
        self.verbatim: list[bool] = []  # per run of `current`: keep its text as written
        self.block = _Block()
        self.warned: set[str] = set()

    # --- paragraphs ---
    def _add(self, run: Run, verbatim: bool = False) -> None:
        self.current.append(run)
        self.verbatim.append(verbatim)

    def _flush(self) -> None:
        runs = _tidy(typeset_runs(self.current, self.verbatim))
        if runs:
            block = self.block
            self.paragraphs.append(Paragraph(tuple(runs), block.level, block.bullet, block.start))
            self.markers.append(block.marker)
            if block.bullet != "none":
                self._continue_item()
        self.current = []
        self.verbatim = []

    def _continue_item(self) -> None:
        """Later paragraphs of a list item are unmarked and indented to the item's text."""
        self.block = _Block(level=len(self.state.lists))

    def _open_list(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._flush()
        if tag == "ul":
            self.state.lists.append(_List("bullet"))
        else:
            self.state.lists.append(_List("number", _list_start(dict(attrs).get("start"))))

    def _close_list(self) -> None:
        self._flush()
        if self.state.lists:
            self.state.lists.pop()
        self._continue_item()

    def _open_item(self) -> None:
        self._flush()
        if not self.state.lists:  # a stray <li> of raw HTML
            self.block = _Block()
            return
        lst = self.state.lists[-1]
        lst.items += 1
        marker = f"{lst.start + lst.items - 1}. " if lst.kind == "number" else "- "
        self.block = _Block(len(self.state.lists) - 1, lst.kind, lst.start, marker)

    def _open_cell(self) -> None:
        if self.state.cells:
            self._add(Run(" | "))
        self.state.cells += 1

    # --- HTML events ---
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("strong", "b"):
            self.state.bold += 1
        elif tag in ("em", "i"):
            self.state.italic += 1
        elif tag == "a":
            self.state.link = self._checked_link(dict(attrs).get("href") or "")
        elif tag in ("ul", "ol"):
            self._open_list(tag, attrs)
        elif tag == "li":
            self._open_item()
        elif tag == "p":
            if not self.state.lists:  # in a list, <li> and _flush() set how it is shown
                self._flush()
                self.block = _Block()
        elif tag == "br":
            self._add(Run("\v", bool(self.state.bold), bool(self.state.italic)))
        elif tag == "img":
            self._image(dict(attrs).get("alt") or "")
        elif tag in ("th", "td"):
            self._open_cell()
        elif tag == "tr":
            self._flush()
            self.state.cells = 0
        elif tag in _TABLE_PARTS:
            pass
        elif tag in _UNSUPPORTED:
            self._markdown_unsupported(tag)
        else:
            self._raw_html(self.get_starttag_text() or f"<{tag}>", f"HTML tag <{tag}>")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)  # <br />, <hr />, <img />: nothing to close

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self.state.bold = max(0, self.state.bold - 1)
        elif tag in ("em", "i"):
            self.state.italic = max(0, self.state.italic - 1)
        elif tag == "a":
            self.state.link = None
        elif tag in ("ul", "ol"):
            self._close_list()
        elif tag in ("li", "p", "tr") or tag in _BLOCKS:
            self._flush()
            if tag == "pre":
                self.state.pre = max(0, self.state.pre - 1)
        elif tag == "code":
            self.state.code = max(0, self.state.code - 1)
        elif tag not in _UNSUPPORTED and tag not in _TABLE_PARTS and tag not in _NO_END_TAG:
            self._raw_html(f"</{tag}>", f"HTML tag <{tag}>")

    def handle_data(self, data: str) -> None:
        if not data:
            return
        if not self.current and not self.paragraphs and not data.strip():
            return
        if self.state.lists and not self.current and not data.strip():
            return
        state = self.state
        # code, and an address shown as a link's text, are what a reader types: as written
        verbatim = bool(state.code or state.pre) or (
            state.link is not None and looks_like_address(data)
        )
        self._add(Run(data, bool(state.bold), bool(state.italic), state.link), verbatim)

    def handle_comment(self, data: str) -> None:
        self._warn("HTML comments", "left out", "delete the comment when it is done")

    # <!DOCTYPE ...>, <?...?> and <![CDATA[...]]> are kept as written, like unknown tags
    def handle_decl(self, decl: str) -> None:
        self._raw_html(f"<!{decl}>", "Raw HTML")

    def handle_pi(self, data: str) -> None:
        self._raw_html(f"<?{data}>", "Raw HTML")

    def unknown_decl(self, data: str) -> None:
        self._raw_html(f"<![{data}]]>", "Raw HTML")

    # --- problems ---
    def _markdown_unsupported(self, tag: str) -> None:
        if tag in _BLOCKS:
            self._flush()
        if tag == "pre":
            self.state.pre += 1
        if tag == "code":
            if self.state.pre:
                return  # the code block already warned
            self.state.code += 1
        self._warn(*_UNSUPPORTED[tag])

    def _image(self, alt: str) -> None:
        if alt.strip():
            self._warn("Markdown images", "only the alt text is shown")
            self.handle_data(alt)
        else:
            self._warn("Markdown images", "left out")

    def _raw_html(self, source: str, what: str) -> None:
        # Shown as written, not dropped: "<TBD>" or "<client name>" is usually meant as text.
        self._warn(what, "shown as written", f"write Markdown instead: {_HINT}")
        self.handle_data(source)

    def _warn(self, what: str, shown: str, hint: str = _HINT) -> None:
        message = f"{what}: not supported in slide text, {shown}"
        if message in self.warned:
            return
        self.warned.add(message)
        self.problems.append(_Problem(message, hint))

    def _checked_link(self, href: str) -> str | None:
        scheme = _scheme(href)
        if scheme in ALLOWED_SCHEMES:
            return href
        if scheme is None:
            problem = "is not a valid address"
        else:
            problem = f"has `{scheme}:`" if scheme else "has no scheme"
        self.problems.append(
            _Problem(
                f"link `{href}` {problem}; only http, https and mailto links are allowed",
                "write the full address, e.g. https://example.org/page"
                if scheme in (None, "", "www")
                else "link to a web page (https://...) or an email address (mailto:...)",
                needle=href,
                source_lines=self.source_lines,
            )
        )
        return None


def _scheme(href: str) -> str | None:
    """The link's scheme in lower case; None when it cannot be parsed ("http://[oops")."""
    try:
        return urlparse(href).scheme.lower()
    except ValueError:
        return None


def _list_start(value: str | None) -> int:
    """The first number of an <ol>, within what PowerPoint can show (raw HTML may say anything)."""
    try:
        start = int(value or "1")
    except ValueError:
        return 1
    return min(max(start, 1), _MAX_START)


_WS = " \t\r\n\f\v"  # what Markdown's soft breaks and indents are made of
_WS_CHARS = tuple(_WS)  # `in` on a str would also match ""
_SPACES = re.compile(f"[{re.escape(_WS)}]+")


def _tidy(runs: list[Run]) -> list[Run]:
    """Collapse soft line breaks and runs of spaces, and trim the paragraph's ends. Only
    ASCII white space: a non-breaking space (the editor's or the typesetter's) is kept."""
    cleaned = [
        Run(
            _SPACES.sub(" ", r.text.strip(_WS)) if r.text != "\v" else "\v",
            r.bold,
            r.italic,
            r.link,
        )
        if r.text.strip(_WS) or r.text == "\v"
        else Run(" ", r.bold, r.italic, r.link)
        for r in runs
    ]
    # keep a single space where the source had whitespace at run edges
    result: list[Run] = []
    for original, run in zip(runs, cleaned, strict=True):
        text = run.text
        if run.text not in ("\v", " "):
            if original.text[:1] in _WS_CHARS:
                text = " " + text
            if original.text[-1:] in _WS_CHARS:
                text = text + " "
        result.append(Run(text, run.bold, run.italic, run.link))
    while result and not result[0].text.strip(_WS):
        result.pop(0)
    while result and not result[-1].text.strip(_WS):
        result.pop()
    if result:
        first, last = result[0], result[-1]
        result[0] = Run(first.text.lstrip(_WS), first.bold, first.italic, first.link)
        last = result[-1]
        result[-1] = Run(last.text.rstrip(_WS), last.bold, last.italic, last.link)
    merged: list[Run] = []
    for run in result:
        if merged and merged[-1].text == "\v":
            run = Run(run.text.lstrip(_WS), run.bold, run.italic, run.link)
        if run.text == "\v" and merged:
            prev = merged[-1]
            merged[-1] = Run(prev.text.rstrip(_WS), prev.bold, prev.italic, prev.link)
        if merged and run.text == " " and merged[-1].text.endswith(" "):
            continue
        if merged and run.text.startswith(" ") and merged[-1].text.endswith(" "):
            run = Run(run.text[1:], run.bold, run.italic, run.link)
        merged.append(run)
    return [r for r in merged if r.text]


@dataclass(frozen=True)
class _Converted:
    """A Markdown text converted: its paragraphs, each paragraph's list marker for notes
    ("- ", "3. " or ""), and the problems to tell at the field's location."""

    paragraphs: tuple[Paragraph, ...]
    markers: tuple[str, ...]
    problems: tuple[_Problem, ...]


# Conversions by text: the same text converts to the same paragraphs and problems wherever it
# is, and Markdown is the slowest step of laying out a slide. Everything kept is immutable
# (tuples of frozen dataclasses). Weighed by characters: ~4 million, a few tens of MB.
_CONVERTED: BoundedCache[str, _Converted] = BoundedCache(most_entries=50_000, most_weight=4_000_000)


def _convert(text: str) -> _Converted:
    converted = _CONVERTED.get(text)
    if converted is None:
        walker = _walk(text)
        converted = _Converted(
            tuple(walker.paragraphs), tuple(walker.markers), tuple(walker.problems)
        )
        _CONVERTED.put(text, converted, len(text) + 1)
    return converted


def _walk(text: str) -> _Walker:
    global _converter
    walker = _Walker(text.count("\n") * 2 + 3)
    try:
        walker.feed(_html(text))
        walker.close()
    # Python-Markdown recurses once per nesting level ("- - - ... x"); HTMLParser asserts on some
    # broken markup ("<![ >"). Neither may lose the text or stop the build.
    except (RecursionError, AssertionError):
        _converter = _new_converter()  # reset() does not clear a parse abandoned half-way
        found = walker.problems  # told as well: they were found before it gave up
        walker = _as_written(text)
        walker.problems[:0] = found
    walker._flush()
    return walker


def _html(text: str) -> str:
    """Python-Markdown's HTML for `text`; a line of words that no rule of Markdown or `smarty`
    touches is one paragraph of itself, without asking (most fields are such a line)."""
    if _UNTOUCHED.fullmatch(text) and not any(pair in text for pair in _TOUCHED_PAIRS):
        return f"<p>{text}</p>"
    _converter.reset()
    return _converter.convert(_separate_blocks(text))


# one line of ASCII letters, digits, spaces and punctuation no Markdown rule reads, starting
# with a letter (not a list item, heading, quote or code block) and ending in no space;
# `smarty` reads quotes, `--` and `...`, and two spaces in a row are left to Python-Markdown
_UNTOUCHED = re.compile(r"[A-Za-z][A-Za-z0-9 ,;:?%()/.-]*(?<! )")
_TOUCHED_PAIRS = ("--", "..", "  ")


def _as_written(text: str) -> _Walker:
    """A walker holding the source's blank-line-separated blocks as plain paragraphs."""
    walker = _Walker()
    walker._warn("Markdown that cannot be read", "shown as written")
    for block in re.split(r"\n[ \t]*\n", text):
        walker.handle_data(block)
        walker._flush()
    return walker


# --- public ---------------------------------------------------------------------------------------


def to_paragraphs(
    text: str, location: Location | None = None, diags: Diagnostics | None = None
) -> tuple[Paragraph, ...]:
    """Convert one Markdown text field. Problems go to `diags` when given."""
    converted = _convert(text)
    if diags is not None:
        for problem in converted.problems:
            problem.tell(location, diags)
    return converted.paragraphs


@functools.lru_cache(maxsize=4096)
def typeset_spoken(text: str) -> str:
    """Text a screen reader says but no slide lays out (alt text): set like plain text, but
    with ordinary spaces, since a no-break space only matters where a line can break."""
    return typeset_plain(text).replace(NBSP, " ")


def typeset_plain(text: str) -> str:
    """Plain text (a title, a label the tool writes) set like Markdown text: curly quotes,
    dashes, ellipses, range dashes and non-breaking spaces, and nothing else of Markdown."""
    if not text.strip():
        return text
    typeset = _TYPESET.get(text)
    if typeset is None:
        typeset = _typeset_plain(text)
        _TYPESET.put(text, typeset, len(text) + 1)
    return typeset


# plain texts typeset, by text (as `_CONVERTED`)
_TYPESET: BoundedCache[str, str] = BoundedCache(most_entries=50_000, most_weight=2_000_000)


def _typeset_plain(text: str) -> str:
    _plain_converter.reset()
    walker = _Walker()
    # `&amp;` in a title is meant as those five characters, not as an entity
    walker.feed(_plain_converter.convert(text.replace("&", "&amp;")))
    walker.close()
    walker._flush()
    return " ".join(p.text for p in walker.paragraphs)


def typeset_lines(text: str) -> str:
    """Text of several lines (drafted speaker notes) typeset line by line, each keeping its
    indent; set again, text already typeset stays as it is."""
    lines = []
    for line in text.split("\n"):
        body = line.lstrip(" ")
        lines.append(line[: len(line) - len(body)] + typeset_plain(body))
    return "\n".join(lines)


def plain_paragraphs(text: str) -> tuple[Paragraph, ...]:
    """A plain-text field as one paragraph of one run, typeset."""
    return (Paragraph((Run(typeset_plain(text)),)),)


def to_plain(text: str) -> str:
    """The text of a Markdown field without formatting, on one line, for alt text and titles."""
    return " ".join(p.text.replace("\v", " ") for p in to_paragraphs(text))


def sentences(*texts: str) -> str:
    """Markdown fields as plain sentences for drafted speaker notes: each ends with a full stop
    (unless it has its own closing punctuation), so list items do not run together."""
    out = []
    for text in texts:
        plain = to_plain(text).strip() if text else ""
        if plain:
            out.append(plain if plain[-1] in ".!?:;…\"”'’)" else plain + ".")
    return " ".join(out)


def to_notes(text: str) -> str:
    """Speaker-notes text of a Markdown field: a line per paragraph, list items as indented
    "- item" / "1. item" lines, hard line breaks kept, and links as "text (address)"."""
    converted = _convert(text)
    return "\n".join(
        _notes_line(para, marker)
        for para, marker in zip(converted.paragraphs, converted.markers, strict=True)
    )


def _notes_line(para: Paragraph, marker: str) -> str:
    prefix = "  " * para.level + marker
    by_link = itertools.groupby(para.runs, key=lambda run: run.link)
    text = "".join(_notes_text(link, list(runs)) for link, runs in by_link)
    return prefix + text.replace("\v", "\n" + " " * len(prefix))  # broken lines stay aligned


def _notes_text(link: str | None, runs: list[Run]) -> str:
    shown = "".join(run.text for run in runs)
    if link is None or shown.strip() in (link, link.removeprefix("mailto:")):
        return shown
    return f"{shown} ({link})"
