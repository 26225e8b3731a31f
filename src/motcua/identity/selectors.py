"""Reads about how a visitor signed in and whether a registered account is still unconfirmed."""

from django.http import HttpRequest

from motcua.accounts.models import User
from motcua.identity.models import EmailVerification

# Set in the session when it was authenticated with the national identity (VNeID); a local
# sign-in clears it and signing out ends the session.
VNEID_SESSION_KEY = "identity_vneid"


def authenticated_with_vneid(request: HttpRequest) -> bool:
    """Whether the signed-in visitor proved who they are with VNeID in this session (the dossier's
    "authenticated with VNeID" flag comes from here)."""
    user = getattr(request, "user", None)
    return bool(
        user is not None and user.is_authenticated and request.session.get(VNEID_SESSION_KEY)
    )


def awaiting_email_verification(user: User) -> bool:
    """An account registered on the site that has not confirmed its e-mail yet."""
    verifications = EmailVerification.objects.filter(user=user)
    return verifications.exists() and not verifications.filter(verified_at__isnull=False).exists()


def latest_verification(user: User) -> EmailVerification | None:
    return EmailVerification.objects.filter(user=user, verified_at__isnull=True).first()
