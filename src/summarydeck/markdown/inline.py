"""Markdown -> `Paragraph`s of `Run`s.

Python-Markdown turns the text into HTML; a small HTML walker keeps what a slide can show (bold,
italic, links, nested lists, line breaks) and reports everything else as a warning with the field's
location, keeping its text, instead of letting it vanish.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser
from typing import Literal
from urllib.parse import urlparse

import markdown as md

from summarydeck.diagnostics import Diagnostics, Location, narrow
from summarydeck.plan.types import Paragraph, Run

ALLOWED_SCHEMES = ("http", "https", "mailto")
_BLOCK_UNSUPPORTED = {
    "h1": "headings",
    "h2": "headings",
    "h3": "headings",
    "h4": "headings",
    "h5": "headings",
    "h6": "headings",
    "table": "tables",
    "pre": "code blocks",
    "blockquote": "block quotes",
    "hr": "horizontal rules",
    "img": "images",
    "code": "inline code",
}
_KNOWN = {"p", "strong", "b", "em", "i", "a", "ul", "ol", "li", "br"}

# A fresh converter per call is ~10x slower; `reset()` makes one reusable between uses.
_converter = md.Markdown(extensions=["sane_lists"], tab_length=2)


@dataclass
class _State:
    bold: int = 0
    italic: int = 0
    link: str | None = None
    lists: list[Literal["bullet", "number"]] = field(default_factory=list)


class _Walker(HTMLParser):
    def __init__(
        self, location: Location | None, diags: Diagnostics | None, source_lines: int = 1
    ) -> None:
        super().__init__(convert_charrefs=True)
        self.location = location
        self.source_lines = source_lines  # lines the field's text can span in its file
        self.diags = diags
        self.state = _State()
        self.paragraphs: list[Paragraph] = []
        self.current: list[Run] = []
        self.current_level = 0
        self.current_bullet: Literal["none", "bullet", "number"] = "none"
        self.warned: set[str] = set()

    # --- paragraphs ---
    def _flush(self) -> None:
        runs = _tidy(self.current)
        if runs:
            self.paragraphs.append(Paragraph(tuple(runs), self.current_level, self.current_bullet))
        self.current = []

    def _start_paragraph(self) -> None:
        self._flush()
        if self.state.lists:
            self.current_level = len(self.state.lists) - 1
            self.current_bullet = self.state.lists[-1]
        else:
            self.current_level, self.current_bullet = 0, "none"

    # --- HTML events ---
    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("strong", "b"):
            self.state.bold += 1
        elif tag in ("em", "i"):
            self.state.italic += 1
        elif tag == "a":
            self.state.link = self._checked_link(dict(attrs).get("href") or "")
        elif tag in ("ul", "ol"):
            self._flush()
            self.state.lists.append("bullet" if tag == "ul" else "number")
        elif tag == "li":
            self._start_paragraph()
        elif tag == "p":
            if not self.state.lists:
                self._start_paragraph()
        elif tag == "br":
            self.current.append(Run("\v", bool(self.state.bold), bool(self.state.italic)))
        else:
            self._unsupported(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "br":
            self.handle_starttag(tag, attrs)
        else:
            self._unsupported(tag)
            alt = dict(attrs).get("alt")
            if alt:
                self.handle_data(alt)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("strong", "b"):
            self.state.bold = max(0, self.state.bold - 1)
        elif tag in ("em", "i"):
            self.state.italic = max(0, self.state.italic - 1)
        elif tag == "a":
            self.state.link = None
        elif tag in ("ul", "ol"):
            self._flush()
            if self.state.lists:
                self.state.lists.pop()
        elif tag in ("li", "p") or (tag in _BLOCK_UNSUPPORTED and tag not in ("code", "img", "hr")):
            self._flush()

    def handle_data(self, data: str) -> None:
        if not data:
            return
        if not self.current and not self.paragraphs and not data.strip():
            return
        if self.state.lists and not self.current and not data.strip():
            return
        self.current.append(
            Run(data, bool(self.state.bold), bool(self.state.italic), self.state.link)
        )

    # --- problems ---
    def _unsupported(self, tag: str) -> None:
        what = _BLOCK_UNSUPPORTED.get(tag, f"the HTML tag <{tag}>")
        if what in self.warned or self.diags is None:
            return
        self.warned.add(what)
        self.diags.warning(
            "W301",
            f"Markdown {what}: not supported in slide text, shown as plain text",
            self.location,
            "use **bold**, *italic*, [links](https://...) and - lists",
        )

    def _checked_link(self, href: str) -> str | None:
        scheme = urlparse(href).scheme.lower()
        if scheme in ALLOWED_SCHEMES:
            return href
        if self.diags is not None:
            shown = f"`{scheme}:`" if scheme else "no scheme"
            self.diags.error(
                "E301",
                f"link `{href}` has {shown}; only http, https and mailto links are allowed",
                narrow(self.location, href, self.source_lines),
                "write the full address, e.g. https://example.org/page"
                if scheme in ("", "www")
                else "link to a web page (https://...) or an email address (mailto:...)",
            )
        return None


def _tidy(runs: list[Run]) -> list[Run]:
    """Collapse soft line breaks and runs of spaces, and trim the paragraph's ends."""
    cleaned = [
        Run(" ".join(r.text.split()) if r.text != "\v" else "\v", r.bold, r.italic, r.link)
        if r.text.strip() or r.text == "\v"
        else Run(" ", r.bold, r.italic, r.link)
        for r in runs
    ]
    # keep a single space where the source had whitespace at run edges
    result: list[Run] = []
    for original, run in zip(runs, cleaned, strict=True):
        text = run.text
        if run.text not in ("\v", " "):
            if original.text[:1].isspace():
                text = " " + text
            if original.text[-1:].isspace():
                text = text + " "
        result.append(Run(text, run.bold, run.italic, run.link))
    while result and not result[0].text.strip():
        result.pop(0)
    while result and not result[-1].text.strip():
        result.pop()
    if result:
        first, last = result[0], result[-1]
        result[0] = Run(first.text.lstrip(), first.bold, first.italic, first.link)
        last = result[-1]
        result[-1] = Run(last.text.rstrip(), last.bold, last.italic, last.link)
    merged: list[Run] = []
    for run in result:
        if merged and merged[-1].text == "\v":
            run = Run(run.text.lstrip(), run.bold, run.italic, run.link)
        if run.text == "\v" and merged:
            prev = merged[-1]
            merged[-1] = Run(prev.text.rstrip(), prev.bold, prev.italic, prev.link)
        if merged and run.text == " " and merged[-1].text.endswith(" "):
            continue
        if merged and run.text.startswith(" ") and merged[-1].text.endswith(" "):
            run = Run(run.text[1:], run.bold, run.italic, run.link)
        merged.append(run)
    return [r for r in merged if r.text]


def to_paragraphs(
    text: str, location: Location | None = None, diags: Diagnostics | None = None
) -> tuple[Paragraph, ...]:
    """Convert one Markdown text field. Problems go to `diags` when given."""
    _converter.reset()
    html = _converter.convert(text)
    walker = _Walker(location, diags, text.count("\n") * 2 + 3)
    walker.feed(html)
    walker.close()
    walker._flush()
    return tuple(walker.paragraphs)


def to_plain(text: str) -> str:
    """The text of a Markdown field without formatting, for notes and alt text."""
    return " ".join(p.text.replace("\v", " ") for p in to_paragraphs(text))
