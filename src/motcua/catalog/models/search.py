"""What search reads: each published version's name and aliases as normalised words, and the
vocabulary of every such word (for typo tolerance). Written when a version is published, never
changed afterwards; `catalog.search` explains the normalisation and the ranking.

On PostgreSQL both carry a GIN trigram index (migration 0002): the vocabulary for `%` similarity,
the texts for the `LIKE '% word %'` retrieval.
"""

from django.db import models

from motcua.catalog.choices import SearchTextKind
from motcua.catalog.models.procedures import ProcedureVersion


class SearchText(models.Model):
    version = models.ForeignKey(
        ProcedureVersion, on_delete=models.CASCADE, related_name="search_texts"
    )
    kind = models.CharField(max_length=5, choices=SearchTextKind.choices)
    # Normalised words with a space at both ends (" dang ki khai sinh "): a word matches as a whole.
    text = models.CharField(max_length=1100)
    # The same words with their diacritics, lower case: folding merges words, these tell them apart.
    exact = models.CharField(max_length=1100)

    class Meta:
        ordering = ["version", "pk"]

    def __str__(self) -> str:
        return self.exact


class SearchWord(models.Model):
    word = models.CharField(max_length=64, unique=True)

    def __str__(self) -> str:
        return self.word
