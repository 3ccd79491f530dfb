"""Background work and what it sends: the task backend, email, distribution by
email, webhooks."""

import os
from pathlib import Path

from django.core.exceptions import ImproperlyConfigured

from .base import BASE_DIR, DEBUG, INSTALLED_APPS, env_bool

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
    # Extends base's list in place, before security adds its apps.
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

# Webhooks (newsroom/webhooks/): how long a POST may take in all, the first wait
# after a failure (doubled each time, up to an hour), the attempts before giving
# up (about seven hours), how often the worker looks for releases gone live, and
# how far back.
WEBHOOK_TIMEOUT_SECONDS = float(os.environ.get("WEBHOOK_TIMEOUT_SECONDS", "10"))
WEBHOOK_RETRY_SECONDS = int(os.environ.get("WEBHOOK_RETRY_SECONDS", "60"))
WEBHOOK_MAX_ATTEMPTS = int(os.environ.get("WEBHOOK_MAX_ATTEMPTS", "12"))
WEBHOOK_SWEEP_SECONDS = int(os.environ.get("WEBHOOK_SWEEP_SECONDS", "15"))
WEBHOOK_MAX_AGE_HOURS = int(os.environ.get("WEBHOOK_MAX_AGE_HOURS", "48"))
# Partners are on the internet: a URL whose host is on a loopback, private or
# link-local address is refused, unless a partner sits inside the network.
WEBHOOK_ALLOW_PRIVATE_ADDRESSES = env_bool("WEBHOOK_ALLOW_PRIVATE_ADDRESSES", False)
