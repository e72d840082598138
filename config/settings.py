"""Settings of one node, read from the environment.

Every default is the production one: DEBUG off, HTTPS only, no database and no broker
until DATABASE_URL and REDIS_URL name them, no secret key until DJANGO_SECRET_KEY gives
one. What is missing is refused with a message naming the variable (core/checks.py),
never replaced by something that only suits a laptop. The embedded way of trying the
node (SQLite, tasks run eagerly, plain HTTP on 127.0.0.1) is what scripts/demo.sh sets
explicitly; docs/decisions.md gives the reasons, docs/operations.md the variables.
"""

import json
import os
from pathlib import Path

import dj_database_url

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None or not value.strip():
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


DEBUG = env_bool("DJANGO_DEBUG", default=False)
# No built-in key: an empty one makes the configuration check (core/checks.py) refuse
# to start, and Django refuses to sign anything with it.
SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
ALLOWED_HOSTS = os.environ.get("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1,[::1]").split(",")
CSRF_TRUSTED_ORIGINS = [
    o for o in os.environ.get("DJANGO_CSRF_TRUSTED_ORIGINS", "").split(",") if o
]

# --- Transport (docs/operations.md) ---------------------------------------------------
# HTTPS only: plain HTTP is redirected, browsers are told to come back over HTTPS for a
# year (HSTS), cookies never travel in clear. /healthz stays answerable over plain HTTP
# for health checks from inside the stack (docker-compose.yml, load balancers).
SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", default=not DEBUG)
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# Behind a TLS proxy (Caddy in docker-compose.yml) the node sees plain HTTP; the proxy
# says the client's scheme in X-Forwarded-Proto. Only trust it when the node can be
# reached through the proxy alone, which overwrites whatever a client sent.
if env_bool("DJANGO_BEHIND_TLS_PROXY", default=False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    # The sign-in lockout counts per client address; REMOTE_ADDR is now the proxy's.
    AXES_CLIENT_IP_CALLABLE = "core.proxy.client_address"
SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_INCLUDE_SUBDOMAINS", default=True)
# The preload flag only consents to the browsers' preload list; nothing is listed until
# the domain's owner submits it at hstspreload.org.
SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", default=True)
SESSION_COOKIE_SECURE = env_bool("DJANGO_SECURE_COOKIES", default=True)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE

# The node: which authority this deployment is (ISO 3166-1 alpha-2, or EU for the
# Commission) and the time zone its deadlines are computed in.
NODE_CODE = os.environ.get("NODE_CODE", "DE")
NODE_NAME = os.environ.get("NODE_NAME", "Demo screening authority")
# Cooperation mechanism: first retry of an undelivered message after this many seconds
# (doubling up to 6 hours), and how often the outbox is swept.
COOPERATION_RETRY_SECONDS = int(os.environ.get("COOPERATION_RETRY_SECONDS", "30"))
# Regulation (EU) 2026/1386's secure system (docs/cooperation.md §13): the peer code of
# the hub this node sends its 2026/1386 messages through ("" sends them directly), and
# whether this node is such a hub (relays other nodes' messages).
COOPERATION_HUB = os.environ.get("COOPERATION_HUB", "").upper()
COOPERATION_RELAY = env_bool("COOPERATION_RELAY", default=False)
# An uploaded BODS file still queued after this long is queued again (its task was lost).
IMPORT_REQUEUE_SECONDS = int(os.environ.get("IMPORT_REQUEUE_SECONDS", "600"))
# Watch-list matching (README, "Watch lists"): a candidate scoring at least the threshold
# (0-100) is suggested; a lower threshold finds more true matches and shows more false
# ones. A strong match is one a re-screening reports to the case's officer.
WATCHLIST_MATCH_THRESHOLD = float(os.environ.get("WATCHLIST_MATCH_THRESHOLD", "70"))
WATCHLIST_STRONG_MATCH = float(os.environ.get("WATCHLIST_STRONG_MATCH", "80"))
# Jurisdictions whose layers make an ownership structure opaque (docs/ownership.md §5):
# ISO codes, comma-separated; the node's own list, none by default.
SECRECY_JURISDICTIONS = [
    code.strip().upper()
    for code in os.environ.get("SECRECY_JURISDICTIONS", "").split(",")
    if code.strip()
]
# Regulation (EU) 2026/1386 scope (docs/scope.md): the voting rights from which an
# investment gives effective participation (the Regulation sets none, recital 20), and
# the member state's own extensions of the minimum scope (Art. 4(16)), as JSON
# {"code": "label"}.
SCOPE_VOTING_THRESHOLD = os.environ.get("SCOPE_VOTING_THRESHOLD", "10")
NATIONAL_SCOPE_EXTENSIONS = (
    json.loads(os.environ["NATIONAL_SCOPE_EXTENSIONS"])
    if os.environ.get("NATIONAL_SCOPE_EXTENSIONS")
    else {}
)
# Art. 19(2) of 2026/1386 (triage, docs/review.md §10): countries an investor may be
# established in that raise its risk, ISO codes comma-separated, the node's own lists
# (none by default: the EU list of high-risk third countries for money laundering is a
# delegated act that changes; a node copies it here).
HIGH_RISK_THIRD_COUNTRIES = [
    c.strip().upper()
    for c in os.environ.get("HIGH_RISK_THIRD_COUNTRIES", "").split(",")
    if c.strip()
]
INTELLIGENCE_LAW_COUNTRIES = [
    c.strip().upper()
    for c in os.environ.get("INTELLIGENCE_LAW_COUNTRIES", "").split(",")
    if c.strip()
]
# Phase lengths, holiday calendar and warnings of the national review; see
# reviews/regime.py for the shape and the default (Germany).
REVIEW_REGIME = json.loads(os.environ["REVIEW_REGIME"]) if os.environ.get("REVIEW_REGIME") else None
# The day Regulation (EU) 2026/1386 applies from (Art. 31: 17 January 2028); a case
# opened from then on falls under it unless Art. 30 keeps it under 2019/452
# (docs/deadlines.md §3). Movable so that tests and demos can try both regimes.
EU_2026_1386_APPLIES_FROM = os.environ.get("EU_2026_1386_APPLIES_FROM", "2028-01-17")
TIME_ZONE = os.environ.get("NODE_TIME_ZONE", "Europe/Berlin")
USE_TZ = True
USE_I18N = True
LANGUAGE_CODE = "en"
FORMAT_MODULE_PATH = ["config.formats"]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "drf_standardized_errors",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "axes",
    "core",
    "ownership",
    "screening",
    "reviews",
    "cooperation",
]

