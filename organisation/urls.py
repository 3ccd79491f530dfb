from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "organisation"

urlpatterns = [
    # Translators: URL words: lowercase ASCII letters, digits and hyphens; keep
    # the slashes and anything between < and > unchanged.
    path(_("who-we-are/"), views.who_we_are, name="who-we-are"),
    path(_("who-we-are/structure/"), views.structure, name="structure"),
    path(
        _("who-we-are/people/<slug:slug>/"), views.person_detail, name="person-detail"
    ),
    path(_("offices/"), views.office_list, name="office-list"),
    path(_("offices/<slug:slug>/"), views.office_detail, name="office-detail"),
]
