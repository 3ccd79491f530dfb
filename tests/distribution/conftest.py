"""A real SMTP server (aiosmtpd) on loopback receives the emails of these tests;
the helpers parse them with the `email` package and run the database worker."""

import asyncio
import email
import io
import os
import signal
import subprocess
import sys
import threading
import time
from email import policy
from pathlib import Path

import pytest
from aiosmtpd.controller import Controller
from django.core.cache import cache
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker
from PIL import Image

from newsroom.models import Photo
from tests.ports import free_ports

PROJECT_DIR = Path(__file__).resolve().parents[2]

# One free port per kind of server, chosen once per run (so that a test that stops
# its server never meets another's, and two runs on one machine never collide).
SMTP_PORT, SPARE_SMTP_PORT, WORKER_SMTP_PORT, CLOSED_PORT = free_ports(4)


class Inbox:
    """An aiosmtpd handler keeping what it receives. `refuse` holds addresses it
    answers 550 for; `delay` slows down each message (seconds)."""

    def __init__(self):
        self.received = []
        self.refuse = set()
        self.delay = 0
        self.lock = threading.Lock()

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address in self.refuse:
            return "550 5.1.1 No such mailbox here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        with self.lock:
            self.received.append((list(envelope.rcpt_tos), envelope.content))
        return "250 Message accepted for delivery"

    @property
    def messages(self):
        """The messages received, parsed."""
        with self.lock:
            contents = [content for _rcpt, content in self.received]
        return [email.message_from_bytes(c, policy=policy.default) for c in contents]

    def recipients(self):
        with self.lock:
            return [address for rcpt, _content in self.received for address in rcpt]

    def to(self, address):
        return [
            message for message in self.messages if header(message, "To") == address
        ]


def start_smtp(port):
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    return inbox, controller


def use_smtp(settings, port):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = port
    settings.EMAIL_USE_TLS = settings.EMAIL_USE_SSL = False
    settings.EMAIL_HOST_USER = settings.EMAIL_HOST_PASSWORD = ""
    settings.EMAIL_TIMEOUT = 5


@pytest.fixture
def smtp(settings):
    """A real SMTP server on loopback, which Django's SMTP backend sends to."""
    inbox, controller = start_smtp(SMTP_PORT)
    use_smtp(settings, SMTP_PORT)
    yield inbox
    controller.stop()


@pytest.fixture
def site_url(settings):
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    return settings.NEWSROOM_SITE_URL


def work_queue():
    """Run the database backend's worker (db_worker's own Worker) in this process
    until its queue is empty."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def header(message, name):
    """A header as a mail client shows it: Django 5.2 folds a long header onto the
    next line, which Python's parser keeps as a leading space."""
    value = message[name]
    return None if value is None else str(value).strip()


def body(message, kind="plain"):
    return message.get_body((kind,)).get_content()


def postgresql_only():
    if connection.vendor != "postgresql":
        pytest.skip(
            "Needs PostgreSQL: SQLite has no row locks "
            "(select_for_update(skip_locked=True)) for two workers to race on."
        )


@pytest.fixture(autouse=True)
def fresh_cache():
    """Renditions known to exist and rate-limit counters belong to one test."""
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def make_photo(db, django_capture_on_commit_callbacks):
    """A Photo saved from a JPEG upload, its renditions made on commit."""

    def make(name="harbour.jpg", **fields):
        buffer = io.BytesIO()
        Image.new("RGB", (900, 600), (30, 90, 160)).save(buffer, "JPEG")
        fields = {"alt_text_en": "A harbour at dawn", **fields}
        photo = Photo(
            image=SimpleUploadedFile(name, buffer.getvalue(), "image/jpeg"), **fields
        )
        with django_capture_on_commit_callbacks(execute=True):
            photo.save()
        return photo

    return make


# Processes of their own: a clean environment, like a fresh shell's.


def environment(**variables):
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DISTRIBUTION_", "EMAIL_"))
        and key not in ("DATABASE_URL", "CACHE_URL", "REDIS_URL", "MEDIA_ROOT")
    }
    env.update(DJANGO_SETTINGS_MODULE="newsroom.settings", **variables)
    return env


def run(*args, **variables):
    return subprocess.run(
        [sys.executable, *args],
        cwd=PROJECT_DIR,
        env=environment(**variables),
        capture_output=True,
        text=True,
        timeout=120,
    )


def start_worker(env, *args, **extra):
    return subprocess.Popen(
        [sys.executable, "manage.py", *args],
        cwd=PROJECT_DIR,
        env=environment(**env, **extra),
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def wait_for(condition, seconds):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.1)
    return False


def stop(process):
    """Stop a worker as Ctrl-C does; its output."""
    process.send_signal(signal.SIGINT)
    try:
        output, _ = process.communicate(timeout=20)
    except subprocess.TimeoutExpired:
        process.kill()
        output, _ = process.communicate()
        pytest.fail("The worker did not stop on Ctrl-C:\n" + output)
    return process.returncode, output
