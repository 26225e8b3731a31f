"""Making signatures: `start` a signing session with a credential, and — when the key is not on
the server — carry it on as the signer answers: `attach_certificate` and `finish_with_signature`
for the signing plug-in on the signer's computer, `poll` for a remote-signing provider.

However the signature is made, completion is one transaction: the signed PDF is stored on the
session, every completion handler registered for the purpose (`signatures.registry`) runs, and
the signature is audited; a handler's `DomainError` rolls it back and is shown to the signer.
Slow work (pyHanko, HTTP to the provider) happens before that transaction, never inside it.
"""

import dataclasses
import hashlib
import logging
import os
from datetime import timedelta
from pathlib import Path
from typing import Any

from cryptography import x509
from django.conf import settings
from django.db import transaction
from django.utils.translation import gettext as _
from pkcs11.exceptions import PKCS11Error

from motcua.accounts.models import Role, RoleAssignment
from motcua.audit.services import record
from motcua.core import clock
from motcua.core.errors import Conflict, DomainError, Forbidden, NotFound, ValidationFailed
from motcua.signatures import pades, registry, remote, stamps
from motcua.signatures.keys import Pkcs11Key, Pkcs12Key, ServerKey
from motcua.signatures.models import (
    WAITING,
    Credential,
    CredentialKind,
    SessionStatus,
    SigningSession,
)

logger = logging.getLogger(__name__)

SERVER_KINDS = (CredentialKind.PKCS12, CredentialKind.PKCS11)


def key_for(credential: Credential) -> ServerKey:
    """The server-held key of a pkcs12 or pkcs11 credential (see `Credential`'s docstring).
    What a credential's configuration may name is fenced, since whoever edits credentials in
    the admin must not reach other files, libraries or secrets: a key file inside the key
    store, a PKCS#11 library the settings list, environment variables named MOTCUA_…"""
    config = credential.config
    if credential.kind == CredentialKind.PKCS12:
        store = Path(settings.MOTCUA_KEY_STORE).resolve()
        path = (store / str(config.get("file", ""))).resolve()
        passphrase = os.environ.get(_secret_name(credential, "passphrase_env"))
        passphrase = passphrase if passphrase is not None else config.get("passphrase")
        if path.parent != store or passphrase is None:
            raise _not_configured(credential)
        try:
            return Pkcs12Key(data=path.read_bytes(), passphrase=passphrase.encode())
        except (OSError, ValueError) as exc:
            raise Conflict(
                _("Không mở được tệp khóa của %(label)s.") % {"label": credential.label},
                code="key_unavailable",
            ) from exc
    if credential.kind == CredentialKind.PKCS11:
        if config.get("library") not in settings.MOTCUA_PKCS11_LIBRARIES:
            raise _not_configured(credential)
        return Pkcs11Key(
            library=config["library"],
            token_label=config["token_label"],
            key_label=config["key_label"],
            pin=os.environ.get(_secret_name(credential, "pin_env"), ""),
        )
    raise ValueError(f"a {credential.kind} credential has no key on the server")


def _secret_name(credential: Credential, key: str) -> str:
    name = str(credential.config.get(key, ""))
    if name and not name.startswith("MOTCUA_"):
        raise _not_configured(credential)
    return name


def _not_configured(credential: Credential) -> Conflict:
    return Conflict(
        _(
            "Khóa của %(label)s chưa được cấu hình đúng (tệp trong kho khóa, thư viện PKCS#11 "
            "được phép, biến môi trường MOTCUA_…)."
        )
        % {"label": credential.label},
        code="key_not_configured",
    )


