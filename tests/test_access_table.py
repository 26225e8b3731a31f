"""The URL × role access table: every URL of the project, what each kind of visitor gets.

Every pattern the URL resolver knows must have a row here (named by its route string), and every
row must name a pattern that exists: a new URL without a row fails the suite, so whoever adds a
URL decides who may reach it. Each (route, actor) pair is one test on the demo province, which is
seeded once per module (and rolled back) so that the whole table runs in seconds.

Statuses are for the method that matters for the URL (GET unless the row says otherwise); LOGIN
means a redirect to the admin's login page, OFFICER_LOGIN to the officers' sign-in page. Every
signed-in session passed the second factor (`verified_login`), as officers' sessions must.
"""

import re

import pytest
from django.apps import apps
from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.cache import cache
from django.test import Client, override_settings
from django.urls import URLPattern, URLResolver, get_resolver

from motcua.accounts.models import User
from motcua.dossiers.models import Dossier, ResultDocument
from tests.access import ACTORS, LOGIN, OFFICER_LOGIN, Row, everyone, signed_in, staff
from tests.backoffice.access import ROWS as BACKOFFICE_ROWS
from tests.backoffice.officers import verified_login

# Online filing: who gets what before the page's own answer (motcua.filing).
CITIZENS = ["citizen_a", "citizen_b"]
NO_DRAFT = "00000000-0000-4000-8000-000000000000"
FILERS = signed_in(anonymous=302, others=403)


