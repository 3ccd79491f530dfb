"""The emails as a mail client sees them: received by a real SMTP server, parsed
with the `email` package."""

import re
from urllib.parse import urlsplit

import icalendar
import lxml.html
import pytest
from django.core.files.storage import default_storage

from newsroom.distribution import emails
from newsroom.distribution.dispatching import fan_out, resend_correction
from newsroom.distribution.models import Delivery, Subscriber
from newsroom.distribution.sending import send_due
from newsroom.models import Event, PressRelease
from tests.factories import (
    make_contact,
    make_event,
    make_office,
    make_region,
    make_release,
    make_subscriber,
)

from .conftest import body, header

pytestmark = pytest.mark.django_db


def send(item):
    fan_out(item)
    send_due()


def path_of(url):
    return urlsplit(url).path


def test_release_email_is_html_and_text_with_the_list_headers(smtp, site_url, client):
    """A release email is multipart/alternative (plain text, then HTML) with
    Content-Language, a Message-ID, RFC 8058 one-click unsubscribe headers, and
    links that work."""
    release = make_release("harbour", versions={"fr": "ready"})
    make_subscriber("reader@example.org", languages="fr")
    send(release)
    [message] = smtp.messages
    assert message.get_content_type() == "multipart/alternative"
    parts = [part.get_content_type() for part in message.iter_parts()]
    assert parts == ["text/plain", "text/html"]
    assert header(message, "Subject") == "harbour title fr"
    assert header(message, "To") == "reader@example.org"
    assert header(message, "Content-Language") == "fr"
    assert re.fullmatch(
        r"<[^<>@\s]+@news\.example\.org>", header(message, "Message-ID")
    )
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    # A long header is folded: mail clients read it unfolded and trimmed.
    unsubscribe = re.fullmatch(
        r"<(https://[^>]+)>", header(message, "List-Unsubscribe")
    )[1]
    html = lxml.html.fromstring(body(message, "html"))
    assert html.get("lang") == "fr"
    read = html.xpath("//a[contains(@href, 'harbour-fr')]/@href")[0]
    assert read == "https://news.example.org/fr/communiques-de-presse/harbour-fr/"
    assert client.get(path_of(read)).status_code == 200
    assert read in body(message)
    assert unsubscribe in body(message)
    # The one-click header works as mail providers use it: a POST, no cookie.
    response = client.post(path_of(unsubscribe), {"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    assert Subscriber.objects.get().status == Subscriber.Status.UNSUBSCRIBED


def test_emails_are_automatic_and_replies_reach_the_press_office(smtp, site_url):
    """Every email says it is automatic (RFC 3834), so that out-of-office replies
    do not answer it, and a release's mailing says it is bulk; replying to a
    release writes to its public media contacts, else to its issuing office,
    never to an internal contact."""
    office = make_office("geneva", email="geneva@example.org")
    public = make_contact("press-desk", office=office)
    internal = make_contact("internal-desk", is_public=False)
    with_contacts = make_release(
        "harbour", contacts=[internal, public], issuing_office=office
    )
    without = make_release("port", issuing_office=office)
    subscriber = make_subscriber("reader@example.org")
    send(with_contacts)
    send(without)
    emails.confirmation_message(subscriber, "en").send()
    first, second, confirmation = smtp.messages
    for message in (first, second, confirmation):
        assert header(message, "Auto-Submitted") == "auto-generated"
    assert header(first, "Precedence") == header(second, "Precedence") == "bulk"
    assert header(first, "Reply-To") == "press-desk@example.org"
    assert header(second, "Reply-To") == "geneva@example.org"
    assert confirmation["Reply-To"] is None


def test_every_html_part_is_laid_out_for_a_phone(smtp):
    """Each HTML part (release, confirmation, already subscribed) declares the
    device's width as its viewport: without it a phone lays the email out 980
    pixels wide and shrinks its text to a third."""
    subscriber = make_subscriber("reader@example.org")
    send(make_release())
    emails.confirmation_message(subscriber, "es").send()
    emails.already_subscribed_message(subscriber, "fr").send()
    assert len(smtp.messages) == 3
    for message in smtp.messages:
        html = lxml.html.fromstring(body(message, "html"))
        viewport = html.xpath("//head/meta[@name='viewport']/@content")
        assert viewport == ["width=device-width, initial-scale=1"]


def test_message_ids_are_unique_and_recorded(smtp):
    """Each email has its own Message-ID, kept on its delivery."""
    release = make_release()
    for index in range(3):
        make_subscriber(f"r{index}@example.org")
    send(release)
    ids = {header(message, "Message-ID") for message in smtp.messages}
    assert len(ids) == 3
    assert set(Delivery.objects.values_list("message_id", flat=True)) == ids


def test_release_email_has_lead_photo_and_public_contacts_only(
    smtp, site_url, make_photo
):
    """The email carries the lead, a rendition of the photo (an absolute URL of a
    stored file) and the public media contacts; an internal contact never."""
    office = make_office("geneva", region=make_region("europe"))
    public = make_contact("press-desk", office=office)
    internal = make_contact("internal-desk", is_public=False)
    photo = make_photo(alt_text_en="Boats in the harbour", credit="A. Photographer")
    release = make_release(
        "harbour", contacts=[public, internal], main_photo=photo, lead_en="The news."
    )
    make_subscriber("reader@example.org")
    send(release)
    [message] = smtp.messages
    html, text = body(message, "html"), body(message)
    assert "The news." in html and "The news." in text
    assert "Press-Desk" in html and "press-desk@example.org" in text
    assert "Internal-Desk" not in html + text
    [image] = lxml.html.fromstring(html).xpath("//img")
    assert image.get("alt") == "Boats in the harbour"
    assert image.get("src").startswith("https://news.example.org/media/renditions/")
    stored = path_of(image.get("src")).removeprefix("/media/")
    assert default_storage.exists(stored)
    assert int(image.get("width")) <= 600


def test_event_email_carries_its_ics(smtp, site_url):
    """An event's email has its .ics attached, with the event's UID and title."""
    event = make_event("summit", versions={"es": "ready"})
    make_subscriber("lector@example.org", languages="es")
    send(event)
    [message] = smtp.messages
    assert message.get_content_type() == "multipart/mixed"
    [attachment] = list(message.iter_attachments())
    assert attachment.get_content_type() == "text/calendar"
    assert attachment.get_filename() == "summit-es.ics"
    calendar = icalendar.Calendar.from_ical(attachment.get_content())
    [vevent] = calendar.walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "summit title es"
    assert str(vevent["UID"]) == f"event-{event.pk}@news.example.org"
    assert header(message, "Content-Language") == "es"
    assert "summit title es" in header(message, "Subject")


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_each_subscriber_reads_their_language(smtp, lang):
    """A subscriber gets the version in their language, with the email's own words
    in it too."""
    release = make_release("news", versions={"fr": "ready", "es": "ready"})
    make_subscriber("reader@example.org", languages=lang)
    send(release)
    [message] = smtp.messages
    assert header(message, "Subject") == f"news title {lang}"
    assert header(message, "Content-Language") == lang
    unsubscribe_words = {
        "en": "Unsubscribe",
        "fr": "Se désabonner",
        "es": "Darse de baja",
    }
    assert unsubscribe_words[lang] in body(message)


def test_french_plain_text_puts_a_no_break_space_before_its_colons(smtp):
    """The plain text parts follow French typography as the HTML does: a no-break
    space before each colon of a label, in a release email (a correction's
    label too) and in the confirmation email."""
    release = make_release("news", versions={"fr": "ready"}, correction_note_fr="Y.")
    subscriber = make_subscriber("reader@example.org", languages="fr")
    send(release)
    resend_correction(release)
    send_due()
    emails.confirmation_message(subscriber, "fr").send()
    labels = {
        "Lire le communiqué de presse complet",
        "Rectificatif",
        "Gérer mes préférences",
        "Se désabonner",
        "Confirmer mon abonnement",
    }
    found = set()
    for message in smtp.messages:
        for label in labels:
            if label in body(message):
                assert f"{label}\u00a0: " in body(message)
                found.add(label)
    assert found == labels


def test_the_first_ready_language_of_the_subscriber_wins(smtp):
    """A subscriber reading Spanish then French gets French while Spanish is not
    ready."""
    release = make_release("news", versions={"fr": "ready", "es": "draft"})
    make_subscriber("reader@example.org", languages="es fr")
    send(release)
    [message] = smtp.messages
    assert header(message, "Subject") == "news title fr"
    assert "news title es" not in body(message, "html")


def test_original_at_once_with_a_notice(smtp):
    """A subscriber who chose "the original at once" gets it, with a notice in
    their language saying why."""
    release = make_release("news", versions={"fr": "draft"})
    make_subscriber("reader@example.org", languages="fr")
    send(release)
    [message] = smtp.messages
    assert header(message, "Subject") == "news title en"
    assert header(message, "Content-Language") == "fr, en"
    html = lxml.html.fromstring(body(message, "html"))
    assert html.get("lang") == "fr"
    assert html.xpath("//div[@lang='en']/h1")[0].text == "news title en"
    assert "pas encore disponible" in body(message)


def test_waiting_for_a_translation_sends_it_once_ready(smtp):
    """A subscriber who chose to wait gets nothing while their language is not
    ready, and that version as soon as it is."""
    from newsroom.distribution.tasks import sweep

    release = make_release("news", versions={"fr": "draft"})
    make_subscriber("reader@example.org", languages="fr", when_not_translated="wait")
    send(release)
    assert smtp.messages == []
    assert Delivery.objects.get().status == Delivery.Status.WAITING
    release.version_state_fr = "ready"
    release.save()
    sweep()
    send_due()
    [message] = smtp.messages
    assert header(message, "Subject") == "news title fr"


def test_a_release_and_an_event_in_one_batch_keep_their_own_texts(smtp):
    """One batch holding a release and an event (even of the same id) sends each
    its own email."""
    release = make_release("news")
    make_event("summit", pk=release.pk)
    make_subscriber("reader@example.org")
    from newsroom.distribution.tasks import sweep

    sweep()
    send_due()
    subjects = sorted(header(message, "Subject") for message in smtp.messages)
    assert len(subjects) == 2
    assert subjects[0].startswith("Event: summit title en")
    assert subjects[1] == "news title en"


def test_a_title_on_two_lines_is_sent_on_one_with_no_header_of_its_own(smtp):
    """A title with a line break (a PO file's translation may carry one) makes a
    subject on one line: every recipient gets their email, the other items of
    the batch theirs, and what follows the break is no header."""
    make_release(
        "broken",
        versions={"fr": "ready"},
        title_fr="Le sommet s'ouvre\nBcc: victim@example.org",
    )
    make_event("after")
    make_subscriber("fr@example.org", languages="fr")
    make_subscriber("en@example.org", languages="en")
    for item in (*PressRelease.objects.all(), *Event.objects.all()):
        fan_out(item)
    send_due()
    assert Delivery.objects.exclude(status=Delivery.Status.SENT).count() == 0
    assert sorted(smtp.recipients()) == ["en@example.org"] * 2 + ["fr@example.org"] * 2
    subjects = {header(message, "Subject") for message in smtp.messages}
    assert "Le sommet s'ouvre Bcc: victim@example.org" in subjects
    assert all(message["Bcc"] is None for message in smtp.messages)
