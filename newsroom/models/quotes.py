from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from .parts import ReleasePart


class Quote(ReleasePart):
    """Words of a person (or of someone described), in each language of the
    release; the person's title is the one they held on the release's date."""

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

    class Meta(ReleasePart.Meta):
        verbose_name = _("quote")
        verbose_name_plural = _("quotes")

    def __str__(self):
        return self.text_in("text", self.original_language)[0][:80]

    def name_language(self):
        return self.text_in("text", self.original_language)[1]

    def clean(self):
        super().clean()
        if not hasattr(self, "release"):
            return
        if not self.text_in("text", self.original_language)[0]:
            raise ValidationError(
                {
                    f"text_{self.original_language}": _(
                        "Write the quote in the release's original language."
                    )
                }
            )


def printed_quotes(quotes, lang):
    """`quotes` as the release's version in `lang` prints them: dicts of text,
    lang (of the text), person, title (None: the caller knows the date's titles)
    and attribution; a quote without text in that language or the original is
    left out."""
    entries = []
    for quote in quotes:
        text, text_lang = quote.text_in("text", lang)
        if text:
            entries.append(
                {
                    "text": text,
                    "lang": text_lang,
                    "person": quote.person,
                    "title": None,
                    "attribution": quote.text_in("attribution", lang)[0],
                }
            )
    return entries
