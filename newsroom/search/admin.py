"""The admin's search box, through the index: an editor finds a release or an
event by any word of any version (drafts included), body included, with accents,
case and word forms folded as on the public site."""

from .results import admin_matches


class IndexedSearchMixin:
    """For a ModelAdmin of an indexed model; keep `search_fields` set, which shows
    the search box. A query without a word it asks for (only exclusions) falls back
    to Django's own search of `search_fields`."""

    def get_search_results(self, request, queryset, search_term):
        matches = admin_matches(self.model, search_term) if search_term else None
        if matches is None:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=matches), False


class NameSearchMixin:
    """For the admin of a name that people pick as they type it (a person, an
    office): Django's own search of `search_fields` finds the letters typed so far
    ("Vito"), and the index, besides, the whole words typed without their accents
    ("Antonio" for António)."""

    def get_search_results(self, request, queryset, search_term):
        typed, duplicates = super().get_search_results(request, queryset, search_term)
        matches = admin_matches(self.model, search_term) if search_term else None
        if matches is None:
            return typed, duplicates
        return typed | queryset.filter(pk__in=matches), duplicates
