import pytest
from django.db import connection
from django.utils import translation

from tests.factories import parse


@pytest.fixture(autouse=True)
def site_time_zone(settings):
    settings.TIME_ZONE = "Europe/Zurich"


postgresql_only = pytest.mark.skipif(
    connection.vendor != "postgresql",
    reason="PostgreSQL only: it needs the database's own text search configurations "
    "(run with DATABASE_URL=postgres://…)",
)


def search(client, query, lang="en", **params):
    """The search page for `query` in `lang`, parsed, with its status checked."""
    with translation.override(lang):
        response = client.get(
            f"/{lang}/{translation.gettext('search/')}", {"q": query, **params}
        )
    assert response.status_code == 200
    return parse(response)


def titles(tree):
    """The titles of the hits on a search page, in order."""
    return [
        " ".join(node.text_content().split())
        for node in tree.xpath(
            "//li[contains(@class, 'search-hit')]/*[self::h2 or self::h3]"
        )
    ]
