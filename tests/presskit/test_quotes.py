"""Structured quotes: a person (optional) with the title they held on the release's
date, gendered in French and Spanish, and the words in each language; printed as
<figure><blockquote><figcaption><cite>, in JSON-LD, in the PO exchange."""

import datetime

import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.urls import reverse

from newsroom.clearance.revisions import publish_changes
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import PressRelease, Quote
from organisation.models import Appointment, Person, Position
from tests.factories import EVERY_LANGUAGE, form_data, make_release, parse, text_of

from .conftest import json_ld, path_in, round_trip

pytestmark = pytest.mark.django_db


@pytest.fixture
def director():
    """A woman who was Regional Director in 2019 and Director General since 2023."""
    person = Person.objects.create(name="Ana Lopez", slug="ana-lopez", gender="f")
    regional = Position.objects.create(
        title_en="Regional Director",
        title_fr="Directeur régional",
        title_feminine_fr="Directrice régionale",
        title_es="Director Regional",
        title_feminine_es="Directora Regional",
        rank=20,
    )
    general = Position.objects.create(
        title_en="Director General",
        title_fr="Directeur général",
        title_feminine_fr="Directrice générale",
        rank=1,
    )
    Appointment.objects.create(
        person=person,
        position=regional,
        start=datetime.date(2018, 1, 1),
        end=datetime.date(2022, 12, 31),
    )
    Appointment.objects.create(
        person=person, position=general, start=datetime.date(2023, 1, 1)
    )
    return person


@pytest.fixture
def release(director):
    release = make_release(
        "quoted",
        versions=EVERY_LANGUAGE,
        publish_at=datetime.datetime(2019, 10, 25, 12, tzinfo=datetime.UTC),
    )
    Quote.objects.create(
        release=release,
        person=director,
        text_en="We share a vision.",
        text_fr="Nous partageons une vision.",
        order=0,
    )
    Quote.objects.create(
        release=release, attribution_en="A teacher in Niamey", text_en="School first."
    )
    return release


@pytest.mark.parametrize(
    "lang, words, title",
    [
        ("en", "We share a vision.", "Regional Director"),
        ("fr", "Nous partageons une vision.", "Directrice régionale"),
        ("es", "We share a vision.", "Directora Regional"),
    ],
)
def test_a_quote_is_a_figure_with_its_speaker(client, release, lang, words, title):
    """The words in the version's language (else the original's, marked with its
    lang), the speaker linked to their page with the title they held on the
    release's date in the grammatical gender of the person."""
    tree = parse(client.get(path_in(release, lang)))
    figure = tree.xpath("//article//figure[@class='quote']")[0]
    assert figure.xpath("string(blockquote/p)") == words
    assert figure.get("lang") == ("fr" if lang == "fr" else "en")
    cite = figure.xpath("figcaption/cite")[0]
    assert cite.xpath("string(a)") == "Ana Lopez"
    assert cite.xpath("a/@href")[0] == path_in(release.quotes.first().person, lang)
    assert f", {title}" in cite.text_content()
    assert "Director General" not in cite.text_content()


def test_a_quote_without_a_person_names_its_attribution(client, release):
    """Someone outside the organisation is named by the quote's attribution."""
    tree = parse(client.get(path_in(release, "en")))
    second = tree.xpath("//figure[@class='quote']")[1]
    assert second.xpath("string(figcaption/cite)") == "A teacher in Niamey"
    assert not second.xpath(".//a")


def test_quotes_are_quotations_in_json_ld(client, release):
    """JSON-LD: each quote a Quotation of the article, by its Person with their
    title of the day."""
    response = client.get(path_in(release, "fr"))
    article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
    first, second = article["hasPart"]
    assert first["@type"] == "Quotation"
    assert first["text"] == "Nous partageons une vision."
    assert first["inLanguage"] == "fr"
    assert first["creator"]["name"] == "Ana Lopez"
    assert first["creator"]["jobTitle"] == "Directrice régionale"
    assert second["inLanguage"] == "en"
    assert second["creator"]["description"] == "A teacher in Niamey"


def test_a_draft_versions_quote_is_not_shown(client, director):
    """A French quote of a release whose French version is a draft stays out of
    the French page, which shows the original's words."""
    release = make_release("half", versions={"fr": VersionState.DRAFT})
    Quote.objects.create(
        release=release, person=director, text_en="Ready words.", text_fr="Brouillon."
    )
    content = client.get(path_in(release, "fr")).content.decode()
    assert "Ready words." in content
    assert "Brouillon" not in content


def test_a_quote_needs_its_words_in_the_original(release):
    """Words in a translation only are refused: the original's are required."""
    quote = Quote(release=release, text_fr="Seulement en français.")
    with pytest.raises(ValidationError) as error:
        quote.full_clean()
    assert "text_en" in error.value.message_dict


def test_a_person_quoted_only_in_a_quote_is_public_once_live(client):
    """Someone with no post, quoted in a quote, has a page while the release is
    live, and none while it is a draft."""
    speaker = Person.objects.create(name="Guest Speaker", slug="guest-speaker")
    release = make_release("guest", state=PublicationState.DRAFT, publish_at=None)
    Quote.objects.create(release=release, person=speaker, text_en="Hello.")
    url = reverse("organisation:person-detail", kwargs={"slug": "guest-speaker"})
    assert client.get(url).status_code == 404
    release.state = PublicationState.PUBLISHED
    release.publish_at = release.created_at
    release.save()
    assert client.get(url).status_code == 200
    assert "Guest Speaker" in text_of(
        parse(client.get(path_in(release, "en"))), "//section[@class='people-quoted']"
    )


def test_quotes_round_trip(tmp_path, director):
    """A French release's quote is exported from French and imported back."""
    release = make_release("french", original="fr")
    quote = Quote.objects.create(
        release=release, person=director, text_fr="Nous y arriverons."
    )
    po, _report = round_trip(tmp_path, "es", lambda entry: "ES " + entry.msgid)
    entry = next(e for e in po if e.msgctxt == f"newsroom.quote:{quote.pk}:text")
    assert entry.msgid == "Nous y arriverons."
    # The release is live: its quote's translation waits in its working copy.
    quote.refresh_from_db()
    assert not quote.text_es
    publish_changes(release)
    quote.refresh_from_db()
    assert quote.text_es == "ES Nous y arriverons."


def test_editors_add_quotes_in_the_admin(client, director):
    """The release's change form has the quotes inline, per language."""
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "x"))
    release = make_release("admin")
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    data = form_data(client.get(change))
    data.update(
        {
            "quotes-TOTAL_FORMS": "1",
            "quotes-0-person": str(director.pk),
            "quotes-0-text_en": "Said in the admin.",
            "quotes-0-text_fr": "Dit dans l’admin.",
            "quotes-0-order": "0",
            # The release is live: saved and published in one go.
            "_clearance": "publish_changes",
        }
    )
    response = client.post(change, data)
    assert response.status_code == 302
    quote = PressRelease.objects.get(pk=release.pk).quotes.get()
    assert (quote.person, quote.text_fr) == (director, "Dit dans l’admin.")
