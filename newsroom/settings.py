"""Newsroom settings, read from environment variables.

With no variable set, the site runs for a developer: debug on, SQLite in the project
folder, local-memory cache. Production sets DJANGO_DEBUG=0 and the variables below;
`manage.py check --deploy` is then clean.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name, default):
    value = os.environ.get(name)
    if value is None or value == "":
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default):
    value = os.environ.get(name)
    if not value:
        return default
    return [item.strip() for item in value.split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", True)

SECRET_KEY = os.environ.get("DJANGO_SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY must be set when DJANGO_DEBUG is off."
        )
    SECRET_KEY = (
        "django-insecure-development-only-key-never-use-in-production-0123456789"
    )

ALLOWED_HOSTS = env_list(
    "DJANGO_ALLOWED_HOSTS", ["localhost", "127.0.0.1", "[::1]", "testserver"]
)
CSRF_TRUSTED_ORIGINS = env_list("DJANGO_CSRF_TRUSTED_ORIGINS", [])

INSTALLED_APPS = [
    # modeltranslation must come before the admin (see PITFALLS.md).
    "modeltranslation",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "whitenoise.runserver_nostatic",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django_countries",
    "phonenumber_field",
    "django_prose_editor",
    "django_tasks",
    "django_tasks_db",
    # Django Ninja serves its documentation page's assets from our static files
    # only when it is an installed app (else from a public CDN).
    "ninja",
    "corsheaders",
    "organisation.apps.OrganisationConfig",
    "newsroom.apps.NewsroomConfig",
    "newsroom.translations.apps.TranslationsConfig",
    "newsroom.search.apps.SearchConfig",
    "newsroom.distribution.apps.DistributionConfig",
    "newsroom.clearance.apps.ClearanceConfig",
    "newsroom.webhooks.apps.WebhooksConfig",
]

MIDDLEWARE = [
    # First: a hit costs one cache read, and a stored page keeps the headers of
    # every middleware below (newsroom.wsgi serves hits before Django does).
    "newsroom.caching.middleware.PageCacheMiddleware",
    "django.middleware.security.SecurityMiddleware",
    # Above the others, so that its process_exception runs after theirs.
    "newsroom.resilience.middleware.DatabaseOutageMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Before any middleware that may answer (CommonMiddleware's redirects).
    "corsheaders.middleware.CorsMiddleware",
    # ETags and 304s for every page, cached or not.
    "django.middleware.http.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    # Below the CSRF middleware, to see which responses carry a token (BREACH).
    "newsroom.views.compression.GZipWithoutSecretsMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "newsroom.clearance.audit.CurrentUserMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "newsroom.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "newsroom.views.context_processors.site",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

DATABASES = {
    "default": dj_database_url.config(
        env="DATABASE_URL",
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        # Persistent connections in production (about 1.5 times the throughput
        # under gunicorn), checked before each request reuses them; none in
        # development, where runserver opens a thread per request.
        conn_max_age=int(
            os.environ.get("DATABASE_CONN_MAX_AGE", "0" if DEBUG else "600")
        ),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # Two editors saving at once: a write transaction takes the lock when it
    # begins and the other waits for it, then sees the new revision and gets the
    # "someone else saved" message, as on PostgreSQL. Deferred transactions (the
    # default) fail at once with "database is locked" instead.
    DATABASES["default"]["OPTIONS"] = {"transaction_mode": "IMMEDIATE", "timeout": 20}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

_cache_url = os.environ.get("CACHE_URL") or os.environ.get("REDIS_URL")
if _cache_url:
    CACHES = {
        "default": {
            # Django's RedisCache, with failures as misses (never a 500).
            "BACKEND": "newsroom.resilience.cache.ResilientRedisCache",
            "LOCATION": _cache_url,
            # A cache that does not answer at once is treated as down.
            "OPTIONS": {"socket_connect_timeout": 1, "socket_timeout": 1},
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# The page cache (newsroom/caching/) must be shared by every server process, so
# that an edit invalidates every copy at once: Redis when configured, else a table
# in production (`manage.py createcachetable`, which `make serve` runs), local
# memory in development (runserver is one process).
if _cache_url:
    CACHES["pages"] = {**CACHES["default"], "KEY_PREFIX": "pages"}
elif DEBUG:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.locmem.LocMemCache",
        "LOCATION": "pages",
        "OPTIONS": {"MAX_ENTRIES": 3000},
    }
else:
    CACHES["pages"] = {
        "BACKEND": "django.core.cache.backends.db.DatabaseCache",
        "LOCATION": "newsroom_page_cache",
        "OPTIONS": {"MAX_ENTRIES": 20000},
    }
NEWSROOM_PAGE_CACHE = "pages"
# How long an anonymous page is kept at most (cut at the next scheduled change);
# 0 turns the page cache off.
NEWSROOM_PAGE_CACHE_SECONDS = int(os.environ.get("NEWSROOM_PAGE_CACHE_SECONDS", "300"))

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": f"django.contrib.auth.password_validation.{name}"}
    for name in (
        "UserAttributeSimilarityValidator",
        "MinimumLengthValidator",
        "CommonPasswordValidator",
        "NumericPasswordValidator",
    )
]

# Languages: the one list. Adding a language is an entry here, `makemigrations`
# (modeltranslation adds the per-language columns) and a catalogue in locale/.
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
TIME_ZONE = os.environ.get("DJANGO_TIME_ZONE", "Europe/Zurich")

MODELTRANSLATION_DEFAULT_LANGUAGE = "en"
MODELTRANSLATION_FALLBACK_LANGUAGES = tuple(code for code, _name in LANGUAGES)

STATIC_URL = "static/"
STATIC_ROOT = Path(os.environ.get("STATIC_ROOT", BASE_DIR / "staticfiles"))
STATICFILES_DIRS = [BASE_DIR / "static"] if (BASE_DIR / "static").is_dir() else []
MEDIA_URL = os.environ.get("MEDIA_URL", "/media/")
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "media"))

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}

# Image uploads (newsroom/images.py): caps on the file and on the decoded picture,
# and the widths of the renditions in srcset. Pillow's own decompression-bomb limit
# (about 89 megapixels) stays on above the pixel cap, whose default, 40 megapixels,
# is more than a press photo needs: memory grows with pixels, not with file size.
NEWSROOM_IMAGE_MAX_BYTES = int(
    os.environ.get("NEWSROOM_IMAGE_MAX_BYTES", 25 * 1024 * 1024)
)
# The largest PDF document accepted.
NEWSROOM_DOCUMENT_MAX_BYTES = int(
    os.environ.get("NEWSROOM_DOCUMENT_MAX_BYTES", 20 * 1024 * 1024)
)
NEWSROOM_IMAGE_MAX_PIXELS = int(os.environ.get("NEWSROOM_IMAGE_MAX_PIXELS", 40_000_000))
NEWSROOM_IMAGE_WIDTHS = [
    int(width)
    for width in env_list("NEWSROOM_IMAGE_WIDTHS", ["480", "800", "1200", "1600"])
]

PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# The public address; when empty (development), the admin's links take the address
# of the request, and emails http://127.0.0.1:8000 (newsroom.core.standards).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "")
# Publishing needs an approval, unless a publisher overrides it with a reason;
# small offices may switch the rule off.
NEWSROOM_REQUIRE_APPROVAL = env_bool("NEWSROOM_REQUIRE_APPROVAL", True)

# Background work (newsroom/worker/): Django's Tasks API through the django-tasks
# backport. The database backend by default, worked by `manage.py run_worker`
# (db_worker plus the periodic jobs); RQ on Redis when one machine is not enough;
# "immediate" runs each task inside the request that queues it (no worker).
NEWSROOM_TASKS_BACKEND = os.environ.get("NEWSROOM_TASKS_BACKEND", "database")
TASK_BACKENDS = {
    "database": "django_tasks_db.DatabaseBackend",
    "rq": "django_tasks_rq.RQBackend",
    "immediate": "django_tasks.backends.immediate.ImmediateBackend",
}
if NEWSROOM_TASKS_BACKEND not in TASK_BACKENDS:
    raise ImproperlyConfigured(
        "NEWSROOM_TASKS_BACKEND must be one of " + ", ".join(TASK_BACKENDS) + "."
    )
TASKS = {"default": {"BACKEND": TASK_BACKENDS[NEWSROOM_TASKS_BACKEND]}}
if NEWSROOM_TASKS_BACKEND == "rq":
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    TASKS["default"]["QUEUES"] = ["default"]
    RQ_QUEUES = {
        "default": {
            "URL": os.environ.get("TASKS_REDIS_URL")
            or os.environ.get("REDIS_URL")
            or "redis://127.0.0.1:6379/0",
        }
    }

# Email. With EMAIL_HOST set, SMTP through it; without, a developer's messages are
# written to files in EMAIL_FILE_PATH (one file per connection), and production
# uses the SMTP server on localhost. EMAIL_BACKEND forces "smtp", "file",
# "console", "memory" or a dotted path.
EMAIL_BACKENDS = {
    "smtp": "django.core.mail.backends.smtp.EmailBackend",
    "file": "django.core.mail.backends.filebased.EmailBackend",
    "console": "django.core.mail.backends.console.EmailBackend",
    "memory": "django.core.mail.backends.locmem.EmailBackend",
}
EMAIL_HOST = os.environ.get("EMAIL_HOST", "")
_email_backend = os.environ.get("EMAIL_BACKEND") or (
    "file" if DEBUG and not EMAIL_HOST else "smtp"
)
EMAIL_BACKEND = EMAIL_BACKENDS.get(_email_backend, _email_backend)
EMAIL_HOST = EMAIL_HOST or "localhost"
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", "25"))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_USE_SSL = env_bool("EMAIL_USE_SSL", False)
if EMAIL_USE_TLS and EMAIL_USE_SSL:
    raise ImproperlyConfigured("Set EMAIL_USE_TLS or EMAIL_USE_SSL, not both.")
EMAIL_TIMEOUT = int(os.environ.get("EMAIL_TIMEOUT", "30"))
EMAIL_FILE_PATH = Path(os.environ.get("EMAIL_FILE_PATH", BASE_DIR / "outbox"))
DEFAULT_FROM_EMAIL = os.environ.get(
    "DEFAULT_FROM_EMAIL", "Newsroom <newsroom@localhost>"
)
SERVER_EMAIL = os.environ.get("SERVER_EMAIL", DEFAULT_FROM_EMAIL)

# Distribution by email (newsroom/distribution/): how often the worker looks for
# items that went live, how far back it looks, how it sends and retries.
DISTRIBUTION_SWEEP_SECONDS = float(os.environ.get("DISTRIBUTION_SWEEP_SECONDS", "15"))
DISTRIBUTION_MAX_AGE_HOURS = float(os.environ.get("DISTRIBUTION_MAX_AGE_HOURS", "48"))
DISTRIBUTION_BATCH_SIZE = int(os.environ.get("DISTRIBUTION_BATCH_SIZE", "100"))
DISTRIBUTION_SENDERS = int(os.environ.get("DISTRIBUTION_SENDERS", "2"))
DISTRIBUTION_LEASE_SECONDS = int(os.environ.get("DISTRIBUTION_LEASE_SECONDS", "600"))
DISTRIBUTION_RETRY_SECONDS = int(os.environ.get("DISTRIBUTION_RETRY_SECONDS", "60"))
DISTRIBUTION_MAX_ATTEMPTS = int(os.environ.get("DISTRIBUTION_MAX_ATTEMPTS", "12"))
DISTRIBUTION_TRANSLATION_WAIT_DAYS = int(
    os.environ.get("DISTRIBUTION_TRANSLATION_WAIT_DAYS", "7")
)

# Security: strict when debug is off, overridable behind a TLS-terminating proxy.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health checks answer the load balancer over plain HTTP, never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    # Leaving either out is the operator's choice, not an oversight to report.
    SILENCED_SYSTEM_CHECKS = [
        check
        for check, on in (
            ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
            ("security.W021", SECURE_HSTS_PRELOAD),
        )
        if not on
    ]
    SESSION_COOKIE_SECURE = True
    CSRF_COOKIE_SECURE = True
    if env_bool("DJANGO_BEHIND_PROXY", False):
        SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

# Hardening (newsroom/security/, newsroom/resilience/health.py): the headers of
# every response, the staff login (throttling, two factors, idle expiry), the
# health checks. Kept in one block.
INSTALLED_APPS += ["csp", "django_otp", "django_otp.plugins.otp_totp"]
INSTALLED_APPS += ["django_otp.plugins.otp_static", "axes"]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "newsroom.security.headers.SecurityHeadersMiddleware",
)
_after_auth = MIDDLEWARE.index(
    "django.contrib.auth.middleware.AuthenticationMiddleware"
)
MIDDLEWARE[_after_auth + 1 : _after_auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    "newsroom.security.twofactor.StaffTwoFactorMiddleware",
]
# Last, as django-axes asks: it turns a lockout into its answer.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]

# Media on S3-compatible object storage (django-storages) when a bucket is named;
# the credentials come from boto3's usual places (AWS_ACCESS_KEY_ID and
# AWS_SECRET_ACCESS_KEY, or the machine's role). Files are public by URL, never
# listed: their names carry a random part (see the README), so they are cached
# for a year by browsers and the CDN.
AWS_STORAGE_BUCKET_NAME = os.environ.get("AWS_STORAGE_BUCKET_NAME", "")
if AWS_STORAGE_BUCKET_NAME:
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": AWS_STORAGE_BUCKET_NAME,
            "endpoint_url": os.environ.get("AWS_S3_ENDPOINT_URL") or None,
            "region_name": os.environ.get("AWS_S3_REGION_NAME") or None,
            "custom_domain": os.environ.get("AWS_S3_CUSTOM_DOMAIN") or None,
            "querystring_auth": False,
            "file_overwrite": False,
            "object_parameters": {"CacheControl": "public, max-age=31536000"},
        },
    }

# Content-Security-Policy (django-csp): no inline script, no inline style on the
# public pages; the admin also allows inline styles and the rich-text editor's
# import map, by its hash (newsroom/security/headers.py). Images may come from the
# object storage's address too.
MEDIA_ORIGINS = env_list(
    "NEWSROOM_MEDIA_ORIGINS",
    [
        origin
        for origin in (
            os.environ.get("AWS_S3_CUSTOM_DOMAIN")
            and "https://" + os.environ["AWS_S3_CUSTOM_DOMAIN"],
            os.environ.get("AWS_S3_ENDPOINT_URL"),
            AWS_STORAGE_BUCKET_NAME
            and f"https://{AWS_STORAGE_BUCKET_NAME}.s3.amazonaws.com",
            AWS_STORAGE_BUCKET_NAME
            and os.environ.get("AWS_S3_REGION_NAME")
            and f"https://{AWS_STORAGE_BUCKET_NAME}.s3."
            f"{os.environ['AWS_S3_REGION_NAME']}.amazonaws.com",
        )
        if origin
    ],
)
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "script-src": ["'self'"],
        "style-src": ["'self'"],
        "img-src": ["'self'", "data:", *MEDIA_ORIGINS],
        "media-src": ["'self'", *MEDIA_ORIGINS],
        "font-src": ["'self'"],
        "connect-src": ["'self'"],
        "object-src": ["'none'"],
        "base-uri": ["'self'"],
        "form-action": ["'self'"],
        "frame-ancestors": ["'none'"],
        # The video players of newsroom/core/video.py, created on a visitor's
        # click only.
        "frame-src": [
            "https://www.youtube-nocookie.com",
            "https://player.vimeo.com",
            "https://webtv.un.org",
        ],
    }
}
# Powerful browser features no page of the site uses.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "camera",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "payment",
        "usb",
    )
}

# Staff login. Throttling by django-axes, in the database (shared by every app
# server): AXES_FAILURE_LIMIT failures for one account, or from one address, lock
# it for AXES_COOLOFF_MINUTES; the lockout page says so. django-axes' backend
# comes first, as it asks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_LOCKOUT_CALLABLE = "newsroom.security.login.lockout"
AXES_RESET_ON_SUCCESS = True
AXES_DISABLE_ACCESS_LOG = True
AXES_CLIENT_IP_CALLABLE = "newsroom.security.login.client_address"
NEWSROOM_BEHIND_PROXY = env_bool("DJANGO_BEHIND_PROXY", False)
# Two factors (django-otp, TOTP with recovery codes) for every staff member when
# on: by default in production, off for a developer's `make run` and the tests.
NEWSROOM_STAFF_2FA = env_bool("NEWSROOM_STAFF_2FA", not DEBUG)
NEWSROOM_RECOVERY_CODES = 10
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Newsroom")
# An idle session ends: every request moves its expiry forward.
SESSION_COOKIE_AGE = int(os.environ.get("DJANGO_SESSION_IDLE_SECONDS", "3600"))
SESSION_SAVE_EVERY_REQUEST = True
# Long passphrases rather than complex short ones (NIST SP 800-63B).
AUTH_PASSWORD_VALIDATORS[1]["OPTIONS"] = {"min_length": 12}
# The JSON API (/api/v1/): read-only CORS for any origin, no credentials, and a
# per-client rate limit kept in the cache ("requests/period", period s, m, h or d).
CORS_URLS_REGEX = r"^/api/"
CORS_ALLOW_ALL_ORIGINS = True
CORS_ALLOW_METHODS = ("GET", "OPTIONS")
CORS_EXPOSE_HEADERS = ("ETag", "Last-Modified", "Retry-After")
CORS_PREFLIGHT_MAX_AGE = 86400
NEWSROOM_API_RATE_LIMIT = os.environ.get("NEWSROOM_API_RATE_LIMIT", "120/m")
# Webhooks (newsroom/webhooks/): how long an endpoint has to answer, the first wait
# after a failure (doubled each time, up to an hour), the attempts before giving
# up (about seven hours), how often the worker looks for releases gone live, and
# how far back.
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_RETRY_SECONDS = int(os.environ.get("WEBHOOK_RETRY_SECONDS", "60"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "12"))
WEBHOOK_SWEEP_SECONDS = int(os.environ.get("WEBHOOK_SWEEP_SECONDS", "15"))
WEBHOOK_MAX_AGE_HOURS = int(os.environ.get("WEBHOOK_MAX_AGE_HOURS", "48"))
# The client of a request is its address; behind a proxy, the one the proxy saw.
NINJA_NUM_PROXIES = 1 if env_bool("DJANGO_BEHIND_PROXY", False) else 0

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
}
