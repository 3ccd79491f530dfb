"""The webhook bodies partners receive, as text for the leak matrix's OUTPUTS
(tests/security/surfaces.py): every document announced for the world's releases
and events to a partner of every language and one of Spanish only, the
tombstone of a live event withdrawn with words that were never public, and a
test's body."""

from newsroom.core.publication import PublicationState
from newsroom.models import Event, PressRelease
from newsroom.webhooks import announcing
from newsroom.webhooks.admin import test_body
from newsroom.webhooks.models import Partner, WebhookDelivery
from newsroom.webhooks.tasks import sweep


def webhook_bodies(world):
    every = Partner.objects.create(name="Every language", url="http://127.0.0.1:9/")
    Partner.objects.create(name="Spanish", url="http://127.0.0.1:9/", languages="es")
    for pk in PressRelease.objects.values_list("pk", flat=True):
        announcing.announce(pk)
    for pk in Event.objects.values_list("pk", flat=True):
        announcing.announce(pk, kind=announcing.EVENTS)
    sweep()
    bodies = list(WebhookDelivery.objects.values_list("body", flat=True))
    announced = WebhookDelivery.objects.values_list("announcement__calendar_event")
    assert {event.pk for event in world.events} <= {pk for (pk,) in announced}
    assert len(bodies) >= len(world.releases), "the world's live releases were sent"
    # Withdrawn with the words of a draft: its tombstone says none of them.
    event = Event.objects.get(pk=world.events[0].pk)
    event.state = PublicationState.WITHDRAWN
    event.title_en = event.venue_en = world.sentinels["withdrawn event"]
    event.save()
    [withdrawal] = announcing.announce(event.pk, kind=announcing.EVENTS)[:1]
    return "\n".join([*bodies, withdrawal.body, test_body(every)[1]])
