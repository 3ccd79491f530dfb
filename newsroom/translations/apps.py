from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TranslationsConfig(AppConfig):
    """The PO exchange of content; its one table keeps uploads between their
    preview and their confirmation."""

    name = "newsroom.translations"
    label = "translations"
    verbose_name = _("Content translations")
    default_auto_field = "django.db.models.BigAutoField"
