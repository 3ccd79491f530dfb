"""What was sent to whom: a dispatch per item and version, a delivery per
recipient of a dispatch, the personal embargo links, the sweep's last run."""

import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def new_embargo_token():
    return secrets.token_urlsafe(24)


class Dispatch(models.Model):
    """The sending of one version of a release or an event. Version 1 is its
    publication (to accredited journalists ahead of an embargo, then to everyone
    at its time); each correction sent to the previous recipients is a new one,
    and so is the notice of its withdrawal."""

    class Reason(models.TextChoices):
        PUBLICATION = "publication", _("Publication")
        CORRECTION = "correction", pgettext_lazy("email", "Correction")
        WITHDRAWAL = "withdrawal", _("Withdrawal notice")

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    event = models.ForeignKey(
        "newsroom.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="dispatches",
    )
    version = models.PositiveIntegerField(_("version"), default=1)
    reason = models.CharField(
        _("reason"),
        max_length=12,
        choices=Reason.choices,
        default=Reason.PUBLICATION,
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("Empty when the worker sent it on its own."),
    )
    fanned_out_at = models.DateTimeField(
        _("sent to the public at"),
        null=True,
        blank=True,
        help_text=_("When the deliveries to every matching recipient were made."),
    )

    class Meta:
        verbose_name = _("mailing")
        verbose_name_plural = _("mailings")
        ordering = ["-created_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(release__isnull=False, event__isnull=True)
                | Q(release__isnull=True, event__isnull=False),
                name="dispatch_of_one_item",
            ),
            models.UniqueConstraint(
                fields=["release", "version"], name="unique_release_version"
            ),
            models.UniqueConstraint(
                fields=["event", "version"], name="unique_event_version"
            ),
        ]

    def __str__(self):
        return f"{self.item} (v{self.version})"

    @property
    def item(self):
        return self.release if self.release_id else self.event

    @property
    def kind(self):
        """The recipients' wish this item answers: "releases" or "events"."""
        return "releases" if self.release_id else "events"


class DeliveryQuerySet(models.QuerySet):
    def due(self, now=None):
        """Deliveries to send now."""
        return self.filter(
            status=Delivery.Status.PENDING,
            next_attempt_at__lte=now or timezone.now(),
        )

    def of_item(self, item):
        field = "release" if item._meta.model_name == "pressrelease" else "event"
        return self.filter(**{f"dispatch__{field}": item})


class Delivery(models.Model):
    """One email of one dispatch to one address: at most one per address and
    dispatch, which is what makes a recipient receive a version at most once."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting for a translation")
        PENDING = "pending", _("Pending")
        CLAIMED = "claimed", _("Claimed by a worker")
        SENDING = "sending", _("Handed to the mail server")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")
        CANCELLED = "cancelled", _("Cancelled")

    dispatch = models.ForeignKey(
        Dispatch,
        verbose_name=_("mailing"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    email = models.EmailField(_("email"))
    subscriber = models.ForeignKey(
        "distribution.Subscriber",
        verbose_name=_("subscriber"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    journalist = models.ForeignKey(
        "distribution.Journalist",
        verbose_name=_("journalist"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    language = models.CharField(
        _("language"),
        max_length=10,
        blank=True,
        help_text=_("The version sent; empty while waiting for a translation."),
    )
    embargoed = models.BooleanField(
        _("under embargo"),
        default=False,
        help_text=_("Sent before the release's time, with a personal embargo link."),
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    next_attempt_at = models.DateTimeField(_("next attempt at"), default=timezone.now)
    claimed_by = models.CharField(_("claimed by"), max_length=100, blank=True)
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)
    message_id = models.CharField(_("Message-ID"), max_length=200, blank=True)
    reason = models.TextField(
        _("reason"),
        blank=True,
        help_text=_("Why it failed, was cancelled or is tried again."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    objects = DeliveryQuerySet.as_manager()

    class Meta:
        verbose_name = _("delivery")
        verbose_name_plural = _("deliveries")
        ordering = ["dispatch", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["dispatch", "email"], name="one_delivery_per_address"
            ),
            models.CheckConstraint(
                condition=Q(subscriber__isnull=False, journalist__isnull=True)
                | Q(subscriber__isnull=True, journalist__isnull=False),
                name="delivery_to_one_recipient",
            ),
        ]
        indexes = [
            models.Index(fields=["status", "next_attempt_at"]),
            models.Index(fields=["status", "claimed_at"]),
        ]

    def __str__(self):
        return f"{self.email}: {self.dispatch}"

    @property
    def recipient(self):
        return self.subscriber if self.subscriber_id else self.journalist


class EmbargoLinkQuerySet(models.QuerySet):
    def active(self):
        return self.filter(revoked_at__isnull=True)


class EmbargoLink(models.Model):
    """A journalist's own secret link to an embargoed release, revocable alone."""

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    journalist = models.ForeignKey(
        "distribution.Journalist",
        verbose_name=_("journalist"),
        on_delete=models.CASCADE,
        related_name="embargo_links",
    )
    token = models.CharField(
        _("token"), max_length=64, unique=True, default=new_embargo_token
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)

    objects = EmbargoLinkQuerySet.as_manager()

    class Meta:
        verbose_name = _("embargo link")
        verbose_name_plural = _("embargo links")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["release", "journalist"], name="one_embargo_link_each"
            )
        ]

    def __str__(self):
        return f"{self.journalist.name}: {self.release}"


class SweepRecord(models.Model):
    """When the worker last looked for items that went live (one row): the admin
    warns when it has not for a while. It also says until when a sender queued or
    at work is counted on, so that the sweep does not queue another one every few
    seconds while a mailing is being sent or the queue is slow."""

    last_run_at = models.DateTimeField(_("last run at"))
    sender_expected_until = models.DateTimeField(null=True, editable=False)

    class Meta:
        verbose_name = _("sweep")
        verbose_name_plural = _("sweeps")

    def __str__(self):
        return str(self.last_run_at)

    @classmethod
    def record(cls, when, **fields):
        cls.objects.update_or_create(pk=1, defaults={"last_run_at": when, **fields})

    @classmethod
    def expect_sender(cls, until):
        """A sender has started and works until about `until`."""
        cls.objects.filter(pk=1).update(sender_expected_until=until)

    @classmethod
    def sender_expected(cls, now):
        """Whether a sender queued or at work is still counted on at `now`."""
        return cls.objects.filter(pk=1, sender_expected_until__gt=now).exists()

    @classmethod
    def last_run(cls):
        return cls.objects.filter(pk=1).values_list("last_run_at", flat=True).first()
