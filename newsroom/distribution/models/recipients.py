"""Who receives the emails: subscribers (the public, double opt-in) and the media
list (journalists the press office knows, some accredited for embargoes)."""

import secrets

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES


def validate_languages(value):
    codes = value.split()
    if not codes:
        raise ValidationError(_("Choose at least one language."))
    unknown = [code for code in codes if code not in LANGUAGE_CODES]
    if unknown:
        raise ValidationError(
            _("Unknown language codes: %(codes)s."),
            params={"codes": ", ".join(unknown)},
        )


def new_nonce():
    return secrets.token_urlsafe(12)


class WhenNotTranslated(models.TextChoices):
    """What a recipient gets when an item is not ready in any of their languages."""

    ORIGINAL = "original", _("The original at once, with a notice")
    WAIT = "wait", _("Nothing until it is ready in one of my languages")


class RecipientQuerySet(models.QuerySet):
    def wanting(self, kind):
        """Recipients who want items of `kind` ("releases" or "events")."""
        return self.filter(**{kind: True})


class Recipient(models.Model):
    """What subscribers and journalists share: an address, the languages they read
    and what they want to receive."""

    email = models.EmailField(_("email"), unique=True)
    languages = models.CharField(
        _("languages"),
        max_length=50,
        validators=[validate_languages],
        help_text=_(
            "The languages read, in order of preference: codes separated by spaces, "
            'e.g. "fr en".'
        ),
    )
    when_not_translated = models.CharField(
        _("when an item is not in these languages"),
        max_length=10,
        choices=WhenNotTranslated.choices,
        default=WhenNotTranslated.ORIGINAL,
    )
    releases = models.BooleanField(_("press releases"), default=True)
    events = models.BooleanField(_("events"), default=True)
    topics = models.ManyToManyField(
        "newsroom.Topic",
        verbose_name=_("topics"),
        blank=True,
        related_name="+",
        help_text=_("None: every topic. Topics apply to press releases."),
    )
    regions = models.ManyToManyField(
        "organisation.Region",
        verbose_name=_("regions"),
        blank=True,
        related_name="+",
        help_text=_("None: every region."),
    )
    unsubscribed_at = models.DateTimeField(_("unsubscribed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = RecipientQuerySet.as_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        # One spelling per address, so that the same person is one recipient.
        self.email = self.email.strip().lower()
        super().save(*args, **kwargs)

    def language_list(self):
        return [code for code in self.languages.split() if code in LANGUAGE_CODES]

    @property
    def interface_language(self):
        """The language of the email's own words: the first language read."""
        codes = self.language_list()
        return codes[0] if codes else LANGUAGE_CODES[0]

    def language_names(self):
        return [str(LANGUAGE_NAMES[code]) for code in self.language_list()]


class SubscriberQuerySet(RecipientQuerySet):
    def receiving(self):
        return self.filter(status=Subscriber.Status.CONFIRMED)


class Subscriber(Recipient):
    """A member of the public who subscribed through the site and confirmed."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for confirmation")
        CONFIRMED = "confirmed", _("Confirmed")
        UNSUBSCRIBED = "unsubscribed", _("Unsubscribed")

    status = models.CharField(
        _("status"),
        max_length=12,
        choices=Status.choices,
        default=Status.PENDING,
        db_index=True,
    )
    consent_at = models.DateTimeField(
        _("consent given at"),
        null=True,
        blank=True,
        help_text=_("When the subscriber confirmed through the link in the email."),
    )
    consent_source = models.CharField(
        _("consent source"),
        max_length=200,
        blank=True,
        help_text=_("Where the subscription was asked for."),
    )
    consent_language = models.CharField(
        _("consent language"),
        max_length=10,
        blank=True,
        help_text=_("The language of the page the subscriber agreed on."),
    )
    confirmation_sent_at = models.DateTimeField(
        _("confirmation email sent at"), null=True, blank=True
    )
    # Changes with each confirmation email: a link from an older one no longer
    # confirms (after an unsubscription, say).
    confirmation_nonce = models.CharField(max_length=32, default=new_nonce)

    objects = SubscriberQuerySet.as_manager()

    class Meta:
        verbose_name = _("subscriber")
        verbose_name_plural = _("subscribers")
        ordering = ["-created_at"]

    def __str__(self):
        return self.email


class JournalistQuerySet(RecipientQuerySet):
    def receiving(self):
        return self.filter(unsubscribed_at__isnull=True)

    def accredited(self):
        return self.receiving().filter(accredited=True)


class Journalist(Recipient):
    """A journalist on the press office's media list."""

    name = models.CharField(_("name"), max_length=200)
    outlet = models.CharField(_("outlet"), max_length=200, blank=True)
    accredited = models.BooleanField(
        _("accredited for embargoes"),
        default=False,
        help_text=_(
            "Receives embargoed releases before their time, with a personal link."
        ),
    )
    notes = models.TextField(_("notes"), blank=True)

    objects = JournalistQuerySet.as_manager()

    class Meta:
        verbose_name = _("journalist")
        verbose_name_plural = _("media list")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} <{self.email}>"
