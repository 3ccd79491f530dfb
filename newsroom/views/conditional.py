"""ETags and 304s for GET and HEAD alike."""

from django.middleware import http


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, answering HEAD as GET. Django leaves HEAD out, taking its body
    to be empty; ours is the GET's (the server leaves it out), so a client that
    asks HEAD for the validators gets the GET's ETag, and its 304."""

    def process_response(self, request, response):
        if request.method != "HEAD":
            return super().process_response(request, response)
        request.method = "GET"
        try:
            return super().process_response(request, response)
        finally:
            request.method = "HEAD"
