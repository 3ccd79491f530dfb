import pytest
from django.contrib.auth.models import User


@pytest.fixture
def editor(client):
    """The test client, logged in as a superuser."""
    user = User.objects.create_superuser("editor", "editor@example.org", "x")
    client.force_login(user)
    return client
