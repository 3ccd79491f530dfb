from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.core.video import ALLOWED_HOSTS_TEXT, embed_for


class VideoManager(models.Manager):
    def get_queryset(self):
        # The release gives the video's texts their original language.
        return super().get_queryset().select_related("release", "poster")


def validate_video_url(url):
    if embed_for(url) is None:
        raise ValidationError(
            _("Give the address of a video on %(hosts)s."),
            code="host",
            params={"hosts": ALLOWED_HOSTS_TEXT},
        )


class Video(models.Model):
    """A video of a release, played from its host only once the visitor asks:
    until then the page shows a poster from our own photos and a play button."""

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        on_delete=models.CASCADE,
        related_name="videos",
    )
    url = models.URLField(
        _("video address"),
        max_length=300,
        validators=[validate_video_url],
        help_text=_(
            "The address of the video on YouTube (played through "
            "youtube-nocookie.com), Vimeo or UN Web TV."
        ),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    transcript = models.TextField(_("transcript"), blank=True)
    poster = models.ForeignKey(
        "newsroom.Photo",
        verbose_name=_("poster"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Shown until the visitor plays the video."),
    )
    broll_url = models.URLField(
        _("b-roll download link"),
        max_length=300,
        blank=True,
        help_text=_("Where journalists download the raw footage."),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = VideoManager()

    class Meta:
        verbose_name = _("video")
        verbose_name_plural = _("videos")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text_in("title", self.original_language) or self.url

    @property
    def original_language(self):
        return self.release.original_language

    @property
    def embed(self):
        return embed_for(self.url)

    def printed(self, lang):
        """What the release's version in `lang` prints of the video: its title
        and transcript in that language (with `lang`, the one they are in)."""
        shown = lang if self.text_in("title", lang, own=True) else None
        shown = shown or self.original_language
        return {
            "video": self,
            "title": self.text_in("title", shown),
            "transcript": self.text_in("transcript", shown),
            "lang": shown,
        }

    def text_in(self, field, lang, own=False):
        """Translated `field` for the release's version in `lang`, else the
        original's (unless `own`), never a third language's (a draft's)."""
        for code in (lang,) if own else (lang, self.original_language):
            text = (getattr(self, f"{field}_{code}", None) or "").strip()
            if text:
                return text
        return ""
