"""ETags and 304s for GET and HEAD alike."""

from django.middleware import http
from django.utils.cache import get_conditional_response, set_response_etag
from django.utils.http import parse_http_date_safe


class ConditionalGetMiddleware(http.ConditionalGetMiddleware):
    """Django's, answering HEAD as GET. Django leaves HEAD out, taking its body
    to be empty; ours is the GET's (the server leaves it out), so a client that
    asks HEAD for the validators gets the GET's ETag, and its 304."""

    def process_response(self, request, response):
        if request.method not in ("GET", "HEAD"):
            return response
        if self.needs_etag(response) and not response.has_header("ETag"):
            set_response_etag(response)
        etag = response.get("ETag")
        last_modified = parse_http_date_safe(response.get("Last-Modified", ""))
        if etag or last_modified:
            return get_conditional_response(
                request, etag=etag, last_modified=last_modified, response=response
            )
        return response
