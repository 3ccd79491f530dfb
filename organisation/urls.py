from django.urls import path
from django.utils.translation import gettext_lazy as _

from newsroom.core.http import read_only

from . import views

app_name = "organisation"

# Every page here only shows: any method but GET and HEAD is a 405 (read_only).
urlpatterns = [
    # Translators: URL words: lowercase ASCII letters, digits and hyphens; keep
    # the slashes and anything between < and > unchanged.
    path(_("who-we-are/"), read_only(views.who_we_are), name="who-we-are"),
    path(_("who-we-are/structure/"), read_only(views.structure), name="structure"),
    path(
        _("who-we-are/people/<slug:slug>/"),
        read_only(views.person_detail),
        name="person-detail",
    ),
    path(_("offices/"), read_only(views.office_list), name="office-list"),
    path(
        _("offices/<slug:slug>/"), read_only(views.office_detail), name="office-detail"
    ),
]