def start(
    *,
    user,
    credential: Credential,
    pdf: bytes,
    field_name: str,
    appearance: stamps.Appearance | dict[str, Any] | None,
    reason: str,
    location: str,
    purpose: str,
    next_url: str,
    description: str = "",
) -> SigningSession:
    """A signing session for `pdf`. A key on the server signs at once (status signed, the
    completion handlers have run); a remote credential sends the request to the provider
    (waiting_confirmation); a plug-in credential waits for the signer's browser
    (waiting_certificate). `appearance` is the visible stamp — a `stamps.Appearance` whose
    image is the credential's own image (or none), or its JSON (`appearance_data`) — or None
    for an invisible signature.

    Raises Forbidden "not_your_credential", Conflict "credential_inactive" or
    "key_unavailable", pyHanko's refusals (`pades`) and the handlers' errors. Outside a
    transaction the request to a remote provider is sent at once and its refusals raised
    (`remote`); inside one it is sent once the transaction commits — an HTTP call must not hold
    the caller's locks (on SQLite the simulator answering it would wait for them) — and a
    refusal then ends the session as failed, with the provider's message.
    """
    if isinstance(appearance, stamps.Appearance):
        appearance = appearance_data(appearance)
    _check_may_use(user, credential)
    session = SigningSession(
        credential=credential,
        pdf=pdf,
        appearance=appearance or {},
        field_name=field_name,
        reason=reason,
        location=location,
        description=description or reason,
        purpose=purpose,
        next_url=next_url,
        created_by=user,
        created_at=clock.now(),
    )
    if credential.kind in SERVER_KINDS:
        session.signed_at = clock.now()
        try:
            signed = pades.sign_with(
                pdf=pdf,
                key=key_for(credential),
                field_name=field_name,
                appearance=_appearance(session),
                reason=reason,
                location=location,
                signed_at=session.signed_at,
                timestamp_url=_timestamp_url(),
            )
        except (PKCS11Error, LookupError) as exc:
            raise Conflict(
                _(
                    "Không dùng được thiết bị ký số của %(label)s. Kiểm tra thiết bị, mã PIN "
                    "và nhãn khóa đã cấu hình."
                )
                % {"label": credential.label},
                code="key_unavailable",
            ) from exc
        return _complete(session, signed_pdf=signed, actor=user)
    if credential.kind == CredentialKind.REMOTE:
        _prepare(session, credential.certificate_der(), credential.chain_der())
        session.status = SessionStatus.WAITING_CONFIRMATION
        if transaction.get_connection().in_atomic_block:
            session.save()
            transaction.on_commit(lambda: _send_after_commit(session.pk))
            return session
        session.provider_reference = _send(session)
    else:
        session.status = SessionStatus.WAITING_CERTIFICATE
    session.save()
    return session


def waiting_for(purpose_prefix: str) -> bool:
    """Whether a session for this purpose still waits (and has not outlived its time): a
    caller that must not start two at once asks first."""
    since = clock.now() - timedelta(minutes=settings.MOTCUA_SIGNING_SESSION_MINUTES)
    return SigningSession.objects.filter(
        purpose__startswith=purpose_prefix, status__in=WAITING, created_at__gte=since
    ).exists()


def _send(session: SigningSession) -> str:
    return remote.request_signature(
        user_id=session.credential.config.get("user_id", ""),
        digest=hashlib.sha256(bytes(session.to_be_signed)).digest(),
        description=session.description,
    )


def _send_after_commit(session_id) -> None:
    session = SigningSession.objects.select_related("credential").get(pk=session_id)
    try:
        reference = _send(session)
    except DomainError as exc:
        _close(session, SessionStatus.FAILED, exc.code, exc.message)
        return
    except Exception:  # after the commit nobody is left to tell: the session says it
        logger.exception("remote signing request %s could not be sent", session_id)
        _close(
            session,
            SessionStatus.FAILED,
            "remote_unavailable",
            _("Không gửi được yêu cầu ký tới nhà cung cấp ký số từ xa. Hãy ký lại."),
        )
        return
    SigningSession.objects.filter(pk=session_id).update(provider_reference=reference)


