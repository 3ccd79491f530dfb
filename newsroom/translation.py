from modeltranslation.translator import TranslationOptions, register

from .models import (
    Document,
    Event,
    MediaContact,
    Page,
    Photo,
    PressRelease,
    Quote,
    Topic,
    Video,
)

# Per-language slugs are unique; an empty one is NULL so that languages without a
# version do not collide on "".
SLUG_EMPTY = {"slug": None}


class PublishableTranslationOptions(TranslationOptions):
    empty_values = SLUG_EMPTY


# The public note on withdrawal, per language (Publishable's field).
WITHDRAWAL_NOTE = ("withdrawal_note",)


@register(Topic)
class TopicTranslationOptions(TranslationOptions):
    fields = ("name", "slug")
    empty_values = SLUG_EMPTY


@register(Page)
class PageTranslationOptions(PublishableTranslationOptions):
    fields = ("title", "slug", "intro", "body", "version_state", *WITHDRAWAL_NOTE)


@register(PressRelease)
class PressReleaseTranslationOptions(PublishableTranslationOptions):
    fields = (
        "title",
        "slug",
        "lead",
        "body",
        "notes_to_editors",
        "dateline_city",
        "correction_note",
        "version_state",
        *WITHDRAWAL_NOTE,
    )


@register(Event)
class EventTranslationOptions(PublishableTranslationOptions):
    fields = (
        "title",
        "slug",
        "description",
        "venue",
        "city",
        "version_state",
        *WITHDRAWAL_NOTE,
    )


@register(MediaContact)
class MediaContactTranslationOptions(TranslationOptions):
    fields = ("job_title",)


@register(Photo)
class PhotoTranslationOptions(TranslationOptions):
    fields = ("alt_text", "caption", "licence")


@register(Quote)
class QuoteTranslationOptions(TranslationOptions):
    fields = ("attribution", "text")


@register(Document)
class DocumentTranslationOptions(TranslationOptions):
    fields = ("title",)


@register(Video)
class VideoTranslationOptions(TranslationOptions):
    fields = ("title", "transcript")
