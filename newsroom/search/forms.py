from django import forms
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from newsroom.core.periods import FILTER_YEARS

from .models import Kind
from .query import MAX_QUERY_LENGTH, MAX_TERMS, MAX_WORD_LENGTH, parse
from .results import Filters

TOO_COMMON = _(
    "Words as common as “the” or “of” are not searched: add a word that says "
    "what you are looking for."
)


class SearchForm(forms.Form):
    """The query and the filters that narrow it; they combine."""

    q = forms.CharField(
        label=pgettext_lazy("noun", "Search"), required=False, strip=True
    )
    type = forms.ChoiceField(
        label=_("Type"),
        choices=[("", _("All types")), *Kind.choices],
        required=False,
    )
    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FILTER_YEARS.start,
        max_value=FILTER_YEARS.stop - 1,
    )
    topic = forms.SlugField(label=_("Topic"), required=False)
    region = forms.SlugField(label=_("Region"), required=False)

    def filters(self):
        data = self.cleaned_data
        return Filters(
            kind=data["type"],
            year=data["year"],
            topic=data["topic"],
            region=data["region"],
        )

    def parsed(self, lang):
        """The query as searched by a visitor reading `lang`."""
        parsed = parse(self.cleaned_data["q"])
        return parsed.common_words(lang) or parsed

    def notices(self, parsed):
        """What the visitor should know about how their query was read."""
        notices = []
        if parsed.too_common:
            notices.append(TOO_COMMON)
        elif self.cleaned_data["q"] and not parsed.searchable:
            notices.append(_("Type at least one word to look for."))
        if parsed.truncated:
            notices.append(
                _("Only the first %(count)d words were searched.")
                % {"count": MAX_TERMS}
            )
        if parsed.cut:
            notices.append(
                _("Only the first %(count)d characters were searched.")
                % {"count": MAX_QUERY_LENGTH}
            )
        if parsed.shortened:
            notices.append(
                _("Only the first %(count)d characters of a long word were searched.")
                % {"count": MAX_WORD_LENGTH}
            )
        return notices
