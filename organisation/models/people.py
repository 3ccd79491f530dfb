"""The people of the organisation, the positions of its chart and who held which
when."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from modeltranslation.utils import (
    build_localized_fieldname,
    get_language,
    resolution_order,
)

from newsroom.core.languages import fallback_language, slug_url, translated_text
from newsroom.core.publication import live_q
from newsroom.core.richtext import RichTextField
from newsroom.images.cleaning import UniqueUploadTo
from newsroom.images.fields import CleanImageField

from .structure import Office, Unit


def as_date(date=None):
    """`date` as a local calendar date: today by default, a datetime's local day."""
    if date is None:
        return timezone.localdate()
    if isinstance(date, datetime.datetime):
        return (
            timezone.localtime(date).date() if timezone.is_aware(date) else date.date()
        )
    return date


def started_q(date=None, prefix=""):
    """The condition of an appointment begun by `date` (today by default): the
    only ones the public may see. One with an unknown start is taken as begun: the
    demo's holders seen in public sources have no dates. `prefix`
    ("appointments__") applies it through a relation."""
    date = as_date(date)
    return Q(**{f"{prefix}start__lte": date}) | Q(**{f"{prefix}start__isnull": True})


def running_q(date=None, prefix=""):
    """The condition of an appointment running on `date`, both ends included. An
    appointment with no start or no end date is open on that side unless marked
    ended."""
    date = as_date(date)
    return started_q(date, prefix) & (
        Q(**{f"{prefix}end__gte": date})
        | Q(**{f"{prefix}end__isnull": True, f"{prefix}ended": False})
    )


def titling_q(date=None, prefix=""):
    """The condition of an appointment that titles its holder on `date`: running
    then, and never one not begun yet, whatever `date` (an embargoed
    release's)."""
    return started_q(prefix=prefix) & running_q(date, prefix)


class PersonQuerySet(models.QuerySet):
    def titled_on(self, date=None):
        """The people with the appointments that give them their titles on `date`
        (those of `Appointment.objects.titling()`) in the same query: one row per
        person and appointment, the appointment as `held` (unset for a person
        without one), each person's highest-ranked first. `titles_from()` the
        appointments of the rows."""
        return (
            self.annotate(
                held=FilteredRelation(
                    "appointments", condition=titling_q(date, "appointments__")
                )
            )
            .select_related("held__position")
            .order_by(
                *self.model._meta.ordering,
                "pk",
                "held__position__rank",
                models.F("held__start").desc(nulls_last=True),
            )
        )

    def public(self, date=None):
        """The people the public may see (a page, a sitemap entry, a link): those
        who hold or held a started appointment, are quoted or mentioned in a live
        release or attend a live event. Someone named only in drafts or in a
        future appointment does not exist publicly. `date` may be a moment: the
        releases and events are then live at that moment."""
        at = date if isinstance(date, datetime.datetime) else None

        def named(prefix):
            return Q(pk__in=self.filter(live_q(prefix, at)).values("pk"))

        named_in_live = named("press_releases__")
        quoted = named("quotes__release__")
        mentioned = named("releases_mentioning__")
        attending = named("events__")
        started = Q(pk__in=Appointment.objects.started(date).values("person"))
        return self.filter(started | named_in_live | quoted | mentioned | attending)


