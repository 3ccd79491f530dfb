"""WSGI entry point for the Newsroom project."""

import gc
import os

from django.core.signals import request_finished
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

application = get_wsgi_application()

# Cached pages answered before Django builds a request (newsroom/caching/wsgi.py).
from newsroom.caching.wsgi import PageCacheApplication  # noqa: E402
from newsroom.core.build import build  # noqa: E402

application = PageCacheApplication(application)
# Read the build's files now, not during the first request.
build()

# Stop the start, not every page, when production static files were not collected.
from newsroom.resilience.checks import require_static_manifest  # noqa: E402

require_static_manifest()


def freeze_after_first_request(**kwargs):
    """What the first request loads (URL patterns, templates, catalogues) lives as
    long as the process: out of the collector's sight too."""
    request_finished.disconnect(freeze_after_first_request)
    gc.freeze()


# A full collection walks every object the process holds: about 150,000 after
# start-up, 100 ms or more of one request's time. Frozen objects are never walked.
gc.freeze()
request_finished.connect(freeze_after_first_request)
