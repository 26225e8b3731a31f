from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from django.views.defaults import page_not_found, server_error

from motcua.api.errors import json_not_found, json_server_error
from motcua.core.health import healthz

urlpatterns = [
    path("", include("motcua.portal.urls")),
    path("", include("motcua.identity.urls")),
    path("", include("motcua.filing.urls")),
    path("healthz", healthz, name="healthz"),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("api/v1/", include("motcua.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]
if settings.MOTCUA_REMOTE_SIGNING_SIMULATOR:
    # The remote-signing provider's stand-in (DEBUG only): its API and the key holder's phone.
    urlpatterns.append(path("_sim/ky-so-tu-xa/", include("motcua.signatures.simulators.urls")))

admin.site.site_header = settings.MOTCUA_INSTALLATION_NAME
admin.site.site_title = settings.MOTCUA_INSTALLATION_NAME


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return page_not_found(request, exception)


def handler500(request):
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return server_error(request)