TABLE: dict[str, Row] = {
    "": Row("/", everyone(200)),
    # The public portal: everyone, signed in or not.
    "thu-tuc/": Row("/thu-tuc/?q=khai+sinh", everyone(200)),
    "thu-tuc/<str:code>/": Row("/thu-tuc/1.001193/", everyone(200)),
    "mau-don/<int:pk>/": Row("/mau-don/{pk:catalog.formtemplate}/", everyone(200)),
    # The issued result's public verification page, and checking a file against it.
    "verify/<str:token>/": Row("/verify/{token:issued}/", everyone(200)),
    "tra-cuu/": Row(
        "/tra-cuu/?ma={dossier:binh_processing}&so_dien_thoai=0912345678", everyone(200)
    ),
    "co-chu/": Row("/co-chu/", everyone(302), method="post", data={"size": "large"}),
    # --- Online filing (motcua.filing): citizens and organisations; anonymous visitors go to
    # the sign-in page, officers are refused (they file at the counter). No demo draft exists:
    # an unknown draft id is 404 for a filer. Starting a filing creates a draft and redirects.
    "nop-ho-so/ban-nhap/": Row("/nop-ho-so/ban-nhap/", FILERS | dict.fromkeys(CITIZENS, 200)),
    "nop-ho-so/ban-nhap/<uuid:draft_id>/xoa/": Row(
        f"/nop-ho-so/ban-nhap/{NO_DRAFT}/xoa/", FILERS | dict.fromkeys(CITIZENS, 404)
    ),
    "nop-ho-so/ban-nhap/<uuid:draft_id>/<str:step>/": Row(
        f"/nop-ho-so/ban-nhap/{NO_DRAFT}/noi-nop/", FILERS | dict.fromkeys(CITIZENS, 404)
    ),
    # A field checked as it is left (htmx posts the step's form); the same doors as the step.
    "nop-ho-so/ban-nhap/<uuid:draft_id>/<str:step>/kiem-tra/": Row(
        f"/nop-ho-so/ban-nhap/{NO_DRAFT}/nguoi-nop/kiem-tra/?field=name",
        FILERS | dict.fromkeys(CITIZENS, 404),
        method="post",
        data={"name": "Trần Thị Bình"},
    ),
    "nop-ho-so/da-nop/<str:reference>/": Row(
        "/nop-ho-so/da-nop/{dossier:hung_submitted}/",
        FILERS | {"citizen_a": 404, "citizen_b": 200},
    ),
    "nop-ho-so/<str:code>/": Row("/nop-ho-so/1.001193/", FILERS | dict.fromkeys(CITIZENS, 302)),
    # --- end of online filing.
    # Hồ sơ của tôi: a citizen's own dossiers; anonymous visitors are sent to sign in, anyone
    # else's dossier is 404; an officer's list is empty (they work in the back office).
    "ho-so-cua-toi/": Row("/ho-so-cua-toi/", signed_in(anonymous=302, others=200)),
    "thong-bao/": Row("/thong-bao/", signed_in(anonymous=302, others=200)),
    "ho-so-cua-toi/<str:key>/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 200},
    ),
    # Not waiting for papers: the supplement form is refused (400) for the owner.
    "ho-so-cua-toi/<str:key>/bo-sung/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/bo-sung/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 400},
        method="post",
    ),
    "ho-so-cua-toi/<str:key>/rut/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/rut/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 200},
    ),
    # Paying online: the owner is sent on (to the gateway, or back with what is owed).
    "ho-so-cua-toi/<str:key>/thanh-toan/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/thanh-toan/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 302},
        method="post",
    ),
    # No receipt has this lookup code.
    "ho-so-cua-toi/<str:key>/bien-lai/<str:lookup_code>/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/bien-lai/KHONGCO/",
        signed_in(anonymous=302, others=404),
    ),
    # No result approved yet: 404 for the owner too.
    "ho-so-cua-toi/<str:key>/ket-qua/": Row(
        "/ho-so-cua-toi/{dossier:binh_processing}/ket-qua/", signed_in(anonymous=302, others=404)
    ),
    # Kho dữ liệu: each signed-in account's own store; anonymous visitors are sent to sign in,
    # anyone else's document is 404. The demo's documents are all Trần Thị Bình's.
    "kho-du-lieu/": Row("/kho-du-lieu/", signed_in(anonymous=302, others=200)),
    "kho-du-lieu/them/": Row("/kho-du-lieu/them/", signed_in(anonymous=302, others=200)),
    "kho-du-lieu/<uuid:document_id>/tai-ve/": Row(
        "/kho-du-lieu/{object:binh_document}/tai-ve/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 200},
    ),
    # The confirmation page; removing is its POST.
    "kho-du-lieu/<uuid:document_id>/xoa/": Row(
        "/kho-du-lieu/{object:binh_document}/xoa/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 200},
    ),
    # --- Feedback and Q&A (motcua.feedback): the published Q&A is public; sending is for
    # citizens and organisations (officers 403); one's own feedback only (the demo's first is
    # Hùng's); a dossier is rated by its owner (Bình's returned one is not rated yet).
    "hoi-dap/": Row("/hoi-dap/?q=khai+sinh", everyone(200)),
    "hoi-dap/<int:pk>/": Row("/hoi-dap/{pk:feedback.feedback}/", everyone(200)),
    "phan-anh-kien-nghi/": Row("/phan-anh-kien-nghi/", signed_in(anonymous=302, others=200)),
    "phan-anh-kien-nghi/gui/": Row(
        "/phan-anh-kien-nghi/gui/?thu-tuc=1.001193", FILERS | dict.fromkeys(CITIZENS, 200)
    ),
    "phan-anh-kien-nghi/<int:pk>/": Row(
        "/phan-anh-kien-nghi/{pk:feedback.feedback}/",
        {**signed_in(anonymous=302, others=404), "citizen_b": 200},
    ),
    "ho-so-cua-toi/<str:key>/danh-gia/": Row(
        "/ho-so-cua-toi/{dossier:binh_returned}/danh-gia/",
        {**signed_in(anonymous=302, others=404), "citizen_a": 200},
    ),
    # --- end of feedback and Q&A.
    # --- Signing in (motcua.identity): open to everyone. Starting VNeID and a callback without a
    # code both redirect (to the provider, to the sign-in page); no e-mail code is awaited; a
    # reset link that is not one shows its own page. The VNeID simulator is on (DEBUG in
    # `make run`): its authorize page refuses a request without a client (400), its token and
    # userinfo endpoints one without credentials (401).
    "dang-nhap/": Row("/dang-nhap/", everyone(200)),
    "dang-nhap/vneid/": Row("/dang-nhap/vneid/", everyone(302)),
    "dang-nhap/vneid/tra-ve/": Row("/dang-nhap/vneid/tra-ve/", everyone(302)),
    "dang-xuat/": Row("/dang-xuat/", everyone(302), method="post"),
    "dang-ky/": Row("/dang-ky/", everyone(200)),
    "xac-thuc-email/": Row("/xac-thuc-email/", everyone(302)),
    "dang-ky/to-chuc/": Row("/dang-ky/to-chuc/", everyone(200)),
    # Phone verification and the account page: citizens and organisations; officers have none.
    "xac-thuc-so-dien-thoai/": Row(
        "/xac-thuc-so-dien-thoai/",
        signed_in(anonymous=302, others=404) | dict.fromkeys(CITIZENS, 200),
    ),
    "tai-khoan/": Row(
        "/tai-khoan/", signed_in(anonymous=302, others=404) | dict.fromkeys(CITIZENS, 200)
    ),
    "tai-khoan/zalo/": Row(
        "/tai-khoan/zalo/", signed_in(anonymous=302, others=404) | dict.fromkeys(CITIZENS, 200)
    ),
    # The demo links citizen_a's Zalo: she is asked to confirm; citizen_b, with nothing linked,
    # goes back to the Zalo page.
    "tai-khoan/zalo/huy/": Row(
        "/tai-khoan/zalo/huy/",
        signed_in(anonymous=302, others=404) | {"citizen_a": 200, "citizen_b": 302},
    ),
    # The OA's webhook: 404 while no OA secret is configured (the tests' default).
    "zalo-oa/webhook/": Row("/zalo-oa/webhook/", everyone(404), method="post"),
    "quen-mat-khau/": Row("/quen-mat-khau/", everyone(200)),
    "quen-mat-khau/da-gui/": Row("/quen-mat-khau/da-gui/", everyone(200)),
    "quen-mat-khau/<uidb64>/<token>/": Row("/quen-mat-khau/MQ/sai-ma/", everyone(200)),
    "quen-mat-khau/xong/": Row("/quen-mat-khau/xong/", everyone(200)),
    "vneid-mo-phong/.well-known/openid-configuration": Row(
        "/vneid-mo-phong/.well-known/openid-configuration", everyone(200)
    ),
    "vneid-mo-phong/authorize": Row("/vneid-mo-phong/authorize", everyone(400)),
    "vneid-mo-phong/token": Row("/vneid-mo-phong/token", everyone(401), method="post"),
    "vneid-mo-phong/userinfo": Row("/vneid-mo-phong/userinfo", everyone(401)),
    "vneid-mo-phong/jwks": Row("/vneid-mo-phong/jwks", everyone(200)),
    # The SMS simulator's phone inbox (on with DEBUG, like the VNeID simulator).
    # The remote-signing simulator (on with DEBUG): the key holder's phone page is open; an
    # unknown request is 404; its API refuses a caller without the client id and secret (401).
    "_sim/ky-so-tu-xa/": Row("/_sim/ky-so-tu-xa/", everyone(200)),
    # VNPay's calls to us are open to everyone and answer by the protocol: an unsigned IPN is
    # 97 in a 200 answer, an unsigned return goes back to Hồ sơ của tôi. The gateway simulator
    # (DEBUG only) refuses a payment page without its parameters and an API call without JSON.
    "thanh-toan/vnpay/ipn/": Row("/thanh-toan/vnpay/ipn/", everyone(200)),
    "thanh-toan/vnpay/ket-qua/": Row("/thanh-toan/vnpay/ket-qua/", everyone(302)),
    # The national portal's payment confirmations: unsigned, answered 97 in a 200 answer.
    "thanh-toan/dvcqg/": Row("/thanh-toan/dvcqg/", everyone(200), method="post"),
    "_sim/vnpay/": Row("/_sim/vnpay/", everyone(200)),
    # The e-receipt provider's stand-in: its list is open; its API wants the key (401).
    "_sim/bien-lai/": Row("/_sim/bien-lai/", everyone(200)),
    "_sim/bien-lai/api/bien-lai": Row("/_sim/bien-lai/api/bien-lai", everyone(401), method="post"),
    "_sim/bien-lai/api/bien-lai/<str:form_code>/<str:serial>/<int:number>.pdf": Row(
        "/_sim/bien-lai/api/bien-lai/01BLP0-001/AH01-26E/1.pdf", everyone(401)
    ),
    "_sim/bien-lai/api/bien-lai/<str:form_code>/<str:serial>/<int:number>/huy": Row(
        "/_sim/bien-lai/api/bien-lai/01BLP0-001/AH01-26E/1/huy", everyone(401), method="post"
    ),
    "_sim/vnpay/paymentv2/vpcpay.html": Row("/_sim/vnpay/paymentv2/vpcpay.html", everyone(400)),
    "_sim/vnpay/merchant_webapi/api/transaction": Row(
        "/_sim/vnpay/merchant_webapi/api/transaction", everyone(400), method="post"
    ),
    "_sim/ky-so-tu-xa/<uuid:transaction_id>/": Row(
        "/_sim/ky-so-tu-xa/00000000-0000-4000-8000-000000000000/", everyone(404), method="post"
    ),
    "_sim/ky-so-tu-xa/api/certificate": Row(
        "/_sim/ky-so-tu-xa/api/certificate", everyone(401), method="post"
    ),
    "_sim/ky-so-tu-xa/api/sign": Row("/_sim/ky-so-tu-xa/api/sign", everyone(401), method="post"),
    "_sim/ky-so-tu-xa/api/status": Row(
        "/_sim/ky-so-tu-xa/api/status", everyone(401), method="post"
    ),
    # The notification gateways' simulators (on with DEBUG): what they received is open; the
    # SMS gateway refuses a caller without its key (401), Zalo answers 200 with its error code.
    "_sim/thong-bao/": Row("/_sim/thong-bao/?kenh=sms", everyone(200)),
    # Telling a simulator to fail (the demo's way to show retries): open, back to the page.
    "_sim/thong-bao/loi-gia-lap/": Row(
        "/_sim/thong-bao/loi-gia-lap/", everyone(302), method="post"
    ),
    "_sim/thong-bao/loi-gia-lap/xoa/": Row(
        "/_sim/thong-bao/loi-gia-lap/xoa/", everyone(302), method="post"
    ),
    "_sim/thong-bao/zalo/nguoi-dung/": Row(
        "/_sim/thong-bao/zalo/nguoi-dung/", everyone(302), method="post"
    ),
    "_sim/thong-bao/sms/gui": Row("/_sim/thong-bao/sms/gui", everyone(401), method="post"),
    "_sim/thong-bao/zalo/v3.0/oa/message/cs": Row(
        "/_sim/thong-bao/zalo/v3.0/oa/message/cs", everyone(200), method="post"
    ),
    # The postal simulator (on with DEBUG): its page of parcels is open; an unknown parcel is
    # 404; its API refuses a caller without the API key (401).
    "_sim/buu-dien/": Row("/_sim/buu-dien/", everyone(200)),
    "_sim/buu-dien/<str:tracking_number>/": Row(
        "/_sim/buu-dien/EB000000000VN/", everyone(404), method="post", data={"action": "advance"}
    ),
    "_sim/buu-dien/api/shipments": Row("/_sim/buu-dien/api/shipments", everyone(401), "post"),
    "_sim/buu-dien/api/shipments/<str:tracking_number>": Row(
        "/_sim/buu-dien/api/shipments/EB000000000VN", everyone(401)
    ),
    # A carrier's status notification: no session counts, only the body's signature (403).
    "buu-chinh/http-generic/thong-bao/": Row(
        "/buu-chinh/http-generic/thong-bao/", everyone(403), method="post"
    ),
    # --- end of signing in.
    "healthz": Row("/healthz", everyone(200)),
    "i18n/setlang/": Row(
        "/i18n/setlang/", everyone(302), method="post", data={"language": "en", "next": "/"}
    ),
    # The API: public reading, token from credentials, uploads for whoever is signed in.
    "api/v1/schema": Row("/api/v1/schema", everyone(200)),
    "api/v1/docs": Row("/api/v1/docs", everyone(200)),
    "api/v1/auth/token": Row("/api/v1/auth/token", everyone(400), method="post"),
    "api/v1/uploads": Row("/api/v1/uploads", signed_in(anonymous=401, others=400), method="post"),
    "api/v1/calendar/due": Row(
        "/api/v1/calendar/due?start=2026-03-04T13:00:00%2B07:00&amount=0.5&unit=day",
        everyone(200),
    ),
    "api/v1/procedures": Row("/api/v1/procedures?q=khai+sinh", everyone(200)),
    "api/v1/procedures/<str:code>": Row("/api/v1/procedures/1.001193", everyone(200)),
    # Dossiers: tracking is public (a wrong phone or code is 404 alike); the rest needs a login,
    # and a dossier the caller may not see is 404 like one that does not exist.
    "api/v1/tracking/<str:code>": Row(
        "/api/v1/tracking/{dossier:binh_processing}?phone=%2B84%20912%20345%20678", everyone(200)
    ),
    "api/v1/dossiers": Row("/api/v1/dossiers", signed_in(anonymous=401, others=200)),
    # Trần Thị Bình's dossier at Phường An Hòa: hers, An Hòa's officers' and the administrator's.
    "api/v1/dossiers/<str:code>": Row(
        "/api/v1/dossiers/{dossier:binh_processing}",
        {
            **signed_in(anonymous=401, others=404),
            "citizen_a": 200,
            "officer_b": 200,
            "system_admin": 200,
        },
    ),
    "api/v1/dossiers/<str:code>/forms/<str:form>": Row(
        "/api/v1/dossiers/{dossier:binh_processing}/forms/06",
        {
            **signed_in(anonymous=401, others=404),
            "citizen_a": 200,
            "officer_b": 200,
            "system_admin": 200,
        },
    ),
    # Receiving Nguyễn Văn Hùng's online filing at Xã Tân Phú: he may see it but not receive it;
    # none of the table's officers work there; the administrator may do anything.
    "api/v1/dossiers/<str:code>/actions/<str:action>": Row(
        "/api/v1/dossiers/{dossier:hung_submitted}/actions/receive",
        {**signed_in(anonymous=401, others=404), "citizen_b": 403, "system_admin": 200},
        method="post",
        data={"expected_version": 1},
    ),
    # Paper hand-over lists: the demo's first list (An Hòa → Tân Phú) was accepted already.
    "api/v1/handovers": Row("/api/v1/handovers", signed_in(anonymous=401, others=200)),
    "api/v1/handovers/<int:id>/accept": Row(
        "/api/v1/handovers/{pk:dossiers.handoverbatch}/accept",
        {**signed_in(anonymous=401, others=404), "system_admin": 409},
        method="post",
    ),
    # The Django admin: the system administrator's console, nobody else's.
    "admin/": Row("/admin/", staff(200)),
    # The admin's own sign-in page hands over to the officers' two-step one.
    "admin/login/": Row("/admin/login/", everyone(302)),
    # Anyone else is sent to the admin's index, which then asks them to log in.
    "admin/logout/": Row("/admin/logout/", staff(200, others=302), method="post"),
    "admin/password_change/": Row("/admin/password_change/", staff(200)),
    "admin/password_change/done/": Row("/admin/password_change/done/", staff(200)),
    "admin/autocomplete/": Row(
        "/admin/autocomplete/?app_label=accounts&model_name=roleassignment&field_name=agency",
        staff(200),
    ),
    "admin/jsi18n/": Row("/admin/jsi18n/", staff(200)),
    # Users have no page of their own on the site.
    "admin/r/<path:content_type_id>/<path:object_id>/": Row(
        "/admin/r/{ct:accounts.user}/{pk:accounts.user}/", staff(404)
    ),
    "admin/^(?P<app_label>…)/$": Row("/admin/agencies/", staff(200)),
    "admin/(?P<url>.*)$": Row("/admin/khong-co-trang-nay/", staff(404)),
}

