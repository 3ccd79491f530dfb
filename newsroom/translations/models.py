from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from newsroom.core.languages import LANGUAGE_NAMES, version_name


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


class TranslatedSource(models.Model):
    """The source text of a field as it stood when its translation into a
    language was imported or marked ready, unit by unit (the field, or each block
    of rich text), beside the translation of each unit. The next export compares
    it with today's source: only the blocks that changed come fuzzy, with their
    previous text as `#| msgid`."""

    context = models.CharField(_("context"), max_length=200)
    language = models.CharField(_("language"), max_length=10)
    source = models.JSONField(_("source units"))
    translation = models.JSONField(_("translated units"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now=True)

    class Meta:
        verbose_name = _("translated source")
        verbose_name_plural = _("translated sources")
        ordering = ["context", "language"]
        constraints = [
            models.UniqueConstraint(
                fields=["context", "language"], name="unique_translated_source"
            )
        ]

    def __str__(self):
        return version_name(self.context, self.language)


class MemoryEntry(models.Model):
    """A unit of the translation memory: a source text (a field or a block) and
    its translation, found again by the source after normalising whitespace."""

    source_language = models.CharField(_("source language"), max_length=10)
    target_language = models.CharField(_("target language"), max_length=10)
    source_key = models.CharField(_("SHA-256 of the normalised source"), max_length=64)
    source = models.TextField(_("source"))
    target = models.TextField(_("translation"))
    origin = models.CharField(
        _("origin"),
        max_length=300,
        help_text=_("Where the translation was made: an item and field, or a file."),
    )
    changed_at = models.DateTimeField(_("changed at"))

    class Meta:
        verbose_name = _("translation memory entry")
        verbose_name_plural = _("translation memory entries")
        ordering = ["source_language", "target_language", "source_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["source_language", "target_language", "source_key"],
                name="unique_memory_entry",
            )
        ]

    def __str__(self):
        # Translators: a translation memory's entry: "Climate action (English →
        # French)".
        return pgettext(
            "a translation memory entry", "{text} ({source} → {target})"
        ).format(
            text=self.source[:60],
            source=LANGUAGE_NAMES.get(self.source_language, self.source_language),
            target=LANGUAGE_NAMES.get(self.target_language, self.target_language),
        )
