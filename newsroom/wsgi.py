"""WSGI entry point for the Newsroom project."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Cached pages answered before Django builds a request (newsroom/caching/wsgi.py).
from newsroom.caching.wsgi import PageCacheApplication  # noqa: E402

application = PageCacheApplication(application)

# Stop the start, not every page, when production static files were not collected.
from newsroom.resilience.checks import require_static_manifest  # noqa: E402

require_static_manifest()
