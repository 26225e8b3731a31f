"""Words as search compares them: folded, with spelling variants merged, and their trigrams.

Citizens type without diacritics and spell some syllables either way; both the catalogue texts and
the query pass through `words()`, so they meet in one form:

- `core.text.fold`: case, diacritics and đ → d ("Đăng ký" → "dang ky");
- i/y: a syllable of consonant(s) + "y" is also written with "i" (kỳ/kì, lý/lí, mỹ/mĩ, quý/quí,
  công ty/công ti, sỹ/sĩ, hy/hi) and becomes "…i". Only that shape: "y" after a vowel is part of
  another rhyme ("giấy", "tuy", "thủy", "huy") and stays, and "y" alone ("y tế") stays;
- punctuation and the "–" of names are separators; "_" too.

Query words get two more variants (`catalog.search` applies them):
- a common abbreviation also stands for the words it abbreviates ("gplx" → "giấy phép lái xe");
- a word the catalogue lacks may be two neighbouring letters typed in the wrong order ("sihn"),
  which trigrams hardly see in a syllable of four letters (`transpositions`).

`trigrams` and `similarity` compute what PostgreSQL's pg_trgm computes for one word, so that typo
tolerance behaves the same on SQLite (in Python) and PostgreSQL (in the database).
"""

import re
import unicodedata

from motcua.core.text import fold

_WORD = re.compile(r"[^\W_]+")
# Onsets of Vietnamese syllables ("qu" included: its "u" belongs to the onset).
_CONSONANT_Y = re.compile(r"(?:b|c|ch|d|g|gh|h|k|kh|l|m|n|ng|ngh|nh|p|ph|qu|r|s|t|th|tr|v|x)y")


def exact_words(text: str) -> list[str]:
    """The words as written, lower case, composed (NFC): "Đăng ký" → ["đăng", "ký"]."""
    return _WORD.findall(unicodedata.normalize("NFC", text).lower())


def normalise(word: str) -> str:
    """One word in the form search compares: "Kỳ" → "ki", "giấy" → "giay"."""
    folded = fold(word)
    if _CONSONANT_Y.fullmatch(folded):
        return folded[:-1] + "i"
    return folded


def words(text: str) -> list[str]:
    """The normalised words of a text, in order: "Đăng ký khai sinh" → ["dang", "ki", "khai", "sinh"]."""
    return [normalise(word) for word in exact_words(text)]


# Abbreviations people type for the words of procedure names (lower case, without diacritics).
ABBREVIATIONS = {
    "attp": "an toàn thực phẩm",
    "bhxh": "bảo hiểm xã hội",
    "bhyt": "bảo hiểm y tế",
    "cccd": "căn cước công dân",
    "cmnd": "chứng minh nhân dân",
    "dkkd": "đăng ký kinh doanh",
    "dntn": "doanh nghiệp tư nhân",
    "gcn": "giấy chứng nhận",
    "gplx": "giấy phép lái xe",
    "gpxd": "giấy phép xây dựng",
    "hkd": "hộ kinh doanh",
    "qsdd": "quyền sử dụng đất",
    "thcs": "trung học cơ sở",
    "thpt": "trung học phổ thông",
    "tnhh": "trách nhiệm hữu hạn",
    "ubnd": "ủy ban nhân dân",
}


def transpositions(word: str) -> set[str]:
    """The word with two neighbouring letters swapped, each way: "sihn" → {"ishn", "shin", "sinh"}."""
    return {
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        for i in range(len(word) - 1)
        if word[i] != word[i + 1]
    }


def trigrams(word: str) -> frozenset[str]:
    """pg_trgm's trigrams of one word: padded with two spaces before and one after."""
    padded = f"  {word} "
    return frozenset(padded[i : i + 3] for i in range(len(padded) - 2))


def similarity(a: str, b: str) -> float:
    """pg_trgm's `similarity()` of two words: shared trigrams over all trigrams."""
    first, second = trigrams(a), trigrams(b)
    union = len(first | second)
    return len(first & second) / union if union else 0.0
