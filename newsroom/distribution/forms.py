"""The public forms: subscribe, and manage one's preferences."""

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from newsroom.models import Topic
from organisation.models import Region

from .models import WhenNotTranslated


def page_language_first(code):
    return (code != get_language(), LANGUAGE_CODES.index(code))


class PreferencesForm(forms.Form):
    """What a recipient wants: languages, kinds of item, topics, regions."""

    KINDS = [("releases", _("Press releases")), ("events", _("Events"))]

    languages = forms.MultipleChoiceField(
        label=_("Languages I read"),
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Each email comes in the first of these that is available."),
    )
    when_not_translated = forms.ChoiceField(
        label=_("When an item is in none of these languages, send me"),
        choices=WhenNotTranslated.choices,
        widget=forms.RadioSelect,
        initial=WhenNotTranslated.ORIGINAL,
    )
    kinds = forms.MultipleChoiceField(
        label=_("I want to receive"),
        choices=KINDS,
        widget=forms.CheckboxSelectMultiple,
        initial=["releases", "events"],
    )
    topics = forms.ModelMultipleChoiceField(
        label=_("Topics"),
        queryset=Topic.objects.public(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every topic. Topics apply to press releases."),
    )
    regions = forms.ModelMultipleChoiceField(
        label=_("Regions"),
        queryset=Region.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text=_("None ticked: every region."),
    )

    def __init__(self, *args, recipient=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.kept_topics = Topic.objects.none()
        if recipient is not None:
            # A recipient's own topics stay offered to them when their last live
            # release goes (withdrawn, expired): saving other preferences must not
            # drop a choice they did not change. One that was never public (the
            # press office's choice for a journalist) is kept without being shown.
            chosen = recipient.topics.all()
            offered = Topic.objects.public() | Topic.objects.filter(
                pk__in=chosen.once_public().values("pk")
            )
            self.fields["topics"].queryset = offered
            self.kept_topics = chosen.exclude(pk__in=offered.values("pk"))
        # The page's language first, then the others in the order of the site.
        order = sorted(LANGUAGE_CODES, key=page_language_first)
        self.fields["languages"].choices = [
            (code, LANGUAGE_NAMES[code]) for code in order
        ]
        self.fields["languages"].initial = [get_language()]

    def clean_languages(self):
        """The languages read, in order of preference: the page's language first."""
        return sorted(self.cleaned_data["languages"], key=page_language_first)

    def apply(self, recipient):
        """Set the preferences on `recipient` (saved, for its many-to-many)."""
        data = self.cleaned_data
        recipient.languages = " ".join(data["languages"])
        recipient.when_not_translated = data["when_not_translated"]
        recipient.releases = "releases" in data["kinds"]
        recipient.events = "events" in data["kinds"]
        kept = list(self.kept_topics)
        recipient.save()
        recipient.topics.set([*data["topics"], *kept])
        recipient.regions.set(data["regions"])

    @classmethod
    def initial_for(cls, recipient):
        return {
            "languages": recipient.language_list(),
            "when_not_translated": recipient.when_not_translated,
            "kinds": [kind for kind, _label in cls.KINDS if getattr(recipient, kind)],
            "topics": list(recipient.topics.all()),
            "regions": list(recipient.regions.all()),
        }


class SubscriptionForm(PreferencesForm):
    email = forms.EmailField(label=_("Email address"), max_length=254)
    # A field people never see: bots that fill every field give themselves away.
    website = forms.CharField(
        label=_("Leave this field empty"),
        required=False,
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )
    consent = forms.BooleanField(
        label=_(
            "I agree to receive these emails. I can unsubscribe at any time with the "
            "link in each of them."
        ),
    )

    field_order = ["email", "languages", "when_not_translated", "kinds", "topics"]

    def is_bot(self):
        return bool(self.data.get(self.add_prefix("website")))
