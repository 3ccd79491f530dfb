"""Jobs that every worker process runs every few seconds, beside its tasks.

The Tasks API has no schedule of its own; `manage.py run_worker` starts a `Ticker`
thread that runs the registered jobs in the worker process. Each must be quick and
safe to run in several workers at once (they lock what they change)."""

import logging
import threading
import time
from dataclasses import dataclass

from django.db import close_old_connections, connection

logger = logging.getLogger("newsroom.worker")

# How often the ticker wakes up to see which job is due, in seconds.
TICK = 0.5


@dataclass
class PeriodicJob:
    func: object
    seconds: object

    @property
    def name(self):
        return f"{self.func.__module__}.{self.func.__qualname__}"

    def interval(self):
        return float(self.seconds() if callable(self.seconds) else self.seconds)


_jobs = {}


def periodic(seconds):
    """Register the decorated function to run every `seconds` (a number, or a
    callable returning one, read when the worker starts) in each worker."""

    def register(func):
        job = PeriodicJob(func, seconds)
        _jobs[job.name] = job
        return func

    return register


def registered_jobs():
    return list(_jobs.values())


def run_job(job):
    """Run one job with fresh database connections; its errors are logged, never
    raised, so that one failure does not stop the ticker."""
    close_old_connections()
    try:
        job.func()
    except Exception:
        logger.exception("The periodic job %s failed.", job.name)
    finally:
        close_old_connections()


class Ticker(threading.Thread):
    """Runs each registered job at once, then every `interval()` seconds, until
    stop() (or the process ends: it is a daemon thread)."""

    def __init__(self, jobs=None):
        super().__init__(name="newsroom-periodic-jobs", daemon=True)
        self.jobs = registered_jobs() if jobs is None else jobs
        self.stopping = threading.Event()

    def run(self):
        next_run = {job.name: 0.0 for job in self.jobs}
        try:
            while not self.stopping.is_set():
                for job in self.jobs:
                    if time.monotonic() >= next_run[job.name]:
                        run_job(job)
                        next_run[job.name] = time.monotonic() + job.interval()
                self.stopping.wait(TICK)
        finally:
            connection.close()

    def stop(self):
        self.stopping.set()
