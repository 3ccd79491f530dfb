import json
from io import StringIO

import polib
import pytest
from django.core.management import call_command
from django.utils import translation

from newsroom.demo import content as demo
from newsroom.demo import organisation as organisation_demo
from tests.factories import parse, shared_rows


@pytest.fixture(autouse=True)
def site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Zurich"


@pytest.fixture(autouse=True)
def no_language_left_active():
    """A page fetched in Spanish leaves Spanish active in the test's thread: the
    next test, in another module, starts from the default again."""
    yield
    translation.deactivate()


@pytest.fixture(scope="class")
def demo_rows(django_db_setup, django_db_blocker):
    """The demo organisation and content, loaded once for a class of tests."""

    def load():
        organisation_demo.load()
        demo.load()

    with shared_rows(django_db_blocker, load):
        yield


@pytest.fixture
def loaded(db, demo_rows):
    """The loaded demo's rows."""


def json_ld(response):
    """Every JSON-LD document of a page, parsed."""
    return [
        json.loads(script.text)
        for script in parse(response).xpath("//script[@type='application/ld+json']")
    ]


def round_trip(tmp_path, lang, translate, *export_args):
    """Export the content into `lang`, fill each entry that `translate(entry)`
    answers for, import the file with --mark-ready; the import's report."""
    path = tmp_path / f"content-{lang}.po"
    call_command(
        "export_translations", "--language", lang, "-o", str(path), *export_args
    )
    po = polib.pofile(str(path))
    for entry in po:
        answer = translate(entry)
        if answer is not None:
            entry.msgstr = answer
            entry.flags = []
    po.save()
    out = StringIO()
    call_command("import_translations", str(path), "--mark-ready", stdout=out)
    return po, out.getvalue()


def path_in(item, lang):
    with translation.override(lang):
        return item.get_absolute_url()
