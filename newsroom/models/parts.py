from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class ReleasePartManager(models.Manager):
    def get_queryset(self):
        # The release gives the part's texts their original language.
        return super().get_queryset().select_related("release")

    def through_releases(self):
        """The parts to prefetch through their releases: without the join on the
        release, whose row the prefetch already has and gives each part."""
        return self.get_queryset().select_related(None)


class ReleasePart(models.Model):
    """Abstract base of what a release holds besides its text (quotes, documents,
    videos), in the editor's order: its texts are translated from the release's
    original language, and a version prints its own language's or the
    original's."""

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        on_delete=models.CASCADE,
        related_name="%(class)ss",
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = ReleasePartManager()

    class Meta:
        abstract = True
        ordering = ["order", "pk"]

    @property
    def original_language(self):
        return self.release.original_language

    def text_in(self, field, lang):
        """(text, language) of translated `field` for the release's version in
        `lang`: that language's, else the original's, never a third language's
        (which could be an unpublished draft's)."""
        for code in (lang, self.original_language):
            text = (getattr(self, f"{field}_{code}", None) or "").strip()
            if text:
                return text, code
        return "", lang
