"""What happens once a signature is made: higher apps (dossiers) register a handler for the
purposes they start sessions for, in their `AppConfig.ready()`:

    registry.on_signed("dossier.personal:", attach_personal_signature)

`services` calls every handler whose prefix starts the session's `purpose`, inside the
transaction that completes the session, with `signed_pdf` set; a handler's `DomainError` rolls
the completion back and is shown to the signer.
"""

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from motcua.signatures.models import SigningSession

Handler = Callable[["SigningSession"], None]

_handlers: list[tuple[str, Handler]] = []


def on_signed(purpose_prefix: str, handler: Handler) -> None:
    """Call `handler` for each completed session whose purpose starts with `purpose_prefix`
    (registering the same pair twice registers it once)."""
    if (purpose_prefix, handler) not in _handlers:
        _handlers.append((purpose_prefix, handler))


def handlers_for(purpose: str) -> list[Handler]:
    return [handler for prefix, handler in _handlers if purpose.startswith(prefix)]


def forget(purpose_prefix: str, handler: Handler) -> None:
    """Unregister (tests register handlers of their own)."""
    if (purpose_prefix, handler) in _handlers:
        _handlers.remove((purpose_prefix, handler))
