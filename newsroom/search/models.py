"""The search index: one row per item and language version, in plain text.

The index holds every version that has text, public or not, so that the admin finds
drafts too; the public search reads only the rows whose `shown_to` names the
visitor's language, and filters the items by their model's `live()` at query time, so
that a scheduled item is found at its time and a withdrawn one at once disappears,
with no job to run.
"""

from django.conf import settings
from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def readers_value(langs):
    """The `shown_to` of a version read by the visitors of `langs`."""
    return f",{','.join(langs)}," if langs else ""


def slugs_value(slugs):
    """The `slugs` of a version, from {visitor's language: slug}."""
    return " ".join(f"{lang}={slug}" for lang, slug in slugs.items())


def shown_to(lang):
    """A Q for the rows the visitors reading `lang` may find."""
    return models.Q(shown_to__contains=f",{lang},")


NOT_PUBLIC = models.Q(shown_to="")


class Kind(models.TextChoices):
    RELEASE = "release", _("Press releases")
    EVENT = "event", _("Events")
    PAGE = "page", _("Pages")
    PERSON = "person", _("People")
    OFFICE = "office", _("Offices")


class Entry(models.Model):
    """One language version of one item, as the search reads it."""

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    lang = models.CharField(_("language"), max_length=10, choices=settings.LANGUAGES)
    # The item: exactly one of these is set, the one `kind` names. Deleting the item
    # deletes its rows.
    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    event = models.ForeignKey(
        "newsroom.Event",
        verbose_name=_("event"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    page = models.ForeignKey(
        "newsroom.Page",
        verbose_name=_("page"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    office = models.ForeignKey(
        "organisation.Office",
        verbose_name=_("office"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
    )
    shown_to = models.CharField(
        _("shown to"),
        max_length=100,
        blank=True,
        help_text=_(
            "The visitors' languages that read this version, between commas "
            '(",fr,es,"); empty while the version is not public.'
        ),
    )
    slugs = models.TextField(
        _("slugs"),
        blank=True,
        help_text=_(
            "The slug of the item's address for each of the visitors' languages "
            'that read this version ("fr=bureau-de-geneve es=oficina-de-ginebra"): '
            "an office read in one language has an address in each."
        ),
    )
    # The item's publication (releases, events and pages; empty for the others),
    # copied at every save in the same transaction, so that the one `live()` rule
    # reads this table alone: no join with the item's table for each match.
    state = models.CharField(_("publication state"), max_length=12, blank=True)
    publish_at = models.DateTimeField(_("publish at"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires at"), null=True, blank=True)
    date = models.DateField(_("date"), null=True, blank=True)
    title = models.TextField(_("title"))
    lead = models.TextField(_("lead"), blank=True)
    names = models.TextField(_("names"), blank=True)
    body = models.TextField(_("body"), blank=True)
    # PostgreSQL: the weighted document (title A, lead and names B, body C) in the
    # language's own configuration, written by a trigger and under a GIN index
    # (migration 0002). Other databases: the stems of each weight, as lines.
    document = SearchVectorField(_("document"), null=True, editable=False)
    stems_a = models.TextField(_("title stems"), blank=True, editable=False)
    stems_b = models.TextField(_("lead and name stems"), blank=True, editable=False)
    stems_c = models.TextField(_("body stems"), blank=True, editable=False)

    class Meta:
        verbose_name = _("search entry")
        verbose_name_plural = _("search entries")
        ordering = ["kind", "pk"]
        # Each item's rows, without the others' empty columns: a plan that walks
        # one of these indexes walks only that kind's rows.
        indexes = [
            models.Index(
                fields=[name],
                condition=models.Q(**{f"{name}__isnull": False}),
                name=f"search_entry_{name}",
            )
            for name in ("release", "event", "page", "person", "office")
        ]

    def __str__(self):
        return f"{self.get_kind_display()} {self.lang}: {self.title}"

    def slug_for(self, lang):
        """The slug of the item's address for a visitor reading `lang`."""
        slugs = dict(pair.split("=", 1) for pair in self.slugs.split())
        return slugs.get(lang, "")


class Waiting(models.Model):
    """An item whose rows a change of another row made out of date (a topic or a
    person renamed, deleted) and that the worker indexes again (search/tasks.py):
    kept as a row, so that a task lost with its queue loses nothing."""

    kind = models.CharField(max_length=10, choices=Kind.choices)
    item = models.PositiveBigIntegerField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["kind", "item"], name="search_waiting_once")
        ]

    def __str__(self):
        return f"{self.kind} {self.item}"


class Clock(models.Model):
    """How far the index has followed the passing of time (search/tasks.py): a
    single row, the moment up to which the items whose text changed with no save
    (a related event going live or expiring, a post beginning) were indexed
    again."""

    until = models.DateTimeField(_("followed until"))

    class Meta:
        verbose_name = _("search clock")
        verbose_name_plural = _("search clocks")

    def __str__(self):
        return str(self.until)
