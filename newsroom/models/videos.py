from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.video import ALLOWED_HOSTS_TEXT, embed_for

from .parts import ReleasePart


def validate_video_url(url):
    if embed_for(url) is None:
        raise ValidationError(
            _("Give the address of a video on %(hosts)s."),
            code="host",
            params={"hosts": ALLOWED_HOSTS_TEXT},
        )


class Video(ReleasePart):
    """A video of a release, played from its host only once the visitor asks:
    until then the page shows a poster from our own photos and a play button."""

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

    class Meta(ReleasePart.Meta):
        verbose_name = _("video")
        verbose_name_plural = _("videos")

    def __str__(self):
        return self.text_in("title", self.original_language)[0] or self.url

    def name_language(self):
        text, lang = self.text_in("title", self.original_language)
        return lang if text else None

    @property
    def embed(self):
        return embed_for(self.url)

    def printed(self, lang):
        """What the release's version in `lang` prints of the video: its title
        and transcript in one language, `lang` (that version's) or the
        original's."""
        title, shown = self.text_in("title", lang)
        if not title:
            shown = self.text_in("transcript", lang)[1]
        return {
            "video": self,
            "title": self.text_in("title", shown)[0],
            "transcript": self.text_in("transcript", shown)[0],
            "lang": shown,
        }
