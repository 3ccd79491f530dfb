"""The admin's release list stays fast on a large table: on PostgreSQL the count
of the unfiltered list comes from the planner's statistics, a filtered list is
counted exactly, and the whole table is never counted a second time."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.admin.publishable import EstimatedCountPaginator
from newsroom.core.publication import PublicationState
from tests.factories import make_release

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
