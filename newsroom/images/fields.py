"""The model and form fields of a cleaned image."""

from django import forms
from django.db import models

from .cleaning import clean_image
from .validation import ACCEPT, validate_image


class CleanImageFormField(forms.ImageField):
    """The form side: our validator's clear messages instead of Django's generic
    one, and a file chooser limited to the accepted formats."""

    default_validators = []

    def to_python(self, data):
        file = forms.FileField.to_python(self, data)
        if file is not None:
            validate_image(file)
        return file

    def widget_attrs(self, widget):
        attrs = forms.FileField.widget_attrs(self, widget)
        if isinstance(widget, forms.FileInput) and "accept" not in widget.attrs:
            attrs["accept"] = ACCEPT
        return attrs


class CleanImageField(models.ImageField):
    """An ImageField whose uploads are validated, then cleaned before anything is
    written to storage, whichever path saves them (forms, admin, scripts)."""

    default_validators = [validate_image]

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("max_length", 255)
        super().__init__(*args, **kwargs)

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": CleanImageFormField, **kwargs})

    def update_dimension_fields(self, instance, force=False, *args, **kwargs):
        # Django reads the size of an upload as soon as it is assigned, before any
        # validation: a bomb or a damaged file must reach the validator instead.
        try:
            super().update_dimension_fields(instance, force, *args, **kwargs)
        except Exception:
            for field in (self.width_field, self.height_field):
                if field:
                    setattr(instance, field, None)

    def pre_save(self, model_instance, add):
        file = models.Field.pre_save(self, model_instance, add)
        if file and not file._committed:
            cleaned = clean_image(file)
            # Saving assigns the cleaned file, which updates width and height.
            file.save(cleaned.name, cleaned, save=False)
            file = getattr(model_instance, self.attname)
        return file
