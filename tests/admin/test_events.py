"""An event's time zone in the admin: a choice of zones searched by typing, the
site's zone for a new event, the editors' time beside the event's own, and the list
in each event's zone (issue 20, trip 2)."""

import datetime
import zoneinfo

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from newsroom.models import Event
from tests.factories import EVERY_LANGUAGE, form_data, make_event, parse, text_of

pytestmark = pytest.mark.django_db

BAKU = zoneinfo.ZoneInfo("Asia/Baku")


@pytest.fixture(autouse=True)
def site_zone(settings):
    settings.TIME_ZONE = "Europe/Zurich"


def test_a_new_event_is_in_the_site_zone(editor):
    """The add form offers every zone in a searchable choice, on the site's."""
    tree = parse(editor.get(reverse("admin:newsroom_event_add")))
    (select,) = tree.xpath("//select[@name='time_zone']")
    assert "nr-select2" in select.get("class")
    assert select.xpath("option[@selected]/@value") == ["Europe/Zurich"]
    assert select.xpath("option[@value='Asia/Baku']/text()") == [
        "Asia/Baku (UTC+04:00)"
    ]
    assert len(select.xpath("option")) > 400
    assert Event(title="x").time_zone == "Europe/Zurich"


def test_list_shows_each_event_in_its_own_zone(editor):
    make_event("baku", start=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=BAKU))
    tree = parse(editor.get(reverse("admin:newsroom_event_changelist")))
    assert text_of(tree, "//td[@class='field-local_start']") == (
        "1 May 2031, 10:00 (Asia/Baku)"
    )


def test_change_form_gives_the_site_time_beside_the_event_time(editor):
    event = make_event(
        "baku", state="draft", start=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=BAKU)
    )
    tree = parse(editor.get(reverse("admin:newsroom_event_change", args=[event.pk])))
    assert " ".join(
        text_of(
            tree, "//div[contains(@class, 'field-site_time')]//div[@class='readonly']"
        ).split()
    ) == (
        "Starts 1 May 2031, 08:00 (Europe/Zurich) "
        "that is 1 May 2031, 10:00 (Asia/Baku) where it takes place"
    )


def test_times_are_read_in_the_chosen_zone_and_a_bad_zone_is_refused(editor):
    event = make_event(
        "baku", state="draft", start=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=BAKU)
    )
    url = reverse("admin:newsroom_event_change", args=[event.pk])
    data = form_data(editor.get(url))
    data.update(
        {
            "time_zone": "America/New_York",
            "start_0": "2031-05-01",
            "start_1": "09:00",
            "end_0": "2031-05-01",
            "end_1": "11:00",
        }
    )
    assert editor.post(url, data).status_code == 302
    event.refresh_from_db()
    assert event.start == datetime.datetime(2031, 5, 1, 13, 0, tzinfo=datetime.UTC)

    data = form_data(editor.get(url))
    data["time_zone"] = "Mars/Olympus_Mons"
    response = editor.post(url, data)
    assert response.status_code == 200
    assert "Unknown time zone: Mars/Olympus_Mons." in response.content.decode()


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize(
    "path, visitor, shown",
    [
        (
            "/en/events/baku-en/",
            "America/New_York",
            "Your time: May 1, 2031 at 2:00 AM (Eastern Time)",
        ),
        ("/en/events/baku-en/", "Asia/Baku", None),
        (
            "/fr/evenements/baku-fr/",
            "America/New_York",
            "Votre heure : 1er mai 2031 à 02:00 (heure de l’Est nord-américain)",
        ),
        (
            "/es/eventos/baku-es/",
            "Europe/Madrid",
            "Su hora: 1 de mayo de 2031 a las 8:00 (hora de Europa central)",
        ),
    ],
)
def test_event_page_gives_the_visitors_time(browser, live_server, path, visitor, shown):
    """Beside the event's time, the visitor's own, when their zone differs,
    written in the page's language (the first of the month "1er" in French),
    its zone named in that language."""
    make_event(
        "baku",
        versions=EVERY_LANGUAGE,
        start=datetime.datetime(2031, 5, 1, 10, 0, tzinfo=BAKU),
    )
    context = browser.new_context(timezone_id=visitor, locale="en-US")
    page = context.new_page()
    page.goto(f"{live_server.url}{path}")
    span = page.locator(".visitor-time")
    if shown:
        expect(span).to_have_text(shown)
    else:
        expect(span).to_be_hidden()
    context.close()
