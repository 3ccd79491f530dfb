"""Embargoed releases reach accredited journalists before their time, each with a
personal link that can be revoked; at the lift, subscribers get the public
version and nobody gets it twice."""

import datetime
import re
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from newsroom.distribution.dispatching import fan_out, send_under_embargo
from newsroom.distribution.models import Delivery, EmbargoLink
from newsroom.distribution.sending import send_due
from newsroom.distribution.tasks import sweep
from tests.factories import ahead, make_journalist, make_release, make_subscriber, parse

from .conftest import body, header

pytestmark = pytest.mark.django_db


def embargo_path(message):
    url = re.search(r"https?://\S+/embargo/[\w.-]+/", body(message))[0]
    return urlsplit(url).path


@pytest.fixture
def scheduled(site_url):
    return make_release("scoop", publish_at=ahead(hours=2), versions={"fr": "ready"})


def test_accredited_journalists_get_it_ahead_with_a_banner(smtp, scheduled, client):
    """Only accredited journalists get a scheduled release early: the email says
    EMBARGOED UNTIL … (time zone) and its personal link opens the release under
    the same banner."""
    accredited = make_journalist("ana", accredited=True, languages="fr")
    make_journalist("ben", accredited=False)
    make_subscriber("reader@example.org")
    send_under_embargo(scheduled)
    send_due()
    [message] = smtp.messages
    assert header(message, "To") == accredited.email
    assert header(message, "Subject").startswith("SOUS EMBARGO JUSQU’AU")
    assert "(Europe/Zurich)" in header(message, "Subject")
    html = parse_html(message)
    assert "SOUS EMBARGO JUSQU’AU" in html
    link = EmbargoLink.objects.get(journalist=accredited)
    assert link.token in embargo_path(message)
    response = client.get(embargo_path(message))
    assert response.status_code == 200
    assert response["X-Robots-Tag"] == "noindex"
    page = parse(response)
    assert "scoop title fr" in page.xpath("string(//h1)")
    assert page.xpath("//p[contains(@class, 'embargo')]")


def test_the_embargo_time_is_given_in_utc_too(smtp, site_url):
    """A journalist anywhere reads the lift in UTC as well as in the editors'
    time zone, its date included when it differs."""
    lift = datetime.datetime(2040, 1, 15, 0, 30, tzinfo=ZoneInfo("Europe/Zurich"))
    release = make_release("scoop", publish_at=lift)
    make_journalist("ana", accredited=True, languages="en")
    send_under_embargo(release)
    send_due()
    [message] = smtp.messages
    both = (
        "15 January 2040, 00:30 (Europe/Zurich), that is 14 January 2040, 23:30 (UTC)"
    )
    assert both in header(message, "Subject")
    assert both in body(message)
    assert both in parse_html(message)


def parse_html(message):
    return body(message, "html")


def test_a_revoked_link_no_longer_opens_the_release(smtp, scheduled, client):
    """Revoking one journalist's link closes it for them alone; the release's own
    link still works."""
    make_journalist("ana", accredited=True)
    send_under_embargo(scheduled)
    send_due()
    path = embargo_path(smtp.messages[0])
    EmbargoLink.objects.update(revoked_at=timezone.now())
    assert client.get(path).status_code == 404
    own = path.replace(EmbargoLink.objects.get().token, scheduled.embargo_token)
    assert client.get(own).status_code == 200


def test_revoking_before_sending_cancels_the_email(smtp, scheduled):
    """An embargo link revoked before its email went out stops the email."""
    make_journalist("ana", accredited=True)
    send_under_embargo(scheduled)
    EmbargoLink.objects.update(revoked_at=timezone.now())
    send_due()
    assert smtp.messages == []
    assert Delivery.objects.get().status == Delivery.Status.CANCELLED


def test_at_the_lift_subscribers_get_it_and_journalists_not_twice(
    smtp, scheduled, client
):
    """When the release goes live the sweep sends the public version to everyone
    else; the journalists who had it under embargo get nothing more."""
    journalist = make_journalist("ana", accredited=True)
    make_subscriber("reader@example.org")
    send_under_embargo(scheduled)
    send_due()
    assert smtp.recipients() == [journalist.email]
    # Before its time, the sweep leaves it alone.
    sweep()
    send_due()
    assert smtp.recipients() == [journalist.email]
    scheduled.publish_at = timezone.now()
    scheduled.save()
    sweep()
    send_due()
    assert sorted(smtp.recipients()) == sorted([journalist.email, "reader@example.org"])
    public = smtp.to("reader@example.org")[0]
    assert "EMBARGO" not in header(public, "Subject").upper()
    assert "/embargo/" not in body(public)
    # Once live, the personal link leads to the public page.
    response = client.get(embargo_path(smtp.to(journalist.email)[0]))
    assert response.status_code == 302


def test_embargo_is_refused_to_a_fan_out_of_a_draft(smtp, site_url):
    """A release that is not published is never sent, under embargo or not."""
    draft = make_release("draft", state="draft", publish_at=ahead(hours=1))
    make_journalist("ana", accredited=True)
    send_under_embargo(draft)
    fan_out(draft)
    send_due()
    assert smtp.messages == []
