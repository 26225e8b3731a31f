"""The signatures a stored PDF carries, as officers see them at intake and after: validated once
per file content and trust store (the checks are kept in Django's cache by the file's SHA-256
and the roots trusted), so a dossier page lists them without validating on every view."""

import hashlib

from django.core.cache import cache

from motcua.core.errors import ValidationFailed
from motcua.documents.models import ContentType, StoredFile
from motcua.signatures import trust
from motcua.signatures.validation import SignatureCheck, check_pdf

KEEP_SECONDS = 24 * 3600


def checks_for(stored: StoredFile) -> list[SignatureCheck]:
    """Each signature of `stored` (none for images and unsigned PDFs)."""
    if stored.content_type != ContentType.PDF:
        return []
    roots = trust.roots()
    store = hashlib.sha256(b"".join(sorted(roots))).hexdigest()[:16]
    key = f"motcua:signatures:{stored.sha256}:{store}"
    found = cache.get(key)
    if found is None:
        with stored.file.open("rb") as handle:
            try:
                found = check_pdf(handle.read(), trust_roots=roots)
            except ValidationFailed:  # a PDF pyHanko cannot read carries no signature we can show
                found = []
        cache.set(key, found, KEEP_SECONDS)
    return found
