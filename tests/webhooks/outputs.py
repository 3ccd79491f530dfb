"""The webhook bodies partners receive, as text for the leak matrix's OUTPUTS
(tests/security/surfaces.py): every document announced for the world's releases
to a partner of every language and one of Spanish only, and a test's body."""

from newsroom.models import PressRelease
from newsroom.webhooks import announcing
from newsroom.webhooks.admin import test_body
from newsroom.webhooks.models import Partner, WebhookDelivery
from newsroom.webhooks.tasks import sweep


def webhook_bodies(world):
    every = Partner.objects.create(name="Every language", url="http://127.0.0.1:9/")
    Partner.objects.create(name="Spanish", url="http://127.0.0.1:9/", languages="es")
    for pk in PressRelease.objects.values_list("pk", flat=True):
        announcing.announce(pk)
    sweep()
    bodies = list(WebhookDelivery.objects.values_list("body", flat=True))
    assert len(bodies) >= len(world.releases), "the world's live releases were sent"
    return "\n".join([*bodies, test_body(every)[1]])
