import secrets

from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from newsroom.core.publication import Publishable
from newsroom.core.richtext import RichTextField


def new_embargo_token():
    return secrets.token_urlsafe(24)


class PressRelease(Publishable):
    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, null=True, blank=True
    )
    lead = models.TextField(
        _("lead"), blank=True, help_text=_("One or two sentences: the news.")
    )
    body = RichTextField(_("body"), blank=True)
    dateline_city = models.CharField(
        _("dateline city"),
        max_length=100,
        blank=True,
        help_text=_("Where the news comes from."),
    )
    correction_note = models.TextField(
        _("correction note"),
        blank=True,
        help_text=_("Shown on the release with the date of the correction."),
    )
    issuing_office = models.ForeignKey(
        "organisation.Office",
        verbose_name=_("issuing office"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )
    countries = CountryField(_("countries"), multiple=True, blank=True)
    topics = models.ManyToManyField(
        "newsroom.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="press_releases",
    )
    people_quoted = models.ManyToManyField(
        "organisation.Person",
        verbose_name=_("people quoted"),
        blank=True,
        related_name="press_releases",
    )
    related_event = models.ForeignKey(
        "newsroom.Event",
        verbose_name=_("related event"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="press_releases",
    )
    media_contacts = models.ManyToManyField(
        "newsroom.MediaContact",
        verbose_name=_("media contacts"),
        through="newsroom.ReleaseContact",
        blank=True,
        related_name="press_releases",
    )
    main_photo = models.ForeignKey(
        "newsroom.Photo",
        verbose_name=_("main photo"),
        null=True,
        blank=True,
        # A photo in use is not deleted from under a release: the admin says where
        # it is used.
        on_delete=models.PROTECT,
        related_name="+",
    )
    embargo_token = models.CharField(
        _("embargo link token"),
        max_length=64,
        unique=True,
        default=new_embargo_token,
        editable=False,
        help_text=_(
            "The secret part of the link that shows a scheduled release to "
            "journalists before its time."
        ),
    )

    class Meta:
        verbose_name = pgettext_lazy("noun", "press release")
        verbose_name_plural = pgettext_lazy("noun", "press releases")
        ordering = ["-publish_at", "-pk"]
        indexes = [models.Index(fields=["state", "publish_at"])]

    def __str__(self):
        # The title an editor wrote, whatever the language of the admin.
        return self.field_in("title", self.original_language) or self.title

    def get_absolute_url(self):
        return reverse("newsroom:release-detail", kwargs={"slug": self.slug_for()})

    def correction_for(self, lang):
        """The correction note to show with the version in `lang`, and the language
        it is in: that version's own note, else the original's."""
        for code in (lang, self.original_language):
            note = self.field_in("correction_note", code).strip()
            if note:
                return {"note": note, "lang": code}
        return None


class ReleaseContact(models.Model):
    """A media contact named on a release, in the editor's order."""

    release = models.ForeignKey(PressRelease, on_delete=models.CASCADE)
    contact = models.ForeignKey(
        "newsroom.MediaContact",
        verbose_name=_("media contact"),
        on_delete=models.CASCADE,
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("media contact of the release")
        verbose_name_plural = _("media contacts of the release")
        ordering = ["order", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "contact"], name="unique_release_contact"
            )
        ]

    def __str__(self):
        return str(self.contact)
