from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ClearanceConfig(AppConfig):
    name = "newsroom.clearance"
    label = "clearance"
    verbose_name = _("Clearance and audit")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from newsroom.core import former_slugs

        from . import signals, slugs

        signals.connect()
        # Asked through the core by the organisation, which may not import us.
        former_slugs.register(slugs.former_owner)
