"""Finding procedures the way citizens ask for them, on SQLite and PostgreSQL alike.

People type without diacritics, spell "ký" as "kí", add words around the name ("tôi muốn làm giấy
khai sinh cho con"), use everyday names ("làm sổ đỏ") and make typos. So:

1. The query and the catalogue texts (each version's name and each alias, stored at publishing as
   `SearchText`) are reduced to normalised words (`wording.words`).
   An abbreviation in the query adds the words it stands for ("gplx": giấy phép lái xe).
2. Each query word stands for itself when the catalogue's vocabulary has it; otherwise for the
   closest vocabulary words (a typo): by trigram similarity, or the word with two neighbouring
   letters swapped back ("sihn" → "sinh"). That lookup is the only difference between the
   databases (`_vocabulary`): PostgreSQL answers with pg_trgm's `%` on an indexed vocabulary,
   SQLite hands the vocabulary to Python, which computes the same similarity.
3. The database returns every text that contains any of those words (one query); a procedure code
   in the query ("1.001193") matches that procedure too.
4. Python ranks, with one scorer for both databases: a query word weighs its rarity across the
   catalogue (IDF; a corrected typo weighs less); a text scores the weight it matches, scaled by how
   much of the text those words cover (so "Đăng ký khai sinh" comes before "Đăng ký lại khai sinh"
   and the long "liên thông" procedures that contain it), a little more when the words follow each
   other as in the query, and a little more when words typed with diacritics match exactly
   (folding merges "đất" and "dát"). A procedure takes its best text; ties go by code.

A search costs three queries whatever the query or the catalogue size.
"""

import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import reduce
from itertools import pairwise
from operator import or_

from django.contrib.postgres.lookups import TrigramSimilar
from django.db import connection
from django.db.models import F, Q, QuerySet, Value

from motcua.catalog.models import ProcedureVersion, SearchText, SearchWord
from motcua.catalog.wording import (
    ABBREVIATIONS,
    exact_words,
    normalise,
    similarity,
    transpositions,
)
from motcua.core.text import fold

MAX_QUERY_WORDS = 12
# pg_trgm's default threshold for `%`; Python uses the same so both databases correct alike.
TYPO_THRESHOLD = 0.3
TYPO_ALTERNATIVES = 3
TYPO_WEIGHT = 0.8
# A swap of two letters counts as a close typo, however few trigrams the two words share.
TRANSPOSED_SIMILARITY = 0.6
COVERAGE_FLOOR = 0.5
PHRASE_BONUS = 0.1
EXACT_BONUS = 0.05
CODE_SCORE = 1000.0

PROCEDURE_CODE = re.compile(r"\b\d\.\d{6}(?:\.[A-Za-z]\d{2})?\b")

Alternatives = dict[str, list[tuple[str, float]]]


@dataclass(frozen=True)
class Hit:
    version_id: int
    code: str
    score: float


@dataclass(frozen=True)
class _QueryWord:
    word: str  # normalised
    exact: str | None  # as typed, when typed with diacritics


def rank(query: str, *, versions: QuerySet[ProcedureVersion]) -> list[Hit]:
    """The versions among `versions` that match `query`, best first."""
    typed = _query_words(query)
    codes = {code.upper() for code in PROCEDURE_CODE.findall(query)}
    alternatives = _alternatives({item.word for item in typed})
    wanted = {word for options in alternatives.values() for word, _similarity in options}
    if not wanted and not codes:
        return []
    matching = [Q(text__contains=f" {word} ") for word in sorted(wanted)]
    if codes:
        matching.append(Q(version__procedure__code__in=codes))
    rows = list(
        SearchText.objects.filter(version__in=versions.values("pk"))
        .filter(reduce(or_, matching))
        .values_list("version_id", "version__procedure__code", "text", "exact")
    )
    total = versions.count()
    weights = _idf(rows, wanted, total=total)
    best: dict[int, Hit] = {}
    for version_id, code, text, exact in rows:
        score = _score(typed, alternatives, weights, text.split(), set(exact.split()))
        if code in codes:
            score += CODE_SCORE
        if score > 0 and (version_id not in best or score > best[version_id].score):
            best[version_id] = Hit(version_id=version_id, code=code, score=score)
    return sorted(best.values(), key=lambda hit: (-hit.score, hit.code))


