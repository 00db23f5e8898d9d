"""Koers settings: one file, read from KOERS_* environment variables.

Values are parsed strictly: a value that cannot be read stops start-up with a message that names
the variable, so a typo never silently falls back to a default.
"""

from pathlib import Path

from koers.config import env_bool, env_database, env_int, env_list, env_str

BASE_DIR = Path(__file__).resolve().parent
# The checkout: the demo's SQLite file and collected static files live here, whatever the
# working directory of a command (so `koers otp_code` finds the database `make run` made).
PROJECT_DIR = BASE_DIR.parent

DEBUG = env_bool("KOERS_DEBUG", default=False)
SECRET_KEY = env_str("KOERS_SECRET_KEY", default="", required_unless_debug=DEBUG)
if not SECRET_KEY:
    # Only reached with KOERS_DEBUG=true (local demo): a fixed key is acceptable there.
    SECRET_KEY = "koers-insecure-development-key"  # noqa: S105
ALLOWED_HOSTS = env_list("KOERS_ALLOWED_HOSTS", default=["127.0.0.1", "localhost"])
CSRF_TRUSTED_ORIGINS = env_list("KOERS_CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_q",
    "koers.jobs",
    "koers.outbox",
    "koers.accounts",
    "koers.idempotency",
    "koers.method",
    "koers.trajectories",
    "koers.notifications",
    "koers.contacts",
    "koers.plans",
    "koers.agenda",
    "koers.messaging",
    "koers.work",
    "koers.impact",
    "koers.intake",
    "koers.audit",
    "koers.portal",
    "koers.insights",
    "koers.research",
    "koers.retention",
    "koers.web",
    "koers.demo",
    "koers.ops",
    # After Koers's apps, so that koers/accounts/templates/admin/ overrides the admin's templates.
    "django.contrib.admin",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # 503 with Retry-After while the database is away; above the session and sign-in middleware.
    "koers.web.outage.DatabaseOutageMiddleware",
    "koers.web.middleware.RequestSizeLimitMiddleware",
    "koers.audit.trace.TraceContextMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "koers.accounts.middleware.SessionRenewalMiddleware",
    "koers.accounts.middleware.StaffSecondFactorMiddleware",
    "koers.web.partner_area.PartnerAreaMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "koers.web.middleware.SecurityHeadersMiddleware",
    "koers.web.middleware.HtmxRedirectMiddleware",
]

ROOT_URLCONF = "koers.urls"
WSGI_APPLICATION = "koers.wsgi.application"

