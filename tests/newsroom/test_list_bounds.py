"""The release list reads a bounded number of rows whatever the archive: it counts
and pages no further than its last page, and the filters reach the rest."""

import pytest

from newsroom.views import release_list as release_views
from tests.factories import ago, make_release, parse

pytestmark = pytest.mark.django_db

LIST = "/en/press-releases/"


@pytest.fixture
def small_bounds(monkeypatch):
    """Two releases a page, two pages at most."""
    monkeypatch.setattr(release_views, "RELEASES_PER_PAGE", 2)
    monkeypatch.setattr(release_views, "MAX_PAGES", 2)


def test_pages_stop_at_the_bound_and_say_there_are_more(client, small_bounds):
    for number in range(5):
        make_release(f"bounded{number}")
    first = client.get(LIST)
    assert b"4 press releases or more: the filters narrow them down." in first.content
    assert client.get(LIST, {"page": 2}).status_code == 200
    assert client.get(LIST, {"page": 3}).status_code == 404


def test_below_the_bound_the_count_is_exact(client, small_bounds):
    for number in range(3):
        make_release(f"exact{number}")
    assert b"3 press releases</h2>" in client.get(LIST).content
    assert client.get(LIST, {"page": 2}).status_code == 200


def test_a_later_filtered_page_shows_its_releases_newest_first(client, small_bounds):
    """Page 2 of a filtered list shows the third and fourth newest matching releases,
    newest first, and none that the filter leaves out, whichever order they were
    written in."""
    for number in (2, 4, 1, 3):
        make_release(f"kenya{number}", publish_at=ago(days=number), countries=["KE"])
        make_release(f"peru{number}", publish_at=ago(days=number, hours=1))
    page = parse(client.get(LIST, {"country": "KE", "page": 2}))
    links = page.xpath("//li[contains(@class, 'release-card')]//h3/a/@href")
    assert [link.split("/")[-2] for link in links] == ["kenya3-en", "kenya4-en"]
