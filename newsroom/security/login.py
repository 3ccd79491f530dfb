"""The staff login's throttling (django-axes): whose address a request is, and
the page a locked-out sign-in gets."""

from django.conf import settings
from django.contrib.admin import site
from django.shortcuts import render

# django-axes names it here (AXES_CLIENT_IP_CALLABLE).
from newsroom.core.addresses import client_address  # noqa: F401


def lockout(request, original_response=None, credentials=None):
    """429 with a page that says what happened and when to try again."""
    minutes = int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)
    response = render(
        request,
        "security/lockout.html",
        {
            **site.each_context(request),
            "title": "",
            "failure_limit": settings.AXES_FAILURE_LIMIT,
            "cooloff_minutes": minutes,
        },
        status=429,
    )
    response["Retry-After"] = str(minutes * 60)
    return response
