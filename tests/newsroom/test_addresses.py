"""The address of an item's page, as pages, feeds, sitemaps and the API link to
it: reverse() of its view with its slug, in the language and under the path
prefix of the request at hand, however many requests built it before."""

import pytest
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from newsroom.core.languages import LANGUAGE_CODES
from tests.factories import (
    make_event,
    make_office,
    make_page,
    make_person,
    make_release,
)

pytestmark = pytest.mark.django_db

ITEMS = {
    "newsroom:release-detail": lambda: make_release("addressed", original="fr"),
    "newsroom:event-detail": lambda: make_event("addressed"),
    "newsroom:page-detail": lambda: make_page("addressed"),
    "organisation:person-detail": lambda: make_person("Ada", "ada"),
    "organisation:office-detail": lambda: make_office("addressed"),
}


@pytest.fixture
def script_prefix():
    """Set the path prefix a request under it would; back to none afterwards."""
    yield set_script_prefix
    set_script_prefix("/")


@pytest.mark.parametrize("view, make", ITEMS.items(), ids=ITEMS)
def test_an_items_address_follows_the_language_and_prefix(script_prefix, view, make):
    """In each language, with and without a prefix, and back, the address is the
    one reverse() gives."""
    item = make()
    for prefix in ("/", "/newsroom/", "/"):
        script_prefix(prefix)
        for lang in LANGUAGE_CODES:
            with translation.override(lang):
                slug = getattr(item, "slug_for", lambda: item.slug)()
                expected = reverse(view, kwargs={"slug": slug})
                assert item.get_absolute_url() == expected
                assert expected.startswith(f"{prefix}{lang}/")


def test_a_slug_no_address_takes_is_refused():
    """A slug the URL pattern does not take raises, as reverse() does."""
    release = make_release("refused")
    release.slug_en = "not a slug"
    with translation.override("en"), pytest.raises(NoReverseMatch):
        release.get_absolute_url()
