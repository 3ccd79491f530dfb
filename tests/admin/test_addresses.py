"""The links the admin gives out (the embargo link, the admin links of a PO export)
name the address the editor is using when NEWSROOM_SITE_URL is not set, as in
development, and the public address when it is, as in production (issue 20,
trip 3)."""

import pytest
from django.core import checks
from django.urls import reverse

from newsroom.models import PressRelease
from tests.factories import ahead, make_release, parse

pytestmark = pytest.mark.django_db

DEVELOPMENT = {"HTTP_HOST": "127.0.0.1:8801"}


def embargo_link(client, release, **headers):
    url = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    tree = parse(client.get(url, **headers))
    return tree.xpath("//div[contains(@class, 'field-embargo_link')]//a/@href")[0]


def exported_admin_links(client, **headers):
    response = client.get("/admin/translations/export/?language=fr", **headers)
    assert response.status_code == 200
    return {
        line.removeprefix("#. Admin: ")
        for line in response.content.decode().splitlines()
        if line.startswith("#. Admin: ")
    }


@pytest.fixture
def scheduled():
    return make_release("later", publish_at=ahead(days=2))


def test_development_links_follow_the_request(editor, settings, scheduled):
    """No public address set: the links are on the host and port of the request."""
    settings.NEWSROOM_SITE_URL = ""
    token = PressRelease.objects.get().embargo_token
    assert embargo_link(editor, scheduled, **DEVELOPMENT) == (
        f"http://127.0.0.1:8801/en/press-releases/embargo/{token}/"
    )
    links = exported_admin_links(editor, **DEVELOPMENT)
    assert links == {
        f"http://127.0.0.1:8801/admin/newsroom/pressrelease/{scheduled.pk}/change/"
    }


def test_production_links_use_the_public_address(editor, settings, scheduled):
    """A public address set: the links use it, whatever host the editor used."""
    settings.NEWSROOM_SITE_URL = "https://news.example.org/"
    assert embargo_link(editor, scheduled, **DEVELOPMENT).startswith(
        "https://news.example.org/en/"
    )
    assert exported_admin_links(editor, **DEVELOPMENT) == {
        f"https://news.example.org/admin/newsroom/pressrelease/{scheduled.pk}/change/"
    }


def test_export_action_links_follow_the_request(editor, settings, scheduled):
    """The list's "Export for translation" action does the same."""
    settings.NEWSROOM_SITE_URL = ""
    response = editor.post(
        reverse("admin:newsroom_pressrelease_changelist"),
        {
            "action": "export_for_translation",
            "_selected_action": [scheduled.pk],
            "translation-language": "fr",
        },
        **DEVELOPMENT,
    )
    assert (
        f"#. Admin: http://127.0.0.1:8801/admin/newsroom/pressrelease/"
        f"{scheduled.pk}/change/" in response.content.decode()
    )


def deployment_warnings(check_id):
    messages = checks.run_checks(include_deployment_checks=True)
    return [message.id for message in messages if message.id == check_id]


def test_deployment_check_asks_for_the_public_address(settings):
    """`check --deploy` warns while NEWSROOM_SITE_URL is not set."""
    settings.NEWSROOM_SITE_URL = ""
    assert deployment_warnings("newsroom.W001") == ["newsroom.W001"]
    settings.NEWSROOM_SITE_URL = "https://news.example.org"
    assert deployment_warnings("newsroom.W001") == []


def test_deployment_check_asks_for_the_sender_address(settings):
    """`check --deploy` warns while emails would come from newsroom@localhost,
    an address that receiving servers refuse or file as spam."""
    settings.DEFAULT_FROM_EMAIL = "Newsroom <newsroom@localhost>"
    assert deployment_warnings("newsroom.W002") == ["newsroom.W002"]
    settings.DEFAULT_FROM_EMAIL = "Press office <press@news.example.org>"
    assert deployment_warnings("newsroom.W002") == []
