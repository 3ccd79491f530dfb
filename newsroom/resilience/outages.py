"""Logging an outage once per burst: the first failure is logged, the next ones
only counted until the interval has passed, so that a service down under load does
not write a line (let alone a traceback) per request."""

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
