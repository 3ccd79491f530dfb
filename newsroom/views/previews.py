"""What staff previews and embargo links share: never cached, never indexed, and a
version of the item whatever its state."""

from functools import wraps
from types import SimpleNamespace

from django.conf import settings
from django.contrib.admin.views.decorators import staff_member_required
from django.urls import reverse
from django.utils.cache import patch_cache_control
from django.utils.translation import override
from modeltranslation.translator import translator

from newsroom.publication import VersionState


def private_noindex(view):
    """Mark the view's responses as private to one reader: no cache may keep them,
    no search engine may index them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def staff_preview(view):
    """A preview: staff only (others are sent to the admin login), private and
    noindex."""
    return staff_member_required(private_noindex(view))


def urls_in_languages_for(view_name, **kwargs):
    """The URL of `view_name` with `kwargs` under each language prefix."""
    urls = {}
    for code, _name in settings.LANGUAGES:
        with override(code):
            urls[code] = reverse(view_name, kwargs=kwargs)
    return urls


def draft_version(item, lang):
    """The version in `lang` as written so far, ready or not (the original when that
    language has no title yet), shaped like Publishable.version()."""
    shown = lang if item.field_in("title", lang) else item.original_language
    fields = translator.get_options_for_model(type(item)).fields
    values = {name: item.field_in(name, shown) for name in fields}
    return SimpleNamespace(lang=shown, is_fallback=shown != lang, **values)


def preview_context(item, lang, view_name):
    """What every preview template adds: the banner's facts and links to the same
    preview in the other languages."""
    return {
        "preview": {
            "state": item.get_state_display(),
            "version_state": VersionState(item.translation_state(lang)).label,
            "is_live": item.is_live,
        },
        "noindex": True,
        "language_urls": urls_in_languages_for(view_name, pk=item.pk),
        "available_languages": None,
    }
