"""Media contacts in the admin, with their phone numbers."""

from django.contrib import admin

from newsroom.core.admin import TabularInline, TranslatedAdmin
from newsroom.core.languages import in_every_language
from newsroom.models import (
    ContactPhone,
    MediaContact,
)

from .history import HistoryAdminMixin


class ContactPhoneInline(TabularInline):
    model = ContactPhone
    fields = ["kind", "number", "order"]
    extra = 1


@admin.register(MediaContact)
class MediaContactAdmin(HistoryAdminMixin, TranslatedAdmin):
    list_display = ["name", "job_title", "office", "email", "is_public", "order"]
    list_editable = ["order"]
    list_filter = ["is_public", "office"]
    list_select_related = ["office"]
    search_fields = ["name", "email", *in_every_language("job_title")]
    autocomplete_fields = ["office"]
    prepopulated_fields = {"slug": ["name"]}
    inlines = [ContactPhoneInline]
