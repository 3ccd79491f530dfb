"""The organisation's people and offices, registered by the organisation, get
here what only the newsroom has, because the organisation depends on the
newsroom's shared core only: people their history with differences and restore
(newsroom.clearance), people and offices a search that also goes through the
index, and the first letters of a name typed without its accents ("Anto" for
António, in the lists and the release form's people picker). The organisation's
app comes before the newsroom's in INSTALLED_APPS, so its admins are registered
first."""

from django.contrib import admin

from newsroom.search.admin import NameSearchMixin
from organisation.models import Office, Person

from .history import HistoryAdminMixin


def registered(model):
    """The admin class the organisation registered for `model`, unregistered."""
    model_admin = admin.site.get_model_admin(model)
    admin.site.unregister(model)
    return type(model_admin)


@admin.register(Person)
class PersonAdmin(HistoryAdminMixin, NameSearchMixin, registered(Person)):
    """The organisation's admin of people, with its history. A person is not
    published, so a restore puts the earlier text back on the person at once
    (a new revision, recorded in the audit trail)."""


@admin.register(Office)
class OfficeAdmin(NameSearchMixin, registered(Office)):
    pass
