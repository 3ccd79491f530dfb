from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class PendingUpload(models.Model):
    """A PO file uploaded for a preview, kept for its uploader's confirmation in
    the database, which every worker sees (a process's memory or local cache is
    not shared; media storage may be public)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("uploaded by"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    digest = models.CharField(_("SHA-256 digest"), max_length=64)
    content = models.BinaryField(_("content"))
    created_at = models.DateTimeField(_("uploaded at"), db_index=True)

    class Meta:
        verbose_name = _("uploaded PO file")
        verbose_name_plural = _("uploaded PO files")
        ordering = ["-created_at"]
        # A translator's rights, one per language: which versions they may
        # edit, upload and import (see permissions.can_translate).
        permissions = [
            ("translate_en", _("Can translate into English")),
            ("translate_fr", _("Can translate into French")),
            ("translate_es", _("Can translate into Spanish")),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "digest"], name="unique_pending_upload"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.digest[:12]}"
