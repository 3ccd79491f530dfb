"""Each organisation page runs the same number of SQL queries whatever the number
of offices, units and positions."""

import datetime

import pytest
from django.db import connection
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


def count_queries(client, url, shown):
    """The queries of one request to `url`, whose page must show `shown`."""
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    assert shown in response.content.decode()
    return len(queries)


@pytest.mark.parametrize(
    ("url", "last_item"),
    [
        ("/en/who-we-are/", "Unit {}"),
        ("/fr/qui-sommes-nous/structure/", "Head (f) {}"),
        ("/es/oficinas/", "Office {}"),
        ("/fr/bureaux/main/", "Main {}"),
        ("/en/offices/o-a0/", "Head (f) a0"),
    ],
)
def test_page_query_count_does_not_grow(client, url, last_item):
    """The same queries for 3 and for 30 of everything."""
    OrganisationProfile.objects.create(name="Organisation", acronym="ORG")
    grow_organisation(3, "a")
    small = count_queries(client, url, last_item.format("a2"))
    grow_organisation(27, "b")
    assert Unit.objects.count() == 60
    assert count_queries(client, url, last_item.format("b26")) == small