def _query_words(query: str) -> list[_QueryWord]:
    found: dict[str, _QueryWord] = {}
    for typed in exact_words(query):
        expansion = ABBREVIATIONS.get(normalise(typed), "")
        for written in (typed, *exact_words(expansion)):
            word = normalise(written)
            if word not in found and len(word) <= 64:
                exact = written if written != fold(written) else None
                found[word] = _QueryWord(word=word, exact=exact)
    return list(found.values())[:MAX_QUERY_WORDS]


def _alternatives(words: set[str]) -> Alternatives:
    """Each query word → the vocabulary words it stands for, with their similarity: itself (1.0)
    when the catalogue has it, else up to three close words (typos), else nothing."""
    if not words:
        return {}
    swapped = {word: transpositions(word) for word in words}
    vocabulary = set(_vocabulary(words, also=set().union(*swapped.values())))
    alternatives: Alternatives = {}
    for word in words:
        if word in vocabulary:
            alternatives[word] = [(word, 1.0)]
            continue
        close = {
            candidate: score
            for candidate in vocabulary
            if (score := similarity(word, candidate)) >= TYPO_THRESHOLD
        }
        for candidate in swapped[word] & vocabulary:
            close[candidate] = max(close.get(candidate, 0.0), TRANSPOSED_SIMILARITY)
        ranked = sorted(close.items(), key=lambda pair: (-pair[1], pair[0]))
        alternatives[word] = ranked[:TYPO_ALTERNATIVES]
    return alternatives


def _vocabulary(words: set[str], *, also: set[str]) -> Iterable[str]:
    """The vocabulary words worth comparing with `words`: on PostgreSQL only those equal to one
    of `words` or `also`, or trigram-similar to one of `words` (pg_trgm's `%`, answered by the GIN
    index); on SQLite all of them."""
    vocabulary = SearchWord.objects.values_list("word", flat=True)
    if connection.vendor != "postgresql":
        return vocabulary
    similar = (Q(TrigramSimilar(F("word"), Value(word))) for word in sorted(words))
    return vocabulary.filter(reduce(or_, similar, Q(word__in=sorted(words | also))))


def _idf(rows: list[tuple], wanted: set[str], *, total: int) -> dict[str, float]:
    """Each word's inverse document frequency over the versions searched. Every version whose
    texts contain a wanted word is among `rows`, so the counts are complete."""
    holders: dict[str, set[int]] = {word: set() for word in wanted}
    for version_id, _code, text, _exact in rows:
        for word in set(text.split()) & wanted:
            holders[word].add(version_id)
    return {
        word: math.log(1 + (total - len(ids) + 0.5) / (len(ids) + 0.5))
        for word, ids in holders.items()
    }


def _score(
    typed: list[_QueryWord],
    alternatives: Alternatives,
    weights: dict[str, float],
    text: list[str],
    exact: set[str],
) -> float:
    present = set(text)
    matched_weight = bonus = 0.0
    matched: list[str | None] = []  # per query word, the text word it matched
    for item in typed:
        weight, word = max(
            (
                (
                    weights[candidate] * (1.0 if candidate == item.word else sim * TYPO_WEIGHT),
                    candidate,
                )
                for candidate, sim in alternatives.get(item.word, [])
                if candidate in present
            ),
            default=(0.0, None),
        )
        matched.append(word)
        matched_weight += weight
        if word is not None and item.exact in exact:
            bonus += EXACT_BONUS * weight
    if not matched_weight:
        return 0.0
    found = set(filter(None, matched))
    coverage = sum(word in found for word in text) / len(text)
    pairs = set(pairwise(text))
    adjacent = sum(1 for first, second in pairwise(matched) if (first, second) in pairs)
    phrase = adjacent / (len(typed) - 1) if len(typed) > 1 else 0.0
    return (
        matched_weight
        * (COVERAGE_FLOOR + (1 - COVERAGE_FLOOR) * coverage)
        * (1 + PHRASE_BONUS * phrase)
        + bonus
    )
