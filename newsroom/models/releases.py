import re
import secrets

from django.db import IntegrityError, connections, models, transaction
from django.db.models import Max, Prefetch
from django.db.models.expressions import RawSQL
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from django_countries.fields import CountryField

from newsroom.core.languages import slug_url
from newsroom.core.publication import PublicationState, Publishable
from newsroom.core.richtext import RichTextField

from .documents import Document
from .quotes import Quote
from .videos import Video

REFERENCE_FORMAT = "PR/{year}/{serial:03d}"
REFERENCE_ATTEMPTS = 5
REFERENCE_PATTERN = re.compile(r"\s*PR/(\d{4})/(\d{1,9})\s*", re.IGNORECASE | re.ASCII)


def parse_reference(text):
    """{"reference_year", "reference_serial"} of a reference number such as
    "PR/2019/7" or "pr/2019/007", or None for any other text."""
    match = REFERENCE_PATTERN.fullmatch(text or "")
    if match is None:
        return None
    return {"reference_year": int(match[1]), "reference_serial": int(match[2])}


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
    notes_to_editors = RichTextField(
        _("notes to editors"),
        blank=True,
        help_text=_("Background for journalists, printed after the release."),
    )
    show_boilerplate = models.BooleanField(
        _("append the organisation's boilerplate"),
        default=True,
        help_text=_(
            "The “About the organisation” paragraph of the organisation profile, "
            "printed after the release."
        ),
    )
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
    people_mentioned = models.ManyToManyField(
        "organisation.Person",
        verbose_name=_("people mentioned"),
        blank=True,
        related_name="releases_mentioning",
        help_text=_("People the release names without quoting them."),
    )
    related_releases = models.ManyToManyField(
        "self",
        verbose_name=_("related releases"),
        symmetrical=False,
        blank=True,
        related_name="+",
        help_text=_(
            "Shown latest first; live releases of the same topics complete the "
            "list up to three."
        ),
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
    # When a row its document prints (a topic, a person, the related event…)
    # last changed: the API's updated_since reads it on its index, and the
    # saves of those rows write it (newsroom/api/signals.py).
    shown_changed_at = models.DateTimeField(
        _("related content changed at"),
        null=True,
        blank=True,
        editable=False,
        db_index=True,
    )
    # The reference number, PR/<year>/<serial>: given at first publication, never
    # changed afterwards (a withdrawn release keeps its number).
    reference_year = models.PositiveSmallIntegerField(
        _("reference year"), null=True, blank=True, editable=False
    )
    reference_serial = models.PositiveIntegerField(
        _("reference serial number"), null=True, blank=True, editable=False
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
        indexes = [
            # Which releases are live, with every column a count of live releases
            # reads: a filtered list counts its rows from the index alone.
            models.Index(
                fields=["state", "publish_at", "expires_at", "id"],
                name="release_live_covering",
            ),
            # Whether a release found by key (a country's, a topic's) is live, from
            # the index alone: a filtered count probes it once per row it reads.
            models.Index(
                fields=["id", "state", "publish_at", "expires_at"],
                name="release_live_by_key",
            ),
            # The lists' order (newest first, then the latest key), read backward:
            # a page of the admin's list reads its rows, not every undated draft.
            models.Index(fields=["publish_at", "id"], name="release_publication_order"),
            # The API's tombstones: releases withdrawn once public, by the time
            # of their last save (the withdrawal's).
            models.Index(
                fields=["updated_at", "id"],
                condition=models.Q(
                    state=PublicationState.WITHDRAWN, public_publish_at__isnull=False
                ),
                name="release_withdrawn_public",
            ),
            # And those of expired ones, by their expiry.
            models.Index(
                fields=["expires_at", "id"],
                condition=models.Q(
                    state=PublicationState.PUBLISHED, expires_at__isnull=False
                ),
                name="release_expired",
            ),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["reference_year", "reference_serial"],
                name="unique_release_reference",
            )
        ]

    def save(self, *args, **kwargs):
        if not self.needs_reference():
            return super().save(*args, **kwargs)
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {
                *kwargs["update_fields"],
                "reference_year",
                "reference_serial",
            }
        # Two releases published at once may draw the same number: the unique
        # constraint refuses the second, which draws again.
        for attempt in range(REFERENCE_ATTEMPTS):
            self.draw_reference()
            try:
                with transaction.atomic():
                    return super().save(*args, **kwargs)
            except IntegrityError:
                if attempt + 1 == REFERENCE_ATTEMPTS or not self.reference_taken():
                    raise

    def get_absolute_url(self):
        return slug_url("newsroom:release-detail", self.slug_for())

    @property
    def reference(self):
        """The reference number, e.g. "PR/2019/123", or "" before publication."""
        if self.reference_serial is None:
            return ""
        return REFERENCE_FORMAT.format(
            year=self.reference_year, serial=self.reference_serial
        )

    def needs_reference(self):
        return (
            self.reference_serial is None
            and self.state == PublicationState.PUBLISHED
            and self.publish_at is not None
        )

    def draw_reference(self):
        """The next serial number of the year of the publish time."""
        self.reference_year = timezone.localtime(self.publish_at).year
        last = PressRelease.objects.filter(
            reference_year=self.reference_year
        ).aggregate(last=Max("reference_serial"))["last"]
        self.reference_serial = (last or 0) + 1

    def reference_taken(self):
        return (
            PressRelease.objects.filter(
                reference_year=self.reference_year,
                reference_serial=self.reference_serial,
            )
            .exclude(pk=self.pk)
            .exists()
        )

    def public_documents(self):
        """The documents written in a language whose version is public: a PDF in
        a draft language is that draft, not yet cleared."""
        return [
            document
            for document in self.documents.all()
            if self.is_public_in(document.language)
        ]

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


def prefetch_parts():
    """The lookups that prefetch releases' quotes (with their speakers),
    documents and videos (with their posters)."""
    return [
        Prefetch(
            "quotes", queryset=Quote.objects.through_releases().select_related("person")
        ),
        Prefetch("documents", queryset=Document.objects.through_releases()),
        # The poster is a nullable join: not in the default manager, which
        # imports lock rows with (FOR UPDATE).
        Prefetch(
            "videos", queryset=Video.objects.through_releases().select_related("poster")
        ),
    ]


class ReleaseCountryQuerySet(models.QuerySet):
    def codes(self):
        """The distinct country codes of these rows, read from the index one code
        at a time (a loose index scan): each step asks for the first row of the
        queryset past the last code, as many steps as codes, not rows."""
        rows = self.order_by("country").values("country")
        first, first_params = rows[:1].query.sql_with_params()
        after = rows.filter(country__gt=RawSQL("codes.code", ()))[:1]
        step, step_params = after.query.sql_with_params()
        with connections[self.db].cursor() as cursor:
            cursor.execute(
                f"WITH RECURSIVE codes(code) AS (SELECT ({first}) UNION ALL "
                f"SELECT ({step}) FROM codes WHERE code IS NOT NULL) "
                "SELECT code FROM codes WHERE code IS NOT NULL",
                (*first_params, *step_params),
            )
            return [code for (code,) in cursor.fetchall()]


class ReleaseCountry(models.Model):
    """One country a release concerns, kept from its countries on every save: the
    list's country filter and the countries it offers read this table's index,
    not the countries text of every release."""

    release = models.ForeignKey(
        PressRelease, on_delete=models.CASCADE, related_name="country_rows"
    )
    country = models.CharField(_("country"), max_length=2)

    objects = ReleaseCountryQuerySet.as_manager()

    class Meta:
        verbose_name = _("country of the release")
        verbose_name_plural = _("countries of the release")
        constraints = [
            models.UniqueConstraint(
                fields=["country", "release"], name="unique_release_country"
            )
        ]

    def __str__(self):
        return self.country


def keep_release_countries(
    sender, instance, created=False, raw=False, update_fields=None, **kwargs
):
    """After a release's save, its ReleaseCountry rows match its countries (a
    fixture or an archive being loaded brings its own rows): nothing for a save of
    other fields, one insert for a new release, a delete and an insert otherwise.

    A queryset's update() or bulk_create() sends no signal: code that writes
    countries that way writes the rows too (as the generator does)."""
    if raw or (update_fields is not None and "countries" not in update_fields):
        return
    codes = sorted({str(code) for code in instance.countries})
    if not created:
        rows = ReleaseCountry.objects.filter(release=instance)
        rows.exclude(country__in=codes).delete()
    ReleaseCountry.objects.bulk_create(
        [ReleaseCountry(release=instance, country=code) for code in codes],
        ignore_conflicts=True,
    )
