"""The release list's filter choices, built by the `options` tag: escaped, the
chosen value marked, the countries sorted by their name in the page's language."""

import pytest
from django.urls import reverse
from django.utils import translation

from newsroom.models import Topic
from tests.factories import make_release, make_topic, parse


@pytest.mark.django_db
def test_options_are_escaped_and_mark_the_chosen_values(client):
    topic = make_topic("tools")
    Topic.objects.filter(pk=topic.pk).update(name_en='Tools <b>&</b> "more"')
    release = make_release("kenya", topics=[topic], countries=["KE", "UG"])
    year = str(release.publish_at.year)

    response = client.get(
        "/en/press-releases/", {"topic": topic.slug_en, "year": year, "country": "UG"}
    )
    assert response.status_code == 200
    assert b"<b>&</b>" not in response.content
    page = parse(response)
    [option] = page.xpath("//select[@name='topic']/option[@value!='']")
    assert option.text == 'Tools <b>&</b> "more"'
    assert option.get("value") == topic.slug_en
    selected = {
        select.get("name"): select.xpath("option[@selected]/@value")
        for select in page.xpath("//form[@role='search']//select")
    }
    assert selected == {
        "year": [year],
        "region": [],
        "country": ["UG"],
        "office": [],
        "topic": [topic.slug_en],
    }


@pytest.mark.django_db
def test_countries_are_sorted_by_their_name_in_each_language(client):
    make_release("europe", countries=["AT", "DE", "ES"])

    def offered(lang):
        with translation.override(lang):
            page = parse(client.get(reverse("newsroom:release-list")))
        return page.xpath("//select[@name='country']/option[@value!='']/@value")

    assert offered("en") == ["AT", "DE", "ES"]  # Austria, Germany, Spain
    assert offered("fr") == ["DE", "AT", "ES"]  # Allemagne, Autriche, Espagne
    assert offered("en") == ["AT", "DE", "ES"]
