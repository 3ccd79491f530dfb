"""Publication state and per-language versions, shared by every publishable model.

"Publication is a query, not a job": an item is live when its state is published and
its publish time has passed. `PublishableQuerySet.live()` is the one definition; every
public surface starts from it. Imports no app's models.
"""

import hashlib

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models
from django.db.models.base import DEFERRED
from django.http import Http404
from django.utils import timezone
from django.utils.translation import get_language, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from .languages import (
    LANGUAGE_CODES,
    fallback_language,
    find_by_slug,
    in_every_language,
    localized,
)
from .periods import periods
from .richtext import sanitise_fields


class PublicationState(models.TextChoices):
    DRAFT = "draft", pgettext_lazy("publication state", "Draft")
    REVIEW = "review", _("In review")
    APPROVED = "approved", _("Approved")
    PUBLISHED = "published", _("Published")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class VersionState(models.TextChoices):
    """The state of one language version of an item."""

    MISSING = "missing", _("Missing")
    DRAFT = "draft", pgettext_lazy("translation state", "Draft")
    READY = "ready", _("Ready")
    OUTDATED = "outdated", _("Outdated")


# An outdated version is flagged to editors but stays public.
PUBLIC_VERSION_STATES = (VersionState.READY, VersionState.OUTDATED)


def version_state_field(lang):
    return localized("version_state", lang)


def version_in_state(lang, state):
    """A Q for the items whose `lang` version is in `state`; "missing" also finds
    versions never started (an empty or NULL column)."""
    field = version_state_field(lang)
    if state == VersionState.MISSING:
        return models.Q(**{f"{field}__isnull": True}) | models.Q(
            **{f"{field}__in": ["", VersionState.MISSING]}
        )
    return models.Q(**{field: state})


def expired_q(at, since=None):
    """Items that expired at or before `at` (and at or after `since`) once their
    publish time had come: public until their expiry."""
    since = {"expires_at__gte": since} if since is not None else {}
    return models.Q(
        state=PublicationState.PUBLISHED,
        expires_at__lte=at,
        publish_at__lt=models.F("expires_at"),
        **since,
    )


def live_q(prefix="", at=None):
    """The one condition of "live": published, publish time passed, expiry time (if
    any) not reached. `prefix` (e.g. "press_releases__") applies it through a
    relation, for models that may not import the publishable one (the
    organisation's people)."""
    at = at or timezone.now()
    return models.Q(
        **{
            f"{prefix}state": PublicationState.PUBLISHED,
            f"{prefix}publish_at__lte": at,
        }
    ) & (
        models.Q(**{f"{prefix}expires_at__isnull": True})
        | models.Q(**{f"{prefix}expires_at__gt": at})
    )


def once_public_q(prefix="", at=None):
    """Items that are or were public: published with their publish time passed
    (live, or expired since), or withdrawn after they had been public (not while
    scheduled or a draft). `prefix` as for `live_q`."""
    at = at or timezone.now()
    return models.Q(
        **{
            f"{prefix}state": PublicationState.PUBLISHED,
            f"{prefix}publish_at__lte": at,
        }
    ) | models.Q(
        **{
            f"{prefix}state": PublicationState.WITHDRAWN,
            f"{prefix}public_publish_at__isnull": False,
        }
    )


