"""Security: strict when debug is off, overridable behind a TLS-terminating proxy.
The hardening (newsroom/security/, newsroom/resilience/health.py): the headers of
every response, the Content-Security-Policy, the staff login (throttling, two
factors, idle expiry, passphrases)."""

import os
from datetime import timedelta

from .base import DEBUG, INSTALLED_APPS, MIDDLEWARE, env_bool, env_list
from .files import AWS_STORAGE_BUCKET_NAME

SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
# The health checks answer the load balancer over plain HTTP, never redirected.
SECURE_REDIRECT_EXEMPT = [r"^healthz$", r"^readyz$"]
SILENCED_SYSTEM_CHECKS = []
if not DEBUG:
    SECURE_SSL_REDIRECT = env_bool("DJANGO_SECURE_SSL_REDIRECT", True)
    SECURE_HSTS_SECONDS = int(os.environ.get("DJANGO_SECURE_HSTS_SECONDS", "31536000"))
    SECURE_HSTS_INCLUDE_SUBDOMAINS = env_bool("DJANGO_SECURE_HSTS_SUBDOMAINS", True)
    SECURE_HSTS_PRELOAD = env_bool("DJANGO_SECURE_HSTS_PRELOAD", True)
    # Leaving either out is the operator's choice, not an oversight to report.
    SILENCED_SYSTEM_CHECKS += [
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

# The hardening's apps and middleware, added in place to base's lists.
# The packages' apps under our names (newsroom/core/thirdparty.py).
INSTALLED_APPS += ["csp", "django_otp"]
INSTALLED_APPS += [
    "newsroom.core.thirdparty.AuthenticatorAppsConfig",
    "newsroom.core.thirdparty.RecoveryCodesConfig",
    "newsroom.core.thirdparty.SignInProtectionConfig",
    "newsroom.security.apps.SecurityConfig",
]
MIDDLEWARE.insert(
    MIDDLEWARE.index("django.middleware.security.SecurityMiddleware") + 1,
    "newsroom.security.headers.SecurityHeadersMiddleware",
)
_after_auth = MIDDLEWARE.index(
    "django.contrib.auth.middleware.AuthenticationMiddleware"
)
MIDDLEWARE[_after_auth + 1 : _after_auth + 1] = [
    "django_otp.middleware.OTPMiddleware",
    # A temporary password is changed before the second factor is asked.
    "newsroom.security.passwords.TemporaryPasswordMiddleware",
    "newsroom.security.twofactor.StaffTwoFactorMiddleware",
]
# Last, as django-axes asks: it turns a lockout into its answer.
MIDDLEWARE += ["axes.middleware.AxesMiddleware"]

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
# server): AXES_FAILURE_LIMIT failures for one account, from wherever they come,
# lock that account for AXES_COOLOFF_MINUTES; the lockout page says so. Not by
# address: a press office signs in from one, and one colleague's typos would
# lock every account there, the administrator's included, who could then not
# unlock it. Guessing across accounts meets the password rules and the second
# factor. django-axes' backend comes first, as it asks.
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
AXES_FAILURE_LIMIT = int(os.environ.get("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("AXES_COOLOFF_MINUTES", "15")))
AXES_LOCKOUT_PARAMETERS = ["username"]
# django-axes warns of lockouts that leave the address out, as rotating user
# agents or cookies would escape them: a count per account escapes neither.
SILENCED_SYSTEM_CHECKS += ["axes.W006"]
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
# Database sessions that stay readable while the database refuses writes.
SESSION_ENGINE = "newsroom.resilience.sessions"
# Long passphrases rather than complex short ones (NIST SP 800-63B).
_validation = "django.contrib.auth.password_validation."
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": _validation + "UserAttributeSimilarityValidator"},
    {"NAME": _validation + "MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": _validation + "CommonPasswordValidator"},
    {"NAME": _validation + "NumericPasswordValidator"},
]
