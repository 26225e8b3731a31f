"""Settings, read from environment variables (docs/OPERATIONS.md lists them).

Development is the default (DEBUG on, SQLite under var/, tasks in-process); production sets
DEBUG=false, SECRET_KEY, ALLOWED_HOSTS, DATABASE_URL and REDIS_URL.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
import xstatic.pkg.bootstrap
from django.utils.translation import gettext_lazy as _

from motcua.config import env

PACKAGE_DIR = Path(__file__).resolve().parent.parent
REPO_DIR = PACKAGE_DIR.parent.parent
VAR_DIR = Path(os.environ.get("MOTCUA_VAR_DIR", REPO_DIR / "var"))

DEBUG = env.flag("DEBUG", True)
SECRET_KEY = env.secret_key(var_dir=VAR_DIR, debug=DEBUG)
ALLOWED_HOSTS = env.words("ALLOWED_HOSTS", ["127.0.0.1", "localhost", "[::1]", "testserver"])
CSRF_TRUSTED_ORIGINS = env.words("CSRF_TRUSTED_ORIGINS", [])

DATABASES = {
    "default": dj_database_url.parse(
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'motcua.sqlite3'}",
        conn_max_age=int(os.environ.get("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Demo and tests on SQLite: wait for a writer instead of failing with "database is locked".
    DATABASES["default"]["OPTIONS"] = {"timeout": 20, "transaction_mode": "IMMEDIATE"}
    DATABASES["default"]["CONN_MAX_AGE"] = 0
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

INSTALLED_APPS = [
    "motcua.backoffice.admin_app.OfficerAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "rest_framework",
    "rest_framework.authtoken",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_celery_beat",
    "django_htmx",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "axes",
    "motcua.core",
    "motcua.audit",
    "motcua.events",
    "motcua.agencies",
    "motcua.accounts",
    "motcua.workdays",
    "motcua.catalog",
    "motcua.workflow",
    "motcua.documents",
    "motcua.signatures",
    "motcua.dossiers",
    "motcua.identity",
    "motcua.feedback",
    "motcua.delivery",
    "motcua.payments",
    "motcua.notifications",
    "motcua.api",
    "motcua.portal",
    "motcua.filing",
    "motcua.backoffice",
    "motcua.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "csp.middleware.CSPMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "motcua.core.middleware.LanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "motcua.backoffice.middleware.OfficerIdleTimeout",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "motcua.config.urls"
WSGI_APPLICATION = "motcua.config.wsgi.application"
AUTH_USER_MODEL = "accounts.User"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "motcua.portal.context_processors.site",
                "motcua.backoffice.context_processors.officer_menu",
            ],
        },
    },
]

# Sign-in (motcua.identity). Citizens sign in with VNeID, the national electronic identity, over
# OpenID Connect; local password accounts are for deployments that need them.
LOGIN_URL = "identity:sign-in"
LOGIN_REDIRECT_URL = "/"
MOTCUA_LOCAL_ACCOUNTS = env.flag("MOTCUA_LOCAL_ACCOUNTS", DEBUG)
# The local identity provider that stands in for VNeID (demo and tests), at /vneid-mo-phong/.
# It signs anyone in as a demo citizen, like seed_demo's public password.
MOTCUA_VNEID_SIMULATOR = env.simulator("MOTCUA_VNEID_SIMULATOR", debug=DEBUG)
MOTCUA_VNEID_SIMULATOR_PEOPLE = PACKAGE_DIR / "demo" / "data" / "people.json"
OIDC_RP_SIGN_ALGO = os.environ.get("OIDC_RP_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = os.environ.get("OIDC_RP_SCOPES", "openid profile email phone")
if MOTCUA_VNEID_SIMULATOR:
    # Endpoints given as a path are on this server: the browser is sent there as it is, and the
    # token, userinfo and JWKS requests go to the loopback address (motcua.identity.oidc).
    OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "motcua-mo-phong")
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "bi-mat-mo-phong")
    OIDC_OP_AUTHORIZATION_ENDPOINT = "/vneid-mo-phong/authorize"
    OIDC_OP_TOKEN_ENDPOINT = "/vneid-mo-phong/token"
    OIDC_OP_USER_ENDPOINT = "/vneid-mo-phong/userinfo"
    OIDC_OP_JWKS_ENDPOINT = "/vneid-mo-phong/jwks"
    # The one client the simulator knows.
    MOTCUA_VNEID_SIMULATOR_CLIENT_ID = OIDC_RP_CLIENT_ID
    MOTCUA_VNEID_SIMULATOR_CLIENT_SECRET = OIDC_RP_CLIENT_SECRET
else:
    OIDC_RP_CLIENT_ID = os.environ.get("OIDC_RP_CLIENT_ID", "")
    OIDC_RP_CLIENT_SECRET = os.environ.get("OIDC_RP_CLIENT_SECRET", "")
    OIDC_OP_AUTHORIZATION_ENDPOINT = os.environ.get("OIDC_OP_AUTHORIZATION_ENDPOINT", "")
    OIDC_OP_TOKEN_ENDPOINT = os.environ.get("OIDC_OP_TOKEN_ENDPOINT", "")
    OIDC_OP_USER_ENDPOINT = os.environ.get("OIDC_OP_USER_ENDPOINT", "")
    OIDC_OP_JWKS_ENDPOINT = os.environ.get("OIDC_OP_JWKS_ENDPOINT", "")
# VNeID sign-in is offered once the provider is known (the simulator counts).
MOTCUA_VNEID = bool(OIDC_RP_CLIENT_ID and OIDC_OP_AUTHORIZATION_ENDPOINT)
# Which claim carries what: the real VNeID claim set is not public (docs/OPERATIONS.md).
MOTCUA_VNEID_CLAIMS = {
    "personal_number": "personal_number",
    "full_name": "name",
    "phone": "phone_number",
    "email": "email",
    "date_of_birth": "birthdate",
    # An organisation's VNeID account (since 2024) states its tax code instead.
    "tax_code": "tax_code",
} | env.mapping("MOTCUA_VNEID_CLAIMS")
OIDC_AUTHENTICATION_CALLBACK_URL = "identity:vneid-callback"
OIDC_TIMEOUT = 10
AUTHENTICATION_BACKENDS = [
    # First: refuses any password sign-in while its account is locked out (django-axes).
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
] + (["motcua.identity.oidc.NationalIdentityBackend"] if MOTCUA_VNEID else [])

# Officers (motcua.backoffice): two factors, lockout, and a session that ends when left idle.
AXES_FAILURE_LIMIT = int(os.environ.get("MOTCUA_SIGN_IN_FAILURES", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("MOTCUA_LOCKOUT_MINUTES", "15")))
# By account and address together: a stranger cannot lock an officer out from elsewhere.
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "motcua.backoffice.signin.locked_out"
AXES_VERBOSE = False
MOTCUA_OFFICER_IDLE_MINUTES = int(os.environ.get("MOTCUA_OFFICER_IDLE_MINUTES", "30"))

EMAIL_BACKEND = os.environ.get(
    "EMAIL_BACKEND",
    "django.core.mail.backends.console.EmailBackend"
    if DEBUG
    else "django.core.mail.backends.smtp.EmailBackend",
)
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "motcua <khong-tra-loi@localhost>")
# Text messages for phone verification (motcua.identity.sms): by default through the SMS gateway
# of the notifications (MOTCUA_NOTIFY_SMS, below), which refuses until one is configured.
MOTCUA_SMS_BACKEND = os.environ.get(
    "MOTCUA_SMS_BACKEND", "motcua.notifications.phone_codes.GatewayBackend"
)

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [PACKAGE_DIR / "locale"]
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", VAR_DIR / "static"))
if DEBUG:
    # WhiteNoise serves from the finders in development but warns when STATIC_ROOT is missing.
    STATIC_ROOT.mkdir(parents=True, exist_ok=True)
# Bootstrap 5 from PyPI (xstatic-bootstrap), served as our own static files: no CDN.
STATICFILES_DIRS = [("bootstrap", xstatic.pkg.bootstrap.BASE_DIR)]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", VAR_DIR / "media"))
STORAGES = {
    "default": {
        "BACKEND": os.environ.get("MEDIA_STORAGE", "django.core.files.storage.FileSystemStorage")
    },
    # Uploaded documents (motcua.documents): outside MEDIA_ROOT, never served by URL; read only
    # through selectors that check who asks.
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": Path(os.environ.get("PRIVATE_ROOT", VAR_DIR / "private"))},
    },
    "staticfiles": {
        "BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"
        if DEBUG
        else "whitenoise.storage.CompressedManifestStaticFilesStorage"
    },
}

# Largest upload accepted per type, in bytes (a scanned dossier runs to a few megabytes).
MOTCUA_UPLOAD_MAX_BYTES = {
    "application/pdf": int(os.environ.get("UPLOAD_MAX_PDF_MB", "20")) * 1024 * 1024,
    "image/jpeg": int(os.environ.get("UPLOAD_MAX_IMAGE_MB", "10")) * 1024 * 1024,
    "image/png": int(os.environ.get("UPLOAD_MAX_IMAGE_MB", "10")) * 1024 * 1024,
}

# Background work: without REDIS_URL the embedded mode runs tasks in-process (stack.md).
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_TASK_ALWAYS_EAGER = not REDIS_URL
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TIMEZONE = TIME_ZONE
# The outbox (motcua.events): a failed delivery is tried again after base × 2^(n−1) seconds,
# capped, and parked after MAX_ATTEMPTS; a worker's claim lapses after LEASE seconds (longer than
# any consumer takes), when the sweep — every SWEEP seconds with Celery beat, every EMBEDDED
# seconds in the embedded dispatcher thread — takes the delivery again.
MOTCUA_EVENTS_MAX_ATTEMPTS = 8
MOTCUA_EVENTS_RETRY_BASE_SECONDS = 30
MOTCUA_EVENTS_RETRY_MAX_SECONDS = 3600
MOTCUA_EVENTS_LEASE_SECONDS = 300
MOTCUA_EVENTS_SWEEP_SECONDS = 30
MOTCUA_EVENTS_EMBEDDED_SECONDS = 5
CELERY_BEAT_SCHEDULER = "motcua.events.beat:DatabaseScheduler"
CELERY_BEAT_SCHEDULE = {
    "events.sweep": {
        "task": "motcua.events.tasks.sweep",
        "schedule": float(MOTCUA_EVENTS_SWEEP_SECONDS),
    },
}

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "rest_framework.authentication.TokenAuthentication",
        "motcua.api.authentication.VerifiedSessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "motcua.api.errors.exception_handler",
    "DATETIME_FORMAT": "iso-8601",
    # Password guessing through the API: attempts per client address.
    "DEFAULT_THROTTLE_RATES": {"auth_token": os.environ.get("AUTH_TOKEN_RATE", "10/min")},
}
SPECTACULAR_SETTINGS = {
    "TITLE": "motcua API",
    "DESCRIPTION": "API của hệ thống một cửa điện tử motcua. Lỗi luôn có dạng "
    '`{"code", "message", "fields"}`; thời gian theo ISO 8601, múi giờ +07:00; tiền là số nguyên VND.',
    "VERSION": "1",
    "SERVE_INCLUDE_SCHEMA": False,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
}

# Security headers. Nothing is loaded from another origin (government intranets are often closed).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
    }
}
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = not DEBUG
SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", False)
SECURE_PROXY_SSL_HEADER = (
    ("HTTP_X_FORWARDED_PROTO", "https") if env.flag("BEHIND_PROXY", False) else None
)

# The province this installation serves, shown on every page.
MOTCUA_INSTALLATION_NAME = os.environ.get("MOTCUA_INSTALLATION_NAME", "Hệ thống một cửa điện tử")
# Where citizens reach this installation: printed papers' QR codes open pages under it.
MOTCUA_PUBLIC_URL = os.environ.get("MOTCUA_PUBLIC_URL", "http://127.0.0.1:8000").rstrip("/")
# The name authenticator apps show beside an officer's codes.
OTP_TOTP_ISSUER = MOTCUA_INSTALLATION_NAME

# Signature validation trusts the root certificates (.pem/.cer) in this directory (production:
# Ban Cơ yếu Chính phủ and NEAC; the demo: the roots `motcua demo_pki` writes). Signing adds an
# RFC 3161 time-stamp (PAdES B-T) when a time-stamp authority's URL is set.
MOTCUA_TRUST_STORE = Path(os.environ.get("MOTCUA_TRUST_STORE", VAR_DIR / "trust"))
MOTCUA_TIMESTAMP_URL = os.environ.get("MOTCUA_TIMESTAMP_URL", "") or None

# Digital signatures (motcua.signatures). Keys the server holds (PKCS#12 files) live in the key
# store; the signing plug-in on a leader's computer answers on MOTCUA_SIGNING_PLUGIN_URL (the
# browser calls it, so CSP connect-src names it); the plug-in simulator (`motcua signing_plugin`)
# reads its tokens from MOTCUA_SIGNING_PLUGIN_TOKENS.
MOTCUA_KEY_STORE = Path(os.environ.get("MOTCUA_KEY_STORE", VAR_DIR / "keys"))
# Where `motcua demo_pki` keeps the demo CAs' and holders' keys, to find them again (demo only).
MOTCUA_DEMO_PKI_DIR = Path(os.environ.get("MOTCUA_DEMO_PKI_DIR", VAR_DIR / "demo-pki"))
# The PKCS#11 libraries (HSM, token) a credential may load, colon-separated.
MOTCUA_PKCS11_LIBRARIES = os.environ.get(
    "MOTCUA_PKCS11_LIBRARIES", "/usr/lib/softhsm/libsofthsm2.so"
).split(":")
MOTCUA_SIGNING_PLUGIN_URL = os.environ.get(
    "MOTCUA_SIGNING_PLUGIN_URL", "http://127.0.0.1:18123"
).rstrip("/")
MOTCUA_SIGNING_PLUGIN_TOKENS = Path(
    os.environ.get("MOTCUA_SIGNING_PLUGIN_TOKENS", VAR_DIR / "plugin-tokens")
)
# A signing session left waiting longer than this expires.
MOTCUA_SIGNING_SESSION_MINUTES = int(os.environ.get("MOTCUA_SIGNING_SESSION_MINUTES", "15"))
# Remote signing (ký số từ xa): the provider's base URL, client id and secret, and optionally
# its paths, field names and encodings (motcua.signatures.remote.DEFAULTS), as JSON. The
# simulator at /_sim/ky-so-tu-xa/ (DEBUG only) is the default provider when it is on.
MOTCUA_REMOTE_SIGNING_SIMULATOR = env.simulator("MOTCUA_REMOTE_SIGNING_SIMULATOR", debug=DEBUG)
MOTCUA_REMOTE_SIGNING_SIMULATOR_CLIENT = {
    "client_id": "motcua-mo-phong",
    "client_secret": "bi-mat-ky-so-mo-phong",
}
MOTCUA_REMOTE_SIGNING = env.json_object(
    "MOTCUA_REMOTE_SIGNING",
    {
        "base_url": f"{MOTCUA_PUBLIC_URL}/_sim/ky-so-tu-xa/api",
        **MOTCUA_REMOTE_SIGNING_SIMULATOR_CLIENT,
    }
    if MOTCUA_REMOTE_SIGNING_SIMULATOR
    else {},
)
CONTENT_SECURITY_POLICY["DIRECTIVES"]["connect-src"] = ["'self'", MOTCUA_SIGNING_PLUGIN_URL]

# Postal delivery of results (motcua.delivery): the provider plugin and its configuration as JSON
# — for `http_generic` the base URL, API key, paths, field mappings, status words and the
# notifications' shared secret (motcua.delivery.contrib.http_generic.plugin.DEFAULTS). Empty:
# the desk books parcels at the post office's counter and types the tracking number. The
# simulator at /_sim/buu-dien/ (DEBUG only) is the default provider when it is on; its parcels
# move on by themselves every MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS.
MOTCUA_POSTAL_SIMULATOR = env.simulator("MOTCUA_POSTAL_SIMULATOR", debug=DEBUG)
MOTCUA_POSTAL_SIMULATOR_CLIENT = {
    "api_key": "khoa-buu-dien-mo-phong",
    "callback_secret": "bi-mat-buu-dien-mo-phong",
}
MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS = int(
    os.environ.get("MOTCUA_POSTAL_SIMULATOR_STEP_SECONDS", "60")
)
MOTCUA_POSTAL = env.json_object(
    "MOTCUA_POSTAL",
    {
        "provider": "http_generic",
        "base_url": f"{MOTCUA_PUBLIC_URL}/_sim/buu-dien/api",
        **MOTCUA_POSTAL_SIMULATOR_CLIENT,
    }
    if MOTCUA_POSTAL_SIMULATOR
    else {},
)

# Payments (motcua.payments): merchant accounts are kept per collecting agency in the admin; a
# started payment waits this long at the gateway; the gateways' payment pages are listed for the
# CSP (the citizen's form is redirected there), e.g. "https://pay.vnpay.vn". The VNPay simulator
# at /_sim/vnpay/ (DEBUG only) sends its IPN to MOTCUA_VNPAY_SIMULATOR_IPN_URL.
MOTCUA_PAYMENT_MINUTES = int(os.environ.get("MOTCUA_PAYMENT_MINUTES", "15"))
CONTENT_SECURITY_POLICY["DIRECTIVES"]["form-action"] += env.words("MOTCUA_PAYMENT_GATEWAYS", [])
# The national portal's payment confirmations (PayGov) are signed with this shared secret.
MOTCUA_PAYGOV_SECRET = os.environ.get("MOTCUA_PAYGOV_SECRET", "")
MOTCUA_PAYMENT_SIMULATOR = env.simulator("MOTCUA_PAYMENT_SIMULATOR", debug=DEBUG)
# The e-receipt provider (motcua.payments.contrib.receipt_http): JSON with base_url and api_key;
# with the simulator on, its stand-in at /_sim/bien-lai/.
MOTCUA_RECEIPT_PROVIDER = env.json_object(
    "MOTCUA_RECEIPT_PROVIDER",
    {
        "base_url": f"{MOTCUA_PUBLIC_URL}/_sim/bien-lai/api",
        "api_key": "khoa-bien-lai-mo-phong",
    }
    if MOTCUA_PAYMENT_SIMULATOR
    else {},
)
MOTCUA_VNPAY_SIMULATOR_IPN_URL = os.environ.get(
    "MOTCUA_VNPAY_SIMULATOR_IPN_URL", f"{MOTCUA_PUBLIC_URL}/thanh-toan/vnpay/ipn/"
)

# Notifications (motcua.notifications): SMS through a configurable HTTP gateway, Zalo Official
# Account messages and e-mail. Each gateway is JSON from the environment (the keys are
# motcua.notifications.contrib.<channel>.plugin.DEFAULTS); a channel left unconfigured is not
# used. With the simulators on (DEBUG only) the gateways default to them: /_sim/thong-bao/ lists
# what they received. A message that fails is tried again after base × 2^(n−1) seconds, capped,
# and parked after MAX_ATTEMPTS; a sender's claim lapses after LEASE seconds (longer than any
# gateway's timeout); the sweep that takes due messages runs every SWEEP seconds.
MOTCUA_NOTIFY_SIMULATORS = env.simulator("MOTCUA_NOTIFY_SIMULATORS", debug=DEBUG)
MOTCUA_NOTIFY_SIMULATOR_SMS_KEY = "khoa-cong-sms-mo-phong"
MOTCUA_NOTIFY_SIMULATOR_ZALO_TOKEN = "ma-truy-cap-zalo-oa-mo-phong"
MOTCUA_NOTIFY_SIMULATOR_ZALO_APP = {
    "app_id": "1000000000000000001",
    "oa_secret_key": "khoa-oa-mo-phong",
}
MOTCUA_NOTIFY_SMS = env.json_object(
    "MOTCUA_NOTIFY_SMS",
    {
        "url": f"{MOTCUA_PUBLIC_URL}/_sim/thong-bao/sms/gui",
        "headers": {"Authorization": f"Bearer {MOTCUA_NOTIFY_SIMULATOR_SMS_KEY}"},
        "honours_idempotency_key": True,
    }
    if MOTCUA_NOTIFY_SIMULATORS
    else {},
)
MOTCUA_NOTIFY_ZALO = env.json_object(
    "MOTCUA_NOTIFY_ZALO",
    {
        "base_url": f"{MOTCUA_PUBLIC_URL}/_sim/thong-bao/zalo",
        "access_token": MOTCUA_NOTIFY_SIMULATOR_ZALO_TOKEN,
        "token_header": "access-token",
        **MOTCUA_NOTIFY_SIMULATOR_ZALO_APP,
    }
    if MOTCUA_NOTIFY_SIMULATORS
    else {},
)
# E-mail goes through Django's mail with this backend (the simulator's keeps the letters for
# /_sim/thong-bao/); "off" leaves the channel unused.
MOTCUA_NOTIFY_EMAIL_BACKEND = os.environ.get(
    "MOTCUA_NOTIFY_EMAIL_BACKEND",
    "motcua.notifications.contrib.email.simulator.SimulatorBackend"
    if MOTCUA_NOTIFY_SIMULATORS
    else EMAIL_BACKEND,
)
MOTCUA_NOTIFY_MAX_ATTEMPTS = int(os.environ.get("MOTCUA_NOTIFY_MAX_ATTEMPTS", "6"))
MOTCUA_NOTIFY_RETRY_BASE_SECONDS = int(os.environ.get("MOTCUA_NOTIFY_RETRY_BASE_SECONDS", "60"))
MOTCUA_NOTIFY_RETRY_MAX_SECONDS = int(os.environ.get("MOTCUA_NOTIFY_RETRY_MAX_SECONDS", "3600"))
MOTCUA_NOTIFY_LEASE_SECONDS = int(os.environ.get("MOTCUA_NOTIFY_LEASE_SECONDS", "120"))
MOTCUA_NOTIFY_SWEEP_SECONDS = float(os.environ.get("MOTCUA_NOTIFY_SWEEP_SECONDS", "15"))

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    # WeasyPrint reports each rendering step, fontTools each font it instantiates: noise.
    "loggers": {
        "weasyprint.progress": {"level": "WARNING"},
        "fontTools": {"level": "WARNING"},
    },
}
