"""How API requests are authenticated besides tokens (kept apart from the views: DRF imports
its authentication classes while it builds `APIView`)."""

from drf_spectacular.authentication import SessionScheme
from rest_framework.authentication import SessionAuthentication

from motcua.accounts import two_factor


class VerifiedSessionAuthentication(SessionAuthentication):
    """The browser's session, for the API too — but an officer's only once it passed the second
    factor (an authenticator removed by the administrator takes the session's verification with
    it, and then the API too)."""

    def authenticate(self, request):
        found = super().authenticate(request)
        if found is None:
            return None
        user = request._request.user
        if two_factor.needs_second_factor(found[0]) and not user.is_verified():
            return None
        return found


class VerifiedSessionScheme(SessionScheme):
    """Documents it in the OpenAPI schema as the session cookie it is."""

    target_class = "motcua.api.authentication.VerifiedSessionAuthentication"
