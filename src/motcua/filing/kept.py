"""What a citizen typed on a wizard page whose POST came after their session had expired.

Signing in again must not cost them the page: the posted values (never files) are kept in the
new, anonymous session under the draft's id, and applied to that draft when its owner, signed
in, opens one of its steps. Django's `login()` keeps an anonymous session's data (it changes
only the key), so they survive the sign-in; anyone else who signs in on that browser finds
nothing, because the draft is not theirs and the values are dropped.
"""

import json
from collections.abc import Mapping
from uuid import UUID

from django.http import HttpRequest

from motcua.filing.models import Step

SESSION_KEY = "filing_kept"
# Only the pages where something is typed; files cannot be kept, and "Gỡ bỏ" or "Nộp hồ sơ"
# are not things to replay.
STEPS = {Step.AGENCY, Step.APPLICANT, Step.FORM, Step.DELIVERY}
# The browser's own fields, not the citizen's.
_NOT_TYPED = {"csrfmiddlewaretoken", "action", "remove"}
# A session is no store: the last few drafts, each a page of a reasonable size.
MAX_DRAFTS = 3
MAX_FIELDS = 100
MAX_BYTES = 32 * 1024


def keep(request: HttpRequest, *, draft_id: UUID, step: str, posted: Mapping) -> bool:
    """Keep the typed values of `posted` for `step` of the draft; whether they were kept (not a
    page with typed values, or too large)."""
    if step not in {s.value for s in STEPS}:
        return False
    values = {name: posted.get(name, "") for name in posted if name not in _NOT_TYPED}
    if len(values) > MAX_FIELDS or len(json.dumps(values).encode()) > MAX_BYTES:
        return False
    kept = {
        key: entry
        for key, entry in request.session.get(SESSION_KEY, {}).items()
        if key != str(draft_id)
    }
    kept[str(draft_id)] = {"step": step, "values": values}
    request.session[SESSION_KEY] = dict(list(kept.items())[-MAX_DRAFTS:])
    return True


def take(request: HttpRequest, *, draft_id: UUID) -> tuple[Step, dict[str, str]] | None:
    """The step and values kept for the draft, removed from the session; None when none are."""
    kept = request.session.get(SESSION_KEY)
    if not kept or str(draft_id) not in kept:
        return None
    entry = kept.pop(str(draft_id))
    request.session[SESSION_KEY] = kept
    return Step(entry["step"]), entry["values"]
