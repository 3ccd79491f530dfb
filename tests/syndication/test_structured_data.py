"""schema.org JSON-LD and the Open Graph and Twitter cards in the pages' heads."""

import datetime
import json
import zoneinfo

import pytest
from django.contrib.staticfiles import finders
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone, translation
from lxml import html

from newsroom.models import Event
from organisation.models import Person
from tests.factories import DRAFT, EVERY_LANGUAGE, make_event, make_release

from .conftest import LANGUAGES, ORGANISATION_NAMES, stored_image

pytestmark = pytest.mark.django_db

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


def page(client, address):
    response = client.get(address)
    assert response.status_code == 200, address
    return response, html.fromstring(response.content)


def json_ld(document):
    """Every JSON-LD block of the page, parsed."""
    return [
        json.loads(script.text)
        for script in document.xpath("//script[@type='application/ld+json']")
    ]


def meta(document, key):
    values = document.xpath(f"//head/meta[@property='{key}' or @name='{key}']/@content")
    return values[0] if len(values) == 1 else values


def path_in(item, lang):
    with translation.override(lang):
        return item.get_absolute_url()


@pytest.mark.parametrize("lang", LANGUAGES)
def test_release_page_describes_a_news_article(client, organisation, photo, lang):
    """A release page's NewsArticle has headline, description, both dates, its
    language, URL, image, the organisation as author and publisher, and the people
    quoted."""
    person = Person.objects.create(name="Argentina Szabados", slug="szabados")
    release = make_release(
        "summit", versions=EVERY_LANGUAGE, main_photo=photo, dateline_city_en="Baku"
    )
    release.people_quoted.add(person)
    _response, document = page(client, path_in(release, lang))
    [article] = json_ld(document)
    assert article["@context"] == "https://schema.org"
    assert article["@type"] == "NewsArticle"
    assert article["headline"] == f"summit title {lang}"
    assert article["description"] == f"summit lead {lang}"
    assert article["inLanguage"] == lang
    assert article["url"] == f"http://testserver{path_in(release, lang)}"
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert published == release.publish_at
    assert article["dateModified"] == article["datePublished"]
    assert article["image"]["url"] != f"http://testserver{photo.image.url}"
    assert stored_image(article["image"]["url"])[:3] == ("JPEG", 60, 40)
    for role in ("author", "publisher"):
        assert article[role]["@type"] == "Organization"
        assert article[role]["name"] == ORGANISATION_NAMES[lang]
    assert article["mentions"] == [
        {
            "@type": "Person",
            "name": "Argentina Szabados",
            "url": f"http://testserver{path_in(person, lang)}",
        }
    ]


def test_a_correction_sets_date_modified_and_keeps_date_published(client, organisation):
    """After a correction, dateModified is the correction's time; datePublished
    stays the original date."""
    release = make_release(versions=EVERY_LANGUAGE)
    release.corrected_at = timezone.now()
    release.correction_note_en = "A figure was wrong."
    release.save()
    [article] = json_ld(page(client, path_in(release, "en"))[1])
    modified = datetime.datetime.fromisoformat(article["dateModified"])
    published = datetime.datetime.fromisoformat(article["datePublished"])
    assert (modified, published) == (release.corrected_at, release.publish_at)


def test_a_fallback_page_describes_the_original(client, organisation):
    """Asked in Spanish for a release whose Spanish version is a draft, the
    structured data is the English original's, never the draft."""
    release = make_release("summit", versions={"es": DRAFT})
    response, document = page(client, path_in(release, "es"))
    [article] = json_ld(document)
    assert (article["headline"], article["inLanguage"]) == ("summit title en", "en")
    assert article["url"] == f"http://testserver{path_in(release, 'en')}"
    for field in ("title", "lead", "body"):
        assert f"summit {field} es" not in response.content.decode()


def test_title_cannot_break_out_of_the_script(client, organisation):
    """A title holding </script> and an HTML comment stays inside the JSON-LD: the
    page has one script element and the JSON reads back the exact title."""
    title = 'Ban </script><script>alert("x")</script> <!-- & more'
    release = make_release(versions=EVERY_LANGUAGE, title_en=title)
    response, document = page(client, path_in(release, "en"))
    assert len(document.xpath("//script")) == 1
    assert json_ld(document)[0]["headline"] == title
    assert b"<script>alert" not in response.content


def test_release_page_has_open_graph_and_twitter_cards(client, organisation, photo):
    """A release page has Open Graph and Twitter tags: title, description, its
    canonical URL, the photo with its size and alt text, and the dates."""
    release = make_release("summit", versions=EVERY_LANGUAGE, main_photo=photo)
    _response, document = page(client, path_in(release, "fr"))
    canonical = document.xpath("//link[@rel='canonical']/@href")[0]
    assert meta(document, "og:type") == "article"
    assert meta(document, "og:title") == "summit title fr"
    assert meta(document, "og:description") == "summit lead fr"
    assert meta(document, "og:url") == canonical
    assert meta(document, "og:site_name") == ORGANISATION_NAMES["fr"]
    assert stored_image(meta(document, "og:image"))[:3] == ("JPEG", 60, 40)
    assert meta(document, "og:image:width") == "60"
    assert meta(document, "og:image:alt") == "La salle du sommet à Bakou"
    assert meta(document, "article:published_time")
    assert meta(document, "twitter:card") == "summary_large_image"
    assert meta(document, "twitter:title") == "summit title fr"


