from django.conf import settings
from django.contrib import admin
from django.shortcuts import render
from django.urls import include, path
from django.views.defaults import page_not_found, server_error

from motcua.api.errors import json_not_found, json_server_error
from motcua.core.health import healthz

urlpatterns = [
    path("", include("motcua.portal.urls")),
    path("", include("motcua.identity.urls")),
    path("", include("motcua.filing.urls")),
    path("healthz", healthz, name="healthz"),
    path("thanh-toan/vnpay/", include("motcua.payments.contrib.vnpay.urls")),
    path("thanh-toan/dvcqg/", include("motcua.payments.contrib.paygov.urls")),
    path("zalo-oa/", include("motcua.notifications.contrib.zalo_oa.urls")),
    path("can-bo/", include("motcua.backoffice.urls")),
    path("api/v1/", include("motcua.api.urls")),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    # The generic postal plugin's status notifications (signed by the carrier, no session).
    path("buu-chinh/http-generic/", include("motcua.delivery.contrib.http_generic.urls")),
]
if settings.MOTCUA_PAYMENT_SIMULATOR:
    # The VNPay gateway's stand-in (DEBUG only): its payment page, merchant API and ledger.
    urlpatterns.append(path("_sim/vnpay/", include("motcua.payments.simulator.urls")))
    # The e-receipt provider's stand-in: its API and the receipts it made.
    urlpatterns.append(path("_sim/bien-lai/", include("motcua.payments.simulator.receipt_urls")))
if settings.MOTCUA_REMOTE_SIGNING_SIMULATOR:
    # The remote-signing provider's stand-in (DEBUG only): its API and the key holder's phone.
    urlpatterns.append(path("_sim/ky-so-tu-xa/", include("motcua.signatures.simulators.urls")))
if settings.MOTCUA_NOTIFY_SIMULATORS:
    # The SMS gateway's and Zalo OA's stand-ins and what they (and the mailbox) received.
    urlpatterns.append(path("_sim/thong-bao/", include("motcua.notifications.simulators.urls")))
if settings.MOTCUA_POSTAL_SIMULATOR:
    # The post's stand-in (DEBUG only): its API and the page that moves parcels on.
    urlpatterns.append(path("_sim/buu-dien/", include("motcua.delivery.simulators.urls")))

admin.site.site_header = settings.MOTCUA_INSTALLATION_NAME
admin.site.site_title = settings.MOTCUA_INSTALLATION_NAME


def handler404(request, exception=None):
    if request.path.startswith("/api/"):
        return json_not_found(request, exception)
    return page_not_found(request, exception)


def handler403(request, exception=None):
    """A refusal in Vietnamese on the site's own page, with the reason when there is one and a
    way back: the officers' pages under /can-bo/, the citizens' elsewhere."""
    officer = request.path.startswith("/can-bo/")
    reason = str(exception) if exception is not None else ""
    return render(
        request,
        "backoffice/403.html" if officer else "portal/403.html",
        {"reason": reason if reason and reason != "Forbidden" else ""},
        status=403,
    )


def handler500(request):
    if request.path.startswith("/api/"):
        return json_server_error(request)
    return server_error(request)
