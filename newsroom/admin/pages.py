"""Pages and topics in the admin."""

from django.contrib import admin

from newsroom.core.admin import TranslatedAdmin
from newsroom.core.languages import in_every_language
from newsroom.models import (
    Page,
    Topic,
)
from newsroom.search.admin import IndexedSearchMixin

from .publishable import PublishableAdmin, publication_fieldset


@admin.register(Page)
class PageAdmin(IndexedSearchMixin, PublishableAdmin):
    preview_url_name = "newsroom:page-preview"
    list_display = [
        "__str__",
        "nav_order",
        "legal_order",
        "publication",
        "languages",
    ]
    search_fields = in_every_language("title", "slug")
    fieldsets = [
        (
            None,
            {
                "fields": [
                    "original_language",
                    "title",
                    "slug",
                    "intro",
                    "body",
                    "version_state",
                    "nav_order",
                    "legal_order",
                ]
            },
        ),
        publication_fieldset(),
    ]


@admin.register(Topic)
class TopicAdmin(TranslatedAdmin):
    list_display = ["name", "slug"]
    search_fields = in_every_language("name", "slug")
    prepopulated_fields = {"slug": ["name"]}
