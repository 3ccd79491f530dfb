"""Compressed pages, but never a page that carries a CSRF token (BREACH: an
attacker who can inject text into a compressed response and watch its length can
guess a secret in it, one character at a time)."""

from django.conf import settings
from django.middleware.gzip import GZipMiddleware


class GZipWithoutSecretsMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, skipping responses that used the CSRF token.

    It sits right below CsrfViewMiddleware, so it sees the response before that
    middleware clears the flag `get_token()` sets whenever a form's token is
    rendered (CSRF_COOKIE_NEEDS_UPDATE). A view decorated with csrf_protect (every
    admin view) clears that flag itself, having set the cookie on the response:
    the cookie tells then."""

    def process_response(self, request, response):
        if (
            request.META.get("CSRF_COOKIE_NEEDS_UPDATE")
            or settings.CSRF_COOKIE_NAME in response.cookies
        ):
            return response
        return super().process_response(request, response)