# Admin pages of each registered model, by what the system administrator may do there:
# EDIT (list, add, change, delete, history), READ (no add, no delete, the change page shows the
# object read-only: logs, stored files, published versions whose drafts come from actions),
# REMOVE (as READ, but an object may be deleted: an officer's lost authenticator, a lockout).
# An example object comes from the demo; "none" when the demo has no such object yet.
EDIT, READ, REMOVE = "edit", "read", "remove"
ADMIN_MODELS = {
    "auth/group": (EDIT, "none"),
    "authtoken/tokenproxy": (EDIT, "none"),
    "django_celery_beat/periodictask": (EDIT, "none"),
    "django_celery_beat/clockedschedule": (EDIT, "none"),
    "django_celery_beat/crontabschedule": (EDIT, "none"),
    "django_celery_beat/solarschedule": (EDIT, "none"),
    "django_celery_beat/intervalschedule": (EDIT, "none"),
    "audit/auditentry": (READ, "none"),
    "events/outboxmessage": (READ, "none"),
    "events/delivery": (READ, "none"),
    "agencies/agency": (EDIT, "demo"),
    "accounts/user": (EDIT, "demo"),
    "accounts/roleassignment": (EDIT, "demo"),
    "workdays/calendaroverride": (EDIT, "none"),
    "catalog/field": (EDIT, "demo"),
    "catalog/procedure": (EDIT, "demo"),
    "catalog/procedureassignment": (EDIT, "demo"),
    "catalog/procedureversion": (READ, "demo"),
    "catalog/formtemplate": (EDIT, "demo"),
    "workflow/process": (EDIT, "demo"),
    "workflow/processversion": (READ, "demo"),
    "workflow/processstep": (READ, "demo"),
    "documents/storedfile": (READ, "none"),
    "documents/papertemplate": (EDIT, "none"),
    "dossiers/dossier": (READ, "demo"),
    "dossiers/nationalstatusmapping": (READ, "demo"),
    "dossiers/register": (READ, "demo"),
    "dossiers/handoverbatch": (READ, "demo"),
    "accounts/delegation": (EDIT, "demo"),
    "feedback/ratingcriterion": (EDIT, "demo"),
    "feedback/rating": (READ, "demo"),
    "feedback/feedback": (READ, "demo"),
    "delivery/shipment": (READ, "demo"),
    # Merchant accounts are set up here (the demo's point at the VNPay simulator); payments and
    # the gateway's calls are read.
    "payments/merchantaccount": (EDIT, "demo"),
    "payments/payment": (READ, "none"),
    "payments/paymentevent": (READ, "none"),
    "payments/receiptseries": (EDIT, "demo"),
    "payments/receipt": (READ, "none"),
    # Notification texts (edited live), messages sent (the back office retries), Zalo links.
    "notifications/template": (EDIT, "none"),
    "notifications/message": (READ, "none"),
    "notifications/zaloaccount": (EDIT, "none"),
    # Signing credentials (the demo's come from `motcua demo_pki`); sessions only services write.
    "signatures/credential": (EDIT, "none"),
    "signatures/signingsession": (READ, "none"),
    # Officers' authenticators: seen and removed, never added or changed (no secret shown).
    "otp_totp/totpdevice": (REMOVE, "demo"),
    # django-axes' records of failed sign-ins and lockouts (removing an attempt unlocks).
    "axes/accessattempt": (REMOVE, "none"),
    "axes/accesslog": (REMOVE, "none"),
    "axes/accessfailurelog": (REMOVE, "none"),
}


