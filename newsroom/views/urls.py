from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.search.views import search

from . import contacts, events, pages, release_list, releases

app_name = "newsroom"

urlpatterns = [
    # Translators: URL words: lowercase ASCII letters, digits and hyphens; keep
    # the slashes and anything between < and > unchanged.
    path(_("press-releases/"), release_list.release_list, name="release-list"),
    path(
        _("press-releases/embargo/<slug:token>/"),
        releases.release_embargo,
        name="release-embargo",
    ),
    path(
        _("press-releases/<slug:slug>/"),
        releases.release_detail,
        name="release-detail",
    ),
    path(_("events/"), events.event_list, name="event-list"),
    path(_("events/past/"), events.event_past, name="event-past"),
    path(_("events/<slug:slug>/"), events.event_detail, name="event-detail"),
    path(_("media-contacts/"), contacts.contact_list, name="contact-list"),
    path(_("search/"), search, name="search"),
    # Staff previews: any state, any language; never cached or indexed.
    path(
        "preview/press-release/<int:pk>/",
        releases.release_preview,
        name="release-preview",
    ),
    path("preview/event/<int:pk>/", events.event_preview, name="event-preview"),
    path("preview/page/<int:pk>/", pages.page_preview, name="page-preview"),
    # The catch-all for pages comes last.
    path("<slug:slug>/", pages.page_detail, name="page-detail"),
]
