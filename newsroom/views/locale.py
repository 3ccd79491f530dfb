"""The language of a request, except for answers that read none."""

from django.middleware import locale


class LocaleMiddleware(locale.LocaleMiddleware):
    """Django's, leaving alone a response whose view read no language
    (`reads_no_language`, the JSON API's: its documents' language comes from
    their address). Django would add `Vary: Accept-Language`, splitting every
    cache's copies by a header that changes nothing, and a Content-Language
    naming the language the client asked for rather than the body's."""

    def process_response(self, request, response):
        if getattr(response, "reads_no_language", False):
            return response
        return super().process_response(request, response)
