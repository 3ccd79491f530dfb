"""What a press release's press kit needs in templates: translated text of objects
that have no versions (the organisation's boilerplate, quotes, documents)."""

from django import template

from newsroom.core.languages import translated_text

register = template.Library()


@register.simple_tag
def text_in(obj, field, lang):
    """{"text", "lang"}: translated `field` of `obj` for a reader of `lang`, or of
    the next language that has it (the caller marks it up with its `lang`)."""
    if obj is None:
        return {"text": "", "lang": lang}
    text, shown = translated_text(obj, field, lang)
    return {"text": text, "lang": shown}
