"""The emails the public receives, as text for the leak matrix's OUTPUTS
(tests/security/surfaces.py): every email the worker sends to subscribers in
each language and to the media list when the world's items go live, the notices
of the withdrawn ones, a subscription confirmation and the note to an address
already subscribed, each decoded whole (headers, every part)."""

import email
from email import policy

from django.core import mail
from django.test import override_settings

from newsroom.distribution import emails
from newsroom.distribution.dispatching import notify_withdrawal
from newsroom.distribution.models import Subscriber
from newsroom.distribution.sending import send_due
from newsroom.distribution.tasks import sweep
from newsroom.models import Event, PressRelease
from tests.factories import make_journalist, make_subscriber


def decoded(message):
    parsed = email.message_from_bytes(
        message.message().as_bytes(), policy=policy.default
    )
    texts = [str(parsed)]
    for part in parsed.walk():
        if not part.is_multipart():
            texts.append(
                (part.get_payload(decode=True) or b"").decode("utf-8", "replace")
            )
    return "\n".join(texts)


@override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend")
def public_emails(world):
    """Every email sent when the world's live items are swept, to subscribers of
    each language (sent the original at once, or waiting for their language) and
    to journalists, accredited or not."""
    mail.outbox = []
    for lang in ("en", "fr", "es"):
        make_subscriber(f"{lang}@example.org", languages=lang)
        make_subscriber(
            f"{lang}-waits@example.org", languages=lang, when_not_translated="wait"
        )
    make_journalist("accredited", accredited=True, languages="fr")
    pending = make_subscriber("new@example.org", languages="es", status="pending")
    sweep()
    send_due()
    # Their withdrawal notices go to those who received them: nobody.
    for model in (PressRelease, Event):
        for item in model.objects.filter(state="withdrawn"):
            notify_withdrawal(item)
    send_due()
    sent = list(mail.outbox) + [
        emails.confirmation_message(pending, "es"),
        emails.already_subscribed_message(
            Subscriber.objects.get(email="fr@example.org"), "fr"
        ),
    ]
    # The live release and events reached readers of every language.
    assert len(sent) >= 15, len(sent)
    return "\n".join(decoded(message) for message in sent)