TEMPLATES = [
    {
        # Koers's own pages (koers/*/jinja2/): ADR 0006.
        "BACKEND": "koers.web.jinja.Jinja2",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "environment": "koers.web.jinja.environment",
            "context_processors": [
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
    {
        # The Django admin.
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

DATABASES = {"default": env_database("KOERS_DATABASE_URL", default_sqlite=PROJECT_DIR / "koers.sqlite3")}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# The cache keeps only what is the same for every youth (the method's reads, koers.method.cache;
# ADR 0012), never a youth's data. Local memory by default (each process its own, so what can
# change expires within seconds); with several app servers one Redis for all of them
# (KOERS_CACHE_URL=redis://host:6379/0, needs `pip install .[redis]`).
CACHE_URL = env_str("KOERS_CACHE_URL", default="")
CACHES = {
    "default": (
        {"BACKEND": "django.core.cache.backends.redis.RedisCache", "LOCATION": CACHE_URL}
        if CACHE_URL
        else {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": "koers"}
    )
}

# Uploaded files (message attachments) live outside the web root; only an access-checked view
# serves them (koers.messaging). Never put this folder under STATIC_ROOT.
PRIVATE_MEDIA_ROOT = Path(env_str("KOERS_PRIVATE_MEDIA_ROOT", default=str(PROJECT_DIR / "private-media")))
# A message carries at most 3 files; more in one request is refused before anything is read.
DATA_UPLOAD_MAX_NUMBER_FILES = 10
# The largest body a form can send: three files of 10 MB plus the text. Larger is refused with 413
# before it is read (koers.web.middleware.RequestSizeLimitMiddleware).
KOERS_MAX_REQUEST_BYTES = 3 * 10 * 1024 * 1024 + 1024 * 1024
FILE_UPLOAD_PERMISSIONS = 0o600

# The background jobs and their times are in koers/jobs/schedules.py; `koers worker` runs them, the
# scheduled ones in django-q2's cluster with the database as its queue (ADR 0015).
KOERS_JOB_TIMEOUT_SECONDS = env_int("KOERS_JOB_TIMEOUT_SECONDS", default=30 * 60, minimum=1)
Q_CLUSTER = {
    "name": "koers",
    "label": "Geplande taken",
    "orm": "default",
    "workers": env_int("KOERS_WORKER_PROCESSES", default=2, minimum=1),
    # A job running longer is stopped; one not finished after `retry` (it failed, or its process
    # died) is handed out again. Retry above timeout: a job still running is never handed out twice.
    "timeout": KOERS_JOB_TIMEOUT_SECONDS,
    "retry": KOERS_JOB_TIMEOUT_SECONDS + max(5, KOERS_JOB_TIMEOUT_SECONDS // 5),
    "max_attempts": 3,
    "ack_failures": False,
    # The last 20 successful runs of each schedule stay (koers.jobs.services prunes the failed ones).
    "save_limit": 20,
    "save_limit_per": "group",
    "catch_up": False,  # after a night without a worker a daily job runs once, not once per missed day
    "poll": 2,  # seconds between two looks at an empty queue
    "bulk": 1,
    "recycle": 200,
}
# The reverse proxies in front of Koers (their addresses as the app server sees them): from these,
# the sign-in limits take the client's address from X-Forwarded-For (koers.accounts.throttle).
KOERS_TRUSTED_PROXIES = env_list("KOERS_TRUSTED_PROXIES", default=[])
# The worker's summary tables (koers.insights) take new rows once they are this old: a row with a
# lower id may still be committing (koers.insights.services.practice.settled).
KOERS_FILL_SETTLE_SECONDS = env_int("KOERS_FILL_SETTLE_SECONDS", default=60)
# The youth portal: sessions end after this many minutes without activity (warning 2 minutes before).
# Self-registrations and call-back requests still open after this many days lose their names and
# contact details (koers.intake.services.anonymise; the reference and history stay).
KOERS_INTAKE_ANONYMISE_AFTER_DAYS = env_int("KOERS_INTAKE_ANONYMISE_AFTER_DAYS", default=30, minimum=1)
# An approved destruction list waits this many days before its files are destroyed: time to take
# a file off the list (an objection still running) or to stop the list (koers.retention).
KOERS_DESTRUCTION_WAIT_DAYS = env_int("KOERS_DESTRUCTION_WAIT_DAYS", default=14, minimum=0)
# Clean-up (koers cleanup, docs/retention.md "Opruimen op schema"): sent mails are deleted after this
# many days, mails that could not be sent after this many (kept longer, to find out why).
KOERS_SENT_MAIL_KEEP_DAYS = env_int("KOERS_SENT_MAIL_KEEP_DAYS", default=30, minimum=14)
KOERS_FAILED_MAIL_KEEP_DAYS = env_int("KOERS_FAILED_MAIL_KEEP_DAYS", default=90, minimum=14)
# The processing log (koers.audit.processing_log): rows older than this are removed, oldest first,
# with an anchor that keeps the hash chain verifiable; and the register its activity ids point to.
KOERS_ACCESS_LOG_RETENTION_DAYS = env_int("KOERS_ACCESS_LOG_RETENTION_DAYS", default=5 * 366, minimum=30)
KOERS_PROCESSING_REGISTER_URI = env_str("KOERS_PROCESSING_REGISTER_URI", default="urn:koers:verwerkingsactiviteit:")
# Where Koers is reached from outside: the links in mails (sign-in, notifications) start with it.
KOERS_BASE_URL = env_str("KOERS_BASE_URL", default="http://127.0.0.1:8000")
PORTAL_SESSION_MINUTES = env_int("KOERS_PORTAL_SESSION_MINUTES", default=15, minimum=3)

# A web address typed without a scheme is read as https (Django 6's default; links are https only).
FORMS_URLFIELD_ASSUME_HTTPS = True

AUTH_USER_MODEL = "accounts.User"
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "today"
LOGOUT_REDIRECT_URL = "login"

# Sessions end after a period without activity (BIO): use renews them, at most once a minute
# (koers.accounts.middleware.SessionRenewalMiddleware).
SESSION_COOKIE_AGE = env_int("KOERS_SESSION_MINUTES", default=30, minimum=5) * 60
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_SECURE = not DEBUG and env_bool("KOERS_SECURE_COOKIES", default=not DEBUG)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"

OTP_TOTP_ISSUER = "Koers"

LANGUAGE_CODE = "nl"
LANGUAGES = [("nl", "Nederlands")]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

# Plain widgets render in Python (same HTML as Django's templates, koers/web/widgets.py); the
# admin's own widgets, which exist only as Django templates, through the engines above.
FORM_RENDERER = "koers.web.widgets.PythonWidgetRenderer"

STATIC_URL = "static/"
STATIC_ROOT = Path(env_str("KOERS_STATIC_ROOT", default=str(PROJECT_DIR / "staticfiles")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True

EMAIL_BACKEND = env_str(
    "KOERS_EMAIL_BACKEND",
    default="django.core.mail.backends.console.EmailBackend",
)
EMAIL_HOST = env_str("KOERS_EMAIL_HOST", default="localhost")
EMAIL_PORT = env_int("KOERS_EMAIL_PORT", default=25, minimum=1)
EMAIL_HOST_USER = env_str("KOERS_EMAIL_USER", default="")
EMAIL_HOST_PASSWORD = env_str("KOERS_EMAIL_PASSWORD", default="")
EMAIL_USE_TLS = env_bool("KOERS_EMAIL_USE_TLS", default=False)
EMAIL_TIMEOUT = env_int("KOERS_EMAIL_TIMEOUT", default=10, minimum=1)
DEFAULT_FROM_EMAIL = env_str("KOERS_EMAIL_FROM", default="Koers <noreply@koers.localhost>")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env_str("KOERS_LOG_LEVEL", default="INFO")},
    # WeasyPrint logs its progress, and every refused URL in full (which may hold what a user
    # typed): neither belongs in our logs.
    "loggers": {"weasyprint": {"level": "CRITICAL"}, "weasyprint.progress": {"level": "CRITICAL"}},
}
