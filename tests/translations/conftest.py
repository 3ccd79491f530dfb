"""Content to translate: releases, an event, a page and an office, written in English
(one release in French), each with its translation states."""

import pytest
from django.core.management import call_command

from newsroom.clearance import revisions
from newsroom.core.publication import VersionState
from newsroom.core.richtext import sanitise
from newsroom.models import Event, Page, Topic
from organisation.models import Office
from tests.factories import make_release

# Stored as the sanitiser writes it: Publishable.save() digests the source before
# the field's own sanitising, so raw HTML would read as a changed source later.
BODY_EN = sanitise(
    "<h2>Migration and climate</h2>"
    '<p>The <strong>Regional Director</strong> spoke in <a href="https://example.org/'
    'baku">Baku</a>.</p>'
    "<ul><li>First point</li><li>Second point, <em>stressed</em></li></ul>"
    "<blockquote><p>Mobility is part of the answer.</p></blockquote>"
)


# The seed's release, in English only.
BAKU_SUMMIT = {
    "title_en": "Regional Director speaks at the Baku summit",
    "lead_en": "The Regional Director called for action.\nTwo lines.",
    "body_en": BODY_EN,
    "dateline_city_en": "Baku",
}


@pytest.fixture
def release(db):
    return make_release("baku-summit", **BAKU_SUMMIT)


@pytest.fixture
def content(db, release):
    """One of each kind of translatable content."""
    return {
        "release": release,
        "french_release": make_release(
            original="fr",
            title_fr="La Directrice régionale à Bakou",
            slug_fr="directrice-regionale-bakou",
            lead_fr="",
            body_fr="<p>Un paragraphe.</p>",
            dateline_city_en="",
        ),
        "event": Event.objects.create(
            title_en="Summit on climate mobility",
            slug_en="climate-mobility-summit",
            description_en="<p>Two days of talks.</p>",
            venue_en="Baku Congress Centre",
            city_en="Baku",
            start="2024-11-12T09:00:00Z",
            end="2024-11-13T17:00:00Z",
            version_state_en=VersionState.READY,
        ),
        "page": Page.objects.create(
            title_en="Who we are",
            slug_en="who-we-are",
            intro_en="An intergovernmental organisation.",
            body_en="<p>Founded in 1951.</p>",
            version_state_en=VersionState.READY,
        ),
        "topic": Topic.objects.create(name_en="Climate action", slug_en="climate"),
        "office": Office.objects.create(
            kind=Office.Kind.REGIONAL,
            name_en="Regional Office for Europe",
            slug="europe",
            city_en="Vienna",
        ),
    }


@pytest.fixture
def export(tmp_path):
    """Run export_translations and return the PO file's path."""

    def run(*args, **options):
        path = tmp_path / "export.po"
        call_command("export_translations", *args, "-o", str(path), **options)
        return path

    return run


def reload(obj):
    """`obj` read again as editors see it: a live item's translations imported
    since wait in its working copy (tests/clearance shows the public side)."""
    obj.refresh_from_db()
    return revisions.with_working_copies([obj])[0]


def publish_changes(obj):
    """A publisher publishes what an import left in a live item's working copy."""
    revisions.publish_changes(obj)
    obj.refresh_from_db()
    return obj
