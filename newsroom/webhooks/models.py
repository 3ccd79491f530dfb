"""Partners, what was announced of each release and event, and the deliveries
of each announcement to each partner with their attempts."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.core.languages import LANGUAGE_CODES


def new_secret():
    return secrets.token_urlsafe(32)


def validate_site_languages(value):
    unknown = [code for code in value.split() if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Not a language of the site: %(codes)s."),
            params={"codes": ", ".join(unknown)},
        )


class PartnerQuerySet(models.QuerySet):
    def receiving(self, kind):
        """The active partners sent webhooks about `kind` (Partner.Receives)."""
        return self.filter(is_active=True, receives__in=[kind, Partner.Receives.BOTH])


class Partner(models.Model):
    """A receiver of webhooks: an agency, an aggregator, a country office's site."""

    class Receives(models.TextChoices):
        RELEASES = "releases", _("Press releases")
        EVENTS = "events", _("Events")
        BOTH = "both", _("Press releases and events")

    name = models.CharField(_("name"), max_length=200)
    url = models.URLField(
        _("endpoint URL"),
        max_length=500,
        help_text=_("Where the POST requests go; HTTPS in production."),
    )
    secret = models.CharField(
        _("signing secret"),
        max_length=100,
        default=new_secret,
        help_text=_("Shared with the partner, who checks the signature with it."),
    )
    languages = models.CharField(
        _("languages"),
        max_length=50,
        blank=True,
        validators=[validate_site_languages],
        help_text=_(
            'Codes separated by spaces, e.g. "fr es"; empty for every language. '
            "A release in none of them is sent in its original language."
        ),
    )
    topics = models.ManyToManyField(
        "newsroom.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_(
            "None selected: every release. Events have no topics: a partner that "
            "receives events gets every one."
        ),
    )
    receives = models.CharField(
        _("receives"),
        max_length=10,
        choices=Receives.choices,
        default=Receives.BOTH,
        help_text=_("What the partner is told of: press releases, events or both."),
    )
    is_active = models.BooleanField(_("active"), default=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]

    def __str__(self):
        return self.name

    def language_list(self):
        return self.languages.split()


class Event(models.TextChoices):
    PUBLISHED = "published", pgettext_lazy("webhook event", "Published")
    CORRECTED = "corrected", pgettext_lazy("webhook event", "Corrected")
    WITHDRAWN = "withdrawn", pgettext_lazy("webhook event", "Withdrawn")
    EXPIRED = "expired", pgettext_lazy("webhook event", "Expired")
    TEST = "test", pgettext_lazy("webhook event", "Test")


class Announcement(models.Model):
    """One event of one release or calendar event (exactly one of the two),
    announced once to the partners: its publication, each correction (`key`: the
    correction's time), its withdrawal or its expiry."""

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    # Not "event": that is what happened to the item (Event, above).
    calendar_event = models.ForeignKey(
        "newsroom.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="announcements",
    )
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    key = models.CharField(max_length=40, blank=True, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("announcement")
        verbose_name_plural = _("announcements")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "event", "key"], name="unique_announcement"
            ),
            models.UniqueConstraint(
                fields=["calendar_event", "event", "key"],
                name="unique_event_announcement",
            ),
            models.CheckConstraint(
                condition=models.Q(release__isnull=False, calendar_event__isnull=True)
                | models.Q(release__isnull=True, calendar_event__isnull=False),
                name="announcement_of_one_item",
            ),
        ]

    def __str__(self):
        return f"{self.item} ({self.get_event_display()})"

    @property
    def item(self):
        """The release or the calendar event announced."""
        return self.release or self.calendar_event


class WebhookDeliveryQuerySet(models.QuerySet):
    def due(self, now):
        return self.filter(
            status=WebhookDelivery.Status.PENDING, next_attempt_at__lte=now
        )


class WebhookDelivery(models.Model):
    """One document POSTed to one partner, retried until it is accepted (a 2xx
    answer) or given up. Its body is fixed when it is made, so that every attempt
    sends the same bytes."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Pending")
        SENDING = "sending", _("Sending")
        DELIVERED = "delivered", _("Delivered")
        FAILED = "failed", _("Failed")

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    announcement = models.ForeignKey(
        Announcement,
        verbose_name=_("announcement"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    event = models.CharField(_("event"), max_length=12, choices=Event.choices)
    # What the body is about, for the X-Newsroom-Kind header: "release" (a
    # ninjs document) or "event" (an event's API document or tombstone).
    kind = models.CharField(max_length=10, default="release", editable=False)
    language = models.CharField(_("language"), max_length=10)
    body = models.TextField(_("body"))
    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = WebhookDeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("webhook delivery")
        verbose_name_plural = _("webhook deliveries")
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["announcement", "partner", "language"],
                name="unique_webhook_delivery",
            )
        ]

    def __str__(self):
        return f"{self.partner} — {self.get_event_display()} ({self.language})"


class Attempt(models.Model):
    """One POST of a delivery and what came of it."""

    delivery = models.ForeignKey(
        WebhookDelivery,
        verbose_name=_("webhook delivery"),
        on_delete=models.CASCADE,
        related_name="attempt_log",
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    status_code = models.PositiveSmallIntegerField(
        _("HTTP status"), null=True, blank=True
    )
    error = models.CharField(_("error"), max_length=500, blank=True)
    succeeded = models.BooleanField(_("succeeded"), default=False)

    class Meta:
        verbose_name = _("attempt")
        verbose_name_plural = _("attempts")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.status_code or self.error}"
