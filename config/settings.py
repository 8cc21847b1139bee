"""Settings for kehoach, read from the environment.

Defaults serve a first run on a bare machine: SQLite in the project folder,
Celery tasks run in process, local-memory cache, e-mails written to a folder.
Production values come only from the environment (see README, "Production").
"""

from datetime import timedelta
from pathlib import Path

import environ
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = BASE_DIR / "var"

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env", overwrite=False)

DEBUG = env.bool("DEBUG", default=False)
SECRET_KEY = env.str(
    "SECRET_KEY",
    # Only good for a local first run; production sets its own (check --deploy).
    default="django-insecure-local-development-key-change-me",
)
ALLOWED_HOSTS = env.list("ALLOWED_HOSTS", default=["127.0.0.1", "localhost", "testserver"])
CSRF_TRUSTED_ORIGINS = env.list("CSRF_TRUSTED_ORIGINS", default=[])

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "crispy_forms",
    "crispy_bootstrap5",
    "django_htmx",
    "template_partials",
    "simple_history",
    # Failed logins and lock-outs (login throttling); attempts are listed in the admin.
    "axes",
    "documents",
    "plans",
    "conferences",
    "agenda",
    "delegates",
    "awards",
    "progress",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    # Content-Security-Policy on every page (config/security.py).
    "config.security.ContentSecurityPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    # The UI language: Vietnamese unless chosen with the switcher (config/i18n.py).
    "config.i18n.ChosenLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    # Attributes model history rows to the request's user (audit pages).
    "simple_history.middleware.HistoryRequestMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    # Last, as django-axes requires: turns a locked-out login into its page.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"
ASGI_APPLICATION = "config.asgi.application"

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
                "plans.context_processors.navigation",
            ],
        },
    },
]

DATABASES = {
    "default": env.db_url("DATABASE_URL", default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
}
DATABASES["default"].setdefault("ATOMIC_REQUESTS", False)
if DATABASES["default"]["ENGINE"].endswith("postgresql"):
    DATABASES["default"].setdefault("CONN_MAX_AGE", env.int("CONN_MAX_AGE", default=60))
    DATABASES["default"].setdefault("CONN_HEALTH_CHECKS", True)
elif DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # The embedded default serves a few users with tasks run in process:
    # WAL lets pages read while a write is going on, IMMEDIATE transactions
    # and a busy timeout turn "database is locked" into a short wait.
    DATABASES["default"].setdefault(
        "OPTIONS",
        {
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        },
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# Redis: broker, result backend and cache when present; eager tasks otherwise.
REDIS_URL = env.str("REDIS_URL", default="")
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down: a read is a miss, a write is dropped (config/cache.py).
            "BACKEND": "config.cache.TolerantRedisCache",
            "LOCATION": REDIS_URL,
            # A dead Redis must fail a cache call fast, never hang a page.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 2},
        }
    }
    CELERY_BROKER_URL = REDIS_URL
    CELERY_RESULT_BACKEND = REDIS_URL
    CELERY_TASK_ALWAYS_EAGER = False
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
    CELERY_BROKER_URL = "memory://"
    CELERY_RESULT_BACKEND = "cache+memory://"
    CELERY_TASK_ALWAYS_EAGER = True
    CELERY_TASK_EAGER_PROPAGATES = True
