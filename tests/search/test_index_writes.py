"""Each change writes an item's rows once, however many of its rows it saves."""

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.core.publication import PublicationState
from newsroom.models import PressRelease, Quote
from newsroom.search.models import Entry
from newsroom.translations.exporting import export_catalogue
from newsroom.translations.importing import import_catalogue
from organisation.models import Person
from tests.factories import form_data, make_release

from .conftest import search, titles

pytestmark = pytest.mark.django_db


def index_writes(queries):
    """How many times rows of the index were written."""
    return sum(
        query["sql"].startswith('INSERT INTO "search_entry"') for query in queries
    )


def edit(client, release, quotes):
    """The change form of `release`, given `quotes` quotes, with its lead, its
    quotes' words and its people quoted edited: (its address, its data)."""
    client.force_login(User.objects.create_superuser("editor", "e@example.org", "x"))
    for order in range(quotes):
        Quote.objects.create(release=release, order=order, text_en=f"Said {order}")
    person = Person.objects.create(name="Ngozi Quoted", slug="ngozi")
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    data = form_data(client.get(change))
    data.update(
        {
            "lead_en": "A lead about harvests.",
            "people_quoted": [str(person.pk)],
            **{
                f"quotes-{order}-text_en": f"Harvest {order}" for order in range(quotes)
            },
        }
    )
    return change, data


@pytest.mark.parametrize("count", [1, 4])
def test_publishing_changes_indexes_the_release_once(client, count):
    """A publisher publishes a working copy that changed the text of a live
    release, its `count` quotes and the people it quotes: its rows are written
    once, and hold the new words."""
    release = make_release("copied")
    change, data = edit(client, release, count)
    assert client.post(change, data).status_code == 302
    assert titles(search(client, "harvest")) == []
    data = form_data(client.get(change))
    with CaptureQueriesContext(connection) as queries:
        response = client.post(change, {**data, "_clearance": "publish_changes"})
    assert response.status_code == 302
    assert index_writes(queries) == 1
    assert titles(search(client, "harvest ngozi")) == ["copied title en"]
    assert PressRelease.objects.get().quotes.count() == count


def test_saving_a_draft_with_quotes_indexes_it_once(client):
    """An editor saves a draft release whose text, quotes and people quoted
    changed in the form: its rows are written once."""
    release = make_release("draft", state="draft", publish_at=None)
    change, data = edit(client, release, 3)
    with CaptureQueriesContext(connection) as queries:
        assert client.post(change, data).status_code == 302
    assert index_writes(queries) == 1


def test_a_translation_import_indexes_each_release_once(client):
    """A PO file translating three draft releases and their quotes writes the
    index rows of all of them at once, at the end of the import, with the new
    words."""
    for name in ("first", "second", "third"):
        release = make_release(name, state=PublicationState.DRAFT)
        for order in range(2):
            Quote.objects.create(release=release, order=order, text_en=f"Said {order}")
    po = export_catalogue("fr", [PressRelease.objects.all(), Quote.objects.all()])
    for entry in po:
        entry.msgstr = f"moisson {entry.msgid}"
    with CaptureQueriesContext(connection) as queries:
        report = import_catalogue(str(po), language="fr")
    assert len(report.changes) > 9
    assert index_writes(queries) == 1
    rows = PressRelease.objects.filter(title_fr__startswith="moisson")
    assert rows.count() == 3
    assert Entry.objects.filter(lang="fr", body__contains="moisson Said 1").count() == 3
