"""The sending guarantees: at most once per recipient and version, retries with
backoff while the mail server is down, a stopped worker resumed, withdrawal and
unsubscription honoured until the last moment, corrections on request."""

import datetime
import threading
from collections import Counter

import lxml.html
import pytest
from django.db import connection
from django.utils import timezone

from newsroom.distribution import sending
from newsroom.distribution.dispatching import (
    fan_out,
    notify_withdrawal,
    resend_correction,
)
from newsroom.distribution.models import Delivery, Dispatch, Subscriber
from newsroom.distribution.sending import claim, recover_stale, send_due
from newsroom.distribution.subscriptions import unsubscribe
from tests.factories import make_journalist, make_release, make_subscriber

from .conftest import (
    SPARE_SMTP_PORT,
    body,
    header,
    postgresql_only,
    start_smtp,
    use_smtp,
)

Status = Delivery.Status


def subscribers(count, **fields):
    return [
        make_subscriber(f"reader{index}@example.org", **fields)
        for index in range(count)
    ]


@pytest.mark.django_db
def test_fan_out_and_send_twice_still_send_once(smtp):
    """Fanning out and sending again (a second sweep, an editor's "send now")
    never sends a recipient the same version twice."""
    release = make_release()
    subscribers(3)
    fan_out(release)
    fan_out(release, force=True)
    send_due()
    send_due()
    fan_out(release, force=True)
    send_due()
    assert sorted(Counter(smtp.recipients()).values()) == [1, 1, 1]
    assert Delivery.objects.count() == 3


@pytest.mark.django_db
def test_an_address_on_both_lists_gets_one_email(smtp):
    """The same address as a subscriber and on the media list is one recipient."""
    release = make_release()
    make_subscriber("both@example.org")
    make_journalist("both", email="both@example.org")
    fan_out(release)
    send_due()
    assert smtp.recipients() == ["both@example.org"]


@pytest.mark.django_db
def test_only_matching_confirmed_recipients_get_it(smtp):
    """Unconfirmed and unsubscribed subscribers, those who do not want releases,
    and those whose topics or regions the release is not about get nothing."""
    from tests.factories import make_office, make_region, make_topic

    europe, africa = make_region("europe"), make_region("africa")
    climate, labour = make_topic("climate"), make_topic("labour")
    release = make_release(
        topics=[climate], issuing_office=make_office("geneva", region=europe)
    )
    make_subscriber("yes-all@example.org")
    make_subscriber("yes-topic@example.org", topics=[climate, labour])
    make_subscriber("yes-region@example.org", regions=[europe])
    make_subscriber("no-topic@example.org", topics=[labour])
    make_subscriber("no-region@example.org", regions=[africa])
    make_subscriber("no-kind@example.org", releases=False)
    make_subscriber("no-pending@example.org", status="pending")
    make_subscriber("no-gone@example.org", status="unsubscribed")
    fan_out(release)
    send_due()
    assert sorted(smtp.recipients()) == [
        "yes-all@example.org",
        "yes-region@example.org",
        "yes-topic@example.org",
    ]


@pytest.mark.django_db(transaction=True)
def test_two_workers_in_parallel_send_each_email_exactly_once(smtp, settings):
    """Two workers claiming batches at the same time (row locks skipped, not
    waited for) send each recipient exactly one email between them."""
    postgresql_only()
    settings.DISTRIBUTION_BATCH_SIZE = 7
    smtp.delay = 0.01
    release = make_release()
    subscribers(60)
    fan_out(release)
    results, errors = [], []

    def worker():
        try:
            results.append(send_due(seconds=60)[0])
        except Exception as error:  # reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=worker) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert errors == []
    counts = Counter(smtp.recipients())
    assert len(counts) == 60
    assert set(counts.values()) == {1}
    # Both took part: the batches were shared, not sent twice.
    assert all(result["sent"] > 0 for result in results)
    assert sum(result["sent"] for result in results) == 60
    assert Delivery.objects.filter(status=Status.SENT).count() == 60


@pytest.mark.django_db
def test_a_sender_past_its_time_gives_back_the_rest_of_its_batch(smtp, settings):
    """A sender stops after its time between two emails, not after its whole
    batch (100 by default: minutes with a slow mail server, past systemd's stop
    timeout): the rest goes back to pending for the next sender, and everyone
    gets the email once."""
    settings.DISTRIBUTION_BATCH_SIZE = 6
    smtp.delay = 0.2
    subscribers(6)
    fan_out(make_release())
    totals, more = send_due(seconds=0.5)
    statuses = Counter(Delivery.objects.values_list("status", flat=True))
    assert more is True
    assert 1 <= totals["sent"] < 6
    assert statuses == {Status.SENT: totals["sent"], Status.PENDING: 6 - totals["sent"]}
    send_due()
    assert sorted(Counter(smtp.recipients()).values()) == [1] * 6


