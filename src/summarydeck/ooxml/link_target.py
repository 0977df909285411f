"""The one rule for an address written as a hyperlink relationship's target.

A relationship target is an `xsd:anyURI`, and readers differ in what they do with one that is
not a URI (a raw space, `<`, `>`, non-ASCII): some refuse the link, some the file. So every
address is written as an RFC 3986 URI, whether it came from a Markdown link, which keeps what
the editor typed, or a `url:` field, which pydantic has already partly encoded:

- a character RFC 3986 does not allow where it stands is percent-encoded (as UTF-8);
- an existing `%XX` is kept as it is, never encoded twice; a `%` not followed by two hex
  digits is the character itself (`%25`);
- an internationalised host name becomes punycode (`bücher.example` -> `xn--bcher-kva.example`),
  or percent-encoded UTF-8 when it is not a valid IDN.

The address the slide shows is not touched: a reader sees `bücher.example` as written. A valid
ASCII URI comes back unchanged, and the rule applied twice gives what it gave once.
"""

from __future__ import annotations

import contextlib
import re
from urllib.parse import quote

# RFC 3986, appendix B: scheme, authority, path, query, fragment
_PARTS = re.compile(r"(?:([^:/?#]+):)?(?://([^/?#]*))?([^?#]*)(?:\?([^#]*))?(?:#(.*))?", re.S)
_SUB_DELIMS = "!$&'()*+,;="
_PCHAR = _SUB_DELIMS + ":@"  # with the unreserved characters, which `quote` always keeps
_SAFE_PATH = _PCHAR + "/"
_SAFE_QUERY = _PCHAR + "/?"  # also the fragment's
_SAFE_USERINFO = _SUB_DELIMS + ":"
_SAFE_HOST = _SUB_DELIMS
_LONE_PERCENT = re.compile(r"%(?![0-9A-Fa-f]{2})")
_PORT = re.compile(r"(.*?)(:[0-9]*)?", re.S)  # host, then ":8080" when what follows is digits


def link_target(address: str) -> str:
    """`address` as a URI a relationship target may hold (see the module's note)."""
    # every group may be empty, so any text matches
    scheme, authority, path, query, fragment = _PARTS.fullmatch(address).groups()  # type: ignore[union-attr]
    out = f"{scheme}:" if scheme is not None else ""
    if authority is not None:
        out += "//" + _authority(authority)
    out += _encode(path, _SAFE_PATH)
    if query is not None:
        out += "?" + _encode(query, _SAFE_QUERY)
    if fragment is not None:
        out += "#" + _encode(fragment, _SAFE_QUERY)
    return out


def _encode(text: str, safe: str) -> str:
    return quote(_LONE_PERCENT.sub("%25", text), safe=safe + "%")


def _authority(authority: str) -> str:
    userinfo, at, host_port = authority.rpartition("@")
    host, port = _PORT.fullmatch(host_port).groups(default="")  # type: ignore[union-attr]
    if not (host.startswith("[") and host.endswith("]")):  # an IP literal is kept as written
        host = _host(host)
    return f"{_encode(userinfo, _SAFE_USERINFO)}{at}{host}{port}"


def _host(host: str) -> str:
    if not host.isascii():
        # else percent-encoded: not a valid IDN (an empty or over-long label ...)
        with contextlib.suppress(UnicodeError):
            host = host.encode("idna").decode("ascii")
    return _encode(host, _SAFE_HOST)
