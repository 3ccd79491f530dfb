from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NewsroomConfig(AppConfig):
    name = "newsroom"
    label = "newsroom"
    verbose_name = _("Newsroom")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.core import checks

        from newsroom.core.standards import public_address_check
        from newsroom.images import signals
        from newsroom.resilience.checks import static_manifest

        checks.register(static_manifest)
        checks.register(public_address_check, deploy=True)

        signals.connect(
            self.get_model("Photo"), "image", focal_fields=("focal_x", "focal_y")
        )
