import pytest

from newsroom.demo import organisation as demo


@pytest.fixture
def demo_organisation(db):
    """The demo organisation of the seed: IOM, its units, offices and holders."""
    demo.load()
