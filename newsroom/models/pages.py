from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import fallback_language, slug_url
from newsroom.core.publication import Publishable, live_q, once_public_q
from newsroom.core.richtext import RichTextField


class TopicQuerySet(models.QuerySet):
    def public(self):
        """The topics some live release has. A topic that only unpublished
        releases have may name the news to come: it is offered, listed and
        followed (feeds, filters, the API) once a release of it is live."""
        through = self.model.press_releases.through.objects
        live = through.filter(live_q("pressrelease__"), topic=models.OuterRef("pk"))
        return self.filter(models.Exists(live))

    def once_public(self):
        """The topics some release has that is or was public (`once_public_q`):
        their names have been public."""
        through = self.model.press_releases.through.objects
        released = through.filter(
            once_public_q("pressrelease__"), topic=models.OuterRef("pk")
        )
        return self.filter(models.Exists(released))


class Topic(models.Model):
    name = models.CharField(_("name"), max_length=100)
    slug = models.SlugField(
        _("slug"), max_length=100, unique=True, null=True, blank=True
    )
    # The API dates the releases printing it by its changes (newsroom/api/signals.py).
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = TopicQuerySet.as_manager()

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def name_language(self):
        return fallback_language(self, "name")


class Page(Publishable):
    """A static page; those with a navigation order form the main menu."""

    title = models.CharField(_("title"), max_length=200)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, null=True, blank=True
    )
    intro = models.TextField(_("introduction"), blank=True)
    body = RichTextField(_("body"), blank=True)
    nav_order = models.PositiveSmallIntegerField(
        _("navigation order"),
        null=True,
        blank=True,
        help_text=_("Position in the main navigation; empty keeps the page out of it."),
    )
    legal_order = models.PositiveSmallIntegerField(
        _("legal links order"),
        null=True,
        blank=True,
        help_text=_(
            "Position among the legal links at the foot of every page (privacy "
            "notice, terms of use, accessibility statement); empty keeps the page "
            "out of them."
        ),
    )

    class Meta:
        verbose_name = _("page")
        verbose_name_plural = _("pages")
        ordering = ["nav_order", "pk"]

    def get_absolute_url(self):
        return slug_url("newsroom:page-detail", self.slug_for())
