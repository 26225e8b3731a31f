"""The periodic job that finishes remote signatures nobody is watching: a leader may confirm on
the phone and close the signing page; every half minute the waiting remote sessions are asked
about (and those past their time expire), so the signature is recorded all the same."""

import logging

from motcua.core.errors import DomainError
from motcua.events.schedule import every
from motcua.signatures import services
from motcua.signatures.models import CredentialKind, SessionStatus, SigningSession

logger = logging.getLogger(__name__)

BATCH = 100


def poll_waiting() -> int:
    """Ask the provider about each waiting remote session; the number that ended."""
    ended = 0
    waiting = SigningSession.objects.filter(
        status=SessionStatus.WAITING_CONFIRMATION, credential__kind=CredentialKind.REMOTE
    ).select_related("credential", "created_by")
    for session in waiting.order_by("created_at")[:BATCH]:
        try:
            if services.poll(session=session).status != SessionStatus.WAITING_CONFIRMATION:
                ended += 1
        except DomainError as exc:  # the provider unreachable: asked again next time
            logger.warning("remote signing session %s: %s", session.pk, exc.message)
    return ended


def register_jobs() -> None:
    every(30, "signatures.poll_remote")(poll_waiting)
