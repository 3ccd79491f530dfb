from django import template
from django.urls import translate_url
from django.utils.translation import get_language_info

from newsroom.core.languages import LANGUAGE_CODES

register = template.Library()


@register.inclusion_tag("newsroom/includes/language_switcher.html", takes_context=True)
def language_switcher(context):
    """Links to this page in the other languages.

    A view whose object has its own URL per language puts `language_urls` (language
    code to URL) in the context, and `available_languages` when only some versions
    exist; otherwise the current path is translated.
    """
    request = context["request"]
    language_urls = context.get("language_urls") or {}
    available = context.get("available_languages")
    links = []
    for code in LANGUAGE_CODES:
        url = language_urls.get(code) or translate_url(request.get_full_path(), code)
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": url,
                "current": code == context.get("LANGUAGE_CODE"),
                "available": available is None or code in available,
            }
        )
    return {"links": links, "current_language": context.get("LANGUAGE_CODE")}
