from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.core.http import read_only
from newsroom.search.views import search

from . import contacts, events, pages, release_list, releases

app_name = "newsroom"

# Every page here only shows: any method but GET and HEAD is a 405 (read_only).
urlpatterns = [
    # Translators: URL words: lowercase ASCII letters, digits and hyphens; keep
    # the slashes and anything between < and > unchanged.
    path(
        _("press-releases/"), read_only(release_list.release_list), name="release-list"
    ),
    path(
        _("press-releases/embargo/<slug:token>/"),
        read_only(releases.release_embargo),
        name="release-embargo",
    ),
    path(
        _("press-releases/<slug:slug>/"),
        read_only(releases.release_detail),
        name="release-detail",
    ),
    path(_("events/"), read_only(events.event_list), name="event-list"),
    path(_("events/past/"), read_only(events.event_past), name="event-past"),
    path(_("events/<slug:slug>/"), read_only(events.event_detail), name="event-detail"),
    path(_("media-contacts/"), read_only(contacts.contact_list), name="contact-list"),
    path(_("search/"), read_only(search), name="search"),
    # Staff previews: any state, any language; never cached or indexed.
    path(
        "preview/press-release/<int:pk>/",
        read_only(releases.release_preview),
        name="release-preview",
    ),
    path(
        "preview/event/<int:pk>/", read_only(events.event_preview), name="event-preview"
    ),
    path("preview/page/<int:pk>/", read_only(pages.page_preview), name="page-preview"),
    # The catch-all for pages comes last.
    path("<slug:slug>/", read_only(pages.page_detail), name="page-detail"),
]
