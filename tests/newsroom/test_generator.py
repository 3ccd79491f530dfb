"""The load-test generator: what it writes is what the pages it measures read."""

import pytest
from django.core.management import call_command

from newsroom.models import PressRelease, ReleaseCountry


@pytest.mark.django_db(transaction=True)
def test_generated_releases_have_countries_and_their_rows():
    """Each generated release concerns one to three countries, with the rows the
    list's country filter reads (bulk inserts send no post_save)."""
    call_command("generate_content", releases=12, seed=3, verbosity=0)
    releases = PressRelease.objects.all()
    assert releases.count() == 12
    for release in releases:
        codes = sorted(str(code) for code in release.countries)
        assert 1 <= len(codes) <= 3
        rows = ReleaseCountry.objects.filter(release=release)
        assert sorted(rows.values_list("country", flat=True)) == codes
