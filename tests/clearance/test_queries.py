"""Clearance reads a fixed number of rows per page, whatever the archive."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from newsroom.clearance import revisions
from newsroom.models import PressRelease
from tests.factories import make_release

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def queries(client, url):
    with CaptureQueriesContext(connection) as captured:
        assert client.get(url).status_code == 200
    return len(captured)


def add_items(count, publisher):
    for _index in range(count):
        release = make_release(state="review")
        live = make_release()
        live.lead_en = "Waiting words."
        revisions.save_working_copy(live, publisher)
    return release


def test_the_list_and_the_index_panel_cost_the_same_for_any_number(client, people):
    """The release list (with its "changes waiting" column) and the admin index
    (with "Waiting for me") run as many queries for 2 items as for 8."""
    client.force_login(people["publisher"])
    add_items(2, people["publisher"])
    client.get("/admin/")  # content types cached, like in any running server
    few = [queries(client, admin_url(PressRelease)), queries(client, "/admin/")]
    add_items(6, people["publisher"])
    many = [queries(client, admin_url(PressRelease)), queries(client, "/admin/")]
    assert few == many
