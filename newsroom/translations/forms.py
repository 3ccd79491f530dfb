"""The export and import forms of the translations admin."""

from django import forms
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import LANGUAGE_NAMES

from .permissions import translated_languages
from .registry import ONLY_MISSING, ONLY_OUTDATED
from .uploads import kept_upload

ONLY_CHOICES = [
    ("", _("Every field")),
    (ONLY_MISSING, _("Only missing translations")),
    (ONLY_OUTDATED, _("Only outdated translations")),
]


# Forms


def translated_by(user):
    """(code, name) of the languages `user` may import (a translator's)."""
    return [(code, LANGUAGE_NAMES[code]) for code in translated_languages(user)]


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=LANGUAGE_NAMES.items())
    only = forms.ChoiceField(label=_("Fields"), choices=ONLY_CHOICES, required=False)

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        # Any language may be read; a translator's own comes first.
        if user is not None and (mine := translated_by(user)):
            self.fields["language"].initial = mine[0][0]


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("PO file"),
        required=False,
        help_text=_("The translated file, as exported from this site."),
    )
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    # The name the previewed file was uploaded under, for the audit trail.
    upload_name = forms.CharField(
        widget=forms.HiddenInput, required=False, max_length=255
    )
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The one the file names"))] + list(LANGUAGE_NAMES.items()),
        required=False,
        help_text=_("When chosen, the file's Language header must name it."),
    )
    dry_run = forms.BooleanField(
        label=_("Preview only"),
        required=False,
        initial=True,
        help_text=_("Show what would change and change nothing."),
    )
    mark_ready = forms.BooleanField(
        label=_("Mark the imported versions ready"),
        required=False,
        help_text=_(
            "Only the versions the file translates in full; the others, and all "
            "of them without this, are left for an editor to review."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        if user is not None:
            # A file in another language would be refused.
            self.fields["language"].choices = [
                ("", _("The one the file names")),
                *translated_by(user),
            ]

    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if file:
            cleaned["content"] = file.read()
        elif cleaned.get("upload"):
            cleaned["content"] = kept_upload(self.user, cleaned["upload"])
            if cleaned["content"] is None:
                raise forms.ValidationError(
                    _("The previewed file is no longer kept: upload the file again.")
                )
        else:
            raise forms.ValidationError(_("Choose the PO file to import."))
        return cleaned


class MemoryImportForm(forms.Form):
    file = forms.FileField(
        label=_("TMX file"),
        help_text=_(
            "A translation memory in TMX 1.4, from a CAT tool or exported here: "
            "its translations into your languages are added to the memory, and "
            "replace those of the same source text."
        ),
    )
