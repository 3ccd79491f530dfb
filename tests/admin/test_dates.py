"""French writes the first of the month "1er" ("1er juillet 2026"), wherever the
admin writes a date with its month's name: the lists, their dates to drill into,
the history; not in a date written in figures, nor in another language."""

import datetime

import pytest
from django.urls import reverse
from freezegun import freeze_time

from newsroom.clearance.audit import record
from newsroom.clearance.models import Action
from newsroom.models import PressRelease
from tests.factories import make_release, parse, text_of

pytestmark = pytest.mark.django_db

ZURICH = datetime.timezone(datetime.timedelta(hours=2))
FIRST_OF_JULY = datetime.datetime(2026, 7, 1, 10, 0, tzinfo=ZURICH)


@pytest.fixture(autouse=True)
def site_zone(settings):
    settings.TIME_ZONE = "Europe/Zurich"


@pytest.fixture
def release():
    """A release saved, and going live, on 1 July 2026 at 10:00 in Zurich."""
    with freeze_time(FIRST_OF_JULY):
        return make_release("july", publish_at=FIRST_OF_JULY)


def url(view, *args):
    return reverse(f"admin:newsroom_pressrelease_{view}", args=args)


@pytest.mark.parametrize(
    ("lang", "shown"),
    [
        ("fr", "1er juillet 2026 10:00"),
        ("es", "1 de julio de 2026 a las 10:00"),
        ("en", "July 1, 2026, 10 a.m."),
    ],
)
def test_the_release_list_writes_the_first_of_the_month(editor, release, lang, shown):
    """The list's publish time column."""
    tree = parse(editor.get(url("changelist"), HTTP_ACCEPT_LANGUAGE=lang))
    assert text_of(tree, "//td[contains(@class, 'field-publish_at')]") == shown


@pytest.mark.parametrize(
    ("lang", "shown"), [("fr", "1er juillet"), ("es", "1 de julio")]
)
def test_the_days_to_drill_into_write_the_first_of_the_month(
    editor, release, lang, shown
):
    """The dates above the list, a month's days."""
    response = editor.get(
        url("changelist"),
        {"publish_at__year": 2026, "publish_at__month": 7},
        HTTP_ACCEPT_LANGUAGE=lang,
    )
    days = parse(response).xpath("//nav[@class='toplinks']//a/text()")
    assert shown in [day.strip() for day in days]


def test_the_history_writes_the_first_of_the_month(editor, release):
    """The revisions and the audit trail of an item, in French: when each step
    was taken, and the times it names."""
    with freeze_time(FIRST_OF_JULY):
        record(None, Action.SCHEDULE, release, publish_at=FIRST_OF_JULY.isoformat())
    tree = parse(editor.get(url("history", release.pk), HTTP_ACCEPT_LANGUAGE="fr"))
    assert text_of(tree, "//h3").startswith("1er juillet 2026 10:00 · ")
    step = tree.xpath("//table[@id='audit-entries']/tbody/tr")[0]
    assert step.xpath("string(td[1])") == "1er juillet 2026 10:00"
    assert "1er juillet 2026 10:00" in step.xpath("string(td[4])")


def test_a_date_in_figures_keeps_its_figures(editor, release):
    """The change form's date field, in French, is still 01/07/2026."""
    response = editor.get(url("change", release.pk), HTTP_ACCEPT_LANGUAGE="fr")
    field = parse(response).xpath("//input[@name='publish_at_0']")[0]
    assert field.get("value") == "01/07/2026"
    assert PressRelease.objects.get().publish_at == FIRST_OF_JULY
