"""The public pages only show: any method but GET and HEAD is a 405 Method Not
Allowed that names them (Allow), never the CSRF failure page (a 403 that says
nothing of the method) nor the page itself; the forms still ask for their
token."""

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from tests.e2e.public_pages import public_pages

pytestmark = pytest.mark.django_db

METHODS = ["post", "put", "patch", "delete"]


@pytest.fixture
def pages(db):
    call_command("load_demo", verbosity=0)
    return {
        **public_pages("fr"),
        "preview": reverse("newsroom:release-preview", args=[1]),
        "embargo": reverse("newsroom:release-embargo", args=["no-such-link"]),
        "check-your-inbox": reverse("distribution:subscribe-sent"),
        "healthz": reverse("healthz"),
        "readyz": reverse("readyz"),
    }


def test_unsafe_methods_are_not_allowed(pages):
    client = Client(enforce_csrf_checks=True)
    forms = {"subscribe"}
    for name, url in pages.items():
        client.get(url)  # a copy in the page cache changes nothing
        for method in METHODS:
            response = getattr(client, method)(url)
            if name in forms:
                assert response.status_code == 403, (name, method)
            else:
                assert (response.status_code, response.get("Allow")) == (
                    405,
                    "GET, HEAD",
                ), (name, method)


def test_safe_methods_still_answer(pages):
    client = Client(enforce_csrf_checks=True)
    for name, url in pages.items():
        if name in ("not-found", "preview", "embargo"):
            continue
        assert client.get(url).status_code == 200, name
        assert client.head(url).status_code == 200, name
