"""People mentioned beside people quoted, the releases on a person's page, and
related releases (the editor's choice, completed by the same topics)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from newsroom.core.publication import PublicationState
from newsroom.models import Quote
from organisation.models import Person
from tests.factories import (
    EVERY_LANGUAGE,
    ago,
    ahead,
    make_person,
    make_release,
    make_topic,
    parse,
)

from .conftest import json_ld, path_in

pytestmark = pytest.mark.django_db

DRAFT, PUBLISHED = PublicationState.DRAFT, PublicationState.PUBLISHED


def person_url(person):
    return reverse("organisation:person-detail", kwargs={"slug": person.slug})


def listed(tree, section):
    return [
        " ".join(a.text_content().split())
        for a in tree.xpath(f"//section[@class='{section}']//li/a")
    ]


def test_people_mentioned_are_listed_apart_from_people_quoted(client):
    """A mentioned person is listed under "People mentioned" with their title, not
    under "People quoted"; JSON-LD mentions both."""
    quoted = make_person("Quoted One", "quoted-one")
    mentioned = make_person("Named Two", "named-two")
    release = make_release("mentions")
    release.people_quoted.set([quoted])
    release.people_mentioned.set([mentioned, quoted])
    response = client.get(path_in(release, "en"))
    tree = parse(response)
    assert listed(tree, "people-quoted") == ["Quoted One"]
    assert listed(tree, "people-mentioned") == ["Named Two"]
    assert "Adviser named-two" in tree.xpath(
        "string(//section[@class='people-mentioned'])"
    )
    article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
    assert {p["name"] for p in article["mentions"]} == {"Quoted One", "Named Two"}


def test_someone_mentioned_only_in_a_draft_has_no_page(client):
    guest = Person.objects.create(name="Only Named", slug="only-named")
    draft = make_release("hidden", state=DRAFT, publish_at=None)
    draft.people_mentioned.set([guest])
    assert client.get(person_url(guest)).status_code == 404
    live = make_release("shown")
    live.people_mentioned.set([guest])
    assert client.get(person_url(guest)).status_code == 200


def test_a_person_page_lists_the_live_releases_naming_them(client):
    """Quoted in the list, in a quote or mentioned: each live release once,
    latest first (each release made later went live a second earlier); drafts
    and scheduled releases never."""
    person = make_person("Ada Named", "ada-named")
    by_list = make_release("bylist")
    by_list.people_quoted.set([person])
    by_quote = make_release("byquote")
    Quote.objects.create(release=by_quote, person=person, text_en="Words.")
    by_mention = make_release("bymention")
    by_mention.people_mentioned.set([person])
    both = make_release("both")
    both.people_quoted.set([person])
    both.people_mentioned.set([person])
    for hidden in (
        make_release("draftnaming", state=DRAFT, publish_at=None),
        make_release("laternaming", publish_at=ahead(days=1)),
    ):
        hidden.people_mentioned.set([person])
    tree = parse(client.get(person_url(person), HTTP_ACCEPT_LANGUAGE="en"))
    assert listed(tree, "person-releases") == [
        "bylist title en",
        "byquote title en",
        "bymention title en",
        "both title en",
    ]


def test_a_person_page_reads_as_few_rows_whatever_the_archive(client):
    """The page runs the same number of queries and lists at most ten releases."""
    person = make_person("Busy Person", "busy-person")

    def queries():
        with CaptureQueriesContext(connection) as captured:
            response = client.get(person_url(person))
        return len(captured), len(listed(parse(response), "person-releases"))

    make_release("first").people_mentioned.set([person])
    few = queries()
    for number in range(14):
        make_release(f"more{number}").people_mentioned.set([person])
    many = queries()
    assert few == (few[0], 1)
    assert many == (few[0], 10)


def test_related_releases_are_chosen_then_completed_by_topic(client):
    """The editor's live choices first, then the latest live releases of the same
    topics, three in all; a draft choice and the release itself never."""
    topic = make_topic("health")
    other_topic = make_topic("climate")
    chosen = make_release("chosen", topics=[other_topic])
    draft = make_release("draftchoice", state=DRAFT, publish_at=None)
    make_release("oldesttopic", topics=[topic], publish_at=ago(days=30))
    older = make_release("oldertopic", topics=[topic], publish_at=ago(days=20))
    newer = make_release("newertopic", topics=[topic], publish_at=ago(days=10))
    make_release("unrelated", topics=[other_topic])
    release = make_release("subject", topics=[topic])
    release.related_releases.set([chosen, draft])
    tree = parse(client.get(path_in(release, "en")))
    assert listed(tree, "related-releases") == [
        "chosen title en",
        newer.title_en,
        older.title_en,
    ]


def test_no_topic_no_choice_no_section(client):
    release = make_release("alone")
    tree = parse(client.get(path_in(release, "en")))
    assert not tree.xpath("//section[@class='related-releases']")


def test_related_releases_read_only_what_their_links_show(client):
    """Each related release links to the version the visitor reads (theirs, else
    the original, so marked), from a query that reads no text but titles and
    slugs: only the release's own query reads a body."""
    french = make_release("french", versions=EVERY_LANGUAGE)
    english_only = make_release("englishonly")
    release = make_release("subject", versions=EVERY_LANGUAGE)
    release.related_releases.set([french, english_only])
    with CaptureQueriesContext(connection) as captured:
        tree = parse(client.get(path_in(release, "fr")))
    links = tree.xpath("//section[@class='related-releases']//li/a")
    assert [(a.text, a.get("lang"), a.get("href")) for a in links] == [
        ("french title fr", "fr", path_in(french, "fr")),
        ("englishonly title en", "en", path_in(english_only, "fr")),
    ]
    body = '"newsroom_pressrelease"."body_fr"'
    assert len([query for query in captured if body in query["sql"]]) == 1


def test_a_person_page_reads_only_what_its_release_links_show(client):
    """The releases naming a person link to the version the visitor reads, from
    a query that reads no release's body."""
    person = make_person("Link Person", "link-person")
    english_only = make_release("personenglish")
    english_only.people_mentioned.set([person])
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path_in(person, "fr"))
    links = parse(response).xpath("//section[@class='person-releases']//li/a")
    assert [(a.text, a.get("lang"), a.get("href")) for a in links] == [
        ("personenglish title en", "en", path_in(english_only, "fr")),
    ]
    assert not [q for q in captured if '"newsroom_pressrelease"."body_en"' in q["sql"]]
