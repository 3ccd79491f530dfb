"""Production static files, checked at start-up: with WhiteNoise's manifest storage
(debug off) a missing manifest makes every page that links a static file fail, so
it stops the start instead."""

from django.contrib.staticfiles.storage import ManifestFilesMixin, staticfiles_storage
from django.core import checks
from django.core.exceptions import ImproperlyConfigured


def static_manifest(app_configs=None, **kwargs):
    """A system check: the manifest of hashed static files exists where the
    manifest storage reads it."""
    if not isinstance(staticfiles_storage, ManifestFilesMixin):
        return []
    if staticfiles_storage.read_manifest() is not None:
        return []
    return [
        checks.Error(
            f"The static files manifest ({staticfiles_storage.manifest_name}) is "
            f"missing from STATIC_ROOT ({staticfiles_storage.location}): with "
            "DJANGO_DEBUG=0 every page would fail.",
            hint="Run `manage.py collectstatic --noinput` before starting the site.",
            id="newsroom.E001",
        )
    ]


def require_static_manifest():
    """Raise ImproperlyConfigured at start-up (the WSGI and ASGI entry points)
    when the static files manifest is missing."""
    errors = static_manifest()
    if errors:
        raise ImproperlyConfigured(f"{errors[0].msg} {errors[0].hint}")
