"""Nothing non-public in any email: an internal contact, a draft version, an
unpublished item or the photo of one never reaches a subscriber or a journalist,
in any language, embargoed emails to accredited journalists included. (The leak
matrix of tests/security/ also reads the public emails, tests/distribution/
outputs.py, against its own world.)"""

import email
from email import policy

import pytest

from newsroom.distribution.dispatching import (
    fan_out,
    notify_withdrawal,
    send_under_embargo,
)
from newsroom.distribution.sending import send_due
from newsroom.distribution.tasks import sweep
from tests.factories import (
    ago,
    ahead,
    make_contact,
    make_event,
    make_journalist,
    make_release,
    make_subscriber,
)

pytestmark = pytest.mark.django_db

SENTINELS = [
    "zzinternalcontact",
    "zzdraftversion",
    "zzunpublisheditem",
    "zzwithdrawnitem",
    "zzphotoofadraft",
    "zzdrafteventversion",
    "zzfutureitem",
]


def everything_received(inbox):
    """Each message whole, decoded: headers, every part, attachments."""
    texts = []
    for _recipients, content in inbox.received:
        message = email.message_from_bytes(content, policy=policy.default)
        texts.append(str(message))
        for part in message.walk():
            if not part.is_multipart():
                payload = part.get_payload(decode=True) or b""
                texts.append(payload.decode("utf-8", "replace"))
    return "\n".join(texts).lower()


def test_no_email_carries_anything_that_is_not_public(smtp, site_url, make_photo):
    """Subscribers in every language and accredited journalists under embargo get
    the live items' public versions, their public contacts and public photos only."""
    internal = make_contact("zzinternalcontact", is_public=False)
    public = make_contact("press-desk")
    hidden_photo = make_photo(
        name="zzphotoofadraft.jpg", alt_text_en="zzphotoofadraft alt"
    )
    shown_photo = make_photo(name="harbour.jpg", alt_text_en="A harbour")
    make_release(
        "zzunpublisheditem",
        state="draft",
        main_photo=hidden_photo,
        publish_at=ago(hours=1),
    )
    make_release("zzwithdrawnitem", state="withdrawn", publish_at=ago(hours=1))
    make_release("zzfutureitem", publish_at=ahead(days=1))
    make_release(
        "live",
        publish_at=ago(minutes=1),
        versions={"fr": "draft", "es": "ready"},
        contacts=[public, internal],
        main_photo=shown_photo,
        title_fr="zzdraftversion titre",
        lead_fr="zzdraftversion chapeau",
    )
    make_event(
        "event",
        publish_at=ago(minutes=1),
        versions={"es": "draft"},
        title_es="zzdrafteventversion",
    )
    embargoed = make_release(
        "embargoed",
        publish_at=ahead(hours=2),
        versions={"fr": "draft"},
        contacts=[internal],
        title_fr="zzdraftversion embargo",
    )
    for lang in ("en", "fr", "es"):
        make_subscriber(f"{lang}@example.org", languages=lang)
        make_subscriber(
            f"{lang}-waits@example.org", languages=lang, when_not_translated="wait"
        )
    make_journalist("ana", accredited=True, languages="fr")
    sweep()
    send_under_embargo(embargoed)
    send_due()
    # Something was sent in each language, the live item and the embargoed one.
    assert len(smtp.received) >= 8
    received = everything_received(smtp)
    assert "live title es" in received and "embargoed title en" in received
    assert "press-desk" in received and "harbour" in received
    for sentinel in SENTINELS:
        assert sentinel not in received, sentinel


def test_a_withdrawal_notice_names_only_what_its_recipients_received(smtp, site_url):
    """The notice of a withdrawal reaches those who received the release, in the
    language they read: a version drafted since, an internal contact and the
    release's text stay out of it."""
    internal = make_contact("zzinternalcontact", is_public=False)
    release = make_release("sent", contacts=[internal], lead_en="zzreleasetext")
    make_subscriber("fr@example.org", languages="fr")
    make_subscriber("es@example.org", languages="es", when_not_translated="wait")
    fan_out(release)
    send_due()
    assert len(smtp.received) == 1
    release.title_fr = "zzdraftversion titre"
    release.version_state_fr = "draft"
    release.state = "withdrawn"
    release.withdrawal_note = "Withdrawn at the request of the partners."
    release.save()
    notify_withdrawal(release)
    send_due()
    assert len(smtp.received) == 2
    smtp.received = smtp.received[1:]
    notice = everything_received(smtp)
    assert "sent title en" in notice
    assert "withdrawn at the request of the partners." in notice
    for sentinel in ("zzinternalcontact", "zzreleasetext", "zzdraftversion"):
        assert sentinel not in notice, sentinel
