"""Reference numbers: PR/<year>/<serial>, unique within a year, given at first
publication and kept; shown on the page, in JSON-LD, found by the search."""

import datetime
import threading

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.urls import reverse

from newsroom.core.publication import PublicationState
from newsroom.models import PressRelease
from tests.factories import make_release, parse, text_of
from tests.search.conftest import search, titles

from .conftest import json_ld, path_in

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationState.DRAFT, PublicationState.PUBLISHED


def at(year, month=6, day=1):
    return datetime.datetime(year, month, day, 12, tzinfo=datetime.UTC)


def test_numbers_count_per_year_of_publication():
    """Each year starts again at 001; a draft has none until it is published."""
    first = make_release("a", publish_at=at(2019, 3))
    second = make_release("b", publish_at=at(2019, 10))
    other_year = make_release("c", publish_at=at(2020, 1))
    draft = make_release("d", state=DRAFT, publish_at=None)
    assert [first.reference, second.reference, other_year.reference] == [
        "PR/2019/001",
        "PR/2019/002",
        "PR/2020/001",
    ]
    assert draft.reference == ""
    draft.state, draft.publish_at = PUBLISHED, at(2019, 12)
    draft.save()
    assert PressRelease.objects.get(pk=draft.pk).reference == "PR/2019/003"


def test_a_number_is_kept_through_withdrawal_and_new_dates():
    """Once given, the number stays: withdrawn, republished, rescheduled."""
    release = make_release("kept", publish_at=at(2019, 5))
    release.state = PublicationState.WITHDRAWN
    release.save()
    release.state, release.publish_at = PUBLISHED, at(2021, 1)
    release.save()
    release.refresh_from_db()
    assert release.reference == "PR/2019/001"


def test_a_number_is_never_given_twice():
    """The database refuses a second release with the same year and serial."""
    make_release("one", publish_at=at(2019))
    clash = make_release("two", state=DRAFT, publish_at=None)
    with pytest.raises(Exception):  # noqa: B017 - IntegrityError, any backend
        PressRelease.objects.filter(pk=clash.pk).update(
            reference_year=2019, reference_serial=1
        )


@pytest.mark.django_db(transaction=True)
def test_releases_published_at_once_get_different_numbers():
    """Two editors publishing at the same moment: two numbers, no error."""
    if connection.vendor == "sqlite":
        pytest.skip("SQLite serialises writers: no two saves run at once")
    drafts = [make_release(f"race{n}", state=DRAFT, publish_at=None) for n in range(4)]
    barrier = threading.Barrier(len(drafts))
    errors = []

    def publish(pk):
        try:
            release = PressRelease.objects.get(pk=pk)
            release.state, release.publish_at = PUBLISHED, at(2019)
            barrier.wait()
            release.save()
        except Exception as error:  # pragma: no cover - reported below
            errors.append(error)
        finally:
            connection.close()

    threads = [threading.Thread(target=publish, args=[d.pk]) for d in drafts]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    serials = PressRelease.objects.values_list("reference_serial", flat=True)
    assert sorted(serials) == [1, 2, 3, 4]


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_number_is_shown_and_described(client, lang):
    release = make_release("shown", publish_at=at(2019), versions={"fr": "ready"})
    response = client.get(path_in(release, lang))
    assert "PR/2019/001" in text_of(
        parse(response), "//p[contains(@class, 'reference')]"
    )
    article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
    assert article["identifier"] == "PR/2019/001"


def test_the_number_is_searchable(client):
    """The public search and the admin's find a release by its number."""
    make_release("first", publish_at=at(2019))
    make_release("second", publish_at=at(2019, 7))
    assert titles(search(client, "PR/2019/002")) == ["second title en"]
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "x"))
    response = client.get(
        reverse("admin:newsroom_pressrelease_changelist"), {"q": "pr/2019/1"}
    )
    assert [
        a.text for a in parse(response).xpath("//th[@class='field-__str__']/a")
    ] == ["first title en"]


@pytest.mark.parametrize("query", ["PR/2019/2", "pr/2019/0002", '"PR/2019/2"'])
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_number_is_searchable_without_its_zeros(client, query, lang):
    """The public search finds a number typed as the admin's search takes it,
    without the zeros of its serial ("PR/2019/2" for PR/2019/002), and not the
    number of another release."""
    make_release("first", publish_at=at(2019))
    make_release("second", publish_at=at(2019, 7))
    make_release("twentieth", publish_at=at(2020), body_en="<p>2019 and 2.</p>")
    assert titles(search(client, query, lang)) == ["second title en"]
