"""A database that is away answers 503, not 500: "come back shortly" to visitors
and crawlers alike, with the outage logged once per burst rather than a traceback
per request. Nothing else changes: Django reconnects on the next request, so the
site recovers by itself when the database returns. A database that answers but
refuses writes (a standby during a failover, a maintenance, a read-only file)
serves every page that only reads; what must write answers 503 saying so."""

from django.db import InterfaceError, OperationalError, connection
from django.http import HttpResponse, JsonResponse
from django.template import loader

from newsroom.core.database import refuses_writes

from .outages import Outage, reported

# How long clients should wait before trying again, in seconds.
RETRY_AFTER = 30

outage = Outage(__name__, "The database is unavailable: answering 503")
outage_read_only = Outage(
    __name__, "The database refuses writes: what writes answers 503"
)


def unavailable(path="/", read_only=False):
    """The 503 page in the active language, or the API's JSON error for its
    clients; `read_only` when the database answers but takes no writes
    ("saving" when it refused what the visitor was saving). Rendered
    without a request, so that no context processor (they read the database)
    runs."""
    if path.startswith("/api/"):
        response = JsonResponse(
            {"detail": "The service is briefly unavailable: try again shortly."},
            status=503,
        )
    else:
        page = loader.render_to_string("503.html", {"read_only": read_only})
        response = HttpResponse(page, status=503)
    response["Retry-After"] = str(RETRY_AFTER)
    response["Cache-Control"] = "no-store"
    return response


class DatabaseOutageMiddleware:
    """Turns a failure to reach the database, anywhere in a view or its template,
    into the 503 page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if read_only := refuses_writes(exception):
            outage_read_only.report(exception)
            if connection.vendor == "sqlite":
                # A file SQLite opened read-only stays so for as long as the
                # connection is kept (DATABASE_CONN_MAX_AGE): the next request
                # opens it again, and writes once the file may be written.
                connection.close()
            if request.method == "POST":
                read_only = "saving"
        elif isinstance(exception, OperationalError | InterfaceError):
            outage.report(exception)
        else:
            return None
        # Reported above, once per burst, not in Django's line per request.
        reported(request)
        return unavailable(request.path, read_only)
