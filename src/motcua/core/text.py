"""Folding Vietnamese text for comparison and search: case, diacritics and đ/Đ.

NFD decomposition drops tone and vowel marks but leaves `đ`, which is a letter of its own:
it is mapped to `d` explicitly.
"""

import re
import unicodedata

_D = str.maketrans({"đ": "d", "Đ": "d"})
_SPACE = re.compile(r"\s+")


def fold(text: str) -> str:
    """'Đăng ký  KHAI SINH' → 'dang ky khai sinh'."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D))
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return _SPACE.sub(" ", stripped.casefold()).strip()