class Person(models.Model):
    class Gender(models.TextChoices):
        FEMININE = "f", _("Feminine")
        MASCULINE = "m", _("Masculine")

    name = models.CharField(_("full name"), max_length=200)
    sort_name = models.CharField(
        _("sort name"),
        max_length=200,
        blank=True,
        help_text=_("How the name sorts, e.g. family name first."),
    )
    slug = models.SlugField(_("slug"), max_length=100, unique=True)
    gender = models.CharField(
        _("grammatical gender"),
        max_length=1,
        choices=Gender.choices,
        blank=True,
        help_text=_(
            "Chooses the feminine or masculine form of titles in French and Spanish."
        ),
    )
    biography = RichTextField(_("biography"), blank=True)
    portrait = CleanImageField(
        _("portrait"),
        upload_to=UniqueUploadTo("portraits/"),
        blank=True,
        width_field="portrait_width",
        height_field="portrait_height",
        help_text=_(
            "JPEG, PNG or WebP. Location, camera and other metadata are removed "
            "on upload."
        ),
    )
    portrait_width = models.PositiveIntegerField(
        _("portrait width"), null=True, blank=True, editable=False
    )
    portrait_height = models.PositiveIntegerField(
        _("portrait height"), null=True, blank=True, editable=False
    )
    portrait_alt = models.CharField(
        _("portrait alt text"),
        max_length=300,
        blank=True,
        help_text=_("Describes the portrait; the person's name is used when empty."),
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = PersonQuerySet.as_manager()

    class Meta:
        verbose_name = _("person")
        verbose_name_plural = _("people")
        ordering = ["sort_name", "name"]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return slug_url("organisation:person-detail", self.slug)

    def biography_in(self, lang=None):
        """The biography a visitor asking for `lang` reads, and its language."""
        return translated_text(self, "biography", lang)


def keep_placed(collector, field, sub_objs, using):
    """A unit or an office deleted: its positions lose it (SET_NULL), unless one
    would be left with neither, which no page shows (Position.clean): then the
    deletion is refused, naming that position, for the editor to move it first."""
    other = "office" if field.name == "unit" else "unit"
    stranded = list(
        Position.objects.filter(
            pk__in=[position.pk for position in sub_objs], **{other: None}
        )
    )
    if stranded:
        raise models.ProtectedError(
            "Deleting it would leave positions with neither a unit nor an office.",
            stranded,
        )
    models.SET_NULL(collector, field, sub_objs, using)


class Position(models.Model):
    title = models.CharField(_("title"), max_length=200)
    title_feminine = models.CharField(
        _("feminine title"),
        max_length=200,
        blank=True,
        help_text=_(
            'Used for a holder of feminine gender, e.g. "Directrice générale".'
        ),
    )
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("unit"),
        null=True,
        blank=True,
        on_delete=keep_placed,
        related_name="positions",
    )
    office = models.ForeignKey(
        Office,
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=keep_placed,
        related_name="positions",
    )
    rank = models.PositiveSmallIntegerField(
        _("rank"), default=100, help_text=_("Lower ranks come first.")
    )

    class Meta:
        verbose_name = _("position")
        verbose_name_plural = _("positions")
        ordering = ["rank", "pk"]

    def __str__(self):
        return self.title

    def name_language(self):
        return fallback_language(self, "title")

    def clean(self):
        super().clean()
        # The public pages list a position under its unit or its office only.
        if self.unit_id is None and self.office_id is None:
            raise ValidationError(
                _(
                    "Choose the unit or the office this position belongs to: the "
                    "Structure page shows each position under one of them."
                )
            )

    def title_for(self, person):
        """The title in the grammatical gender of `person`: in the first language of
        the fallback chain that has a title, its feminine form for a holder of
        feminine gender when that language has one, else its masculine. A feminine
        form never comes from another language than the title's."""
        if person is None or person.gender != Person.Gender.FEMININE:
            return self.title
        for code in resolution_order(get_language()):
            feminine = getattr(self, build_localized_fieldname("title_feminine", code))
            masculine = getattr(self, build_localized_fieldname("title", code))
            if feminine or masculine:
                return feminine or masculine
        return self.title

    def holder_on(self, date=None):
        """The person who held this position on `date` (today by default), or None."""
        return Appointment.objects.holders([self], date).get(self.pk)


class AppointmentQuerySet(models.QuerySet):
    def started(self, date=None):
        """Appointments begun by `date` (today by default): the only ones the
        public may see."""
        return self.filter(started_q(date))

    def on(self, date=None):
        """Appointments running on `date`, both ends included."""
        return self.filter(running_q(date))

    def latest_first(self):
        """The latest appointment first; undated ones last on every database
        (PostgreSQL sorts NULL first in a descending order, SQLite last)."""
        return self.order_by(models.F("start").desc(nulls_last=True), "-pk")

    def holders(self, positions, date=None):
        """{position pk: the person holding it on `date`} for `positions`, in one
        query; the latest appointment wins where several overlap."""
        holders = {}
        for appointment in (
            self.on(date).filter(position__in=positions).select_related("person")
        ).latest_first():
            holders.setdefault(appointment.position_id, appointment.person)
        return holders

    def titling(self, people, date=None):
        """The appointments that give `people` their titles on `date`, the
        highest-ranked position first: read once, `titles_from()` them in as many
        languages as a page needs."""
        return (
            self.filter(titling_q(date))
            .filter(person__in=people)
            .select_related("person", "position")
            .highest_first()
        )

    def highest_first(self):
        """The highest-ranked position first, then the latest begun: the
        appointment whose title `titles_from()` gives each person first."""
        return self.order_by("position__rank", models.F("start").desc(nulls_last=True))

    def titles(self, people, date=None):
        """{person pk: the title of their highest-ranked position on `date`}, in
        their grammatical gender, in one query."""
        return titles_from(self.titling(people, date))


def titles_from(appointments):
    """{person pk: title in the active language} of `titling()`'s appointments."""
    titles = {}
    for appointment in appointments:
        titles.setdefault(appointment.person_id, appointment.title)
    return titles


class Appointment(models.Model):
    """Who held which position from when to when."""

    person = models.ForeignKey(
        Person,
        verbose_name=_("person"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    position = models.ForeignKey(
        Position,
        verbose_name=_("position"),
        on_delete=models.CASCADE,
        related_name="appointments",
    )
    start = models.DateField(
        _("from"), null=True, blank=True, help_text=_("Leave empty if unknown.")
    )
    end = models.DateField(
        _("to"),
        null=True,
        blank=True,
        help_text=_("Last day in office; empty while in office."),
    )
    ended = models.BooleanField(
        _("ended (date unknown)"),
        default=False,
        help_text=_("Tick when the appointment is over but its end date is not known."),
    )

    objects = AppointmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        ordering = ["position__rank", "-start"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start__isnull=True)
                | Q(end__isnull=True)
                | Q(end__gte=models.F("start")),
                name="appointment_end_after_start",
                violation_error_message=_(
                    "The end date cannot be before the start date."
                ),
            )
        ]

    def __str__(self):
        return f"{self.person} — {self.title}"

    @property
    def title(self):
        return self.position.title_for(self.person)

    def is_titling(self, date=None):
        """Whether it gives its holder their title on `date`, as `titling_q` asks
        the database: for appointments already read (a release indexed with
        the titles its people held on its date)."""
        day = as_date(date)
        if self.start is not None and self.start > min(day, as_date()):
            return False
        return self.end >= day if self.end is not None else not self.ended
