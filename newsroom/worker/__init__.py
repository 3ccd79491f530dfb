"""Background work for every subject of the newsroom, through Django's Tasks API.

Django 6 has `django.tasks`; on Django 5.2 the `django-tasks` backport provides the
same API, and this package imports whichever is there. How to use it:

- Define a task next to the subject it serves, in `<subject>/tasks.py`, with
  `@task()` from here. Its arguments are JSON values (ids, not model instances); it
  claims its own rows, so that running it twice, or in two workers at once, does
  no harm.
- Queue it with `enqueue_on_commit(my_task, ...)` from code that writes rows the
  task reads, or `enqueue(my_task, ...)`. Neither raises: a queue that cannot take
  the task (Redis down) is logged, and the request goes on. Work that must not be
  lost keeps its state in its own rows, which a periodic job picks up again.
- Run something every few seconds in every worker with `@periodic(seconds)`, in
  the same `tasks.py`: the job must be quick and safe to run in two workers at
  once; it hands long work to tasks.
- Send an email off the request path with `queue_email(...)` (mail.py): retried
  with backoff while the mail server is down.

`manage.py run_worker` runs the configured backend's worker (`db_worker` for the
database backend, `rqworker` for RQ) and the periodic jobs beside it.
"""

from .mail import queue_email, send_email
from .periodic import periodic
from .queue import enqueue, enqueue_at, enqueue_on_commit, task, task_backends

__all__ = [
    "enqueue",
    "enqueue_at",
    "enqueue_on_commit",
    "periodic",
    "queue_email",
    "send_email",
    "task",
    "task_backends",
]
