"""The admin's release list stays fast on a large table: on PostgreSQL the count
of the unfiltered list comes from the planner's statistics, a filtered list is
counted exactly, and the whole table is never counted a second time; the years
and months it offers are probed, not read from every row."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.admin.publishable import EstimatedCountPaginator
from newsroom.core.publication import PublicationState
from tests.factories import make_release, parse

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/newsroom/pressrelease/"


def counts(queries):
    return [query["sql"] for query in queries if "COUNT(" in query["sql"].upper()]


def test_the_filtered_list_counts_once(admin_client):
    """A filtered list counts its matches, and not the whole table besides."""
    make_release("one")
    make_release("two", state=PublicationState.DRAFT)
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST, {"state__exact": "draft"})
    assert response.status_code == 200
    assert len(counts(queries)) == 1
    assert response.context["cl"].result_count == 1


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's statistics only"
)
def test_the_whole_list_is_estimated_on_postgresql(admin_client, monkeypatch):
    """Past the threshold, the unfiltered count is the table's statistics (here
    taken with three rows, then two more added): no COUNT is run."""
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 1)
    for number in range(3):
        make_release(f"counted{number}")
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_pressrelease")
    make_release("unseen1")
    make_release("unseen2")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST)
    assert response.status_code == 200
    assert counts(queries) == []
    assert response.context["cl"].result_count == 3


def dated(year, month):
    return datetime.datetime(year, month, 10, 12, tzinfo=datetime.UTC)


def test_years_and_months_are_probed_not_read_from_every_row(admin_client):
    """The year filter and the date hierarchy offer the years (and, in a year, the
    months) that have releases, with no DISTINCT over the table."""
    for when in (dated(2019, 3), dated(2019, 11), dated(2022, 6)):
        make_release(publish_at=when)
    make_release(state=PublicationState.DRAFT, publish_at=dated(2024, 1))
    with CaptureQueriesContext(connection) as queries:
        page = parse(admin_client.get(CHANGELIST))
    assert not [q for q in queries if "DISTINCT" in q["sql"].upper()]
    hierarchy = page.xpath("//nav[@class='toplinks']//a/text()")
    assert [text.strip() for text in hierarchy] == ["2019", "2022", "2024"]
    year_filter = page.xpath("//details[@data-filter-title='year']//a/text()")
    assert [text.strip() for text in year_filter][1:] == ["2024", "2022", "2019"]

    with CaptureQueriesContext(connection) as queries:
        page = parse(admin_client.get(CHANGELIST, {"publish_at__year": "2019"}))
    assert not [q for q in queries if "DISTINCT" in q["sql"].upper()]
    months = page.xpath("//nav[@class='toplinks']//a/text()")
    assert [text.strip() for text in months[1:]] == ["March 2019", "November 2019"]


def probes(queries):
    return [query for query in queries if "WITH period" in query["sql"]]


def test_the_years_are_probed_once_per_list(admin_client):
    """The years of an unfiltered list are found once, for the year filter and
    the date hierarchy alike; a filtered list's hierarchy has its own (fewer)
    years, and the filter still offers every year."""
    for when in (dated(2019, 3), dated(2022, 6)):
        make_release(publish_at=when)
    make_release(state=PublicationState.DRAFT, publish_at=dated(2024, 1))
    with CaptureQueriesContext(connection) as queries:
        page = parse(admin_client.get(CHANGELIST))
    assert len(probes(queries)) == 1
    hierarchy = page.xpath("//nav[@class='toplinks']//a/text()")
    assert [text.strip() for text in hierarchy] == ["2019", "2022", "2024"]

    with CaptureQueriesContext(connection) as queries:
        page = parse(admin_client.get(CHANGELIST, {"state__exact": "published"}))
    assert len(probes(queries)) == 2
    hierarchy = page.xpath("//nav[@class='toplinks']//a/text()")
    assert [text.strip() for text in hierarchy] == ["2019", "2022"]
    year_filter = page.xpath("//details[@data-filter-title='year']//a/text()")
    assert [text.strip() for text in year_filter][1:] == ["2024", "2022", "2019"]


@pytest.mark.skipif(
    connection.vendor != "postgresql", reason="PostgreSQL's planner only"
)
def test_a_large_filtered_list_counts_up_to_a_bound_then_estimates(
    admin_client, monkeypatch
):
    """A filtered list counts no further than EXACT_BELOW rows (a COUNT over a
    LIMIT); past it, the planner's estimate of its rows stands for the count."""
    monkeypatch.setattr(EstimatedCountPaginator, "EXACT_BELOW", 2)
    for number in range(6):
        make_release(f"published{number}")
    make_release("draft", state=PublicationState.DRAFT)
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE newsroom_pressrelease")
    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST, {"state__exact": "published"})
    assert response.status_code == 200
    [count] = counts(queries)
    assert "LIMIT 2" in count
    assert response.context["cl"].result_count == 6

    with CaptureQueriesContext(connection) as queries:
        response = admin_client.get(CHANGELIST, {"state__exact": "draft"})
    assert response.context["cl"].result_count == 1