def _admin_rows(model: str, mode: str, example: str) -> dict[str, Row]:
    label = model.replace("/", ".")
    obj = f"{{pk:{label}}}" if example == "demo" else "0"
    # A missing object sends the administrator back to the admin index with a message.
    found = 302 if example == "none" else 200
    read_only = 403 if mode == READ else found
    no_add = mode in (READ, REMOVE)
    base = f"/admin/{model}/"
    return {
        f"admin/{model}/": Row(base, staff(200)),
        f"admin/{model}/add/": Row(f"{base}add/", staff(403 if no_add else 200)),
        f"admin/{model}/<path:object_id>/history/": Row(f"{base}{obj}/history/", staff(found)),
        f"admin/{model}/<path:object_id>/delete/": Row(f"{base}{obj}/delete/", staff(read_only)),
        f"admin/{model}/<path:object_id>/change/": Row(f"{base}{obj}/change/", staff(found)),
        f"admin/{model}/<path:object_id>/": Row(f"{base}{obj}/", staff(302)),
    }


for _model, (_mode, _example) in ADMIN_MODELS.items():
    TABLE |= _admin_rows(_model, _mode, _example)
TABLE |= BACKOFFICE_ROWS
# The paper templates' live preview: a typed body checked with the sample data, then its PDF.
TABLE["admin/documents/papertemplate/xem-truoc/"] = Row(
    "/admin/documents/papertemplate/xem-truoc/",
    staff(200),
    method="post",
    data={"kind": "03", "body": "<p>{{ applicant.name }}</p>"},
)
TABLE["admin/documents/papertemplate/xem-truoc/<str:kind>/"] = Row(
    "/admin/documents/papertemplate/xem-truoc/03/", staff(200)
)
TABLE["admin/accounts/user/<id>/password/"] = Row(
    "/admin/accounts/user/{pk:accounts.user}/password/", staff(200)
)