CELERY_ACCEPT_CONTENT = ["json"]
CELERY_TASK_SERIALIZER = "json"
CELERY_RESULT_SERIALIZER = "json"
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TASK_TIME_LIMIT = env.int("CELERY_TASK_TIME_LIMIT", default=600)
CELERY_TASK_SOFT_TIME_LIMIT = env.int("CELERY_TASK_SOFT_TIME_LIMIT", default=540)
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"
CELERY_BROKER_CONNECTION_RETRY_ON_STARTUP = True
# Sending a job to a dead broker fails within seconds (the job stays "not
# sent" and can be sent again). Unacknowledged messages of a worker that died
# go back to the queue after the visibility timeout (longer than any task).
CELERY_BROKER_CONNECTION_TIMEOUT = 2
CELERY_BROKER_TRANSPORT_OPTIONS = {
    "socket_connect_timeout": 2,
    "max_retries": 1,
    "visibility_timeout": env.int("CELERY_VISIBILITY_TIMEOUT", default=900),
}
CELERY_REDIS_SOCKET_CONNECT_TIMEOUT = 2
# Background jobs ("Tệp của tôi"): the queue they go to (tests use their own)
# and the plan length (task rows) from which a PDF is made by a worker.
KEHOACH_JOBS_QUEUE = env.str("KEHOACH_JOBS_QUEUE", default="") or None
# A job still waiting this long (its message lost, e.g. Redis restarted without
# persistence) may be sent again by its owner from "Tệp của tôi".
KEHOACH_JOB_RESEND_AFTER_MINUTES = env.int("KEHOACH_JOB_RESEND_AFTER_MINUTES", default=15)
KEHOACH_BACKGROUND_PDF_TASKS = env.int("KEHOACH_BACKGROUND_PDF_TASKS", default=150)
# Rendered drafts (documents/cache.py) older than this are deleted daily.
KEHOACH_RENDER_CACHE_DAYS = env.int("KEHOACH_RENDER_CACHE_DAYS", default=30)
# Plan task reminders: days before the due date (and once when overdue).
KEHOACH_TASK_REMINDER_DAYS = env.int("KEHOACH_TASK_REMINDER_DAYS", default=7)
# Progress dashboard: an unfinished task is "due soon" this many days before its due date.
KEHOACH_PROGRESS_DUE_SOON_DAYS = env.int("KEHOACH_PROGRESS_DUE_SOON_DAYS", default=14)
# Later features add their periodic jobs here (reminders, clean-ups).
CELERY_BEAT_SCHEDULE: dict = {
    "delegates-reminders": {"task": "delegates.task_send_reminders", "schedule": 3600.0},
    "plan-task-reminders": {"task": "plans.task_send_task_reminders", "schedule": 3600.0},
    "prune-render-cache": {"task": "documents.task_prune_render_cache", "schedule": 86400.0},
}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Argon2 for new and changed passwords; older hashes are still read and are
# upgraded to Argon2 at the user's next login.
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2SHA1PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
]
# The lock-out check comes first, then the usual user/password check.
AUTHENTICATION_BACKENDS = [
    "config.security.LockoutBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Password reset links (sent by e-mail) stay valid for this many seconds.
PASSWORD_RESET_TIMEOUT = env.int("PASSWORD_RESET_TIMEOUT", default=3 * 3600)
# Reset e-mails sent to one address per hour, at most (config/security.py).
PASSWORD_RESET_MAX_PER_HOUR = env.int("PASSWORD_RESET_MAX_PER_HOUR", default=3)
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"

# The UI speaks Vietnamese, or English for a user who chose it with the
# switcher (a cookie kept for a year); the browser's Accept-Language is not
# read (config/i18n.py). Printed documents and e-mails stay Vietnamese.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("Tiếng Anh"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "kehoach_language"
LANGUAGE_COOKIE_AGE = 365 * 24 * 3600
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True
FORMAT_MODULE_PATH = ["config.formats"]

STATIC_URL = "static/"
STATIC_ROOT = env.path("STATIC_ROOT", default=BASE_DIR / "staticfiles")
# Third-party assets come from the npm registry (`npm ci` in `make setup`)
# and are served from node_modules under a prefix; nothing is vendored.
NODE_MODULES = BASE_DIR / "node_modules"
STATICFILES_DIRS = [
    BASE_DIR / "static",
    ("vendor/bootstrap", NODE_MODULES / "bootstrap" / "dist"),
    ("vendor/bootstrap-icons", NODE_MODULES / "bootstrap-icons" / "font"),
    ("vendor/htmx", NODE_MODULES / "htmx.org" / "dist"),
]
STORAGES = {
    # Issued files, rendered-file cache, job results. FILE_STORAGE_BACKEND names
    # another backend (e.g. django-storages' S3 for web and workers on several hosts).
    "default": {
        "BACKEND": env.str("FILE_STORAGE_BACKEND", default="django.core.files.storage.FileSystemStorage")
    },
    "staticfiles": {
        "BACKEND": env.str(
            "STATICFILES_BACKEND",
            default="whitenoise.storage.CompressedManifestStaticFilesStorage"
            if not DEBUG
            else "django.contrib.staticfiles.storage.StaticFilesStorage",
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG
MEDIA_URL = "media/"
MEDIA_ROOT = env.path("MEDIA_ROOT", default=VAR_DIR / "media")

# E-mail: EMAIL_URL in production (smtp+tls://user:password@host:587);
# by default every message is written to a file in EMAIL_FILE_PATH, and staff
# can read them on the "Thư đã gửi" page (plans.views.home.DevMailView).
_email = env.email_url("EMAIL_URL", default="filemail://")
EMAIL_BACKEND = _email["EMAIL_BACKEND"]
EMAIL_HOST = _email.get("EMAIL_HOST") or "localhost"
EMAIL_PORT = _email.get("EMAIL_PORT") or 25
EMAIL_HOST_USER = _email.get("EMAIL_HOST_USER") or ""
EMAIL_HOST_PASSWORD = _email.get("EMAIL_HOST_PASSWORD") or ""
EMAIL_USE_TLS = bool(_email.get("EMAIL_USE_TLS", False))
EMAIL_USE_SSL = bool(_email.get("EMAIL_USE_SSL", False))
EMAIL_TIMEOUT = env.int("EMAIL_TIMEOUT", default=30)
EMAIL_FILE_PATH = env.path("EMAIL_FILE_PATH", default=VAR_DIR / "mail")
# Show the sent-mail folder in the UI only where it means something.
KEHOACH_DEV_MAILBOX = DEBUG or EMAIL_BACKEND.endswith("filebased.EmailBackend")
DEFAULT_FROM_EMAIL = env.str("DEFAULT_FROM_EMAIL", default="kehoach@localhost")
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# Bootstrap's alert class for Django's "error" level.
MESSAGE_TAGS = {40: "danger"}

CRISPY_ALLOWED_TEMPLATE_PACKS = "bootstrap5"
CRISPY_TEMPLATE_PACK = "bootstrap5"

# Security: strict by default; local HTTP development turns the HTTPS parts off.
SECURE_SSL_REDIRECT = env.bool("SECURE_SSL_REDIRECT", default=not DEBUG)
# Load balancers probe /healthz over plain HTTP inside the network.
SECURE_REDIRECT_EXEMPT = [r"^healthz$"]
# gunicorn sits behind a reverse proxy that terminates TLS and sets this header.
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SESSION_COOKIE_SECURE = env.bool("SESSION_COOKIE_SECURE", default=not DEBUG)
CSRF_COOKIE_SECURE = env.bool("CSRF_COOKIE_SECURE", default=not DEBUG)
LANGUAGE_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# A session lasts one working day at most, and ends when the browser is
# closed (offices share computers).
SESSION_COOKIE_AGE = env.int("SESSION_COOKIE_AGE", default=8 * 3600)
SESSION_EXPIRE_AT_BROWSER_CLOSE = env.bool("SESSION_EXPIRE_AT_BROWSER_CLOSE", default=True)
# Scripts never read the CSRF cookie: htmx sends the token from the page.
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
SECURE_HSTS_SECONDS = env.int("SECURE_HSTS_SECONDS", default=0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = env.bool("SECURE_HSTS_INCLUDE_SUBDOMAINS", default=not DEBUG)
SECURE_HSTS_PRELOAD = env.bool("SECURE_HSTS_PRELOAD", default=not DEBUG)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
# No page may be framed; only the PDF preview is framed by our own pages
# (plans/views/printing.py sends SAMEORIGIN, and the CSP follows it).
X_FRAME_OPTIONS = "DENY"

# Content-Security-Policy (django-csp; Django's own arrives in 6.0). Scripts
# only from our static files: no inline scripts, no eval (htmx is configured
# in base.html not to need them). Style sheets and <style> elements only from
# our static files too; style="" attributes are allowed (style-src-attr):
# a dozen templates set widths and colours that way, and an attribute style
# cannot run code, while every user text reaches a page HTML-escaped, so no
# user can add an attribute. Bootstrap draws its icons in form controls as
# data: SVG images. PDF responses carry no CSP (a browser's PDF viewer is
# blocked by some directives); they are never HTML.
_SELF, _NONE = "'self'", "'none'"
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [_SELF],
        "script-src": [_SELF],
        "style-src": [_SELF],
        "style-src-elem": [_SELF],
        "style-src-attr": ["'unsafe-inline'"],
        "img-src": [_SELF, "data:"],
        "font-src": [_SELF],
        "connect-src": [_SELF],
        "frame-src": [_SELF],
        "object-src": [_NONE],
        "base-uri": [_NONE],
        "form-action": [_SELF],
        "frame-ancestors": [_NONE],
    },
}

# Login throttling (django-axes): after AXES_FAILURE_LIMIT wrong passwords for
# one user name from one address, that pair is locked out for
# AXES_COOLOFF_MINUTES; a successful login resets the count. An administrator
# can lift a lock-out early in the admin ("Access attempts").
AXES_FAILURE_LIMIT = env.int("AXES_FAILURE_LIMIT", default=5)
AXES_COOLOFF_MINUTES = env.int("AXES_COOLOFF_MINUTES", default=15)
AXES_COOLOFF_TIME = timedelta(minutes=AXES_COOLOFF_MINUTES)
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "config.security.lockout_response"
# The client's address: the connection's own, or with TRUSTED_PROXY_COUNT
# reverse proxies in front of gunicorn, the one the outermost proxy saw
# (X-Forwarded-For; entries a client wrote itself are never trusted).
TRUSTED_PROXY_COUNT = env.int("TRUSTED_PROXY_COUNT", default=0)
AXES_CLIENT_IP_CALLABLE = "config.security.client_ip"

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.str("LOG_LEVEL", default="WARNING")},
    "loggers": {
        # WeasyPrint reports every unsupported CSS property; keep real errors.
        "weasyprint": {"level": "ERROR"},
        "fontTools": {"level": "ERROR"},
    },
}

# The province this installation serves: place name in dates, default texts.
KEHOACH_PROVINCE = env.str("KEHOACH_PROVINCE", default="Khánh Hòa")
