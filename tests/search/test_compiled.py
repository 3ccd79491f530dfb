"""The SQL of a search is built once per shape on PostgreSQL and gives what the
ORM's queries built for each search give."""

import datetime

import pytest
from django.db import DatabaseError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from newsroom.search import compiled, results
from newsroom.search.query import parse
from newsroom.search.results import Filters, Search
from organisation.models import Person
from tests.factories import ahead, make_event, make_page, make_person, make_release

pytestmark = pytest.mark.django_db

postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: the other databases build a search's SQL each time "
    "(run with DATABASE_URL=postgres://…)",
)

QUERIES = ("sahel", "sahel floods", '"sahel floods"', "sahel -floods", "kiwi or sahel")


def found(search, kind, offset=0, limit=10):
    return [
        (hit.entry.pk, hit.entry.lang, hit.entry.total, hit.snippet)
        for hit in search.hits(kind, offset, limit)
    ]


@postgresql_only
def test_templates_give_what_the_orm_gives(monkeypatch):
    """Every kind, query shape, filter and page: the same hits, in the same
    order, with the same counts and snippets, built once or each time."""
    for index in range(4):
        make_release(body_en="<p>Sahel floods</p>", versions={"fr": "ready"})
        make_release(body_en=f"<p>Floods in the Sahel {index}</p>", original="fr")
    make_event(description_en="<p>Sahel floods</p>")
    make_page(body_en="<p>Sahel, kiwi</p>")
    make_person("Sahel Floods", "sahel-floods")
    cases = [
        (query, lang, filters)
        for query in QUERIES
        for lang in ("en", "fr")
        for filters in (Filters(), Filters(year=timezone.localdate().year))
    ]
    kept = []
    for query, lang, filters in cases:
        search = Search(parse(query), lang, filters)
        kept.append([found(search, kind, 1, 2) for kind in search.kinds])
        kept[-1].append(dict(search.counts))
        assert search.template("hits", "release", 1, 2) is not None
        assert search.template("count", "release") is not None
    monkeypatch.setattr(Search, "template", lambda *args: None)
    for (query, lang, filters), expected in zip(cases, kept, strict=True):
        search = Search(parse(query), lang, filters)
        each_time = [found(search, kind, 1, 2) for kind in search.kinds]
        assert each_time + [dict(search.counts)] == expected
    assert any(hits for case in kept for hits in case[:-1])


@postgresql_only
def test_template_reads_the_time_of_each_search():
    """One shape, two moments: a release scheduled between them and a person
    quoted in it are found only at the second."""
    release = make_release("embargoed", publish_at=ahead(hours=2))
    quoted = Person.objects.create(name="Embargoed Speaker", slug="speaker")
    release.people_quoted.add(quoted)
    later = timezone.now() + datetime.timedelta(hours=3)
    results.shape.cache_clear()
    for at, expected in ((None, 0), (later, 1)):
        search = Search(parse("embargoed"), "en", at=at)
        assert search.counts["release"] == expected
        assert search.counts["person"] == expected
        assert search.template("count", "person") is not None
    assert results.shape.cache_info().hits > 0


def sent(search):
    """The SQL that `search.best(3)` sent, and what it found."""
    with CaptureQueriesContext(connection) as queries:
        found = search.best(3)
    return [query["sql"] for query in queries], found


@postgresql_only
def test_queries_of_a_page_prepared_once_per_connection():
    """All the kinds' queries in one round trip, prepared the first time only,
    then executed with the search's values; prepared anew after an error."""
    release = make_release(body_en="<p>Sahel floods</p>")
    compiled.PREPARED.pop(connection.connection, None)
    (first,), found = sent(Search(parse("sahel"), "en"))
    assert first.count("PREPARE") == len(found) == 5
    assert [hit.entry.release_id for hit in found["release"]] == [release.pk]
    (again,), found = sent(Search(parse("floods"), "en"))
    assert "PREPARE" not in again and again.count("EXECUTE") == 5
    assert [hit.entry.release_id for hit in found["release"]] == [release.pk]
    # Statements gone behind its back: the search fails once, then prepares anew.
    with connection.cursor() as cursor:
        cursor.execute("DEALLOCATE ALL")
    with pytest.raises(DatabaseError), transaction.atomic():
        sent(Search(parse("sahel"), "en"))
    (anew,), found = sent(Search(parse("sahel"), "en"))
    assert anew.count("PREPARE") == 5 and found["release"]


@postgresql_only
def test_prepared_statements_bounded(monkeypatch):
    """Past MAX_PREPARED statements, a connection forgets them all."""
    make_release(body_en="<p>Sahel floods</p>")
    monkeypatch.setattr(compiled, "MAX_PREPARED", 6)
    sent(Search(parse("sahel"), "en"))
    (other,), found = sent(Search(parse('"sahel floods"'), "en"))
    assert other.count("DEALLOCATE ALL") == 1 and found["release"]
    assert len(compiled.PREPARED[connection.connection]) == 5