def attach_certificate(
    *, user, session: SigningSession, certificate: bytes, chain: list[bytes]
) -> bytes:
    """The plug-in reported the signer's certificate: it must be the credential's (else
    ValidationFailed "wrong_certificate"); the PDF is prepared and the bytes the plug-in must
    sign (`to_be_signed`) are returned. Choosing again prepares again."""
    session = _own_waiting(user, session, CredentialKind.PLUGIN)
    if certificate != session.credential.certificate_der():
        raise ValidationFailed(
            _(
                "Chứng thư số đã chọn không phải của %(label)s. "
                "Hãy cắm đúng thiết bị ký số và chọn lại."
            )
            % {"label": session.credential.label},
            code="wrong_certificate",
        )
    pending = _prepare(session, certificate, session.credential.chain_der() or chain)
    session.status = SessionStatus.WAITING_CONFIRMATION
    session.save(update_fields=["pending", "to_be_signed", "signed_at", "status"])
    return pending.to_be_signed


def finish_with_signature(*, user, session: SigningSession, signature: bytes) -> SigningSession:
    """The plug-in's signature over `to_be_signed`: embedded and the session completed.
    Raises ValidationFailed "bad_signature" (the session keeps waiting) or "no_certificate"."""
    session = _own_waiting(user, session, CredentialKind.PLUGIN)
    if not session.pending:
        raise ValidationFailed(_("Chưa chọn chứng thư số để ký."), code="no_certificate")
    signed = pades.complete(
        state=session.pending, signature=signature, timestamp_url=_timestamp_url()
    )
    return _complete(session, signed_pdf=signed, actor=user)


def poll(*, session: SigningSession, user=None) -> SigningSession:
    """Ask the remote provider about a waiting session: still waiting, or signed (completed),
    refused (by the signer, or "bad_signature" when the signature does not match the
    certificate) or expired. A session not waiting is returned as it is."""
    if user is not None and session.created_by_id != user.pk:
        raise _not_found()
    if session.status != SessionStatus.WAITING_CONFIRMATION or (
        session.credential.kind != CredentialKind.REMOTE
    ):
        return session
    if not session.provider_reference:  # the request goes out when its transaction commits
        if _overdue(session):  # ... and never went out
            return _close(session, SessionStatus.EXPIRED, "expired", _expired_message())
        return session
    outcome = remote.transaction_status(transaction_id=session.provider_reference)
    if outcome.status == "pending":
        if _overdue(session):
            return _close(session, SessionStatus.EXPIRED, "expired", _expired_message())
        return session
    if outcome.status == "rejected":
        return _close(
            session,
            SessionStatus.REFUSED,
            "refused",
            _("Người ký đã từ chối ký trên ứng dụng ký số từ xa."),
        )
    if outcome.status == "expired":
        return _close(session, SessionStatus.EXPIRED, "expired", _expired_message())
    try:
        signed = pades.complete(
            state=session.pending, signature=outcome.signature, timestamp_url=_timestamp_url()
        )
    except ValidationFailed as exc:
        if exc.code != "bad_signature":
            raise
        return _close(session, SessionStatus.REFUSED, "bad_signature", exc.message)
    return _complete(session, signed_pdf=signed, actor=session.created_by)


# --- inside ---------------------------------------------------------------------------------


def _check_may_use(user, credential: Credential) -> None:
    if not credential.active:
        raise Conflict(
            _("Chứng thư %(label)s đang ngừng sử dụng.") % {"label": credential.label},
            code="credential_inactive",
        )
    if credential.user_id is not None:
        allowed = credential.user_id == user.pk
    else:
        # The seal is the records clerks' (văn thư) alone: an assignment on the agency itself,
        # never the system administrator's reach over every agency.
        allowed = RoleAssignment.objects.filter(
            user=user, role=Role.RECORDS_CLERK, agency=credential.agency
        ).exists()
    if not allowed:
        raise Forbidden(
            _("Ông/Bà không được ký bằng chứng thư %(label)s.") % {"label": credential.label},
            code="not_your_credential",
        )


def _not_found() -> NotFound:
    return NotFound(_("Không tìm thấy phiên ký số này."), code="not_found")


def _own_waiting(user, session: SigningSession, kind: str) -> SigningSession:
    if session.created_by_id != user.pk:
        raise _not_found()
    if session.credential.kind != kind or not session.waiting:
        raise Conflict(_("Phiên ký số này không còn chờ ký."), code="not_waiting")
    if _overdue(session):
        _close(session, SessionStatus.EXPIRED, "expired", _expired_message())
        raise Conflict(_expired_message(), code="expired")
    return session


