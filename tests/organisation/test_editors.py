"""The "Editors" group of `load_demo`: a staff member in it, not a superuser, edits
the newsroom and the organisation in the admin."""

import io

import pytest
from django.contrib import admin
from django.contrib.auth.models import Group, Permission, User
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse

from newsroom.clearance.models import AuditEntry
from organisation.models import Office, OrganisationProfile
from tests.factories import shared_rows

pytestmark = pytest.mark.django_db

# The Editors group holds every clearance role too.
APPS = ("newsroom", "organisation", "clearance")


def load_demo():
    call_command("load_demo", stdout=io.StringIO())


@pytest.fixture(scope="class")
def shared_media(django_db_setup, django_db_blocker, tmp_path_factory):
    """`load_demo` run once for a class of tests, its files in a folder of their
    own (each test gets a copy); returns that folder."""
    folder = tmp_path_factory.mktemp("demo") / "media"

    def load():
        with override_settings(MEDIA_ROOT=folder):
            load_demo()

    with shared_rows(django_db_blocker, load):
        yield folder


@pytest.fixture
def editor_client(client, shared_media):
    """A logged-in staff user, not a superuser, whose only rights come from Editors."""
    user = User.objects.create_user("editor", password="x", is_staff=True)
    user.groups.add(Group.objects.get(name="Editors"))
    client.force_login(user)
    return client


class TestOnTheDemo:
    """The demo, loaded by load_demo once for the class."""

    def test_editors_group_has_every_newsroom_and_organisation_permission(
        self, shared_media
    ):
        """The group holds each permission of both apps and the translator's right
        of each language, and loading again keeps one group with the same
        permissions."""
        load_demo()
        [group] = Group.objects.filter(name="Editors")
        expected = set(
            Permission.objects.filter(content_type__app_label__in=APPS)
        ) | set(Permission.objects.filter(codename__startswith="translate_"))
        assert expected and set(group.permissions.all()) == expected

    def test_an_editor_opens_every_admin_page_of_both_apps(self, editor_client):
        """The admin index lists both apps, and each model's list, add and change pages
        open for a member of Editors (but a second organisation profile's)."""
        index = editor_client.get(reverse("admin:index"))
        assert index.status_code == 200
        listed = {app["app_label"] for app in index.context["app_list"]}
        assert set(APPS) <= listed
        models = [
            model for model in admin.site._registry if model._meta.app_label in APPS
        ]
        assert len(models) >= 10
        for model in models:
            meta = model._meta
            prefix = f"admin:{meta.app_label}_{meta.model_name}"
            changelist = editor_client.get(reverse(f"{prefix}_changelist"))
            assert changelist.status_code == 200, meta.model_name
            # The organisation's profile is a singleton: the demo's is there already;
            # the audit trail is append-only.
            add = editor_client.get(reverse(f"{prefix}_add"))
            expected = 403 if model in (OrganisationProfile, AuditEntry) else 200
            assert add.status_code == expected, meta.model_name
            first = model.objects.order_by("pk").first()
            if first is not None:
                change = editor_client.get(reverse(f"{prefix}_change", args=[first.pk]))
                assert change.status_code == 200, meta.model_name

    def test_an_editor_saves_an_office(self, editor_client):
        """A member of Editors changes an office's city and saves it."""
        office = Office.objects.get(slug_en="regional-office-vienna")
        url = reverse("admin:organisation_office_change", args=[office.pk])
        form = editor_client.get(url).context["adminform"].form
        data = {
            name: form[name].value()
            for name in form.fields
            if form[name].value() not in (None, False)
        }
        response = editor_client.post(url, {**data, "city_en": "Wien"})
        assert response.status_code == 302
        office.refresh_from_db()
        assert office.city_en == "Wien"
