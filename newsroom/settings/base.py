"""What every environment shares: debug, secret key, hosts, the apps and their
middleware, templates, languages, logging; and the two helpers that read
environment variables."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent.parent


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
# A rotated key stays here while what it signed is in use: the unsubscribe and
# preferences links of the emails already sent never expire, and staff sessions
# would otherwise all end at once.
SECRET_KEY_FALLBACKS = env_list("DJANGO_SECRET_KEY_FALLBACKS", [])

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
    "newsroom.core.thirdparty.BackgroundTasksConfig",
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
    "newsroom.views.conditional.ConditionalGetMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "newsroom.views.locale.LocaleMiddleware",
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
                "newsroom.resilience.context_processors.database",
            ],
        },
    },
]

WSGI_APPLICATION = "newsroom.wsgi.application"

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


def _version_name(verbose_name, lang):
    """Each language's field named "title (French)", not "title [fr]": see
    newsroom.core.languages.version_name (imported when first called, the
    settings being loaded by then)."""
    from newsroom.core.languages import version_name

    return version_name(verbose_name, lang)


MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME = _version_name


PHONENUMBER_DB_FORMAT = "E164"
PHONENUMBER_DEFAULT_FORMAT = "INTERNATIONAL"

# The public address; when empty (development), the admin's links take the address
# of the request, and emails http://127.0.0.1:8000 (newsroom.core.standards).
NEWSROOM_SITE_URL = os.environ.get("NEWSROOM_SITE_URL", "")
# Publishing needs an approval, unless a publisher overrides it with a reason;
# small offices may switch the rule off.
NEWSROOM_REQUIRE_APPROVAL = env_bool("NEWSROOM_REQUIRE_APPROVAL", True)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {
        "handlers": ["console"],
        "level": os.environ.get("DJANGO_LOG_LEVEL", "WARNING"),
    },
    # Django's line per 5xx response ("Service Unavailable: /path"), left out for
    # the 503s of an outage, which is reported once a minute instead.
    "filters": {"outages": {"()": "newsroom.resilience.outages.LeaveOutReported"}},
    "loggers": {"django.request": {"filters": ["outages"]}},
}
