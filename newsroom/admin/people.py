"""People keep revisions (newsroom.clearance): their admin, which the organisation
registers, gets the history with differences and restore here, because the
organisation depends on the newsroom's shared core only. The organisation's app
comes before the newsroom's in INSTALLED_APPS, so its admin is registered first."""

from django.contrib import admin

from organisation.models import Person

from .history import HistoryAdminMixin

_registered = admin.site.get_model_admin(Person)
admin.site.unregister(Person)


@admin.register(Person)
class PersonAdmin(HistoryAdminMixin, type(_registered)):
    """The organisation's admin of people, with its history. A person is not
    published, so a restore puts the earlier text back on the person at once
    (a new revision, recorded in the audit trail)."""
