import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django_countries.fields import CountryField

from newsroom.core.languages import localized, slug_url
from newsroom.core.publication import (
    PublicationState,
    Publishable,
    PublishableQuerySet,
)
from newsroom.core.richtext import RichTextField


def default_time_zone():
    """A new event's zone: the site's, which its editors most often mean."""
    return settings.TIME_ZONE


def validate_time_zone(value):
    if value not in zoneinfo.available_timezones():
        raise ValidationError(_("Unknown time zone: %(zone)s."), params={"zone": value})


# What an event's calendar entry says of when and whether it takes place.
CALENDAR_FIELDS = ("start", "end", "time_zone", "all_day", "status")


class EventQuerySet(PublishableQuerySet):
    def upcoming(self, now=None):
        return self.filter(end__gte=now or timezone.now()).order_by("start")

    def past(self, now=None):
        return self.filter(end__lt=now or timezone.now()).order_by("-start")


class Event(Publishable):
    class Status(models.TextChoices):
        SCHEDULED = "scheduled", _("Scheduled")
        POSTPONED = "postponed", _("Postponed")
        CANCELLED = "cancelled", _("Cancelled")
        RESCHEDULED = "rescheduled", _("Rescheduled")

    title = models.CharField(_("title"), max_length=300)
    slug = models.SlugField(
        _("slug"), max_length=200, unique=True, null=True, blank=True
    )
    description = RichTextField(_("description"), blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    country = CountryField(_("country"), blank=True)
    start = models.DateTimeField(_("start"))
    end = models.DateTimeField(_("end"))
    time_zone = models.CharField(
        _("time zone"),
        max_length=64,
        default=default_time_zone,
        validators=[validate_time_zone],
        help_text=_('The event\'s own time zone, e.g. "Asia/Baku".'),
    )
    all_day = models.BooleanField(_("all day"), default=False)
    status = models.CharField(
        _("status"), max_length=12, choices=Status.choices, default=Status.SCHEDULED
    )
    previous_start = models.DateTimeField(
        _("previous start"),
        null=True,
        blank=True,
        help_text=_("For a rescheduled or postponed event: when it was due to start."),
    )
    sequence = models.PositiveIntegerField(
        _("calendar sequence"),
        default=0,
        editable=False,
        help_text=_("Raised when the date or status changes, for calendar clients."),
    )
    officials = models.ManyToManyField(
        "organisation.Person",
        verbose_name=_("officials attending"),
        blank=True,
        related_name="events",
    )
    # When an official attending last changed: the API's updated_since reads it
    # on its index, and their saves write it (newsroom/api/signals.py).
    shown_changed_at = models.DateTimeField(
        _("related content changed at"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
    )
    photo = models.ForeignKey(
        "newsroom.Photo",
        verbose_name=_("photo"),
        null=True,
        blank=True,
        # A photo in use is not deleted from under an event.
        on_delete=models.PROTECT,
        related_name="+",
    )

    objects = EventQuerySet.as_manager()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-start"]
        indexes = [
            models.Index(fields=["state", "publish_at", "start"]),
            # The API's tombstones, as for releases.
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(
                    state=PublicationState.WITHDRAWN, public_publish_at__isnull=False
                ),
                name="event_withdrawn_public",
            ),
            # And those of expired ones, by their expiry.
            models.Index(
                fields=["expires_at", "id"],
                condition=models.Q(
                    state=PublicationState.PUBLISHED, expires_at__isnull=False
                ),
                name="event_expired",
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end__gte=models.F("start")),
                name="event_end_after_start",
            )
        ]

    def save(self, *args, **kwargs):
        if self.pk:
            self.note_changes(kwargs)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return slug_url("newsroom:event-detail", self.slug_for())

    def note_changes(self, kwargs):
        """Calendar clients only take an update whose SEQUENCE is higher: any
        change of what DTSTART, DTEND or STATUS say raises it. A change of these
        or of the place (country, and venue or city in the original language)
        once the event has been public is its correction, dated in
        `corrected_at`: the partners' webhooks announce it."""
        place = (
            "country",
            *(localized(name, self.original_language) for name in ("venue", "city")),
        )
        before = (
            Event.objects.filter(pk=self.pk).values(*CALENDAR_FIELDS, *place).first()
        )
        if before is None:
            return
        after = {name: getattr(self, name) for name in before}
        # A country reads as a Country; an empty translation as None or "".
        after["country"] = str(after["country"])
        changed = {
            name for name in before if (before[name] or "") != (after[name] or "")
        }
        saved = set()
        if changed & set(CALENDAR_FIELDS):
            self.sequence += 1
            saved.add("sequence")
        # The row replaced was public, or had been.
        if changed and (self.public_publish_at or self.live_since_loaded()):
            self.corrected_at = timezone.now()
            saved.add("corrected_at")
        if kwargs.get("update_fields") is not None and saved:
            kwargs["update_fields"] = {*kwargs["update_fields"], *saved}

    @property
    def tzinfo(self):
        return zoneinfo.ZoneInfo(self.time_zone)

    @property
    def local_start(self):
        return timezone.localtime(self.start, self.tzinfo)

    @property
    def local_end(self):
        return timezone.localtime(self.end, self.tzinfo)

    def clean(self):
        super().clean()
        if self.start and self.end and self.end < self.start:
            raise ValidationError({"end": _("The end cannot come before the start.")})