def test_pages_share_a_1200_pixel_rendition_not_the_original(
    client, organisation, large_photo
):
    """og:image and the JSON-LD image of a release and of an event are a JPEG
    rendition 1200 pixels wide, with its real width and height."""
    release = make_release(versions=EVERY_LANGUAGE, main_photo=large_photo)
    event = make_event(versions=EVERY_LANGUAGE, photo=large_photo)
    original = f"http://testserver{large_photo.image.url}"
    for item in (release, event):
        _response, document = page(client, path_in(item, "en"))
        [data] = json_ld(document)
        shared = meta(document, "og:image")
        assert shared != original
        assert stored_image(shared)[:3] == ("JPEG", 1200, 800)
        assert meta(document, "og:image:width") == "1200"
        assert meta(document, "og:image:height") == "800"
        assert meta(document, "twitter:image") == shared
        assert data["image"] == {
            "@type": "ImageObject",
            "url": shared,
            "width": 1200,
            "height": 800,
        }


def test_event_page_describes_an_event(client, organisation):
    """An event page's Event has name, dates in the event's zone, status, attendance
    mode, a Place with its address, and the organisation as organiser."""
    start = datetime.datetime(2030, 10, 25, 9, 0, tzinfo=BAKU)
    event = make_event("summit", versions=EVERY_LANGUAGE, start=start)
    _response, document = page(client, path_in(event, "fr"))
    [data] = json_ld(document)
    assert data["@type"] == "Event"
    assert data["name"] == "summit title fr"
    assert data["startDate"] == "2030-10-25T09:00:00+04:00"
    assert data["endDate"] == "2030-10-25T11:00:00+04:00"
    assert data["eventStatus"] == "https://schema.org/EventScheduled"
    assert data["eventAttendanceMode"] == (
        "https://schema.org/OfflineEventAttendanceMode"
    )
    assert data["location"] == {
        "@type": "Place",
        "name": "summit venue fr",
        "address": {
            "@type": "PostalAddress",
            "addressLocality": "summit city fr",
            "addressCountry": "AZ",
        },
    }
    assert data["organizer"]["name"] == ORGANISATION_NAMES["fr"]
    assert meta(document, "og:title") == "summit title fr"
    assert meta(document, "twitter:card") == "summary"


@pytest.mark.parametrize(
    ("status", "schema_status"),
    [
        (Event.Status.CANCELLED, "https://schema.org/EventCancelled"),
        (Event.Status.POSTPONED, "https://schema.org/EventPostponed"),
        (Event.Status.RESCHEDULED, "https://schema.org/EventRescheduled"),
    ],
)
def test_event_status_changes_are_described(
    client, organisation, status, schema_status
):
    """A cancelled, postponed or rescheduled event says so; a postponed or
    rescheduled one gives its previous start."""
    previous = datetime.datetime(2030, 10, 20, 9, 0, tzinfo=BAKU)
    event = make_event(versions=EVERY_LANGUAGE, status=status, previous_start=previous)
    [data] = json_ld(page(client, path_in(event, "en"))[1])
    assert data["eventStatus"] == schema_status
    if status == Event.Status.CANCELLED:
        assert "previousStartDate" not in data
    else:
        assert data["previousStartDate"] == "2030-10-20T09:00:00+04:00"


def test_who_we_are_describes_the_organization(client, organisation, office):
    """The who-we-are page's Organization has name, alternate name, founding date,
    URL, logo and its offices as sub-organisations."""
    with translation.override("es"):
        address = reverse("organisation:who-we-are")
    [data] = json_ld(page(client, address)[1])
    assert data["@type"] == "Organization"
    assert data["name"] == ORGANISATION_NAMES["es"]
    assert data["alternateName"] == "OIM"
    assert data["foundingDate"] == "1951"
    assert data["url"] == "https://www.iom.int/"
    assert data["logo"].startswith("http://testserver/static/newsroom/logo")
    assert finders.find(data["logo"].removeprefix("http://testserver/static/"))
    [sub] = data["subOrganization"]
    assert sub["name"] == "Oficina Regional en Viena"
    assert sub["url"] == f"http://testserver{path_in(office, 'es')}"
    assert sub["address"]["addressCountry"] == "AT"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_organization_without_website_points_at_who_we_are(client, organisation, lang):
    """With no website in the profile, the Organization's url (on the who-we-are
    page and as a release's publisher) is the who-we-are page in that language."""
    organisation.website = ""
    organisation.save()
    release = make_release(versions=EVERY_LANGUAGE)
    with translation.override(lang):
        who_we_are = reverse("organisation:who-we-are")
    [profile] = json_ld(page(client, who_we_are)[1])
    [article] = json_ld(page(client, path_in(release, lang))[1])
    assert profile["url"] == f"http://testserver{who_we_are}"
    assert article["publisher"]["url"] == f"http://testserver{who_we_are}"


def test_private_pages_have_no_structured_data(client, organisation):
    """A release seen through its embargo link, before its time, has no JSON-LD and
    no Open Graph card."""
    release = make_release(
        versions=EVERY_LANGUAGE, publish_at=timezone.now() + datetime.timedelta(days=1)
    )
    with translation.override("en"):
        address = reverse(
            "newsroom:release-embargo", kwargs={"token": release.embargo_token}
        )
    _response, document = page(client, address)
    assert json_ld(document) == []
    assert meta(document, "og:title") == []


def test_person_tag_describes_a_person_on_their_page(rf):
    """The person tag, for a page about a person, gives a Person with the page's
    URL; a hostile name stays inside the script."""
    person = Person(name="Amy E. Pope </script>", slug="amy-pope")
    request = rf.get("/en/people/amy-pope/")
    rendered = Template("{% load seo_tags %}{% person_jsonld person %}").render(
        Context({"request": request, "person": person})
    )
    document = html.fromstring(f"<html><head>{rendered}</head></html>")
    [data] = json_ld(document)
    assert data == {
        "@context": "https://schema.org",
        "@type": "Person",
        "name": "Amy E. Pope </script>",
        "url": "http://testserver/en/people/amy-pope/",
    }
