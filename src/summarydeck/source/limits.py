"""The limits that keep a build bounded in time and memory whatever the content holds.

Content comes from many hands (and from copy and paste), so every size a file can choose is
capped: each limit is far above what a real deck needs (the Q Lab content is 60 KB in all, its
longest text 900 characters, nested 7 levels deep), and each error that reports one says the
limit and what to do. `SECURITY.md` lists them; change them here, in one place.
"""

from __future__ import annotations

import os
import re

# A content file is read whole; past this it is refused before YAML sees it (PyYAML reads about
# 1 MB a second, so this bounds a parse to seconds). Split a bigger file into several.
MAX_FILE_BYTES = 2_000_000

# Lists and mappings inside lists and mappings. The content format needs 7; YAML's own reader
# recurses per level, so thousands of levels would exhaust Python's stack.
MAX_DEPTH = 40

# Values built from one file, each alias counted every time it is repeated.
MAX_VALUES = 100_000

# Aliases (`*name`) repeat a value without writing it out again; a few levels of them repeat a
# short text billions of times. Text built from a file may exceed the file's own size by this
# many characters, and no more.
ALIAS_ALLOWANCE = 200_000

# One text value. Slide text this long can never fit (a slide holds about 600 characters), but it
# must fail in milliseconds, not hang the fitter; speaker notes may be longer.
MAX_TEXT = 10_000
# A mapping key: the format's keys and ids are a few words; messages quote a key whole.
MAX_KEY = 200
MAX_NOTES_TEXT = 50_000
NOTES_KEYS = frozenset({"notes"})

# Slides in one deck, continuation pages included. A build's time and memory grow with it; a
# bigger deck is possible, by setting SUMMARYDECK_MAX_SLIDES.
DEFAULT_MAX_SLIDES = 2_000
MAX_SLIDES_VARIABLE = "SUMMARYDECK_MAX_SLIDES"

# A picture or template file read from the content folder.
MAX_PICTURE_BYTES = 30_000_000
# A picture's pixels: a 5000 x 5000 logo is already far more than a slide shows, and the header
# is read without decoding, so a "decompression bomb" is refused unopened.
MAX_PICTURE_PIXELS = 25_000_000
MAX_TEMPLATE_BYTES = 100_000_000
# A brand's font file (one face): a Latin font is well under 1 MB, a CJK one about 20 MB.
MAX_FONT_BYTES = 30_000_000


def max_slides() -> int:
    """The slide limit: SUMMARYDECK_MAX_SLIDES when it is set to a whole number, else 2,000."""
    value = os.environ.get(MAX_SLIDES_VARIABLE, "").strip().replace("_", "").replace(",", "")
    return int(value) if value.isdigit() and int(value) > 0 else DEFAULT_MAX_SLIDES


def text_limit(key: object) -> int:
    """The most characters a text value under `key` may hold."""
    return MAX_NOTES_TEXT if key in NOTES_KEYS else MAX_TEXT


def size_in_words(count: int) -> str:
    """`2 MB`, `10,000 characters`: limits as an editor reads them."""
    if count >= 1_000_000 and count % 1_000_000 == 0:
        return f"{count // 1_000_000} MB"
    return f"{count:,}"


_NONCHARACTERS = "\ufdd0-\ufdef" + "".join(
    f"{chr(plane + 0xFFFE)}{chr(plane + 0xFFFF)}" for plane in range(0, 0x110000, 0x10000)
)
_FORBIDDEN = re.compile(f"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff{_NONCHARACTERS}]")


def forbidden_character(text: str) -> tuple[int, str] | None:
    """The index and a description of the first character that cannot be in a deck: C0 and C1
    control characters (tab and line breaks apart), lone surrogates, and Unicode noncharacters
    (U+FDD0..U+FDEF, and U+xFFFE/U+xFFFF in every plane). XML 1.0 forbids some of them outright
    and PowerPoint shows the rest as boxes or drops them. YAML's reader refuses them written
    raw, but its escapes (`"\\uFFFE"`, `"\\x01"`) let them through."""
    found = _FORBIDDEN.search(text)
    if found is None:
        return None
    code = ord(found.group())
    if 0xD800 <= code <= 0xDFFF:
        what = "half of a surrogate pair"
    elif code < 0x20 or 0x7F <= code <= 0x9F:
        what = "a control character"
    else:
        what = "a Unicode noncharacter"
    return found.start(), f"U+{code:04X} ({what})"


def without_forbidden(text: str) -> str:
    """The text with each forbidden character replaced by U+FFFD, once it has been reported, so
    that no later step trips over it."""
    return _FORBIDDEN.sub("\ufffd", text)
