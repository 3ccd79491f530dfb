"""Whose address a request is: one answer for the staff login's throttling, the
rate limits and the audit trail."""

from django.conf import settings


def client_address(request):
    """The visitor's address: the one the reverse proxy added last to
    X-Forwarded-For when the site is behind one (the earlier ones are the client's
    to make up), else the connection's."""
    if settings.NEWSROOM_BEHIND_PROXY:
        forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
        if forwarded.strip():
            return forwarded.split(",")[-1].strip()
    return request.META.get("REMOTE_ADDR", "")