class PublishableQuerySet(models.QuerySet):
    # Periods already found for this very queryset, {(field, kind): starts}: the
    # admin hands its year filter's years to the date hierarchy of an unfiltered
    # list. A clone (a filter, an order) starts without them.
    known_periods = {}

    def datetimes(self, field_name, kind, order="ASC", tzinfo=None):
        """Years and months found by probing the date's index (`periods`), not by
        reading every row: the admin's date hierarchy lists them on every page of
        the changelist. Days (of one month) are few enough to read."""
        if kind not in ("year", "month") or tzinfo is not None:
            return super().datetimes(field_name, kind, order, tzinfo)
        found = self.known_periods.get((field_name, kind))
        if found is None:
            found = periods(self, field_name, kind)
        return found if order == "ASC" else found[::-1]

    def live(self, at=None):
        """Items the public may see: published, publish time passed."""
        return self.filter(live_q(at=at))

    def for_links(self):
        """Only the columns of a link to each item: its URL in any language
        (`get_absolute_url()`), its version's title and its date, not every
        language's text."""
        return self.only(
            "publish_at",
            "original_language",
            *in_every_language("title", "slug", "version_state"),
        )

    def ready_in(self, lang, at=None):
        """Live items whose version in `lang` is public (ready or outdated)."""
        return self.live(at).filter(
            **{f"{version_state_field(lang)}__in": PUBLIC_VERSION_STATES}
        )

    def gone_since(self, since, at=None):
        """Items that stopped being public at or after `since`: expired after
        their publish time (`expired_q`), or saved since out of public view after
        they had been public: withdrawn, brought back as a draft, given a
        publish time to come (the save that did it is their last). One that
        never went live leaves no trace. The API's tombstones and the webhooks'
        sweep read it; `since` None: whenever."""
        at = at or timezone.now()
        saved = {} if since is None else {"updated_at__gte": since}
        return self.filter(
            expired_q(at, since)
            | (
                models.Q(public_publish_at__isnull=False, **saved)
                & ~live_q(at=at)
                & ~expired_q(at)
            )
        )

    def gone(self, at=None):
        """Items once public and since withdrawn or expired: they answer 410
        Gone. One withdrawn before it ever went live (while scheduled, as a
        draft) answers as if it never existed: its address and its note were
        never public."""
        at = at or timezone.now()
        return self.filter(
            models.Q(state=PublicationState.WITHDRAWN, public_publish_at__isnull=False)
            | models.Q(state=PublicationState.PUBLISHED, expires_at__lte=at),
            publish_at__lte=at,
        )

    def for_gone(self):
        """Only what a 410 answer reads of an item (GONE_FIELDS), without the
        relations the caller's queryset follows."""
        return self.select_related(None).prefetch_related(None).only(*GONE_FIELDS)

    def with_public_slug(self, slug):
        """Items whose public (ready or outdated) version in some language has
        `slug`: the slug of a draft translation names nothing."""
        return self.filter(
            models.Q.create(
                [
                    models.Q(
                        **{
                            localized("slug", lang): slug,
                            f"{version_state_field(lang)}__in": PUBLIC_VERSION_STATES,
                        }
                    )
                    for lang in LANGUAGE_CODES
                ],
                models.Q.OR,
            )
        )

    def in_version_state(self, lang, state):
        """Items whose `lang` version is in `state`."""
        return self.filter(version_in_state(lang, state))


class Gone(Exception):
    """The item asked for was public and is no longer (withdrawn, expired): it
    answers 410 Gone. `item` has only what that answer may show loaded: its
    public withdrawal note in each language (`withdrawal_note_for()`) and its
    public slugs."""

    def __init__(self, item):
        super().__init__(item.pk)
        self.item = item

    def note(self, lang=None):
        return self.item.withdrawal_note_for(lang)


# What a 410 answer reads of a gone item.
GONE_FIELDS = (
    "state",
    "original_language",
    *in_every_language("withdrawal_note", "slug", "version_state"),
)


def get_live_or_gone(queryset, slug):
    """The live item of `queryset` whose public version has `slug` (the active
    language's first); raises Gone for one no longer public, Http404 for anything
    else, like get_object_or_404."""
    item = find_by_slug(queryset.live().with_public_slug(slug), slug)
    if item is not None:
        return item
    gone = queryset.gone().with_public_slug(slug).for_gone().first()
    if gone is None:
        raise Http404
    raise Gone(gone)


class Version:
    """An item's text in one language, `lang` (`is_fallback` when it is not the
    language asked for): each translated field read from the item when first
    asked, so that a list loading only the columns it shows (`only()`) reads
    no other."""

    def __init__(self, item, lang, is_fallback):
        self.lang, self.is_fallback, self._item = lang, is_fallback, item

    def __getattr__(self, name):
        # Only for what __init__ and earlier reads did not set.
        item = self.__dict__.get("_item")
        if (
            item is None
            or name not in translator.get_options_for_model(type(item)).fields
        ):
            raise AttributeError(name)
        value = item.field_in(name, self.lang)
        setattr(self, name, value)
        return value


# What a save must know of the row it replaces: whether it was live meanwhile.
LOADED_FIELDS = ("state", "publish_at", "expires_at", "updated_at")


