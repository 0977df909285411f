"""Every code a problem in the content can be reported with: the E (error) and W (warning) codes
of `Diagnostic`s, with their severity, a short title and what they mean.

Codes never change meaning. They are grouped by hundreds: 1xx reading the files, 2xx the
content's structure, references, brand, slides and variants, 3xx Markdown inside text fields,
4xx text that does not fit. `docs/content-errors.md` explains each one with an example; the
checker's own C codes are in its table of rules (`RULES`) and `docs/checks.md`.

Retired, and never to be reused: E501 (unconfirmed content in a final build), now the checker's
C701.

`Diagnostic` refuses a code that is not listed here (or is listed with the other severity), so
a new code is added here, and to `docs/content-errors.md`, before it is used. This module
imports nothing from summarydeck: `diagnostics.py` reads it.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class ContentCode:
    code: str
    severity: Literal["error", "warning"]
    title: str  # a few words, as in the headings of docs/content-errors.md
    meaning: str  # what triggers it, and what to do about it


CODES: dict[str, ContentCode] = {
    entry.code: entry
    for entry in (
        # 1xx: reading the content folder and its YAML files
        ContentCode(
            "E100",
            "error",
            "file not found",
            "The content folder does not exist, or a content file cannot be read (permissions, "
            "or it vanished while being read). Pass --content DIR, or run from the folder that "
            "holds content/.",
        ),
        ContentCode(
            "E101",
            "error",
            "YAML syntax error",
            "A file is not valid YAML, or not UTF-8 text: a quote left open, a line indented "
            "more than the one above, a tab used for indenting, an unquoted `: ` inside text, a "
            "control character, a second document (`---`), a `!!tag`, or an `&anchor`/`*alias`. "
            "The caret points where YAML gave up; fix the file there (quote text that holds "
            "`: ` or `#`).",
        ),
        ContentCode(
            "E102",
            "error",
            "key is not a word",
            "A mapping key is a list or a mapping (`? [a, b]`, `{a: 1}: x`). Keys are plain "
            "words; rewrite the key.",
        ),
        ContentCode(
            "E103",
            "error",
            "defined twice",
            "The same key twice in one mapping (YAML would silently keep only the last), or "
            "the same top-level section in two files. Remove one of them, or keep each section "
            "in one file.",
        ),
        ContentCode(
            "E104",
            "error",
            "missing section",
            "The content folder has no .yaml files, or no file holds one of the sections every "
            "deck needs (`deck:`, `brand:`, `slides:`). Add the section, e.g. a file that "
            "starts with `deck:`.",
        ),
        ContentCode(
            "E105",
            "error",
            "past a limit",
            "A content file goes past one of the limits that keep every build bounded in time "
            "and memory: a file over 2 MB, values nested over 40 levels deep, aliases that "
            "repeat text until the file is far longer than written, a text value over 10,000 "
            "characters (50,000 for notes), or a deck of over 2,000 slides. The message names "
            "the limit; split the file, shorten the text, or (for slides) set "
            "SUMMARYDECK_MAX_SLIDES.",
        ),
        ContentCode(
            "E106",
            "error",
            "character a deck cannot hold",
            "A text holds a control character, a Unicode noncharacter (U+FFFE, U+FDD0 ...) or "
            "half of a surrogate pair, usually written as an escape in double quotes "
            "(`\\uFFFE`) or pasted from another program. XML forbids some of them and "
            "PowerPoint shows the rest as boxes. Delete it.",
        ),
        ContentCode(
            "W101",
            "warning",
            "empty file",
            "A content file holds nothing (or only comments); it is skipped. Delete it, or "
            "write its section.",
        ),
        # 2xx: structure and values (what the models accept)
        ContentCode(
            "E201",
            "error",
            "unknown key",
            "A key the content format does not have, often a misspelling (`sorce:`), or an "
            "unknown top-level section. The hint names the closest key; "
            "docs/content-format.md lists every key.",
        ),
        ContentCode(
            "E202",
            "error",
            "missing key",
            "A required key is absent: a slide without `kind:`, an essay without `summary:`, a "
            "statistic without `source:`, a slide without the content it shows. Add it.",
        ),
        ContentCode(
            "E203",
            "error",
            "invalid value",
            "A value of the wrong type or out of range: text where a number or list belongs, "
            "an id that is not lower-case letters, digits and hyphens, a date that does not "
            "exist, a colour that is not #RRGGBB, chart numbers that do not go together (more "
            "values than categories, a pie with a negative slice), text over its length limit, "
            "an empty storyboard, a file or slide entry that is not a mapping, Markdown that "
            "shows nothing. The message says what was expected.",
        ),
        ContentCode(
            "E204",
            "error",
            "unknown slide kind",
            "A storyboard entry's `kind:` is not a slide kind. `summarydeck kinds` lists them; "
            "the hint names the closest.",
        ),
        ContentCode(
            "E205",
            "error",
            "not one of the choices",
            "A value that must be one of a fixed set (a chart `type:`, a `status:`, an "
            "`engine:`) is something else. Use one of the values the message lists.",
        ),
        # 2xx: references between files
        ContentCode(
            "E206",
            "error",
            "unknown reference",
            "An id that names nothing: a slide's `statistic:`, `essay:`, `quote:`, "
            "`opportunity:` or `sources:`, or an item's `source:`, that is not an id in the "
            "collection it points into. Correct the id, or add the item.",
        ),
        ContentCode(
            "E207",
            "error",
            "duplicate id",
            "Two slides with the same id (written with `id:`, or derived from the title or the "
            "content shown), a continued slide (`<id>-2`) whose id another entry has, or an "
            "opportunities slide that lists one opportunity twice. Give one of them its own "
            "`id:`, or list each opportunity once.",
        ),
        # 2xx: the brand
        ContentCode(
            "E208",
            "error",
            "brand contrast too low",
            "Two brand colours drawn on each other contrast less than WCAG 2.1 AA asks: 4.5:1 "
            "for text, 3:1 for accents (big numbers, chart marks). Make one darker or lighter.",
        ),
        ContentCode(
            "E209",
            "error",
            "logo or font file unusable",
            "`brand.logo` names a file that is not there (paths are relative to the content "
            "folder), or that is not a picture PowerPoint can show, or is far too large. Use a "
            "PNG or JPEG. Or a font file under `brand.fonts.files` is not there, is not a "
            "TrueType or OpenType font, or is a font of another family or style than the one "
            "it is given for.",
        ),
        ContentCode(
            "E217",
            "error",
            "template unusable",
            "`brand.template` names a file that is not there (paths are relative to the "
            "content folder), that is not a PowerPoint template or presentation, or whose "
            "slides are neither 16:9 nor 4:3; or `brand.layouts` maps onto a layout the "
            "template does not have. `summarydeck template check FILE` says more.",
        ),
        ContentCode(
            "W206",
            "warning",
            "template lacks a layout",
            "The template has no layout of the name a slide kind uses (nor one `brand.layouts` "
            "maps it to), so those slides use summarydeck's own layout, added to the template's "
            "master. Add the layout to the template, or map it in `brand.layouts`.",
        ),
        ContentCode(
            "W207",
            "warning",
            "template font not measured",
            "A theme font of the template has no metric-compatible font here, so text is "
            "fitted as if set in the brand's default font and may fit differently. Use a "
            "template font summarydeck supports, or set `brand.fonts`.",
        ),
        ContentCode(
            "W213",
            "warning",
            "font not in PowerPoint",
            "The deck is set in a font PowerPoint does not come with: on a computer without "
            "it, PowerPoint shows another font, and lines may break differently or overflow. "
            "Install it for everyone who opens the deck and say so with "
            "`audience_has_fonts: true` under `brand.fonts`, or share a PDF.",
        ),
        # 2xx: slides
        ContentCode(
            "E210",
            "error",
            "slide cannot show it",
            "A slide kind cannot draw what it is given: a chart slide for a statistic without "
            "`chart:`, a pictogram of more people than fit its slide, an agenda with more than "
            "10 sections, a workshop's timed agenda with more than 7 rows of sections and "
            "breaks (or rows too tall for its slide), an opportunities slide with none, or with "
            "more than 8. The hint says what to change.",
        ),
        ContentCode(
            "E214",
            "error",
            "no discussion prompts",
            "A `discussion` slide names an opportunity that has no `workshop:` prompts. Add "
            "`workshop:` with `prompts:` to the opportunity, or remove the slide.",
        ),
        ContentCode(
            "W201",
            "warning",
            "nothing to list",
            "An agenda with no section slides to list, or a sources slide that no slide cites "
            "a source for. Add `section` slides or citations, or leave the slide out.",
        ),
        ContentCode(
            "W202",
            "warning",
            "duplicate title",
            "Two slides have the same title; screen-reader users move between slides by "
            "title. Give one its own `title:`.",
        ),
        ContentCode(
            "W203",
            "warning",
            "no sources slide",
            "Slides cite sources by number but the storyboard has no `sources` slide to list "
            "them. Add `- kind: sources` near the end.",
        ),
        ContentCode(
            "W204",
            "warning",
            "check on a confirmed item",
            "An item marked `status: confirmed` still has a `check:`, which only unconfirmed "
            "items show: usually the status was changed and the check forgotten. Delete it, or "
            "move a caveat into `note:`.",
        ),
        ContentCode(
            "W212",
            "warning",
            "changed since it was confirmed",
            "An item was confirmed with `summarydeck confirm`, which wrote a fingerprint of what "
            "it claims (`confirmed_as:`), and the claim has changed since: it counts as "
            "unconfirmed again. Check it against its source, then run `summarydeck confirm` "
            "on it again.",
        ),
        ContentCode(
            "E219",
            "error",
            "label placeholder",
            "A label under `labels:` uses a `{placeholder}` its key does not offer, or a brace "
            "that is not a placeholder. `summarydeck labels` lists every label, its default "
            "and the placeholders it can use; write a brace meant for the slide twice.",
        ),
        ContentCode(
            "W214",
            "warning",
            "language without labels",
            "`deck.language` names a language summarydeck has no built-in labels for (it has "
            "British English and Welsh), and `labels:` does not give them all: the rest stay "
            "in English. Give every label in your language, or correct the language tag.",
        ),
        ContentCode(
            "W215",
            "warning",
            "count in words disagrees",
            "A title or point counts the deck's numbered items in words (five opportunities) "
            "that is not how many there are. Correct the number, or write the sentence "
            "without it, so it stays true as items are added or removed.",
        ),
        ContentCode(
            "W210",
            "warning",
            "one text makes a role smaller",
            "One role (slide titles, card titles, key figures) keeps one size on every slide, "
            "so one frame that had to step down the type scale to fit takes every frame of its "
            "role with it. Shorten that text to give them their size back.",
        ),
        ContentCode(
            "W208",
            "warning",
            "address too long to type",
            "The Sources slide shows a source's address in full (never cut short), and this one "
            "is longer than 60 characters: hard to read off a slide and to type. Give the source "
            "a `short_url:` that opens the same page; `url:` stays the link.",
        ),
        ContentCode(
            "W211",
            "warning",
            "two sources, one address",
            "Two sources in `sources:` have the same `url:` (scheme and host in any case, with "
            "or without a trailing slash), so the Sources slide would number one page twice. "
            "Keep one source and cite it wherever the other was cited.",
        ),
        # 2xx: variants
        ContentCode(
            "E211",
            "error",
            "invalid variants",
            "`variants:` is not a mapping of variant names, or a variant's name is not "
            "lower-case letters, digits and hyphens. Write each variant as `name:` with its "
            "settings indented under it.",
        ),
        ContentCode(
            "E212",
            "error",
            "variant names nothing",
            "A variant's `include:` or `exclude:` names a section, slide id or tag the "
            "storyboard does not have (which would silently drop slides). Correct the name.",
        ),
        ContentCode(
            "E213",
            "error",
            "variant keeps no slides",
            "A variant's `include:` and `exclude:` together leave no slide. Check them.",
        ),
        ContentCode(
            "E215",
            "error",
            "variant too long",
            "A variant has more slides than its `max_slides:` (continued slides count). Leave "
            "slides out of it, or shorten text that continues onto extra slides.",
        ),
        ContentCode(
            "E216",
            "error",
            "discussion id taken",
            "A variant with `discussion: true` would add a slide `<opportunity slide id>"
            "-discussion`, but another storyboard entry already has that id. Give that entry "
            "another `id:`, or place the discussion slide yourself.",
        ),
        ContentCode(
            "W205",
            "warning",
            "opportunity without prompts",
            "A variant with `discussion: true` reaches an opportunity slide whose opportunity "
            "has no `workshop:` prompts, so it gets no discussion slide. Add `workshop:` with "
            "`prompts:`.",
        ),
        ContentCode(
            "W209",
            "warning",
            "workshop slide not timed",
            "A variant with a `start:` time has a timed agenda, but a section, discussion, "
            "activity or wrap-up in it has no `minutes:`, so the agenda cannot add the "
            "workshop up and gives no clock times. Add `minutes:` to it.",
        ),
        # 3xx: Markdown inside text fields
        ContentCode(
            "E301",
            "error",
            "link not allowed",
            "A link that is not http, https or mailto (`javascript:`, `ftp:`, `file:`, a path, "
            "an address without its scheme): it would not open for the people the deck is "
            "shared with. Write the full address, e.g. https://example.org/page.",
        ),
        ContentCode(
            "W301",
            "warning",
            "Markdown not supported",
            "Markdown or HTML that slides cannot show as such (headings, tables, code, block "
            "quotes, strikethrough, rules, images, HTML tags): shown as plain text, or left "
            "out. Use **bold**, *italic*, links and lists.",
        ),
        # 4xx: fitting text
        ContentCode(
            "E401",
            "error",
            "text does not fit",
            "Text too long for its box even at the smallest size the brand allows, in a frame "
            "that cannot continue on a new slide. The hint says how much to cut.",
        ),
    )
}