def _routes(patterns, prefix: str = ""):
    for pattern in patterns:
        route = prefix + str(pattern.pattern)
        if isinstance(pattern, URLResolver):
            yield from _routes(pattern.url_patterns, route)
        elif isinstance(pattern, URLPattern):
            # The admin's app-list pattern spells out every app label; one row covers it.
            yield re.sub(r"\(\?P<app_label>[^)]*\)", "(?P<app_label>…)", route)


def test_every_url_has_a_row_and_every_row_a_url():
    routes = set(_routes(get_resolver().url_patterns))
    missing = sorted(routes - TABLE.keys())
    stale = sorted(TABLE.keys() - routes)
    assert not missing, f"URLs without a row in the access table: {missing}"
    assert not stale, f"rows of the access table for URLs that no longer exist: {stale}"


@pytest.fixture(scope="module")
def sessions(_shared_demo, django_db_blocker):
    """A signed-in session for each actor of the demo province the module's tests share (logging
    in for each of a thousand tests would double the time)."""
    with django_db_blocker.unblock():
        keys = {}
        for actor, username in ACTORS.items():
            if username:
                client = verified_login(Client(), User.objects.get(username=username))
                keys[actor] = client.cookies[settings.SESSION_COOKIE_NAME].value
    # Requests then run as in every other test: Django's test runner turns DEBUG off.
    with override_settings(DEBUG=False):
        yield keys