MIDDLEWARE = [
    "core.logs.RequestIdMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "core.middleware.RequestBodyMiddleware",
    "core.middleware.ApiAnswerMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "core.middleware.NoApiSlashRedirectMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "axes.middleware.AxesMiddleware",  # last: it answers locked-out sign-ins
]

# Staff sign in with a password and a TOTP code; five failures lock the account and the
# address out for 15 minutes (django-axes); a session ends after 30 idle minutes.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.25  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "core.signin.locked_out"
OTP_TOTP_ISSUER = os.environ.get("NODE_NAME", "FDI screening")
# No inline scripts or styles anywhere: every page's CSS and JS are files of our own.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
    }
}

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "core.context_processors.node",
            ],
        },
    },
]

# No database until DATABASE_URL names one: a node that silently wrote its cases to a
# SQLite file beside the code would lose them with the container. Unset, the engine is a
# stand-in that fails with the same message as the configuration check.
DATABASE_URL = os.environ.get("DATABASE_URL", "")
DATABASES = {
    "default": dj_database_url.parse(
        DATABASE_URL, conn_max_age=int(os.environ.get("DATABASE_CONN_MAX_AGE", "60"))
    )
    if DATABASE_URL
    else {"ENGINE": "config.database_unset"}
}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
CSRF_FAILURE_VIEW = "core.views.csrf_failure"
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "home"
SESSION_COOKIE_AGE = int(os.environ.get("SESSION_COOKIE_AGE", str(30 * 60)))
SESSION_SAVE_EVERY_REQUEST = True  # the 30 minutes count from the last request
SESSION_COOKIE_HTTPONLY = True

STATIC_URL = "static/"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))
MEDIA_URL = "media/"

