"""The weight budget of the public pages, and nothing loaded from another site:
the stylesheet under 30 KB, each page (HTML and CSS, before images) under
100 KB, and every resource a page loads served by the site itself."""

from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from tests.e2e.public_pages import public_pages
from tests.factories import parse

STATIC = Path(settings.BASE_DIR) / "newsroom" / "static" / "newsroom"
LOADED = (
    "//link[@rel='stylesheet']/@href | //link[@rel='icon']/@href | //script/@src"
    " | //img/@src | //img/@srcset | //source/@srcset | //iframe/@src"
)


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_stylesheet_is_under_30_kb():
    assert (STATIC / "site.css").stat().st_size < 30 * 1024


def test_pages_are_light_and_load_nothing_from_elsewhere(client, demo):
    """Every page type weighs under 100 KB with its stylesheets, and names no
    resource on another host (no font, script, image or frame from a CDN)."""
    css = sum(path.stat().st_size for path in STATIC.glob("*.css"))
    pages = [item for lang in ("en", "fr", "es") for item in public_pages(lang).items()]
    for name, path in pages:
        response = client.get(path)
        assert len(response.content) + css < 100 * 1024, name
        for value in parse(response).xpath(LOADED):
            for url in value.split(","):
                address = url.strip().split(" ")[0]
                assert address.startswith("/") and not address.startswith("//"), (
                    name,
                    address,
                )
