from django.apps import AppConfig
from django.utils.translation import pgettext_lazy


class SearchConfig(AppConfig):
    name = "newsroom.search"
    label = "search"
    verbose_name = pgettext_lazy("noun", "Search")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from django.db import connections
        from django.db.backends.signals import connection_created
        from django.db.models.signals import post_migrate

        from . import signals
        from .text import register_fold

        signals.connect()
        post_migrate.connect(signals.index_existing_content, sender=self)
        connection_created.connect(register_fold)
        # Connections may already be open.
        for connection in connections.all(initialized_only=True):
            register_fold(None, connection)
