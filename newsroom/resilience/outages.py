"""Logging an outage once per burst: the first failure is logged, the next ones
only counted until the interval has passed, so that a service down under load does
not write a line (let alone a traceback) per request, nor does Django for each
request answered 503 for it (`reported`)."""

import logging
import threading
import time

INTERVAL_SECONDS = 60


class Outage:
    """One kind of failure, reported at most once per `interval` seconds per
    process."""

    def __init__(self, logger, message, interval=INTERVAL_SECONDS):
        self.logger = logging.getLogger(logger)
        self.message = message
        self.interval = interval
        self.lock = threading.Lock()
        self.last_logged = None
        self.suppressed = 0

    def report(self, error):
        """Count a failure; log it (without a traceback) unless one was logged less
        than `interval` seconds ago."""
        now = time.monotonic()
        with self.lock:
            if self.last_logged is not None and now - self.last_logged < self.interval:
                self.suppressed += 1
                return
            suppressed, self.suppressed = self.suppressed, 0
            self.last_logged = now
        self.logger.error(
            "%s (%s: %s); %d more since the last report, next report in %d s at most.",
            self.message,
            type(error).__name__,
            error,
            suppressed,
            self.interval,
        )

    def reset(self):
        with self.lock:
            self.last_logged, self.suppressed = None, 0


def reported(request):
    """Mark `request` as answered 503 for an outage reported (Outage.report):
    Django's own line for the response ("Service Unavailable: /path") is left
    out (LeaveOutReported, the django.request logger's filter in settings)."""
    request.outage_reported = True


class LeaveOutReported(logging.Filter):
    """Leaves out Django's record of a 503 answered to a request marked
    `reported`; every other record, a 500 to that request included, passes."""

    def filter(self, record):
        request = getattr(record, "request", None)
        return not (
            getattr(record, "status_code", None) == 503
            and getattr(request, "outage_reported", False)
        )
