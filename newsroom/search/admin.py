"""The admin's search box, through the index: an editor finds a release or an
event by any word of any version (drafts included), body included, with accents,
case and word forms folded as on the public site, and is told when the words
typed are too common to search."""

from django.contrib import messages
from django.contrib.admin.views.main import SEARCH_VAR
from django.db.models import Func, Q, TextField
from django.db.models.lookups import Contains

from .forms import TOO_COMMON
from .query import MAX_TERMS, parse
from .results import admin_matches
from .text import FOLD_FUNCTION, words


class IndexedSearchMixin:
    """For a ModelAdmin of an indexed model; keep `search_fields` set, which shows
    the search box. A query without a word it asks for (only exclusions) falls back
    to Django's own search of `search_fields`."""

    def get_search_results(self, request, queryset, search_term):
        matches = admin_matches(self.model, search_term) if search_term else None
        if matches is None:
            return super().get_search_results(request, queryset, search_term)
        return queryset.filter(pk__in=matches), False

    def changelist_view(self, request, extra_context=None):
        response = super().changelist_view(request, extra_context)
        # The index leaves out words too common to search ("the", « le »): a
        # query of nothing else finds no text of their language, and the list,
        # rendered after this, says why, as the public search page does. (Not
        # on an action's POST, whose redirect comes back with the same query.)
        shown = request.method == "GET" and response.status_code == 200
        if shown and parse(request.GET.get(SEARCH_VAR, "")).only_common_words():
            messages.warning(request, TOO_COMMON)
        return response


class Folded(Func):
    """A text without accents, in lower case, as `text.fold()` makes it: by
    `unaccent` on PostgreSQL, by that very function elsewhere (registered on each
    SQLite connection by SearchConfig)."""

    function = FOLD_FUNCTION
    output_field = TextField()

    def as_postgresql(self, compiler, connection, **extra):
        return self.as_sql(
            compiler, connection, template="LOWER(UNACCENT(%(expressions)s))", **extra
        )


class NameSearchMixin:
    """For the admin of a name that people pick as they type it (a person, an
    office): Django's own search of `search_fields` finds the letters typed so far
    ("Vito", "Antó"), the same letters typed without their accents find them too
    ("Anto" for António), and the index, besides, the whole words in any of their
    forms."""

    def get_search_results(self, request, queryset, search_term):
        found, duplicates = super().get_search_results(request, queryset, search_term)
        folded = self.folded_match(request, search_term)
        if folded is not None:
            found |= queryset.filter(folded)
        matches = admin_matches(self.model, search_term) if search_term else None
        if matches is not None:
            found |= queryset.filter(pk__in=matches)
        return found, duplicates

    def folded_match(self, request, search_term):
        """A Q for each word typed (the first MAX_TERMS), folded, within a folded
        search field; None without a word."""
        fields = [name.lstrip("^=@") for name in self.get_search_fields(request)]
        typed = words(search_term)[:MAX_TERMS]
        if not fields or not typed:
            return None
        return Q.create(
            [
                Q.create([Contains(Folded(name), word) for name in fields], Q.OR)
                for word in typed
            ],
            Q.AND,
        )
