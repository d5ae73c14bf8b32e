"""One normalisation for every comparison of user text with a known word (DATA_CONTRACT v2).

Text that looks the same is not always the same: macOS writes å/ä/ö decomposed (NFD), text
copied from the web carries no-break or narrow spaces between words, and spreadsheet programs
leave zero-width characters and stray byte-order marks in cells. Headers, enum labels,
municipality, country and city names are all compared through `match_key` (one value) or
`match_keys` (an Arrow column), which give the same result for the same text, so a word
either matches everywhere or nowhere.

Stored text keeps the user's spelling, only normalised to NFC (`clean_cells`).
"""

from __future__ import annotations

import re
import unicodedata

import pyarrow as pa
import pyarrow.compute as pc

# Invisible characters that are never part of a word here: zero-width space, non-joiner and
# joiner, word joiner, soft hyphen, and the byte-order mark (U+FEFF) wherever it stands.
_INVISIBLE = "\u200b\u200c\u200d\u2060\u00ad\ufeff"
# Dropped from stored text too: these three carry no meaning in any language our users
# write (the joiners are kept in stored text, where emoji and some scripts need them).
_NEVER_STORED = "\u200b\u2060\ufeff"

_INVISIBLE_RE = re.compile(f"[{_INVISIBLE}]")
# Python's \s already covers every Unicode space (no-break, narrow, ideographic) and tab.
_SPACES_RE = re.compile(r"\s+")

# The same two steps for Arrow (RE2): \s is ASCII there, so name the Unicode spaces.
_INVISIBLE_RE2 = "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in _INVISIBLE) + "]"
_NEVER_STORED_RE2 = "[" + "".join(f"\\x{{{ord(c):04x}}}" for c in _NEVER_STORED) + "]"
_SPACES_RE2 = r"[\s\p{Z}\x{0085}]+"
_CHANGES_RE2 = r"[\x{0300}-\x{036f}" + _NEVER_STORED_RE2[1:]


def match_key(text: str) -> str:
    """`" Ö\u0308stersund\u00a0kommun\u200b"` (any form) -> `"östersund kommun"`.

    NFC, every kind of space as one plain space, invisible characters dropped, trimmed,
    lower case (Unicode lower case, as Arrow's `utf8_lower`, so that `match_keys` agrees).
    """
    # Invisible marks go first: one between a letter and its combining accent would
    # otherwise keep the two from composing.
    text = unicodedata.normalize("NFC", _INVISIBLE_RE.sub("", text))
    return _SPACES_RE.sub(" ", text).strip().lower()


def match_keys(cells: pa.Array) -> pa.Array:
    """`match_key` for every cell of a string column (nulls stay null)."""
    text = pc.replace_substring_regex(cells, _INVISIBLE_RE2, "")
    text = pc.utf8_normalize(text, "NFC")
    text = pc.replace_substring_regex(text, _SPACES_RE2, " ")
    return pc.utf8_lower(pc.utf8_trim(text, " "))


def clean_cells(cells: pa.Array) -> pa.Array:
    """A column as it is stored: NFC, without zero-width spaces, word joiners or BOMs."""
    if pc.all(pc.string_is_ascii(cells)).as_py() is not False:
        return cells  # nothing to normalise, and most columns are plain ASCII
    # Only a combining accent (macOS's decomposed å/ä/ö/é use U+0300–U+036F) or an invisible
    # character changes; looking for them first spares 100,000 Swedish cells a
    # normalisation that does nothing.
    if not pc.any(pc.match_substring_regex(cells, _CHANGES_RE2)).as_py():
        return cells
    text = pc.replace_substring_regex(cells, _NEVER_STORED_RE2, "")
    return pc.utf8_normalize(text, "NFC")


def clean_text(text: str) -> str:
    """`clean_cells` for one value (a header, a sheet name)."""
    return unicodedata.normalize("NFC", "".join(ch for ch in text if ch not in _NEVER_STORED))
