from django.apps import AppConfig
from django.db.models.signals import post_save
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The PO exchange of content; its one table keeps uploads between their
    preview and their confirmation."""

    name = "newsroom.translations"
    label = "translations"
    verbose_name = _("Content translations")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from .memory import record_ready_versions
        from .registry import has_version_states, translatable_models

        for model in translatable_models():
            if has_version_states(model):
                post_save.connect(
                    record_ready_versions,
                    sender=model,
                    dispatch_uid=f"translations-{model._meta.label_lower}",
                )
