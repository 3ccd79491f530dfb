import pytest

from newsroom.demo import organisation as demo
from tests.factories import shared_rows


@pytest.fixture(scope="class")
def demo_organisation_rows(django_db_setup, django_db_blocker):
    """The demo organisation, loaded once for a class of tests (once per test for
    a test outside a class)."""
    with shared_rows(django_db_blocker, demo.load):
        yield


@pytest.fixture
def demo_organisation(db, demo_organisation_rows):
    """The demo organisation of the seed: IOM, its units, offices and holders."""