class Publishable(models.Model):
    """Abstract base: publication state, publish time, correction and the state of
    each language version.

    Subclasses register `version_state` (and their text fields) with
    modeltranslation. A change in the original language of any translated text field
    makes the other ready versions outdated (`source_fields()`), unless the model
    names the field in `source_exclude` (a subclass's adds to Publishable's).
    """

    # The withdrawal note is no text of the item that translations follow:
    # writing it (at withdrawal) leaves the versions as they are.
    source_exclude = ("withdrawal_note",)

    state = models.CharField(
        _("publication state"),
        max_length=12,
        choices=PublicationState.choices,
        default=PublicationState.DRAFT,
        db_index=True,
    )
    publish_at = models.DateTimeField(
        _("publish at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "The item goes public at this time on its own. A time in the future "
            "is a schedule or an embargo."
        ),
    )
    original_language = models.CharField(
        _("original language"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language the item was written in; others translate it."),
    )
    version_state = models.CharField(
        _("translation state"),
        max_length=10,
        choices=VersionState.choices,
        default=VersionState.MISSING,
        blank=True,
    )
    source_digest = models.CharField(max_length=64, blank=True, editable=False)
    # Indexed: the sitemap index reads the latest of each from its index.
    expires_at = models.DateTimeField(
        _("expires at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_(
            "The item leaves the site at this time on its own and its address "
            "answers that it is gone."
        ),
    )
    withdrawal_note = models.TextField(
        _("public note on withdrawal"),
        blank=True,
        help_text=_(
            "Shown on the page of the withdrawn item, in the API and in the "
            "withdrawal emails: in each language it is written in, else in the "
            "original language."
        ),
    )
    corrected_at = models.DateTimeField(
        _("corrected at"),
        null=True,
        blank=True,
        db_index=True,
        help_text=_("Set with a correction note; the original date stays."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True, db_index=True)
    # The publish time the item had when it was last seen live (by a save, or
    # on the row a save replaced): empty while it never was public.
    public_publish_at = models.DateTimeField(
        _("publish time while public"), null=True, blank=True, editable=False
    )
    # Every save and every edit of a working copy (the optimistic lock).
    revision = models.PositiveIntegerField(default=0, editable=False)
    # Every save of the row the public reads (the API's version); not a working copy's.
    public_revision = models.PositiveIntegerField(default=0, editable=False)

    objects = PublishableQuerySet.as_manager()

    class Meta:
        abstract = True

    def __str__(self):
        # The title an editor wrote, whatever the language of the admin.
        return self.field_in("title", self.original_language) or self.title

    def save(self, *args, **kwargs):
        before = self.public_publish_at
        self.prepare_save()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None and self.public_publish_at != before:
            kwargs["update_fields"] = {*update_fields, "public_publish_at"}
        super().save(*args, **kwargs)
        # The row this instance now stands for.
        self._loaded_publication = [getattr(self, name) for name in LOADED_FIELDS]

    @classmethod
    def from_db(cls, db, field_names, values):
        item = super().from_db(db, field_names, values)
        # A deferred field is absent from the instance's __dict__.
        item._loaded_publication = [
            item.__dict__.get(name, DEFERRED) for name in LOADED_FIELDS
        ]
        return item

    def prepare_save(self):
        """Set what a save derives from the other fields (sanitised text, version
        states, source digest, revision counts): also for rows written in bulk,
        which must read as saved ones."""
        # Sanitise first, so the source digest is taken of the text as stored.
        sanitise_fields(self)
        self.note_public_time()
        self.follow_workflow()
        self.mark_outdated_versions()
        self.revision += 1
        self.public_revision += 1

    # Per-language versions

    def translation_state(self, lang):
        return getattr(self, version_state_field(lang), None) or VersionState.MISSING

    def set_translation_state(self, lang, state):
        setattr(self, version_state_field(lang), state)

    def version_states(self):
        """{language: state} of every version, in settings order."""
        return {lang: self.translation_state(lang) for lang in LANGUAGE_CODES}

    def is_public_in(self, lang):
        return self.translation_state(lang) in PUBLIC_VERSION_STATES

    def public_languages(self):
        """The languages whose version is public, in settings order."""
        return [lang for lang in LANGUAGE_CODES if self.is_public_in(lang)]

    def display_language(self, lang=None):
        """The language a visitor asking for `lang` reads: theirs if that version is
        public, else the original."""
        lang = lang or get_language()
        return lang if self.is_public_in(lang) else self.original_language

    def name_language(self):
        """The language of str(self): the original's, or while the original has
        no title, the one whose title modeltranslation falls back to."""
        if self.field_in("title", self.original_language):
            return self.original_language
        return fallback_language(self, "title")

    def field_in(self, name, lang):
        """The raw value of translated field `name` in `lang`, no fallback."""
        return getattr(self, localized(name, lang), None) or ""

    def version(self, lang=None, draft=False):
        """The version a visitor asking for `lang` reads: every translated field in
        the display language (no mixing of languages), with `lang` and `is_fallback`
        (a Version).
        A `draft` version (staff previews) is the text in `lang` as written so far,
        ready or not, or the original's while `lang` has no title.

        Templates use it instead of the model's fields, whose modeltranslation
        fallback could show an unready draft."""
        lang = lang or get_language()
        if draft:
            shown = lang if self.field_in("title", lang) else self.original_language
        else:
            shown = self.display_language(lang)
        return Version(self, shown, is_fallback=shown != lang)

    def withdrawal_note_for(self, lang=None):
        """The public withdrawal note for a reader of `lang` and the language it
        is in, {"note", "lang"}: that language's note, else the original's; None
        without one, or while the item is not withdrawn (a note left from an
        earlier withdrawal says nothing of an expired item). Whether the item
        was ever public is the caller's query (`gone()`, the tombstones)."""
        if self.state != PublicationState.WITHDRAWN:
            return None
        for code in (lang or get_language(), self.original_language):
            note = self.field_in("withdrawal_note", code).strip()
            if note:
                return {"note": note, "lang": code}
        return None

    def slug_for(self, lang=None):
        """The slug of the version a visitor asking for `lang` reads."""
        return self.field_in("slug", self.display_language(lang)) or self.field_in(
            "slug", self.original_language
        )

    @classmethod
    def source_fields(cls):
        """The translated text fields whose change in the original language makes
        the other ready versions outdated: every one but slugs, the version state
        and the model's `source_exclude`, so that a new field cannot be forgotten.
        Sorted: modeltranslation keeps them in a set, and the digest needs one order."""
        fields = {
            name: cls._meta.get_field(name)
            for name in sorted(translator.get_options_for_model(cls).fields)
        }
        return tuple(
            name
            for name, field in fields.items()
            if name != "version_state"
            and name not in cls.source_exclude
            and isinstance(field, models.TextField | models.CharField)
            and not isinstance(field, models.SlugField)
        )

    def compute_source_digest(self):
        text = "\x1f".join(
            self.field_in(name, self.original_language) for name in self.source_fields()
        )
        return hashlib.sha256(text.encode()).hexdigest()

    def follow_workflow(self):
        """The original is no translation: once the item leaves the draft state
        (submitted, approved, published), its original version is ready."""
        if (
            self.state != PublicationState.DRAFT
            and self.field_in("title", self.original_language).strip()
        ):
            self.set_translation_state(self.original_language, VersionState.READY)

    def mark_outdated_versions(self):
        """When the original's source text changed, ready translations become
        outdated (still public, flagged to editors)."""
        digest = self.compute_source_digest()
        if self.source_digest and digest != self.source_digest:
            self.outdate_translations()
        self.source_digest = digest

    def outdate_translations(self):
        """Ready translations become outdated (not saved): the source changed.
        The names of the fields set."""
        names = []
        for lang in LANGUAGE_CODES:
            if (
                lang != self.original_language
                and self.translation_state(lang) == VersionState.READY
            ):
                self.set_translation_state(lang, VersionState.OUTDATED)
                names.append(version_state_field(lang))
        return names

    # Publication

    @property
    def is_live(self):
        now = timezone.now()
        return (
            self.state == PublicationState.PUBLISHED
            and self.publish_at is not None
            and self.publish_at <= now
            and (self.expires_at is None or self.expires_at > now)
        )

    def stopped_being_public_at(self, now=None):
        """When the item stopped being public, as `gone_since()` finds it: its
        expiry once past (after its publish time), else the save that took it
        out of view if it had been public; None while live or if never public."""
        now = now or timezone.now()
        if self.is_live:
            return None
        expired = (
            self.state == PublicationState.PUBLISHED
            and self.expires_at is not None
            and self.publish_at is not None
            and self.publish_at < self.expires_at <= now
        )
        if expired:
            return self.expires_at
        return self.updated_at if self.public_publish_at else None

    def live_since_loaded(self):
        """The publish time of the row as it was loaded, if that row was live at
        some moment between its save and now (a scheduled item goes live without
        a save); else None."""
        loaded = getattr(self, "_loaded_publication", None)
        if not loaded or DEFERRED in loaded:
            return None
        state, publish_at, expires_at, saved_at = loaded
        if state != PublicationState.PUBLISHED or publish_at is None:
            return None
        if publish_at > timezone.now():
            return None
        if expires_at is not None and expires_at <= max(publish_at, saved_at):
            return None
        return publish_at

    def note_public_time(self):
        """Remember that the item was public, and with which publish time (the
        date in its documents' tag: URIs), before a save replaces its row."""
        if self.is_live:
            self.public_publish_at = self.publish_at
        elif moment := self.live_since_loaded():
            self.public_publish_at = moment

    @property
    def is_scheduled(self):
        return (
            self.state == PublicationState.PUBLISHED
            and self.publish_at is not None
            and self.publish_at > timezone.now()
        )

    def unshowable_versions(self):
        """The public (ready or outdated) versions that cannot be shown: no title."""
        return [
            lang
            for lang in self.public_languages()
            if not self.field_in("title", lang).strip()
        ]

    def clean(self):
        super().clean()
        errors = {
            version_state_field(lang): _("A version needs a title before it is ready.")
            for lang in self.unshowable_versions()
        }
        if self.state == PublicationState.PUBLISHED:
            if not self.field_in("title", self.original_language).strip():
                errors[NON_FIELD_ERRORS] = _(
                    "The original language needs a title before publication."
                )
            if self.publish_at is None:
                errors["publish_at"] = _("A published item needs a publish time.")
        if self.expires_at and self.publish_at and self.expires_at <= self.publish_at:
            errors["expires_at"] = _(
                "The expiry time must come after the publish time."
            )
        if errors:
            raise ValidationError(errors)
