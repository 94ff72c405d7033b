"""What a typed or imported value looks like before any check sees it or the store keeps it.

Unicode NFKC turns full-width digits and letters into ASCII ("９１４４" → "9144"), so the duplicate
check and the check digits see the value the store keeps; codes are also upper-cased and freed of
inner spaces. Names may not hide control or direction-override characters: a right-to-left
override in a unit name shows one thing on screen and sorts, matches and prints as another.
"""

from __future__ import annotations

import unicodedata

# Cc control, Cf format (bidi overrides, zero-width joiners), Cs surrogates, Co private use, Cn unassigned.
_HIDDEN_CATEGORIES = {"Cc", "Cf", "Cs", "Co", "Cn"}


def clean(text: str) -> str:
    """NFKC, trimmed."""
    return unicodedata.normalize("NFKC", text).strip()


def clean_code(text: str) -> str:
    """A code or number: NFKC, no spaces anywhere, upper case (credit codes, ID numbers' X)."""
    return "".join(clean(text).split()).upper()


def has_hidden_characters(text: str) -> bool:
    """Control, format (bidi override, zero-width) or unassigned characters; a line break is one too."""
    return any(unicodedata.category(ch) in _HIDDEN_CATEGORIES for ch in text)


def shorten(text: str, limit: int = 30) -> str:
    """A value quoted back in a message: never a megabyte of it."""
    return text if len(text) <= limit else text[:limit] + "…"
