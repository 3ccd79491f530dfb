"""Each organisation page runs the same number of SQL queries whatever the number
of offices, units and positions."""

import datetime

import pytest
from django.db import connection
from django.test import Client, override_settings
from django.test.utils import CaptureQueriesContext

from organisation.models import (
    Appointment,
    Office,
    OrganisationProfile,
    Person,
    Position,
    Region,
    Unit,
)
from tests.factories import shared_rows

pytestmark = pytest.mark.django_db

COUNTRIES = ["AT", "CH", "FR", "ES", "AZ", "KE", "PE"]


def grow_organisation(size, prefix):
    """Add `size` regions' worth of offices, units, positions and holders, hung
    under the office "main" (created first)."""
    main, _created = Office.objects.get_or_create(
        slug_en="main", defaults={"kind": Office.Kind.HEADQUARTERS, "name": "Main"}
    )
    for i in range(size):
        region = Region.objects.create(
            name=f"Region {prefix}{i}", slug=f"r-{prefix}{i}"
        )
        office = Office.objects.create(
            kind=Office.Kind.COUNTRY,
            name=f"Office {prefix}{i}",
            slug_en=f"o-{prefix}{i}",
            country=COUNTRIES[i % len(COUNTRIES)],
            region=region,
            parent=main,
        )
        unit = Unit.objects.create(name=f"Unit {prefix}{i}", slug=f"u-{prefix}{i}")
        child = Unit.objects.create(
            name=f"Division {prefix}{i}", slug=f"d-{prefix}{i}", parent=unit
        )
        for where in ({"unit": unit}, {"unit": child}, {"office": office}):
            position = Position.objects.create(
                title=f"Head {prefix}{i}",
                title_feminine=f"Head (f) {prefix}{i}",
                **where,
            )
            for sequence, gender in enumerate("mf"):  # the later one holds it
                person = Person.objects.create(
                    name=f"Person {prefix}{i}{sequence}{where}",
                    slug=f"p-{prefix}{i}-{sequence}-{position.pk}",
                    gender=gender,
                )
                Appointment.objects.create(
                    person=person,
                    position=position,
                    start=datetime.date(2000 + 10 * sequence, 1, 1),
                )
        main_position = Position.objects.create(title=f"Main {prefix}{i}", office=main)
        Appointment.objects.create(
            person=Person.objects.create(
                name=f"Main {prefix}{i}", slug=f"m-{prefix}{i}"
            ),
            position=main_position,
        )


PAGES = [
    ("/en/who-we-are/", "Unit {}"),
    ("/fr/qui-sommes-nous/structure/", "Head (f) {}"),
    ("/es/oficinas/", "Office {}"),
    ("/fr/bureaux/main/", "Main {}"),
    ("/en/offices/o-a0/", "Head (f) a0"),
]


def measure(client, url, shown):
    """The status of one request to `url`, whether its page shows `shown`, and
    how many queries it ran."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response.status_code, shown in response.content.decode(), len(queries)


@pytest.fixture(scope="module")
def measured(django_db_setup, django_db_blocker):
    """Every page measured with 3 of everything, then (the same requests in the
    same order) with 30; the organisation is built once for the module and
    rolled back after it. Nothing is remembered (`computed_every_time`, which a
    module's fixture comes before): each count includes the site's frame."""

    @override_settings(NEWSROOM_REMEMBER_SECONDS=0)
    def build():
        client = Client()
        OrganisationProfile.objects.create(name="Organisation", acronym="ORG")
        grow_organisation(3, "a")
        small = {url: measure(client, url, last.format("a2")) for url, last in PAGES}
        grow_organisation(27, "b")
        large = {url: measure(client, url, last.format("b26")) for url, last in PAGES}
        return small, large, Unit.objects.count()

    with shared_rows(django_db_blocker, build) as built:
        yield built


@pytest.mark.parametrize("url", [url for url, _last in PAGES])
def test_page_query_count_does_not_grow(measured, url):
    """The same queries for 3 and for 30 of everything."""
    small, large, units = measured
    assert units == 60
    assert small[url][:2] == (200, True)
    assert large[url][:2] == (200, True)
    assert large[url][2] == small[url][2]
