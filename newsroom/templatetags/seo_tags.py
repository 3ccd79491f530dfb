"""What a page's <head> tells machines: canonical URL, hreflang alternates, feeds,
Open Graph and Twitter cards, schema.org JSON-LD; and the links to the calendar and
contact files."""

from babel.core import LOCALE_ALIASES
from django import template
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.http import urlencode
from django.utils.text import Truncator

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.standards import date_modified, public_address, x_default_language
from newsroom.syndication import structured_data
from newsroom.syndication.links import release_feed_title
from organisation.models import Office

register = template.Library()

FEED_TYPES = (
    ("syndication:release-rss", "application/rss+xml", "RSS"),
    ("syndication:release-atom", "application/atom+xml", "Atom"),
)


def current_language(context):
    return context.get("LANGUAGE_CODE") or translation.get_language()


def page_urls(context):
    """Language code to URL of this page, for the languages it exists in.

    A view whose object has its own URL per language puts `language_urls` in the
    context, and `available_languages` when only some versions are public; any
    other page exists in every language at its translated path."""
    request = context["request"]
    language_urls = context.get("language_urls") or {}
    available = context.get("available_languages")
    urls = {}
    for code in LANGUAGE_CODES:
        if available is not None and code not in available:
            continue
        urls[code] = language_urls.get(code) or translate_url(request.path, code)
    return urls


@register.simple_tag(takes_context=True)
def alternate_links(context):
    """The canonical URL and the reciprocal hreflang alternates with x-default.

    A page shown in a fallback version (the visitor's language is not public) is a
    copy of the original: its canonical URL is the original's. A private page
    (preview, embargo link: `noindex`) has none."""
    request = context.get("request")
    if request is None or request.resolver_match is None or context.get("noindex"):
        return {}
    urls = page_urls(context)
    if not urls:
        return {}
    lang = current_language(context)
    version = context.get("version")
    if lang in urls:
        canonical = urls[lang]
    elif getattr(version, "lang", None) in urls:
        canonical = urls[version.lang]
    else:
        canonical = urls[x_default_language(urls)]
    page = request.GET.get("page")
    if page and canonical == request.path:
        # Each page of a list is its own document, and so is its translation:
        # the canonical URL, the alternates and x-default all keep the page.
        query = f"?{urlencode({'page': page})}"
        urls = {code: url + query for code, url in urls.items()}
        canonical += query
    alternates = [
        {"lang": code, "url": request.build_absolute_uri(url)}
        for code, url in urls.items()
    ]
    alternates.append(
        {
            "lang": "x-default",
            "url": request.build_absolute_uri(urls[x_default_language(urls)]),
        }
    )
    return {
        "canonical": request.build_absolute_uri(canonical),
        "alternates": alternates,
    }


def list_filter(context, parameter, choices):
    """On the release list filtered by a topic or region, that topic or region,
    found among the filter's choices (no query of its own)."""
    request = context["request"]
    slug = request.GET.get(parameter)
    match = request.resolver_match
    if not slug or match is None or match.view_name != "newsroom:release-list":
        return None
    return next(
        (choice for choice in context.get(choices) or () if choice.slug == slug), None
    )


@register.simple_tag(takes_context=True)
def feed_links(context):
    """The release feeds to advertise: RSS and Atom in each language, the page's
    language first; with `feed_topic` or `feed_region` in the context, that topic's
    or region's feeds come first."""
    request = context.get("request")
    if request is None:
        return []
    organisation = context.get("organisation")
    current = current_language(context)
    languages = [current] + [code for code in LANGUAGE_CODES if code != current]
    topic = context.get("feed_topic") or list_filter(context, "topic", "topics")
    region = context.get("feed_region") or list_filter(context, "region", "regions")
    links = []
    for lang in languages:
        with translation.override(lang):
            feeds = [(release_feed_title(organisation), "", None)]
            if lang == current and (topic or region):
                kind, chosen = ("topic", topic) if topic else ("region", region)
                title = release_feed_title(organisation, topic=topic, region=region)
                feeds.insert(0, (title, f"-{kind}", {"slug": chosen.slug}))
            for title, suffix, kwargs in feeds:
                for name, media_type, label in FEED_TYPES:
                    links.append(
                        {
                            "url": request.build_absolute_uri(
                                reverse(name + suffix, kwargs=kwargs)
                            ),
                            "type": media_type,
                            "format": label,
                            "lang": lang,
                            "title": title,
                        }
                    )
    return links


