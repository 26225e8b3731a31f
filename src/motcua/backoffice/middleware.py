"""An officer's session ends after a spell of inactivity (MOTCUA_OFFICER_IDLE_MINUTES, 30 by
default): a desk computer left signed in is a door left open. Citizens' sessions are not
touched."""

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpResponseRedirect
from django.urls import reverse
from django.utils.http import urlencode

from motcua.accounts.two_factor import needs_second_factor
from motcua.core import clock

LAST_SEEN = "backoffice.last_seen"
# The moment is written at most once a minute, so that a busy officer's pages do not each
# rewrite the session; the timeout is then exact to the minute.
WRITE_EVERY = 60
OFFICER_PATHS = ("/can-bo/", "/admin/")


class OfficerIdleTimeout:
    def __init__(self, get_response) -> None:
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and needs_second_factor(user):
            now = clock.now().timestamp()
            last = request.session.get(LAST_SEEN)
            if last is not None and now - last > settings.MOTCUA_OFFICER_IDLE_MINUTES * 60:
                logout(request)
                if request.method == "GET" and request.path.startswith(OFFICER_PATHS):
                    query = urlencode({"next": request.get_full_path(), "het-phien": "1"})
                    return HttpResponseRedirect(f"{reverse('backoffice:sign-in')}?{query}")
            elif last is None or now - last >= WRITE_EVERY:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
