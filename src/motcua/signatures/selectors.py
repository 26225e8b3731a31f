"""Reading signing credentials and sessions, for the services and pages that use them."""

import uuid

from django.utils.translation import gettext as _

from motcua.core.errors import Conflict, NotFound
from motcua.signatures.models import Credential, SigningSession


def session_for(user, session_id: uuid.UUID | str) -> SigningSession:
    """The session if `user` started it; NotFound otherwise (like one that does not exist)."""
    found = (
        SigningSession.objects.select_related("credential", "created_by")
        .filter(pk=session_id, created_by_id=getattr(user, "pk", None))
        .first()
    )
    if found is None:
        raise NotFound(_("Không tìm thấy phiên ký số này."), code="not_found")
    return found


def personal_credential(user) -> Credential:
    """The active credential a person signs with (the first, should there be several);
    Conflict "no_credential" when they have none."""
    found = Credential.objects.filter(user=user, active=True).order_by("pk").first()
    if found is None:
        raise Conflict(
            _(
                "Ông/Bà chưa có chứng thư số để ký. Hãy đề nghị quản trị hệ thống khai báo "
                "chứng thư số của mình."
            ),
            code="no_credential",
        )
    return found


def seal_credential(agency) -> Credential:
    """The agency's active seal (the organisation's signature); Conflict "no_seal" when the
    agency has none."""
    found = Credential.objects.filter(agency=agency, active=True).order_by("pk").first()
    if found is None:
        raise Conflict(
            _("%(agency)s chưa có chứng thư số của cơ quan (con dấu số).") % {"agency": agency},
            code="no_seal",
        )
    return found