@register.filter
def jsonld_script(data):
    """A dict (or list of dicts) as a JSON-LD <script>, escaped so that no text can
    close the element."""
    if not data:
        return ""
    return structured_data.to_script(data)


def og_locale(lang):
    """The Open Graph locale of a language code: "fr" → "fr_FR"."""
    return LOCALE_ALIASES.get(lang, lang)


def social_card(
    request,
    context,
    *,
    kind,
    title,
    description,
    url,
    photo,
    published=None,
    modified=None,
):
    image = structured_data.photo_image(request, photo)
    version = context.get("version")
    lang = getattr(version, "lang", None) or current_language(context)
    available = context.get("available_languages") or LANGUAGE_CODES
    return {
        "locale": og_locale(lang),
        "locale_alternates": [
            og_locale(code)
            for code in LANGUAGE_CODES
            if code in available and code != lang
        ],
        "type": kind,
        "title": title,
        "description": description,
        "url": url,
        "image": image.url if image else None,
        "image_alt": photo.alt_in()[0] if image else "",
        "image_width": image.width if image else None,
        "image_height": image.height if image else None,
        "published": published,
        "modified": modified,
        "twitter_card": "summary_large_image" if image else "summary",
    }


@register.inclusion_tag("newsroom/includes/head_meta.html", takes_context=True)
def release_meta(context, release):
    """Open Graph, Twitter card and NewsArticle JSON-LD of a press release page
    (none on a private page: preview or embargo link)."""
    if context.get("noindex"):
        return {}
    request = context["request"]
    profile = context.get("organisation")
    data = structured_data.news_article(
        request,
        release,
        profile,
        version=context.get("version"),
        quotes=context.get("quotes"),
        mentions=context.get("mentions"),
    )
    return {
        "site_name": profile.name if profile else "",
        "card": social_card(
            request,
            context,
            kind="article",
            title=data["headline"],
            description=data.get("description", ""),
            url=data["url"],
            photo=release.main_photo,
            published=release.publish_at,
            modified=date_modified(release),
        ),
        "jsonld": data,
    }


@register.inclusion_tag("newsroom/includes/head_meta.html", takes_context=True)
def event_meta(context, event):
    """Open Graph, Twitter card and Event JSON-LD of an event page (none on a
    private page)."""
    if context.get("noindex"):
        return {}
    request = context["request"]
    profile = context.get("organisation")
    data = structured_data.event(
        request, event, profile, version=context.get("version")
    )
    return {
        "site_name": profile.name if profile else "",
        "card": social_card(
            request,
            context,
            kind="website",
            title=data["name"],
            description=Truncator(data.get("description", "")).chars(300),
            url=data["url"],
            photo=event.photo,
        ),
        "jsonld": data,
    }


@register.simple_tag(takes_context=True)
def organisation_jsonld(context, profile):
    """The Organization JSON-LD of the who-we-are page, offices included."""
    request = context["request"]
    offices = Office.objects.all()
    return jsonld_script(
        structured_data.organization_profile(request, profile, offices)
    )


@register.simple_tag(takes_context=True)
def person_jsonld(context, person, url=None, job_title=None):
    """The Person JSON-LD of a page about `person`."""
    request = context["request"]
    works_for = structured_data.organization(request, context.get("organisation"))
    data = structured_data.person(
        request, person, url or request.path, job_title=job_title, works_for=works_for
    )
    return jsonld_script({"@context": structured_data.CONTEXT, **data})


@register.simple_tag
def event_calendar_url(event):
    """The .ics of `event` in the active language."""
    return reverse("syndication:event-ics", kwargs={"slug": event.slug_for()})


@register.simple_tag(takes_context=True)
def calendar_subscription_url(context):
    """The calendar of upcoming events in the active language as a webcal:
    address: calendar applications subscribe to it and fetch it again, where a
    link to the file only imports the events of the day once."""
    address = public_address(context["request"]).split("://", 1)[-1]
    return f"webcal://{address}{reverse('syndication:event-calendar')}"


@register.simple_tag
def contact_vcard_url(contact):
    """The .vcf of a public media contact."""
    return reverse("syndication:contact-vcf", kwargs={"slug": contact.slug})
