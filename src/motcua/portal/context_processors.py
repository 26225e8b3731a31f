"""What every page's layout needs: the installation's name and province, and the text size."""

from django.conf import settings
from django.utils.functional import SimpleLazyObject

from motcua.agencies.selectors import installation_root

LARGE_TEXT_COOKIE = "mc_text"


def site(request):
    return {
        "site_name": settings.MOTCUA_INSTALLATION_NAME,
        # Looked up only by pages that show it (every portal page does; the admin does not).
        "province": SimpleLazyObject(installation_root),
        "large_text": request.COOKIES.get(LARGE_TEXT_COOKIE) == "large",
        "unread_notifications": SimpleLazyObject(lambda: _unread(request)),
    }


def _unread(request) -> int:
    from motcua.portal.models import Notification

    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return 0
    return Notification.objects.filter(user=user, read_at__isnull=True).count()
