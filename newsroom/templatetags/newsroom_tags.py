from django import template
from django.template.loader import render_to_string
from django.urls import translate_url
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, get_language_info

from newsroom.caching.generation import remember
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


# What the site's menu and footer show, from the `site` context processor.
SITE_FRAME = ("organisation", "nav_pages", "legal_pages")


@register.simple_tag(takes_context=True)
def site_fragment(context, template_name):
    """`template_name` (the menu, the footer) rendered with the site frame once per
    language and content generation (remember()), not on every page. A page
    rendered without the frame (no `site` context processor) renders its own."""
    frame = {name: context.get(name) for name in SITE_FRAME}
    if "nav_pages" not in context:
        return render_to_string(template_name, frame)
    html = remember(
        f"fragment:{template_name}:{get_language()}",
        lambda: str(render_to_string(template_name, frame)),
    )
    return mark_safe(html)
