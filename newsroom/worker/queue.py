"""Queueing tasks without ever failing the caller."""

import logging

from django.db import transaction

try:  # Django 6 has the Tasks API built in; 5.2 has the django-tasks backport.
    from django.tasks import task, task_backends
except ImportError:  # pragma: no cover - depends on the Django version
    from django_tasks import task, task_backends

logger = logging.getLogger("newsroom.worker")

__all__ = ["enqueue", "enqueue_at", "enqueue_on_commit", "task", "task_backends"]


def enqueue(task, *args, **kwargs):
    """Queue `task` with its arguments; its TaskResult, or None when the backend
    refused it (the error is logged). The backend's errors are its own (Redis,
    the database...), hence the broad except."""
    try:
        return task.enqueue(*args, **kwargs)
    except Exception:
        logger.warning("Could not queue the task %s.", task.name, exc_info=True)
        return None


def enqueue_at(when, task, *args, **kwargs):
    """Queue `task` to run at `when` or later; at once on a backend that cannot
    defer (the immediate one)."""
    try:
        task = task.using(run_after=when)
    except Exception:
        logger.info("The task backend cannot defer %s: running it now.", task.name)
    return enqueue(task, *args, **kwargs)


def enqueue_on_commit(task, *args, **kwargs):
    """Queue `task` once the current transaction commits, so that it sees the rows
    written with it (at once outside a transaction)."""
    transaction.on_commit(lambda: enqueue(task, *args, **kwargs))
