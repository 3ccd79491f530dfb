"""Templates: a <picture> with WebP and JPEG srcsets, width, height, alt text in the
visitor's language (or the photo's original language), lazy loading except for the
page's first image, and a caption with its credit."""

from datetime import timedelta

import lxml.html
import pytest
from django.template.loader import render_to_string
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import timezone, translation
from PIL import Image

from newsroom.images import renditions as images
from newsroom.models import Photo, PressRelease
from organisation.models import Person
from tests.factories import EVERY_LANGUAGE, make_release, shared_rows
from tests.photos.conftest import run_worker

from . import image_files
from .conftest import upload

ALT = {
    "en": "The Regional Director at the lectern",
    "fr": "La Directrice régionale au pupitre",
}


@pytest.fixture(scope="class")
def shared_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """A live release whose photo has alt text in French (its original language)
    and English, none in Spanish, and a caption in French only: made once for a
    class of tests, renditions included, its files in a folder of their own."""
    folder = tmp_path_factory.mktemp("release") / "media"

    def build():
        with override_settings(MEDIA_ROOT=folder):
            with TestCase.captureOnCommitCallbacks(execute=True):
                photo = Photo(
                    image=upload("summit.jpg", image_files.plain_jpeg((2000, 1200))),
                    original_language="fr",
                    alt_text_en=ALT["en"],
                    alt_text_fr=ALT["fr"],
                    caption_fr="Au sommet de Bakou.",
                    credit="OIM/Jane Doe",
                )
                photo.save()
                make_release(
                    "summit", original="fr", versions=EVERY_LANGUAGE, main_photo=photo
                )
            run_worker()

    with shared_rows(django_db_blocker, build):
        yield folder


@pytest.fixture
def release_with_photo(db, shared_media):
    return PressRelease.objects.get(slug_fr="summit-fr")


def get_page(client, obj, lang):
    with translation.override(lang):
        url = obj.get_absolute_url()
    response = client.get(url)
    assert response.status_code == 200
    return lxml.html.fromstring(response.content)


class TestReleaseWithAPhoto:
    """A release and its photo, made once for the class."""

    @pytest.mark.django_db
    @pytest.mark.parametrize(
        ("lang", "alt", "alt_lang"),
        [("en", ALT["en"], "en"), ("fr", ALT["fr"], "fr"), ("es", ALT["fr"], "fr")],
    )
    def test_release_detail_shows_the_main_photo_as_a_picture(
        self, client, release_with_photo, lang, alt, alt_lang
    ):
        """The release page has a <picture>: WebP source and JPEG img with srcset,
        sizes, width, height and the alt text of the visitor's language, else the
        photo's original one, marked with its language."""
        html = get_page(client, release_with_photo, lang)

        (picture,) = html.cssselect("article picture")
        (source,) = picture.cssselect("source")
        (img,) = picture.cssselect("img")
        assert source.get("type") == "image/webp"
        assert source.get("srcset").count(".webp ") == 4
        assert img.get("srcset").count(".jpg ") == 4
        assert img.get("src").endswith(".jpg")
        assert img.get("sizes")
        assert (int(img.get("width")), int(img.get("height"))) == (800, 480)
        assert img.get("alt") == alt
        assert img.get("lang") == alt_lang
        assert img.get("decoding") == "async"
        # The release's photo is the page's first image: it is not lazy.
        assert img.get("loading") is None

    @pytest.mark.django_db
    def test_each_srcset_address_is_its_renditions_own(
        self, client, release_with_photo, settings
    ):
        """Each address of the srcsets is the storage's URL of a rendition of its
        width, in the format of its source."""
        (picture,) = get_page(client, release_with_photo, "en").cssselect("picture")
        storage = release_with_photo.main_photo.image.storage
        for element, pillow_format in (("source", "WEBP"), ("img", "JPEG")):
            (tag,) = picture.cssselect(element)
            for candidate in tag.get("srcset").split(", "):
                url, width = candidate.split()
                name = url.removeprefix(settings.MEDIA_URL)
                assert storage.url(name) == url
                with storage.open(name) as file, Image.open(file) as image:
                    assert (image.format, f"{image.width}w") == (pillow_format, width)

    @pytest.mark.django_db
    @pytest.mark.parametrize("lang", ["en", "fr", "es"])
    def test_caption_and_credit_go_in_a_figcaption(
        self, client, release_with_photo, lang
    ):
        """The caption (in French, the only language it has) and the credit line are
        the figure's caption."""
        html = get_page(client, release_with_photo, lang)

        (figcaption,) = html.cssselect("article figure.photo > figcaption")
        (caption,) = figcaption.cssselect(".caption")
        assert caption.text_content() == "Au sommet de Bakou."
        assert caption.get("lang") == "fr"
        assert "OIM/Jane Doe" in figcaption.cssselect(".credit")[0].text_content()

    @pytest.mark.django_db
    def test_a_photo_whose_file_vanished_is_left_out(self, client, release_with_photo):
        """A missing file (and renditions) removes the picture, not the page."""
        photo = release_with_photo.main_photo
        images.delete_renditions(photo.image.storage, photo.image.name)
        photo.image.storage.delete(photo.image.name)

        html = get_page(client, release_with_photo, "en")

        assert html.cssselect("article h1")
        assert not html.cssselect("picture")


