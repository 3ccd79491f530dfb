from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class QuoteManager(models.Manager):
    def get_queryset(self):
        # The release gives the quote its original language (PO exports).
        return super().get_queryset().select_related("release")


class Quote(models.Model):
    """Words of a person (or of someone described), in each language of the
    release; the person's title is the one they held on the release's date."""

    release = models.ForeignKey(
        "newsroom.PressRelease",
        verbose_name=pgettext_lazy("noun", "press release"),
        on_delete=models.CASCADE,
        related_name="quotes",
    )
    person = models.ForeignKey(
        "organisation.Person",
        verbose_name=_("person"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="quotes",
        help_text=_("Leave empty for someone who is not in the organisation."),
    )
    attribution = models.CharField(
        _("attribution"),
        max_length=200,
        blank=True,
        help_text=_(
            "Who speaks, when they are not a person of the organisation, e.g. "
            "“a teacher in Niamey”."
        ),
    )
    # Required in the release's original language only: see clean().
    text = models.TextField(
        _("quote"), blank=True, help_text=_("Without quotation marks.")
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    objects = QuoteManager()

    class Meta:
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")
        ordering = ["order", "pk"]

    def __str__(self):
        return self.text_in(self.original_language)[0][:80]

    def clean(self):
        super().clean()
        if not hasattr(self, "release"):
            return
        if not self.text_in(self.original_language)[0]:
            raise ValidationError(
                {
                    f"text_{self.original_language}": _(
                        "Write the quote in the release's original language."
                    )
                }
            )

    @property
    def original_language(self):
        return self.release.original_language

    def text_in(self, lang):
        """(text, language) of the quote for the release's version in `lang`:
        that language's, else the original's, never a third language's (which
        could be an unpublished draft's)."""
        for code in (lang, self.original_language):
            text = (getattr(self, f"text_{code}", None) or "").strip()
            if text:
                return text, code
        return "", lang

    def attribution_in(self, lang):
        for code in (lang, self.original_language):
            text = (getattr(self, f"attribution_{code}", None) or "").strip()
            if text:
                return text
        return ""


def printed_quotes(quotes, lang):
    """`quotes` as the release's version in `lang` prints them: dicts of text,
    lang (of the text), person, title (None: the caller knows the date's titles)
    and attribution; a quote without text in that language or the original is
    left out."""
    entries = []
    for quote in quotes:
        text, text_lang = quote.text_in(lang)
        if text:
            entries.append(
                {
                    "text": text,
                    "lang": text_lang,
                    "person": quote.person,
                    "title": None,
                    "attribution": quote.attribution_in(lang),
                }
            )
    return entries