_PLACEHOLDER = re.compile(r"\{(?P<kind>ct|pk|dossier|object|token):(?P<label>[\w.]+)\}")

# Demo objects the rows name, where the first of their model would not do: (model, filter).
OBJECTS = {
    "binh_document": ("documents.personaldocument", {"owner__username": "099190001234"}),
    "anhoa_feedback": ("feedback.feedback", {"agency__code": "000.00.31.H99"}),
}

# Demo dossiers the rows name, by what they are.
DOSSIERS = {
    "binh_processing": {
        "owner__username": "099190001234",
        "status": "processing",
        "new_appointment_at__isnull": False,
    },
    "hung_submitted": {"owner__username": "099085004321", "status": "submitted"},
    "binh_returned": {"owner__username": "099190001234", "status": "returned"},
    "tanphu_ready": {"status": "ready"},
}


def _concrete(path: str) -> str:
    def replace(match: re.Match) -> str:
        if match["kind"] == "dossier":
            return Dossier.objects.get(**DOSSIERS[match["label"]]).key
        if match["kind"] == "token":  # the demo's issued result (Xã Tân Phú)
            return ResultDocument.objects.get(issued__isnull=False).token
        if match["kind"] == "object":
            label, lookup = OBJECTS[match["label"]]
            found = apps.get_model(label).objects.filter(**lookup).order_by("pk").first()
            return str(found.pk)
        model = apps.get_model(match["label"])
        if match["kind"] == "ct":
            return str(ContentType.objects.get_for_model(model).pk)
        return str(model.objects.order_by("pk").values_list("pk", flat=True).first())

    return _PLACEHOLDER.sub(replace, path)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("route", "actor"),
    [(route, actor) for route in TABLE for actor in ACTORS],
)
def test_access(sessions, route, actor):
    row = TABLE[route]
    client = Client()
    if actor in sessions:
        client.cookies[settings.SESSION_COOKIE_NAME] = sessions[actor]
    # Throttles count in the cache, which every row of the table shares.
    cache.clear()
    response = getattr(client, row.method)(_concrete(row.path), row.data)

    expected = row.expected[actor]
    if expected == OFFICER_LOGIN:
        assert response.status_code == 302, response
        assert response["Location"].startswith("/can-bo/dang-nhap/?next="), response["Location"]
    elif expected == LOGIN:
        assert response.status_code == 302, response
        assert response["Location"].startswith("/admin/login/?next="), response["Location"]
    else:
        assert response.status_code == expected, response
