"""Schemathesis against the schema the API serves: for every operation, generated
requests (valid and invalid) never get a 5xx, and every response conforms to
the schema (status code, content type, headers, body)."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings

from newsroom.core.publication import PublicationState
from tests.factories import (
    EVERY_LANGUAGE,
    make_contact,
    make_event,
    make_office,
    make_region,
    make_release,
    make_topic,
)

# Loaded from the API itself, as a client would.
schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", get_wsgi_application())


@schema.hook("map_query")
def without_cursor(context, query):
    """A cursor is opaque: only the API makes valid ones, so a generated one is
    refused (400) though the schema cannot say so. test_releases.py follows real
    cursors and sends forged ones."""
    if query:
        query.pop("cursor", None)
    return query


@pytest.fixture
def keep_connection():
    """The WSGI application closes the database connection after each request
    (CONN_MAX_AGE 0), which would end the test's transaction; Django's test
    client keeps it open the same way."""
    signals = (request_started, request_finished)
    for signal in signals:
        signal.disconnect(close_old_connections)
    yield
    for signal in signals:
        signal.connect(close_old_connections)


@pytest.fixture
def rows(db, keep_connection):
    """Rows for the operations to find: live, withdrawn and draft releases and
    events, contacts, an office in a region."""
    office = make_office("vienna", region=make_region("europe"), country="AT")
    topic = make_topic("climate")
    make_release(
        "live",
        versions=EVERY_LANGUAGE,
        issuing_office=office,
        topics=[topic],
        contacts=[make_contact("press", office=office)],
        countries=["AT"],
    )
    make_release("gone", state=PublicationState.WITHDRAWN)
    make_release("draft", state=PublicationState.DRAFT)
    make_event("summit", versions=EVERY_LANGUAGE)
    make_event("cancelled", state=PublicationState.WITHDRAWN)


@pytest.mark.django_db
@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_operation_conforms_and_never_fails(rows, case):
    # Schemathesis's WSGI transport does not undo gzip (which pages and the API
    # get in production, newsroom.views.compression): ask for the plain body.
    case.call_and_validate(headers={"Accept-Encoding": "identity"})