# Documents investors upload. Types are detected from the bytes, not the name.
DOCUMENT_MAX_BYTES = int(os.environ.get("DOCUMENT_MAX_BYTES", str(25 * 1024 * 1024)))
# A JSON body (a filing with its BODS statements) may be large, but not unbounded.
DATA_UPLOAD_MAX_MEMORY_SIZE = int(os.environ.get("API_MAX_BODY_BYTES", str(10 * 1024 * 1024)))
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# --- Redis and Celery -----------------------------------------------------------------
# Tasks go to Redis. Running them inside the request (eagerly) is for the demo only and
# must be asked for; with neither, the configuration check refuses to start rather than
# queue work in memory where no worker will ever see it.
REDIS_URL = os.environ.get("REDIS_URL", "")
CELERY_BROKER_URL = REDIS_URL or "memory://"
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", default=False)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
CELERY_BEAT_SCHEDULE = {
    "purge-idempotent-requests": {
        "task": "core.tasks.purge_idempotent_requests",
        "schedule": 3600.0,
    },
    "sweep-ownership-assessments": {
        "task": "screening.tasks.sweep_ownership_assessments",
        "schedule": 300.0,
    },
    "open-missing-cases": {
        "task": "reviews.tasks.open_missing_cases",
        "schedule": 300.0,
    },
    "redeliver-cooperation-messages": {
        "task": "cooperation.tasks.redeliver_due",
        "schedule": float(os.environ.get("COOPERATION_SWEEP_SECONDS", "30")),
    },
    "pull-cooperation-feeds": {
        "task": "cooperation.tasks.pull_feeds",
        "schedule": 600.0,
    },
    "sweep-after-commit-effects": {
        "task": "core.tasks.sweep_effects",
        "schedule": 60.0,
    },
    "requeue-stalled-imports": {
        "task": "ownership.tasks.requeue_stalled_imports",
        "schedule": 300.0,
    },
    "watch-deadlines": {
        "task": "reviews.tasks.watch_deadlines_task",
        "schedule": 3600.0,
    },
    "rescreen-after-missed-list-imports": {
        "task": "reviews.tasks.rescreen_missed_imports",
        "schedule": 600.0,
    },
}