@pytest.mark.django_db
def test_a_photo_without_caption_or_credit_has_no_figure(make_photo):
    """Without caption, credit or licence there is nothing to caption."""
    photo = make_photo()

    html = lxml.html.fromstring(
        render_to_string("newsroom/includes/picture.html", {"photo": photo})
    )

    assert html.tag == "picture"


@pytest.mark.django_db
def test_a_photo_further_down_the_page_loads_lazily(make_photo):
    """Without `eager`, the image is lazy; with it, it is fetched first."""
    photo = make_photo()

    lazy = render_to_string("newsroom/includes/picture.html", {"photo": photo})
    eager = render_to_string(
        "newsroom/includes/picture.html", {"photo": photo, "eager": True}
    )

    assert 'loading="lazy"' in lazy and 'decoding="async"' in lazy
    assert 'loading="lazy"' not in eager and 'fetchpriority="high"' in eager


@pytest.mark.django_db
def test_a_card_crop_has_the_shape_of_a_card(make_photo):
    """The card crop's width and height attributes are 3:2 whatever the photo."""
    photo = make_photo(image_files.plain_jpeg((1000, 1000)))

    html = lxml.html.fromstring(
        render_to_string(
            "newsroom/includes/picture.html", {"photo": photo, "crop": "card"}
        )
    )

    (img,) = html.cssselect("img")
    width, height = int(img.get("width")), int(img.get("height"))
    assert width == 800
    assert abs(width / height - 3 / 2) < 0.01


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "alt"),
    [
        ("en", "Amy E. Pope in 2023"),
        ("fr", "Amy E. Pope en 2023"),
        ("es", "Amy E. Pope in 2023"),
    ],
)
def test_a_portrait_has_its_alt_text_or_the_persons_name(
    django_capture_on_commit_callbacks, lang, alt
):
    """The portrait include gives a square picture; the alt text follows the
    visitor's language, falling back on the site's languages in order."""
    person = Person(
        name="Amy E. Pope",
        slug="amy-e-pope",
        portrait_alt_en="Amy E. Pope in 2023",
        portrait_alt_fr="Amy E. Pope en 2023",
    )
    person.portrait = upload("pope.jpg", image_files.plain_jpeg((600, 800)))
    with django_capture_on_commit_callbacks(execute=True):
        person.save()
    run_worker()

    with translation.override(lang):
        html = lxml.html.fromstring(
            render_to_string(
                "organisation/includes/portrait.html",
                {"person": person, "crop": "square"},
            )
        )

    (img,) = html.cssselect("picture img")
    assert img.get("alt") == alt
    assert img.get("width") == img.get("height")
    assert html.cssselect("picture source[type='image/webp']")


@pytest.mark.django_db
def test_a_portrait_without_alt_text_is_described_by_the_name(
    django_capture_on_commit_callbacks,
):
    """With no alt text in any language, the person's name describes the portrait."""
    person = Person(name="Ugochi Florence Daniels", slug="ugochi-florence-daniels")
    person.portrait = upload("daniels.jpg", image_files.plain_jpeg((600, 800)))
    with django_capture_on_commit_callbacks(execute=True):
        person.save()

    html = lxml.html.fromstring(
        render_to_string("organisation/includes/portrait.html", {"person": person})
    )

    assert html.cssselect("img")[0].get("alt") == "Ugochi Florence Daniels"


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("lang", "licence", "licence_lang"),
    [
        ("en", "CC BY 4.0 (attribution required)", "en"),
        ("fr", "CC BY 4.0 (paternité requise)", "fr"),
        ("es", "CC BY 4.0 (paternité requise)", "fr"),
    ],
)
def test_the_licence_is_translated_and_marked_with_its_language(
    make_photo, lang, licence, licence_lang
):
    """The licence is shown in the visitor's language, else the photo's original
    one, marked with the language it is in; the credit, a name, carries the
    original's language rather than the page's."""
    photo = make_photo(
        original_language="fr",
        alt_text_fr="Un port à l’aube",
        credit="OIM/Jeanne Dupont",
        licence_en="CC BY 4.0 (attribution required)",
        licence_fr="CC BY 4.0 (paternité requise)",
    )

    with translation.override(lang):
        html = lxml.html.fromstring(
            render_to_string("newsroom/includes/picture.html", {"photo": photo})
        )

    (licence_span,) = html.cssselect("figcaption .licence")
    assert licence_span.text_content() == licence
    assert licence_span.get("lang") == licence_lang
    (credit,) = html.cssselect("figcaption .credit [lang]")
    assert credit.text_content() == "OIM/Jeanne Dupont"
    assert credit.get("lang") == "fr"


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["home", "newsroom:release-list"])
def test_the_first_card_with_a_photo_is_not_lazy(client, make_photo, url_name):
    """The page's first image is fetched first even when the newest release has
    no photo: a phone shows the next card's photo on the first screen."""
    make_release(
        "pictured",
        main_photo=make_photo(),
        publish_at=timezone.now() - timedelta(days=2),
    )
    make_release("bare")

    with translation.override("en"):
        response = client.get(reverse(url_name))

    html = lxml.html.fromstring(response.content)
    (card,) = html.cssselect(".release-card picture")
    (img,) = card.cssselect("img")
    assert (img.get("loading"), img.get("fetchpriority")) == (None, "high")
