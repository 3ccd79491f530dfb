from django.urls import path
from django.utils.translation import gettext_lazy as _

from . import views

app_name = "distribution"

urlpatterns = [
    # Translators: URL words: lowercase ASCII letters, digits and hyphens; keep
    # the slashes and anything between < and > unchanged.
    path(_("email-alerts/"), views.subscribe, name="subscribe"),
    path(
        _("email-alerts/check-your-inbox/"), views.subscribe_sent, name="subscribe-sent"
    ),
    path(_("email-alerts/confirm/<str:token>/"), views.confirm, name="confirm"),
    path(_("email-alerts/preferences/<str:token>/"), views.manage, name="manage"),
    path(
        _("email-alerts/unsubscribe/<str:token>/"),
        views.unsubscribe,
        name="unsubscribe",
    ),
]
