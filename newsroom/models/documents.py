from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from newsroom.core.pdf import clean_pdf
from newsroom.images.cleaning import UniqueUploadTo

from .parts import ReleasePart


class Document(ReleasePart):
    """A PDF attached to a release: a report, a statement, the release itself.

    Its file is named with a random part and linked only from the page of a live
    release; what is stored has been through newsroom.core.pdf."""

    file = models.FileField(
        _("PDF file"),
        upload_to=UniqueUploadTo("documents/%Y/%m/"),
        max_length=200,
        help_text=_(
            "A PDF without scripts, actions or attached files. Its metadata "
            "(author, software, dates) is removed on upload."
        ),
    )
    title = models.CharField(_("title"), max_length=300, blank=True)
    language = models.CharField(
        _("language of the document"),
        max_length=10,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
    )
    size = models.PositiveIntegerField(_("size in bytes"), default=0, editable=False)
    # Set once a new upload has been checked and rewritten.
    _file_cleaned = False

    class Meta(ReleasePart.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.title_in(self.original_language) or self.file.name

    def name_language(self):
        text, lang = self.text_in("title", self.original_language)
        return lang if text else None

    def save(self, *args, **kwargs):
        self.prepare_save()
        super().save(*args, **kwargs)

    def prepare_save(self):
        """Set what a save derives from the file (checked and rewritten once, its
        size): also for a row that waits in a working copy, unsaved."""
        self.clean_file()
        if self.file:
            self.size = self.file.size

    def clean(self):
        super().clean()
        try:
            self.clean_file()
        except ValidationError as error:
            raise ValidationError({"file": error.error_list}) from None
        if hasattr(self, "release") and not self.title_in(self.original_language):
            raise ValidationError(
                {
                    f"title_{self.original_language}": _(
                        "Give the document a title in the release's original language."
                    )
                }
            )

    def clean_file(self):
        """Check and rewrite a new upload, once; a stored file already was."""
        if self.file and not self.file._committed and not self._file_cleaned:
            self.file = clean_pdf(self.file)
            self._file_cleaned = True

    def title_in(self, lang):
        """The title for the release's version in `lang`, else the original's."""
        return self.text_in("title", lang)[0]