@pytest.mark.django_db
def test_mail_server_down_then_back_delivers_each_once(settings):
    """With the mail server down, deliveries wait and are retried with growing
    delays; once it is back, each recipient gets exactly one email."""
    use_smtp(settings, SPARE_SMTP_PORT)
    settings.DISTRIBUTION_RETRY_SECONDS = 60
    release = make_release()
    subscribers(5)
    fan_out(release)
    now = timezone.now()
    totals, more = send_due(now=now)
    assert totals["sent"] == 0 and totals["retry"] == 5 and not more
    pending = Delivery.objects.filter(status=Status.PENDING)
    assert pending.count() == 5
    assert all(
        d.next_attempt_at >= now + datetime.timedelta(seconds=59) for d in pending
    )
    assert "refused" in pending.first().reason.lower()
    # Not due yet: nothing is tried.
    assert send_due(now=now)[0]["retry"] == 0
    # Still down a minute later.
    later = now + datetime.timedelta(minutes=2)
    send_due(now=later)
    assert Delivery.objects.filter(status=Status.PENDING).count() == 5
    inbox, controller = start_smtp(SPARE_SMTP_PORT)
    try:
        send_due(now=later + datetime.timedelta(hours=1))
    finally:
        controller.stop()
    assert sorted(Counter(inbox.recipients()).values()) == [1] * 5
    assert Delivery.objects.filter(status=Status.SENT).count() == 5


@pytest.mark.django_db
def test_a_refused_address_fails_with_the_reason_and_is_not_retried(smtp):
    """A 5xx answer for one address fails that delivery with the server's words;
    the others go through."""
    release = make_release()
    subscribers(3)
    smtp.refuse.add("reader1@example.org")
    fan_out(release)
    send_due()
    failed = Delivery.objects.get(status=Status.FAILED)
    assert failed.email == "reader1@example.org"
    assert "550" in failed.reason and "No such mailbox" in failed.reason
    assert sorted(smtp.recipients()) == ["reader0@example.org", "reader2@example.org"]
    send_due(now=timezone.now() + datetime.timedelta(days=1))
    assert len(smtp.recipients()) == 2


@pytest.mark.django_db
def test_gives_up_after_the_last_attempt(settings):
    """A delivery still failing after DISTRIBUTION_MAX_ATTEMPTS attempts fails."""
    use_smtp(settings, SPARE_SMTP_PORT)
    settings.DISTRIBUTION_MAX_ATTEMPTS = 2
    release = make_release()
    subscribers(1)
    fan_out(release)
    delivery = Delivery.objects.get()
    # Each attempt whose connection was refused counts once the server was asked.
    Delivery.objects.update(attempts=1)
    now = timezone.now()
    for _attempt in range(3):
        send_due(now=now)
        now += datetime.timedelta(hours=2)
    delivery.refresh_from_db()
    assert delivery.status == Status.FAILED
    assert "2" in delivery.reason


@pytest.mark.django_db
def test_a_killed_worker_is_resumed_and_its_uncertain_email_not_resent(smtp, settings):
    """A worker stopped mid-batch leaves rows it claimed: when their lease runs
    out, those it never started go back to pending and are sent by another
    worker; the one it was handing to the mail server is reported, not resent."""
    settings.DISTRIBUTION_BATCH_SIZE = 10
    release = make_release()
    subscribers(10)
    fan_out(release)
    batch = claim()
    # The killed worker had sent three and was sending the fourth.
    sending.send_batch(batch[:3])
    sending.finish(batch[3], Status.SENDING)
    assert len(smtp.recipients()) == 3
    # Within the lease, nobody touches its rows.
    recover_stale()
    send_due()
    assert len(smtp.recipients()) == 3
    later = timezone.now() + datetime.timedelta(
        seconds=settings.DISTRIBUTION_LEASE_SECONDS + 1
    )
    assert recover_stale(later) == (6, 1)
    send_due(now=later)
    counts = Counter(smtp.recipients())
    assert len(counts) == 9 and set(counts.values()) == {1}
    uncertain = Delivery.objects.get(status=Status.FAILED)
    assert uncertain.email == batch[3].email
    assert "may have been delivered" in uncertain.reason


@pytest.mark.django_db
def test_withdrawing_before_sending_cancels(smtp):
    """Withdrawing an item cancels its unsent deliveries, and a worker holding
    some already sends none of them."""
    release = make_release()
    subscribers(4)
    fan_out(release)
    held = claim(size=2)
    release.state = "withdrawn"
    release.save()
    assert Delivery.objects.filter(status=Status.CANCELLED).count() == 2
    sending.send_batch(held)
    send_due()
    assert smtp.messages == []
    assert set(Delivery.objects.values_list("status", flat=True)) == {Status.CANCELLED}
    assert "withdrawn" in Delivery.objects.first().reason


@pytest.mark.django_db
def test_an_unsubscribed_recipient_gets_nothing_more(smtp):
    """Unsubscribing cancels what was queued for the recipient."""
    release = make_release()
    reader, other = subscribers(2)
    fan_out(release)
    unsubscribe(reader)
    send_due()
    assert smtp.recipients() == [other.email]
    assert Subscriber.objects.get(pk=reader.pk).status == Subscriber.Status.UNSUBSCRIBED


