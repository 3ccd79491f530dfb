"""One email sent off the request path, retried with backoff while the mail server
is down: notifications, confirmations, test sends."""

import datetime
import logging
import smtplib

from django.core.mail import EmailMultiAlternatives
from django.utils import timezone

from .queue import enqueue, enqueue_at, enqueue_on_commit, task

logger = logging.getLogger("newsroom.worker")

# Seconds before each new attempt: 1, 2, 4... minutes, up to an hour, then give up.
RETRY_BASE_SECONDS = 60
RETRY_MAX_SECONDS = 60 * 60
MAX_ATTEMPTS = 8


def retry_delay(attempt, base=RETRY_BASE_SECONDS, cap=RETRY_MAX_SECONDS):
    """The wait before attempt `attempt + 1` (`attempt` counts from 1)."""
    return datetime.timedelta(seconds=min(base * 2 ** (attempt - 1), cap))


def is_permanent(error):
    """An SMTP answer in the 5xx range: trying again will not help."""
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        codes = [code for code, _message in error.recipients.values()]
        return bool(codes) and all(code >= 500 for code in codes)
    code = getattr(error, "smtp_code", None)
    return isinstance(code, int) and code >= 500


def build_email(message):
    """The EmailMultiAlternatives of a message dict (see queue_email)."""
    email = EmailMultiAlternatives(
        # On one line: a header cannot break, and an item's title may (a PO
        # file's translation can carry a line break).
        subject=" ".join(message["subject"].splitlines()),
        body=message["body"],
        to=message["to"],
        from_email=message.get("from_email"),
        reply_to=message.get("reply_to") or None,
        headers=message.get("headers") or None,
    )
    if message.get("html"):
        email.attach_alternative(message["html"], "text/html")
    return email


@task()
def send_email(message, attempt=1):
    """Send `message` (a dict: subject, body, to, and optionally html, from_email,
    reply_to, headers); on a temporary failure, queue the next attempt later."""
    try:
        build_email(message).send()
    except (OSError, smtplib.SMTPException) as error:
        if is_permanent(error) or attempt >= MAX_ATTEMPTS:
            logger.error("Giving up an email to %s: %s", message["to"], error)
            return "failed"
        logger.warning("Email to %s not sent (%s); retrying.", message["to"], error)
        when = timezone.now() + retry_delay(attempt)
        enqueue_at(when, send_email, message, attempt=attempt + 1)
        return "retrying"
    return "sent"


def message_dict(email):
    """The dict send_email takes, from an EmailMultiAlternatives with at most an
    HTML alternative (no attachments)."""
    html = next(
        (
            content
            for content, mimetype in email.alternatives
            if mimetype == "text/html"
        ),
        None,
    )
    return {
        "subject": str(email.subject),
        "body": email.body,
        "to": list(email.to),
        "html": html,
        "from_email": email.from_email,
        "reply_to": list(email.reply_to),
        "headers": dict(email.extra_headers),
    }


def queue_email(subject, body, to, *, html=None, on_commit=True, **extra):
    """Send an email through the worker: `to` is a list of addresses; `html` an
    alternative body; `extra` may give from_email, reply_to and headers."""
    message = {"subject": str(subject), "body": body, "to": list(to), "html": html}
    message.update(extra)
    if on_commit:
        enqueue_on_commit(send_email, message)
        return None
    return enqueue(send_email, message)
