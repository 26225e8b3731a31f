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


_D_KEEP_CASE = str.maketrans({"đ": "d", "Đ": "D"})


def without_marks(text: str) -> str:
    """'Xã Tân Phú, Đồng Nai' → 'Xa Tan Phu, Dong Nai': letters kept, case kept, marks gone
    (for text messages to gateways that refuse Unicode)."""
    decomposed = unicodedata.normalize("NFD", text.translate(_D_KEEP_CASE))
    return unicodedata.normalize(
        "NFC", "".join(c for c in decomposed if not unicodedata.combining(c))
    )
