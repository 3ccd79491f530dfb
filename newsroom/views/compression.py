"""Compressed pages, but never a page that carries a CSRF token (BREACH: an
attacker who can inject text into a compressed response and watch its length can
guess a secret in it, one character at a time)."""

from django.middleware.gzip import GZipMiddleware


class GZipWithoutSecretsMiddleware(GZipMiddleware):
    """Django's GZipMiddleware, skipping responses that used the CSRF token.

    It sits right below CsrfViewMiddleware, so it sees the response before that
    middleware clears the flag `get_token()` sets whenever a form's token is
    rendered (CSRF_COOKIE_NEEDS_UPDATE)."""

    def process_response(self, request, response):
        if request.META.get("CSRF_COOKIE_NEEDS_UPDATE"):
            return response
        return super().process_response(request, response)
