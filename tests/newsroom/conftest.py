import pytest


@pytest.fixture(autouse=True)
def site_time_zone(settings):
    """Dates in these tests read in the site's default zone, whatever the machine's
    DJANGO_TIME_ZONE."""
    settings.TIME_ZONE = "Europe/Zurich"