# --- REST API -------------------------------------------------------------------------
REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": [
        "core.authentication.ApiKeyAuthentication",
        "rest_framework.authentication.SessionAuthentication",
    ],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_PAGINATION_CLASS": "core.pagination.Pagination",
    "DEFAULT_FILTER_BACKENDS": ["django_filters.rest_framework.DjangoFilterBackend"],
    "DEFAULT_SCHEMA_CLASS": "drf_standardized_errors.openapi.AutoSchema",
    "EXCEPTION_HANDLER": "drf_standardized_errors.handler.exception_handler",
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": [
        "core.parsers.JSONParser",
        "rest_framework.parsers.MultiPartParser",
    ],
    "COERCE_DECIMAL_TO_STRING": True,
    "DEFAULT_VERSIONING_CLASS": None,
    "UNAUTHENTICATED_USER": None,
}
DRF_STANDARDIZED_ERRORS = {
    "EXCEPTION_HANDLER_CLASS": "core.errors.ProjectExceptionHandler",
    "ENABLE_IN_DEBUG_FOR_UNHANDLED_EXCEPTIONS": True,
    # One documented shape for every 4xx, with open-ended codes (core/openapi.py).
    "ERROR_SCHEMAS": {
        status: "core.openapi.ErrorResponseSerializer"
        for status in (400, 401, 403, 404, 405, 406, 409, 413, 415, 422, 429)
    },
}
SPECTACULAR_SETTINGS = {
    "TITLE": "FDI screening API",
    "DESCRIPTION": (
        "Investor API of a foreign-direct-investment screening authority "
        "(Regulation (EU) 2019/452). Authenticate with `Authorization: Bearer <API key>`. "
        "Every error answers in one shape: `{type, errors: [{code, detail, attr}]}`, "
        "where `attr` names the field (dotted for nested fields, e.g. `stake.voting_after`)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "SCHEMA_PATH_PREFIX": r"/api/v1",
    # Swagger UI is served from this node, not a CDN: authorities' networks are closed.
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "COMPONENT_SPLIT_REQUEST": True,
    "ENUM_NAME_OVERRIDES": {
        "FilingStatusEnum": "screening.models.Filing.Status",
        "CaseStatusEnum": "reviews.models.Status",
        "RegulationEnum": "core.pure.regulations.CHOICES",
        "HearingOutcomeEnum": "reviews.models.HEARING_OUTCOMES",
        "PenaltyKindEnum": "reviews.models.Penalty.Kind",
        "FinancialInfrastructureKindEnum": "screening.filing_content.FINANCIAL_KIND_CODES",
        "InformationRequestStatusEnum": "reviews.models.InformationRequest.Status",
        "ConditionComplianceEnum": "reviews.models.Condition.Compliance",
        "MessageKindEnum": "cooperation.models.Kind",
        "MessageDirectionEnum": "cooperation.models.Message.Direction",
        "MessageStatusEnum": "cooperation.models.Message.Status",
        "FilingVersionKindEnum": "screening.models.FilingVersion.Kind",
        "DocumentKindEnum": "screening.models.Document.Kind",
        "CaseDocumentKindEnum": "reviews.models.CaseDocument.Kind",
        "PartyKindEnum": "screening.filing_content.PARTY_KINDS",
        "UltimateInvestorKindEnum": "screening.filing_content.ULTIMATE_INVESTOR_KINDS",
        "SpecialRightKindEnum": "screening.filing_content.SPECIAL_RIGHT_KINDS",
        "FundingKindEnum": "screening.filing_content.FUNDING_KINDS",
        "CompletionStatusEnum": "screening.filing_content.COMPLETION_STATUSES",
        **{
            name: f"drf_standardized_errors.openapi_serializers.{name}.choices"
            for name in [
                "ValidationErrorEnum",
                "ClientErrorEnum",
                "ServerErrorEnum",
                "ErrorCode401Enum",
                "ErrorCode403Enum",
                "ErrorCode404Enum",
                "ErrorCode405Enum",
                "ErrorCode406Enum",
                "ErrorCode415Enum",
                "ErrorCode429Enum",
                "ErrorCode500Enum",
            ]
        },
    },
    "POSTPROCESSING_HOOKS": [
        "drf_standardized_errors.openapi_hooks.postprocess_schema_enums",
    ],
    "APPEND_COMPONENTS": {
        "securitySchemes": {
            "ApiKey": {"type": "http", "scheme": "bearer", "description": "Investor API key"}
        }
    },
}

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "fdi-screening@localhost")

# Every line has its time, level and request id; LOG_FORMAT=json for a log collector
# (core/logs.py, docs/operations.md).
LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.logs.RequestIdFilter"}},
    "formatters": {
        "text": {"format": "%(asctime)s %(levelname)s [%(request_id)s] %(name)s: %(message)s"},
        "json": {"()": "core.logs.JsonFormatter"},
    },
    "handlers": {
        "console": {
            "class": "logging.StreamHandler",
            "filters": ["request_id"],
            "formatter": "json" if os.environ.get("LOG_FORMAT") == "json" else "text",
        }
    },
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "INFO")},
    "loggers": {"django.server": {"level": "WARNING"}},
}

# --- Audit head and node key encryption (docs/security.md) ---
# Keys that protect the database live outside it. Each is derived from DJANGO_SECRET_KEY
# (HKDF with a label per purpose) unless given explicitly; after replacing the secret key,
# list the old one in DJANGO_SECRET_KEY_FALLBACKS so what it signed (sessions, audit
# heads) and encrypted stays readable: Django's own rule for rotating it.
SECRET_KEY_FALLBACKS = [
    key for key in os.environ.get("DJANGO_SECRET_KEY_FALLBACKS", "").split(",") if key
]
# The node's private signing key (cooperation.NodeKey) is stored encrypted (Fernet) with
# these keys: comma-separated, the first encrypts, all decrypt; unset, a key derived from
# DJANGO_SECRET_KEY. After changing them: `manage.py node_keys --reencrypt`.
NODE_KEY_ENCRYPTION_KEY = os.environ.get("NODE_KEY_ENCRYPTION_KEY", "")
# Beat signs the audit trail's head (core/audit.py) this often; verify_audit checks it.
CELERY_BEAT_SCHEDULE["sign-audit-head"] = {
    "task": "core.tasks.sign_audit_head",
    "schedule": float(os.environ.get("AUDIT_HEAD_SECONDS", "600")),
}
