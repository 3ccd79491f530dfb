"""Notes to editors (per release, translated) and the organisation's boilerplate
(edited once in the profile, appended to every release unless switched off): on the
page, in JSON-LD and through the PO exchange."""

import pytest

from newsroom.clearance import revisions
from newsroom.core.publication import VersionState
from newsroom.models import Photo
from organisation.models import OrganisationProfile
from tests.factories import EVERY_LANGUAGE, make_release, parse, text_of

from .conftest import json_ld, path_in, round_trip

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]


@pytest.fixture
def profile():
    return OrganisationProfile.objects.create(
        name_en="Agency",
        acronym_en="AGY",
        boilerplate_en="<p>The agency boilerplate en.</p>",
        boilerplate_fr="<p>Le paragraphe de l’agence fr.</p>",
    )


@pytest.fixture
def release():
    return make_release(
        "notes",
        versions=EVERY_LANGUAGE,
        **{
            f"notes_to_editors_{lang}": f"<p>Background for editors {lang}.</p>"
            for lang in LANGUAGES
        },
    )


def article(response):
    return next(doc for doc in json_ld(response) if doc["@type"] == "NewsArticle")


@pytest.mark.parametrize("lang", LANGUAGES)
def test_notes_and_boilerplate_follow_the_release(client, profile, release, lang):
    """The page prints its notes to editors and the boilerplate (in the version's
    language, else the next one that has it, marked with its lang); JSON-LD says
    them as the article's backstory and the publisher's description."""
    response = client.get(path_in(release, lang))
    tree = parse(response)
    notes = text_of(tree, "//section[@class='notes-to-editors']")
    assert f"Background for editors {lang}." in notes
    about = tree.xpath("//section[@class='boilerplate']/div")[0]
    expected_lang = "fr" if lang == "fr" else "en"
    assert about.get("lang") == expected_lang
    assert text_of(tree, "//section[@class='boilerplate']").count("AGY") == 1
    data = article(response)
    assert data["backstory"] == f"Background for editors {lang}."
    assert data["publisher"]["description"] == about.text_content().strip()


@pytest.mark.parametrize(
    ("lang", "heading"),
    [("en", "About UNDP"), ("fr", "À propos du PNUD"), ("es", "Acerca del PNUD")],
)
def test_the_profile_words_the_boilerplate_heading(
    client, profile, release, lang, heading
):
    """Each language writes "About" with the name its own way (du PNUD, de
    l’OIM, del PNUD, de la OIM): the profile's heading, in the page's language."""
    profile.acronym_fr = profile.acronym_es = "PNUD"
    profile.boilerplate_heading_en = "About UNDP"
    profile.boilerplate_heading_fr = "À propos du PNUD"
    profile.boilerplate_heading_es = "Acerca del PNUD"
    profile.save()
    tree = parse(client.get(path_in(release, lang)))
    (h2,) = tree.xpath("//section[@class='boilerplate']/h2")
    assert (h2.text, h2.get("lang")) == (heading, lang)


def test_a_language_without_a_heading_has_the_general_one(client, profile, release):
    """A language the profile gives no heading gets the general one in that
    language, not another language's heading."""
    profile.boilerplate_heading_en = "About the agency"
    profile.save()
    tree = parse(client.get(path_in(release, "es")))
    (h2,) = tree.xpath("//section[@class='boilerplate']/h2")
    assert h2.get("lang") == "es"
    assert "AGY" in h2.text
    assert "agency" not in h2.text


def test_switching_the_boilerplate_off(client, profile, release):
    """A release that switches the boilerplate off prints none, and its JSON-LD
    publisher carries no description."""
    release.show_boilerplate = False
    release.save()
    response = client.get(path_in(release, "en"))
    assert not parse(response).xpath("//section[@class='boilerplate']")
    assert "description" not in article(response)["publisher"]
    assert b"agency boilerplate" not in response.content


def test_no_notes_no_section(client, profile):
    """A release without notes has no empty "Notes to editors" heading."""
    release = make_release("bare")
    response = client.get(path_in(release, "en"))
    assert not parse(response).xpath("//section[@class='notes-to-editors']")
    assert "backstory" not in article(response)


def test_new_notes_in_the_original_make_translations_outdated(release):
    """Notes to editors are source text: changing them outdates ready versions."""
    release.notes_to_editors_en = "<p>New background.</p>"
    release.save()
    release.refresh_from_db()
    assert release.translation_state("fr") == VersionState.OUTDATED


def test_notes_and_boilerplate_round_trip(tmp_path, profile):
    """Both are exported to translators block by block and imported back."""
    release = make_release("roundtrip", notes_to_editors_en="<p>Only English.</p>")

    def translate(entry):
        return "ES " + entry.msgid

    po, _report = round_trip(tmp_path, "es", translate)
    contexts = {entry.msgctxt for entry in po}
    assert f"newsroom.pressrelease:{release.pk}:notes_to_editors:0" in contexts
    assert f"organisation.organisationprofile:{profile.pk}:boilerplate:0" in contexts
    # The live release's import waits in its working copy until published.
    revisions.publish_changes(release)
    release.refresh_from_db()
    profile.refresh_from_db()
    assert release.notes_to_editors_es == "<p>ES Only English.</p>"
    assert profile.boilerplate_es == "<p>ES The agency boilerplate en.</p>"


def test_photo_alt_texts_and_captions_round_trip(tmp_path):
    """A photo's alt text and caption reach translators and come back."""
    photo = Photo.objects.create(
        image="photos/harbour.jpg", alt_text_en="A harbour", caption_en="At dawn."
    )
    po, _report = round_trip(tmp_path, "fr", lambda entry: "FR " + entry.msgid)
    contexts = {entry.msgctxt for entry in po}
    assert {
        f"newsroom.photo:{photo.pk}:alt_text",
        f"newsroom.photo:{photo.pk}:caption",
    } <= contexts
    photo.refresh_from_db()
    assert (photo.alt_text_fr, photo.caption_fr) == ("FR A harbour", "FR At dawn.")