@pytest.mark.django_db
def test_a_correction_goes_to_the_previous_recipients_on_request(smtp):
    """A correction is a new version, sent on request to whoever received the
    item (not to those who subscribed since), marked as a correction."""
    release = make_release("news")
    first = subscribers(2)
    fan_out(release)
    send_due()
    make_subscriber("newcomer@example.org")
    release.correction_note_en = "The date was wrong."
    release.save()
    dispatch = resend_correction(release)
    send_due()
    assert dispatch.version == 2
    assert dispatch.reason == Dispatch.Reason.CORRECTION
    corrections = [
        m for m in smtp.messages if header(m, "Subject").startswith("Correction")
    ]
    assert sorted(header(m, "To") for m in corrections) == sorted(
        s.email for s in first
    )
    assert "The date was wrong." in body(corrections[0])
    assert "newcomer@example.org" not in smtp.recipients()
    # A sweep does not send version 2 to anyone else either.
    from newsroom.distribution.tasks import sweep

    sweep()
    send_due()
    assert len(smtp.recipients()) == 4


def withdrawn(item, note=""):
    item.state = "withdrawn"
    item.withdrawal_note = note
    item.save()
    return item


def parse_html(text):
    return lxml.html.fromstring(text)


def notices(smtp):
    """The withdrawal notices received (by their Message-ID)."""
    ids = Delivery.objects.filter(dispatch__reason=Dispatch.Reason.WITHDRAWAL)
    ids = set(ids.values_list("message_id", flat=True))
    return [m for m in smtp.messages if header(m, "Message-ID") in ids]


@pytest.mark.django_db
def test_a_withdrawal_notice_goes_to_those_who_received_the_item(smtp):
    """On request, whoever received a release since withdrawn is told, in the
    language they read it in, with the public note and none of its text;
    whoever never received it, or has unsubscribed since, is not."""
    release = make_release(
        "news", versions={"fr": "ready"}, lead_en="Lead zzkept", lead_fr="Chapeau"
    )
    english = make_subscriber("en@example.org")
    french = make_subscriber("fr@example.org", languages="fr")
    leaver = make_subscriber("leaver@example.org")
    fan_out(release)
    send_due()
    make_subscriber("newcomer@example.org")
    unsubscribe(leaver)
    withdrawn(release, note="The figures were wrong.")
    dispatch = notify_withdrawal(release)
    send_due()
    assert (dispatch.version, dispatch.reason) == (2, Dispatch.Reason.WITHDRAWAL)
    sent = {header(m, "To"): m for m in notices(smtp)}
    assert sorted(sent) == [english.email, french.email]
    assert header(sent[english.email], "Subject") == "Withdrawn: news title en"
    french_notice = sent[french.email]
    assert header(french_notice, "Subject") == "Retiré\u00a0: news title fr"
    assert header(french_notice, "Content-Language") == "fr"
    assert header(french_notice, "List-Unsubscribe")
    for message in sent.values():
        text, html = body(message), body(message, "html")
        assert "The figures were wrong." in text
        assert 'lang="en">The figures were wrong.' in html
        assert "zzkept" not in text + html and "Chapeau" not in text + html
    # Saving the withdrawn release again, and a sweep, send nothing more.
    release.save()
    from newsroom.distribution.tasks import sweep

    sweep()
    send_due()
    assert len(notices(smtp)) == 2


@pytest.mark.django_db
def test_a_withdrawal_notice_gives_the_note_in_the_recipients_language(smtp):
    """A Spanish recipient reads the Spanish public note, marked as Spanish; a
    French one, whose language has no note, the original's, marked as English."""
    release = make_release("news", versions={"fr": "ready", "es": "ready"})
    spanish = make_subscriber("es@example.org", languages="es")
    french = make_subscriber("fr@example.org", languages="fr")
    fan_out(release)
    send_due()
    release.state = "withdrawn"
    release.withdrawal_note_en = "The figures were wrong."
    release.withdrawal_note_es = "Las cifras eran erróneas."
    release.save()
    notify_withdrawal(release)
    send_due()
    sent = {header(m, "To"): m for m in notices(smtp)}
    spanish_notice = sent[spanish.email]
    assert header(spanish_notice, "Content-Language") == "es"
    assert "Las cifras eran erróneas." in body(spanish_notice)
    html = parse_html(body(spanish_notice, "html"))
    (note,) = html.xpath("//p[@lang='es']")
    assert note.text == "Las cifras eran erróneas."
    assert "The figures were wrong." not in body(spanish_notice)
    html = parse_html(body(sent[french.email], "html"))
    (note,) = html.xpath("//p[@lang='en']")
    assert note.text == "The figures were wrong."


@pytest.mark.django_db
def test_a_withdrawal_notice_is_void_once_the_item_is_public_again(smtp):
    release = make_release("news")
    make_subscriber("en@example.org")
    fan_out(release)
    send_due()
    notify_withdrawal(withdrawn(release))
    release.state = "published"
    release.save()
    send_due()
    assert notices(smtp) == []
    [void] = Delivery.objects.filter(dispatch__reason=Dispatch.Reason.WITHDRAWAL)
    assert void.status == Status.CANCELLED
    assert "public again" in void.reason
