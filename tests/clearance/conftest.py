"""A user per role (groups made by the migration), a staff user with none, and a
real SMTP peer that the task worker's emails reach."""

import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation

from newsroom.clearance import roles
from tests.distribution.conftest import start_smtp, use_smtp, work_queue
from tests.ports import free_ports

ROLES = {
    "writer": [roles.WRITER],
    "approver": [roles.APPROVER],
    "publisher": [roles.PUBLISHER],
    "translator": [roles.translator_group("fr")],
    "nobody": [],
}


def ensure_roles():
    """The groups the migration makes; a test that flushed the database (a
    transactional one) removed them, so make them again the same way."""
    migration = importlib.import_module(
        "newsroom.clearance.migrations.0002_create_roles"
    )
    if not Group.objects.filter(name=roles.PUBLISHER).exists():
        migration.create_roles(apps, None)


@pytest.fixture(autouse=True)
def site_language_afterwards(settings):
    """A French page leaves French active in this thread: not for the next test."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def people(db):
    """{role: user}, each staff, with an email address."""
    ensure_roles()
    users = {}
    for name, groups in ROLES.items():
        user = User.objects.create_user(name, f"{name}@example.org", "x", is_staff=True)
        user.groups.set([Group.objects.get(name=name) for name in groups])
        users[name] = user
    return users


@pytest.fixture
def inbox(settings):
    """A real SMTP server on loopback; `inbox.deliver()` runs the worker."""
    (port,) = free_ports(1)
    inbox, controller = start_smtp(port)
    use_smtp(settings, port)
    inbox.deliver = work_queue
    yield inbox
    controller.stop()


def admin_url(model, view="changelist", *args):
    meta = model._meta
    return reverse(f"admin:{meta.app_label}_{meta.model_name}_{view}", args=args)
