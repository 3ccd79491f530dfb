"""The background worker: the task backend's own worker, and the periodic jobs of
every app's `tasks.py` beside it (newsroom.worker)."""

import logging
import sys

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.utils.crypto import get_random_string
from django.utils.module_loading import autodiscover_modules
from django_tasks_db.management.commands.db_worker import Command as DatabaseWorker
from django_tasks_db.management.commands.db_worker import Worker

from newsroom.worker import task_backends
from newsroom.worker.periodic import Ticker

logger = logging.getLogger("django_tasks_db")


class GentleWorker(Worker):
    """db_worker's own loop, stopped by Ctrl-C or SIGTERM between two looks at the
    queue (or after the task it is running), never in the middle of a database
    call as db_worker's handler may; a second signal still stops it at once."""

    def shutdown(self, signum, frame):
        if not self.running:
            self.reset_signals()
            sys.exit(1)
        logger.warning("Stopping after the current task (again to force).")
        self.running = False


WORKER_COMMANDS = {
    "DatabaseBackend": "db_worker",
    "RQBackend": "rqworker",
}


class Command(BaseCommand):
    help = (
        "Run the background worker: the task backend's worker (db_worker for the "
        "database backend, rqworker for RQ) and the periodic jobs, such as the "
        "sweep that emails what went live. Stop it with Ctrl-C."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--queue-name",
            default="default",
            help="The task queues to work, separated by commas (default: default).",
        )
        parser.add_argument(
            "--interval",
            type=float,
            default=1.0,
            help="Seconds between two looks at an empty database queue (default: 1).",
        )
        parser.add_argument(
            "--no-periodic",
            action="store_false",
            dest="periodic",
            help="Work the queue only; another worker runs the periodic jobs.",
        )

    def handle(self, *, queue_name, interval, periodic, verbosity, **options):
        autodiscover_modules("tasks")
        backend = task_backends["default"]
        command = WORKER_COMMANDS.get(type(backend).__name__)
        ticker = None
        if periodic:
            ticker = Ticker()
            names = ", ".join(job.name for job in ticker.jobs) or "none"
            self.stdout.write(f"Periodic jobs: {names}")
            ticker.start()
        try:
            if command == "db_worker":
                DatabaseWorker(stdout=self.stdout).configure_logging(verbosity)
                worker = GentleWorker(
                    queue_names=queue_name.split(","),
                    interval=interval,
                    batch=False,
                    backend_name="default",
                    startup_delay=True,
                    max_tasks=None,
                    worker_id=get_random_string(32),
                    excluded_queue_names=[],
                )
                worker.configure_signals()
                worker.run()
            elif command == "rqworker":
                call_command(
                    "rqworker",
                    *queue_name.split(","),
                    job_class="django_tasks_rq.Job",
                    with_scheduler=True,
                )
            elif ticker is not None:
                # A backend without a worker of its own (immediate): tasks run
                # where they are queued, and this process runs the periodic jobs.
                self.stdout.write("No task queue to work: running the periodic jobs.")
                ticker.join()
            else:
                raise CommandError(
                    f"The {type(backend).__name__} has no worker: nothing to run."
                )
        except KeyboardInterrupt:
            pass
        finally:
            if ticker is not None:
                ticker.stop()
