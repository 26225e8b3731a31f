"""Reads about how a visitor signed in, whether a registered account still has an e-mail or a
phone to confirm, and organisations by their e-mail."""

from django.http import HttpRequest

from motcua.accounts.models import User, UserKind
from motcua.identity.models import EmailVerification, OrganisationProfile, PhoneVerification

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


def registered_on_the_site(user: User) -> bool:
    """An account registered here with a password (it was sent an e-mail code), as opposed to one
    made by a VNeID sign-in or by an administrator."""
    return EmailVerification.objects.filter(user=user).exists()


def awaiting_email_verification(user: User) -> bool:
    """An account registered on the site that has not confirmed its e-mail yet."""
    verifications = EmailVerification.objects.filter(user=user)
    return verifications.exists() and not verifications.filter(verified_at__isnull=False).exists()


def verified_email(user: User) -> EmailVerification | None:
    """When the account's current e-mail was confirmed, if it was."""
    return (
        EmailVerification.objects.filter(
            user=user, email__iexact=user.email, verified_at__isnull=False
        )
        .order_by("-verified_at")
        .first()
    )


def verified_phone(user: User) -> PhoneVerification | None:
    """When the account's current phone number was confirmed, if it was."""
    if not user.phone:
        return None
    return (
        PhoneVerification.objects.filter(user=user, phone=user.phone, verified_at__isnull=False)
        .order_by("-verified_at")
        .first()
    )


def pending_phone_code(user: User) -> PhoneVerification | None:
    """The code sent last and not confirmed yet (it may have expired)."""
    return PhoneVerification.objects.filter(user=user, verified_at__isnull=True).first()


def awaiting_phone_verification(user: User, *, verified: bool | None = None) -> bool:
    """An account registered on the site whose phone number is not confirmed yet. A caller that
    has just asked `verified_phone` passes the answer as `verified` rather than have it asked
    again."""
    if user.kind == UserKind.OFFICER or not user.phone or not registered_on_the_site(user):
        return False
    return not (verified_phone(user) is not None if verified is None else verified)


def organisation_with_email(email: str) -> User | None:
    """The one organisation account with this e-mail (None when none, or when several share it:
    then only the tax code says which one is meant)."""
    matches = list(User.objects.filter(kind=UserKind.ORGANISATION, email__iexact=email.strip())[:2])
    return matches[0] if len(matches) == 1 else None


def organisation_profile(user: User) -> OrganisationProfile | None:
    return OrganisationProfile.objects.filter(user=user).first()
