"""What the passing of time alone changes in the index, with no save: a related
event going live or expiring, a post beginning. The worker's periodic job
(`index_what_time_changed`) follows it from one row, once per moment."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

# The URLconf imported before the clock is frozen: the API's schemas cannot be
# made of freezegun's datetime class.
import newsroom.urls  # noqa: F401
from newsroom.search.models import Clock
from newsroom.search.tasks import index_what_time_changed
from organisation.models import Appointment, Person, Position
from tests.factories import make_event, make_release

from .conftest import search, titles

pytestmark = pytest.mark.django_db

START = timezone.now().replace(microsecond=0)


def found(client, query, kind="release"):
    return titles(search(client, query, type=kind))


def test_a_related_event_is_in_the_text_only_while_live(client):
    """Scheduled, the event's title finds nothing; at its publish time it finds
    the release, and no more once it has expired: each at the next run after
    the moment, though nothing was saved."""
    event = make_event(
        "summit",
        title_en="Baku Summit",
        publish_at=START + datetime.timedelta(hours=1),
        expires_at=START + datetime.timedelta(days=2),
    )
    make_release("related", related_event=event)
    with freeze_time(START):
        assert index_what_time_changed() == 0  # the first run sets the clock
        assert found(client, "baku summit") == []
    with freeze_time(START + datetime.timedelta(hours=2)):
        assert found(client, "baku summit") == []
        assert index_what_time_changed() == 1
        assert found(client, "baku summit") == ["related title en"]
        # The same moment is not followed twice.
        assert index_what_time_changed() == 0
    with freeze_time(START + datetime.timedelta(days=3)):
        assert index_what_time_changed() == 1
        assert found(client, "baku summit") == []
    assert Clock.objects.get().until == START + datetime.timedelta(days=3)


def test_a_post_beginning_titles_its_holder_and_their_releases(client):
    """A post taken up tomorrow: its holder, and a release quoting them dated
    from then, are found by its title once the day has come, after days when
    no worker ran."""
    tomorrow = timezone.localdate(START) + datetime.timedelta(days=1)
    person = Person.objects.create(name="Awa Economist", slug="awa")
    Appointment.objects.create(
        person=person,
        position=Position.objects.create(title_en="Chief Economist"),
        start=tomorrow,
    )
    release = make_release(
        "quoting", publish_at=START + datetime.timedelta(days=1, hours=12)
    )
    release.people_quoted.add(person)
    with freeze_time(START):
        index_what_time_changed()
    with freeze_time(START + datetime.timedelta(days=5)):
        assert found(client, "chief economist") == []
        assert found(client, "chief economist", "person") == []
        assert index_what_time_changed() == 2
        assert found(client, "chief economist") == ["quoting title en"]
        assert found(client, "chief economist", "person") == ["Awa Economist"]


@pytest.mark.django_db(transaction=True)
def test_many_releases_are_left_to_the_worker(client, settings):
    """Past NEWSROOM_SEARCH_INDEX_AT_ONCE, the releases wait as rows for the
    worker's batches, as after a rename."""
    from newsroom.search.models import Waiting
    from tests.distribution.conftest import work_queue

    settings.NEWSROOM_SEARCH_INDEX_AT_ONCE = 1
    event = make_event(
        "forum",
        title_en="Caspian Forum",
        publish_at=START + datetime.timedelta(hours=1),
    )
    for name in ("first", "second"):
        make_release(name, related_event=event)
    with freeze_time(START):
        index_what_time_changed()
    with freeze_time(START + datetime.timedelta(hours=2)):
        assert index_what_time_changed() == 2
        assert Waiting.objects.count() == 2
        assert found(client, "caspian forum") == []
        work_queue()
        assert sorted(found(client, "caspian forum")) == [
            "first title en",
            "second title en",
        ]
