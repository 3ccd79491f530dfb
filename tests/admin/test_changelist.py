"""The list of releases at a laptop's 1366 × 900, with 30 releases: compact rows,
the columns an editor needs, a page that fits the screen (issue 20, trip 10)."""

import pytest

from newsroom.core.publication import VersionState
from tests.e2e.editor_fixtures import editor_fixture  # noqa: F401
from tests.factories import make_office, make_release

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OFFICE = "Regional Office for South-Eastern Europe, Eastern Europe and Central Asia"
HEADLINE = (
    "IOM shares the Non-Aligned Movement’s vision for peace and development at "
    "the summit of heads of state in Baku, number {}"
)


def test_release_list_fits_a_laptop(editor):
    office = make_office("vienna")
    office.name_en = OFFICE
    office.save()
    for number in range(30):
        make_release(
            f"r{number}",
            original="fr",
            versions={"en": VersionState.OUTDATED},
            title_fr=HEADLINE.format(number),
            issuing_office=office,
        )
    page = editor
    page.set_viewport_size({"width": 1366, "height": 900})
    page.goto("/admin/newsroom/pressrelease/")

    headers = page.locator("#result_list thead th").all_inner_texts()
    assert [text.strip().lower() for text in headers[1:]] == [
        "press release",
        "publication",
        "languages",
        "publish at",
        "issuing office",
    ]
    rows = page.locator("#result_list tbody tr")
    assert rows.count() == 20
    # The title in the original language, whatever the admin's language.
    assert rows.first.locator("th").inner_text().startswith("IOM shares the")
    for index in (0, 19):
        assert rows.nth(index).bounding_box()["height"] <= 48
    # The last column is not cut off by the list's frame.
    office_cell = rows.first.locator("td.field-office").bounding_box()
    frame = page.locator("#changelist .results").bounding_box()
    assert office_cell["x"] + office_cell["width"] <= frame["x"] + frame["width"] + 1
    size = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.scrollHeight]"
    )
    assert size[0] <= 1366
    assert size[1] <= 1600
