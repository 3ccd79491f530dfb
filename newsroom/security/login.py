"""The staff login's throttling (django-axes): whose address a request is, and
the page a locked-out sign-in gets."""

from django.conf import settings
from django.contrib.admin import site
from django.shortcuts import render


def client_address(request):
    """The visitor's address: the one the reverse proxy added last to
    X-Forwarded-For when the site is behind one (the earlier ones are the client's
    to make up), else the connection's."""
    if settings.NEWSROOM_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR")


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
