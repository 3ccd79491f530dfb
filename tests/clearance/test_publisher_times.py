"""A publisher's new publish or expiry time for a live item applies at once, not
through its working copy: every public surface that keeps a copy of the item (the
stored pages, the search index) must hear of it on the same request, as of any
save."""

import pytest
from django.test import Client

from newsroom.clearance.models import Revision
from newsroom.clearance.revisions import revisions_of
from newsroom.models import Event, PressRelease
from tests.factories import ago, ahead, form_data, make_event, make_release
from tests.search.conftest import search, titles

from .conftest import admin_url

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("page_cache")]


def set_time(client, model, item, field, moment, callbacks):
    """The publisher's change form with only `field` changed, its commit run."""
    change = admin_url(model, "change", item.pk)
    data = form_data(client.get(change))
    local = moment.astimezone()
    data[f"{field}_0"] = local.strftime("%Y-%m-%d")
    data[f"{field}_1"] = local.strftime("%H:%M:%S")
    with callbacks(execute=True):
        response = client.post(change, data)
    assert response.status_code == 302, response.content.decode()[-3000:]


def stored(reader, url):
    """The page, asked twice: the second answer comes from the page cache."""
    reader.get(url)
    response = reader.get(url)
    assert response.get("X-Cache") == "hit"
    return response


@pytest.mark.parametrize(
    ("field", "moment", "status"),
    [("expires_at", ago(minutes=5), 410), ("publish_at", ahead(days=1), 404)],
)
def test_a_release_expired_or_moved_ahead_leaves_every_public_copy(
    client, people, django_capture_on_commit_callbacks, settings, field, moment, status
):
    settings.TIME_ZONE = "Europe/Zurich"
    release = make_release("moved", body_en="<p>Desalination plant</p>")
    reader = Client()
    url = release.get_absolute_url()
    for page in (url, "/en/press-releases/", "/en/press-releases/feed/rss/"):
        assert b"moved title en" in stored(reader, page).content
    assert titles(search(reader, "desalination")) == ["moved title en"]

    client.force_login(people["publisher"])
    set_time(
        client, PressRelease, release, field, moment, django_capture_on_commit_callbacks
    )

    assert reader.get(url).status_code == status
    for page in ("/en/press-releases/", "/en/press-releases/feed/rss/"):
        response = reader.get(page)
        assert response.get("X-Cache") == "miss"
        assert b"moved title en" not in response.content
    assert titles(search(reader, "desalination")) == []
    # The history keeps who moved the time, with the row as it now is.
    latest = revisions_of(release).filter(kind=Revision.Kind.SAVED).first()
    assert latest.author == people["publisher"]
    release.refresh_from_db()
    assert getattr(release, field) is not None


def test_an_event_expired_leaves_its_stored_pages_and_calendar(
    client, people, django_capture_on_commit_callbacks
):
    event = make_event("ended")
    reader = Client()
    url = event.get_absolute_url()
    for page in (url, "/en/events/", "/en/events/calendar.ics"):
        assert b"ended title en" in stored(reader, page).content

    client.force_login(people["publisher"])
    set_time(
        client,
        Event,
        event,
        "expires_at",
        ago(minutes=5),
        django_capture_on_commit_callbacks,
    )

    assert reader.get(url).status_code == 410
    for page in ("/en/events/", "/en/events/calendar.ics"):
        assert b"ended title en" not in reader.get(page).content
