"""The release list's countries: one indexed row per (release, country), kept on
every save, behind the country filter and the countries the list offers."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.core.publication import PublicationState
from newsroom.models import ReleaseCountry
from tests.factories import make_release, parse

LIST = "/en/press-releases/"


def rows_of(release):
    return sorted(
        ReleaseCountry.objects.filter(release=release).values_list("country", flat=True)
    )


def offered(client):
    page = parse(client.get(LIST))
    return sorted(page.xpath("//select[@name='country']/option[@value!='']/@value"))


@pytest.mark.django_db
def test_the_rows_follow_the_countries_of_each_save():
    """Saving a release writes its countries' rows, a change replaces them and a
    deletion removes them."""
    release = make_release("kenya", countries=["KE", "UG"])
    assert rows_of(release) == ["KE", "UG"]

    release.countries = ["UG", "TZ"]
    release.save()
    assert rows_of(release) == ["TZ", "UG"]

    release.delete()
    assert not ReleaseCountry.objects.exists()


@pytest.mark.django_db
def test_the_filter_and_its_choices_follow_live_releases_only(client):
    """The list offers a country while a live release has it, and its filter shows
    those releases: a country only a draft has is neither offered nor found."""
    live = make_release("kenya", countries=["KE"])
    make_release("draft", state=PublicationState.DRAFT, countries=["BJ"])

    assert offered(client) == ["KE"]
    page = parse(client.get(f"{LIST}?country=KE"))
    assert page.xpath(f"//a[contains(@href, '{live.slug_en}')]")
    assert client.get(f"{LIST}?country=BJ").status_code == 200
    assert not parse(client.get(f"{LIST}?country=BJ")).xpath(
        "//a[contains(@href, 'draft')]"
    )

    live.state = PublicationState.WITHDRAWN
    live.save()
    assert offered(client) == []


@pytest.mark.django_db
def test_no_query_reads_the_countries_text_of_every_release(client):
    """The filtered list and its choices go through ReleaseCountry's index: no
    query matches a pattern against the releases' countries column."""
    make_release("kenya", countries=["KE", "UG"])
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"{LIST}?country=UG")
    assert response.status_code == 200
    assert not [q for q in queries if "LIKE" in q["sql"].upper()]
    assert not [q for q in queries if "DISTINCT" in q["sql"].upper()]


@pytest.mark.django_db
def test_a_save_of_other_fields_leaves_the_rows_alone():
    """A save that names its fields and not the countries reads and writes no
    country row; a new release costs one insert and no read."""
    with CaptureQueriesContext(connection) as queries:
        release = make_release("kenya", countries=["KE"])
    touching = [q for q in queries if "releasecountry" in q["sql"].lower()]
    assert [q["sql"].split()[0].upper() for q in touching] == ["INSERT"]

    release.title_en = "Kenya, again"
    with CaptureQueriesContext(connection) as queries:
        release.save(update_fields=["title_en"])
    assert not [q for q in queries if "releasecountry" in q["sql"].lower()]

    release.countries = ["UG"]
    release.save(update_fields=["countries"])
    assert rows_of(release) == ["UG"]
