"""The webhooks in the admin: registering a partner, the test button that says
what the endpoint answered, the delivery log with its attempts, sending the
failed ones again."""

import json

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from newsroom.webhooks import announcing, sending
from newsroom.webhooks.models import Partner, WebhookDelivery
from tests.factories import make_event, make_release, make_topic

from .receiver import Receiver

pytestmark = pytest.mark.django_db


def messages_of(response):
    return [str(message) for message in get_messages(response.wsgi_request)]


def test_a_partner_is_registered_with_languages_and_topics(admin_client):
    topic = make_topic("climate")
    response = admin_client.post(
        reverse("admin:webhooks_partner_add"),
        {
            "name": "Agency",
            "url": "https://agency.example/hooks",
            "secret": "s3cret",
            "languages": "fr es",
            "topics": [topic.pk],
            "receives": "events",
            "is_active": "on",
        },
    )
    assert response.status_code == 302, response.content
    partner = Partner.objects.get()
    assert partner.language_list() == ["fr", "es"]
    assert list(partner.topics.all()) == [topic]
    assert partner.receives == Partner.Receives.EVENTS
    refused = admin_client.post(
        reverse("admin:webhooks_partner_add"),
        {"name": "Bad", "url": "https://x.example/", "secret": "s", "languages": "de"},
    )
    assert b"Not a language of the site: de." in refused.content


@pytest.mark.parametrize(
    "script, expected",
    [
        (["ok"], "The endpoint accepted the test (HTTP 200)."),
        (["error"], "The endpoint did not accept the test: 500."),
    ],
)
def test_the_test_button_says_what_the_endpoint_answered(
    admin_client, script, expected
):
    make_release("latest")
    with Receiver(script=script) as receiver:
        partner = Partner.objects.create(name="Agency", url=receiver.url)
        page = admin_client.get(
            reverse("admin:webhooks_partner_change", args=[partner.pk])
        )
        assert "Send a test now" in page.content.decode()
        url = reverse("admin:webhooks_partner_test", args=[partner.pk])
        assert admin_client.get(url).status_code == 403
        response = admin_client.post(url, follow=True)
    assert messages_of(response) == [expected]
    [request] = receiver.received
    assert request.headers["X-Newsroom-Event"] == "test"
    assert request.signature_is_valid(partner.secret)
    assert b"latest title en" in request.body
    delivery = WebhookDelivery.objects.get()
    assert delivery.attempt_log.count() == 1


def test_the_log_shows_each_attempt_and_sends_failed_ones_again(admin_client, settings):
    settings.WEBHOOK_MAX_ATTEMPTS = 1
    with Receiver(script=["error"]) as receiver:
        Partner.objects.create(name="Agency", url=receiver.url)
        announcing.announce(make_release("news").pk)
        delivery = WebhookDelivery.objects.get()
        sending.send(delivery.pk)
    assert WebhookDelivery.objects.get().status == "failed"
    changelist = admin_client.get(reverse("admin:webhooks_webhookdelivery_changelist"))
    assert "news title en" in changelist.content.decode()
    page = admin_client.get(
        reverse("admin:webhooks_webhookdelivery_change", args=[delivery.pk])
    )
    assert page.status_code == 200
    assert "Internal Server Error" in page.content.decode()
    response = admin_client.post(
        reverse("admin:webhooks_webhookdelivery_changelist"),
        {"action": "send_again", "_selected_action": [delivery.pk]},
        follow=True,
    )
    assert messages_of(response) == ["1 delivery queued again."]
    assert WebhookDelivery.objects.get().status == "pending"


def test_a_partner_of_events_only_is_sent_an_event_as_its_test(admin_client):
    """A partner that receives events only is tested with the latest live
    event, as its webhooks will send it (X-Newsroom-Kind: event), not with a
    release its endpoint will never be sent."""
    make_release("latest")
    make_event("briefing", title_en="Press briefing on the floods")
    with Receiver(script=["ok"]) as receiver:
        partner = Partner.objects.create(
            name="Calendar", url=receiver.url, receives=Partner.Receives.EVENTS
        )
        admin_client.post(reverse("admin:webhooks_partner_test", args=[partner.pk]))
    [request] = receiver.received
    assert request.headers["X-Newsroom-Kind"] == "event"
    assert json.loads(request.body)["title"] == "Press briefing on the floods"
    assert WebhookDelivery.objects.get().kind == "event"
