"""Bytes into text without guessing silently: a byte-order mark is obeyed, UTF-8 is preferred,
another encoding is detected (charset-normalizer), and every repair is named by a flag.

Flags: `encoding_repaired` (not UTF-8: decoded as the encoding detected), `characters_replaced`
(bytes or lone surrogates that no encoding explains became U+FFFD).
"""

from __future__ import annotations

import codecs
import json
import re
from typing import NamedTuple

from charset_normalizer import from_bytes

# UTF-32's marks first: UTF-32-LE's begins with UTF-16-LE's.
_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_SURROGATE = re.compile("[\ud800-\udfff]")
# Control characters but tab and newlines: ESC in a stored text or URL would reach a terminal as
# an escape sequence, and \x02/\x03 are the search index's own marks around a hit.
CONTROLS = "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"
_CONTROL = re.compile(f"[{CONTROLS}]")
# A character UTF-8 encodes in several bytes: a text holding one is UTF-8, whatever stray byte it also holds.
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


class Decoded(NamedTuple):
    text: str
    flags: tuple[str, ...]


def bom_encoding(content: bytes) -> str | None:
    return next((name for bom, name in _BOMS if content.startswith(bom)), None)


def decode(content: bytes) -> Decoded:
    """The text of these bytes: by their byte-order mark, else UTF-8, else the encoding detected;
    UTF-8 with a few stray bytes stays UTF-8 (a detector would turn all of it into mojibake)."""
    encoding = bom_encoding(content)
    if encoding:
        return _replacing(content, encoding)
    try:
        return Decoded(content.decode("utf-8"), ())
    except UnicodeDecodeError:
        pass
    if not _UTF8_MULTIBYTE.search(content):
        best = from_bytes(content).best()
        if best is not None:
            return Decoded(str(best), ("encoding_repaired",))
    return _replacing(content, "utf-8")


def _replacing(content: bytes, encoding: str) -> Decoded:
    text = content.decode(encoding, errors="replace")
    try:
        content.decode(encoding)
        return Decoded(text, ())
    except UnicodeDecodeError:
        return Decoded(text, ("characters_replaced",))


def without_surrogates(text: str) -> Decoded:
    """A string from JSON may hold lone surrogates ("\\ud800"), which no encoding can write."""
    replaced = _SURROGATE.sub("\ufffd", text)
    return Decoded(replaced, ("characters_replaced",) if replaced != text else ())


def without_controls(text: str) -> str:
    return _CONTROL.sub("", text)


def printable(text: str) -> str:
    """Text fit to print on a terminal: each control character shown as its escape (\\x1b)."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def _integer(digits: str) -> int | float:
    """A JSON integer; past Python's limit on converting digits (4,300), which raises ValueError
    from json.loads, a float (infinite): a number is never an article's field, and one field
    must not cost the article, nor a JSON Lines file the rest of its lines."""
    return int(digits) if len(digits) <= 4_000 else float(digits)


JSON = json.JSONDecoder(parse_int=_integer)  # JSON as inputs hold it: `JSON.decode(text)`, `JSON.raw_decode`