def _overdue(session: SigningSession) -> bool:
    limit = timedelta(minutes=settings.MOTCUA_SIGNING_SESSION_MINUTES)
    return clock.now() - session.created_at > limit


def _expired_message() -> str:
    return _("Đã hết thời gian chờ ký. Hãy bắt đầu ký lại.")


def _timestamp_url() -> str | None:
    # A time-stamp authority, when configured, makes the signature PAdES B-T.
    return settings.MOTCUA_TIMESTAMP_URL or None


def appearance_data(appearance: stamps.Appearance | None) -> dict[str, Any]:
    """An `Appearance` as the JSON a session keeps (`start(appearance=...)`): the image itself
    is not kept, `"image": true` stands for the credential's own image."""
    if appearance is None:
        return {}
    data = dataclasses.asdict(appearance)
    data["image"] = bool(appearance.image)
    return data


def _appearance(session: SigningSession) -> stamps.Appearance | None:
    if not session.appearance:
        return None
    data = dict(session.appearance)
    image = bytes(session.credential.image) if data.get("image") else b""
    return stamps.Appearance(
        page=int(data.get("page", -1)),
        box=tuple(data["box"]),
        lines=tuple(data.get("lines", ())),
        image=image or None,
        sizes=tuple(data.get("sizes", ())),
        bold=tuple(data.get("bold", ())),
    )


def _prepare(session: SigningSession, certificate: bytes, chain: list[bytes]) -> pades.Pending:
    session.signed_at = clock.now()
    pending = pades.prepare(
        pdf=bytes(session.pdf),
        certificate=certificate,
        chain=chain,
        field_name=session.field_name,
        appearance=_appearance(session),
        reason=session.reason,
        location=session.location,
        signed_at=session.signed_at,
    )
    session.pending = pending.state
    session.to_be_signed = pending.to_be_signed
    return pending


def _close(session: SigningSession, status: str, code: str, message: str) -> SigningSession:
    session.status, session.error_code, session.error = status, code, message
    session.completed_at = clock.now()
    # What was prepared is of no further use.
    session.pending = {}
    session.save(update_fields=["status", "error_code", "error", "completed_at", "pending"])
    return session


def _complete(session: SigningSession, *, signed_pdf: bytes, actor) -> SigningSession:
    new = session._state.adding
    try:
        with transaction.atomic():
            if not new:
                # A second completion (two tabs polling, a double post) finds the session
                # ended, and leaves it as the first completion left it.
                locked = SigningSession.objects.select_for_update().get(pk=session.pk)
                if locked.status not in WAITING:
                    raise Conflict(_("Phiên ký số này đã kết thúc."), code="not_waiting")
            session.signed_pdf = signed_pdf
            session.status = SessionStatus.SIGNED
            session.completed_at = clock.now()
            session.pending = {}
            session.error_code = session.error = ""
            session.save()
            for handler in registry.handlers_for(session.purpose):
                handler(session)
            record(
                action="signature.sign",
                actor=actor,
                obj=session,
                data=_audit_data(session, signed_pdf),
            )
    except DomainError as exc:
        if not new and exc.code != "not_waiting":
            SigningSession.objects.filter(pk=session.pk, status__in=WAITING).update(
                status=SessionStatus.FAILED,
                error_code=exc.code,
                error=exc.message,
                completed_at=clock.now(),
                signed_pdf=None,
            )
        raise
    return session


def _audit_data(session: SigningSession, signed_pdf: bytes) -> dict[str, Any]:
    credential = session.credential
    certificate = x509.load_der_x509_certificate(credential.certificate_der())
    return {
        "purpose": session.purpose,
        "credential": credential.pk,
        "kind": credential.kind,
        "subject": certificate.subject.rfc4514_string(),
        "serial": format(certificate.serial_number, "x"),
        "field": session.field_name,
        "sha256": hashlib.sha256(signed_pdf).hexdigest(),
    }
