from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks
        from django.db.models.signals import post_save
        from django.utils import dateformat

        from newsroom.api import signals as api_signals
        from newsroom.caching.generation import connect_signals
        from newsroom.core.dates import format_date
        from newsroom.core.standards import public_address_check, sender_address_check
        from newsroom.images import signals
        from newsroom.models.releases import keep_release_countries
        from newsroom.resilience.checks import static_manifest

        checks.register(static_manifest)
        checks.register(public_address_check, deploy=True)
        checks.register(sender_address_check, deploy=True)
        connect_signals()
        api_signals.connect()
        # Django writes "1 juillet"; French writes "1er juillet" (no setting
        # or date format can say so: only the day decides).
        dateformat.format = format_date

        signals.connect(
            self.get_model("Photo"), "image", focal_fields=("focal_x", "focal_y")
        )
        post_save.connect(
            keep_release_countries,
            sender=self.get_model("PressRelease"),
            dispatch_uid="newsroom-release-countries",
        )
