"""Each public media contact's .vcf download (vCard 4.0, RFC 6350), read back with
vobject."""

import pytest
import vobject
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.http import http_date
from lxml import html

from newsroom.models import ContactPhone
from tests.factories import EVERY_LANGUAGE, make_contact, make_release

from .conftest import LANGUAGES, ORGANISATION_NAMES

pytestmark = pytest.mark.django_db

TITLES = {
    "en": "Senior Regional Media and Communications Officer",
    "fr": "Chargé principal de la communication régionale",
    "es": "Oficial superior regional de medios y comunicación",
}


def joe_lowry(**fields):
    """The seed's media contact: a job title in each language, two languages
    spoken, a mobile and an office number."""
    contact = make_contact(
        "Joe Lowry",
        languages="en fr",
        phones=0,
        **{
            **{f"job_title_{lang}": title for lang, title in TITLES.items()},
            **fields,
        },
    )
    ContactPhone.objects.create(
        contact=contact, kind=ContactPhone.Kind.MOBILE, number="+436603776404"
    )
    ContactPhone.objects.create(
        contact=contact, kind=ContactPhone.Kind.WORK, number="+41227179111", order=1
    )
    return contact


def vcf_url(contact, lang):
    with translation.override(lang):
        return reverse("syndication:contact-vcf", kwargs={"slug": contact.slug})


def download(client, contact, lang="en"):
    response = client.get(vcf_url(contact, lang))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/vcard; charset=utf-8"
    return vobject.readOne(response.content.decode())


@pytest.mark.parametrize("lang", LANGUAGES)
def test_vcard_has_the_rfc_6350_properties_in_the_pages_language(
    client, organisation, office, lang
):
    """The card is version 4.0 with FN, N, ORG (organisation and office) and
    TITLE in the page's language, EMAIL, LANG, UID and REV."""
    contact = joe_lowry(office=office)
    card = download(client, contact, lang)
    assert card.version.value == "4.0"
    assert card.fn.value == "Joe Lowry"
    assert (card.n.value.given, card.n.value.family) == ("Joe", "Lowry")
    with translation.override(lang):
        office_name = str(office.name)
    assert card.org.value == [ORGANISATION_NAMES[lang], office_name]
    assert card.title.value == TITLES[lang]
    assert card.title.params["LANGUAGE"] == [lang]
    assert card.email.value == contact.email
    assert [line.value for line in card.lang_list] == ["en", "fr"]
    assert card.uid.value.startswith("urn:uuid:")
    assert card.rev.value == contact.updated_at.strftime("%Y%m%dT%H%M%SZ")


def test_phone_numbers_are_tel_uris_with_their_types(client, organisation):
    """Each phone number is a tel: URI (RFC 3966) with VALUE=uri and its types."""
    card = download(client, joe_lowry())
    phones = [(line.value, line.params) for line in card.tel_list]
    assert phones == [
        ("tel:+43-660-3776404", {"TYPE": ["work", "cell"], "VALUE": ["uri"]}),
        ("tel:+41-22-717-91-11", {"TYPE": ["work", "voice"], "VALUE": ["uri"]}),
    ]


def test_a_missing_title_falls_back_and_says_its_language(client, organisation):
    """Without a Spanish job title, the Spanish card gives the English one, marked
    as English."""
    contact = joe_lowry(job_title_es="")
    card = download(client, contact, "es")
    assert card.title.value == TITLES["en"]
    assert card.title.params["LANGUAGE"] == ["en"]


def test_uid_survives_a_change_of_name_and_slug(client, organisation):
    """Renaming the contact or changing its slug keeps the card's UID."""
    contact = make_contact()
    before = download(client, contact).uid.value
    contact.name = "Joseph Lowry"
    contact.slug = "joseph-lowry"
    contact.save()
    after = download(client, contact)
    assert after.uid.value == before
    assert after.fn.value == "Joseph Lowry"


def test_internal_and_unknown_contacts_have_no_card(client):
    """An internal contact's card is a 404, like an unknown one."""
    internal = make_contact(is_public=False)
    assert client.get(vcf_url(internal, "en")).status_code == 404
    with translation.override("en"):
        unknown = reverse("syndication:contact-vcf", kwargs={"slug": "nobody"})
    assert client.get(unknown).status_code == 404


def test_vcard_answers_conditional_requests(client, organisation):
    """The card has an ETag and a file name; a client that has it gets 304."""
    contact = make_contact()
    first = client.get(vcf_url(contact, "fr"))
    assert first["Content-Disposition"] == (
        f'attachment; filename="{contact.slug}.vcf"'
    )
    again = client.get(vcf_url(contact, "fr"), headers={"If-None-Match": first["ETag"]})
    assert again.status_code == 304


def test_a_card_whose_office_was_renamed_is_never_304_to_an_earlier_copys_date(
    client, organisation, office
):
    """The card names its office, whose renaming does not touch the contact: a
    client that sends only If-Modified-Since (the date of the copy it has) gets
    the new card, not 304."""
    contact = make_contact(office=office)
    assert client.get(vcf_url(contact, "en")).status_code == 200
    since = http_date(timezone.now().timestamp())
    office.name_en = "Vienna liaison office"
    office.save()
    again = client.get(vcf_url(contact, "en"), headers={"If-Modified-Since": since})
    assert again.status_code == 200
    assert "Vienna liaison office" in vobject.readOne(again.content.decode()).org.value


def test_directory_and_release_link_the_public_cards_only(client, organisation):
    """The contacts directory and a release's contact block link each public
    contact's card with type="text/vcard"; an internal contact is never linked."""
    public = make_contact()
    internal = make_contact(is_public=False)
    release = make_release(versions=EVERY_LANGUAGE)
    release.media_contacts.add(public, internal)
    with translation.override("fr"):
        directory = html.fromstring(
            client.get(reverse("newsroom:contact-list")).content
        )
        page = html.fromstring(client.get(release.get_absolute_url()).content)
    for document in (directory, page):
        links = document.xpath("//a[@type='text/vcard']/@href")
        assert links == [vcf_url(public, "fr")]
        assert internal.slug not in html.tostring(document).decode()
