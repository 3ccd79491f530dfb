"""The site's languages: the one list of codes, and the lookups that span them.

Adding a language is an entry in `settings.LANGUAGES`, a migration and a catalogue;
everything that loops over languages starts from `LANGUAGE_CODES` here.
"""

import functools
import re

from django.conf import settings
from django.db.models import Q
from django.urls import get_script_prefix, get_urlconf, reverse
from django.urls.converters import SlugConverter
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from django.utils.text import Truncator
from django.utils.translation import get_language, override, pgettext
from modeltranslation.utils import build_localized_fieldname

LANGUAGE_CODES = tuple(code for code, _name in settings.LANGUAGES)
# Code to name, translated lazily (the names are gettext_lazy in the settings).
LANGUAGE_NAMES = dict(settings.LANGUAGES)


def version_name(verbose_name, lang):
    """The name of a language's version of a translated field, the language
    said in words in the language active: "title (French)", « titre
    (français) ». modeltranslation names each language's field with it
    (MODELTRANSLATION_BUILD_LOCALIZED_VERBOSE_NAME, instead of its "title
    [fr]"), so that every label, column header, error message and history of
    the admin says the language, and a screen reader reads it."""
    # Translators: a language's version of a translated field: "Title (French)".
    return pgettext("a translated field", "{field} ({language})").format(
        field=verbose_name, language=LANGUAGE_NAMES[lang]
    )


def text_language(model_field):
    """The language of the text `model_field` holds: "fr" for the French
    version of translated text (title_fr); None for a field in no language, or
    one whose values are choices shown in the reader's language (a version's
    state)."""
    if getattr(model_field, "choices", None):
        return None
    return getattr(model_field, "language", None)


def fallback_language(obj, field):
    """The language of the text translated `field` of `obj` reads in the active
    language: the active one when its version is that text, else the first
    whose version is (modeltranslation falls back to another language's,
    MODELTRANSLATION_FALLBACK_LANGUAGES, while the active one has none); None
    while it reads no text."""
    shown = getattr(obj, field)
    if not shown:
        return None
    for code in dict.fromkeys((get_language(), *LANGUAGE_CODES)):
        if code in LANGUAGE_CODES and getattr(obj, localized(field, code)) == shown:
            return code
    return None


def in_its_language(text, lang):
    """`text` for an HTML page, in a <span lang> when it is written in another
    language than the page's (the active one), for a screen reader to read it in
    its language; `text` alone otherwise, and no text (None) as it is."""
    if not text:
        return text
    if lang and lang != get_language():
        return format_html('<span lang="{}">{}</span>', lang, text)
    return conditional_escape(text)


def name_in_its_language(obj, words=None):
    """str(obj) for an HTML page (cut to `words` words), marked up in its
    language where that is not the page's: the language its model's
    `name_language()` gives, none for a model without one (a person's name)."""
    name = str(obj)
    if words is not None:
        name = Truncator(name).words(words, truncate=" …")
    language = getattr(obj, "name_language", None)
    return in_its_language(name, language() if language else None)


def with_name_in_its_language(text, obj):
    """`text` (a title, a message that names `obj`) for an HTML page, the name
    of `obj` in it marked up in its language (`name_in_its_language`)."""
    text, name = conditional_escape(text), conditional_escape(str(obj))
    if not name or name not in text:
        return text
    before, name, after = text.rpartition(name)
    # `before` and `after` are parts of the escaped text.
    return mark_safe(before) + name_in_its_language(obj) + mark_safe(after)  # noqa: S308


# Cached: pages look columns up by the thousand (a sitemap file, each version's
# state of every item), always among the same few.
@functools.lru_cache(maxsize=1024)
def localized(field, lang):
    """The column of translated `field` in `lang`: "title_fr"."""
    return build_localized_fieldname(field, lang)


def in_every_language(*fields):
    """The per-language columns of translated `fields` (admin search, exports)."""
    return tuple(localized(field, lang) for field in fields for lang in LANGUAGE_CODES)


def in_any_language(field, value, lookup="exact"):
    """A Q matching rows whose translated `field` is `value` in some language."""
    return Q.create(
        [(f"{localized(field, lang)}__{lookup}", value) for lang in LANGUAGE_CODES],
        Q.OR,
    )


def find_by_slug(queryset, slug, languages=LANGUAGE_CODES):
    """The item of `queryset` whose slug in one of `languages` is `slug`, in one
    query; an item whose slug in the active language matches comes first."""
    current = get_language()
    lookup = Q.create([(localized("slug", lang), slug) for lang in languages], Q.OR)
    matches = sorted(
        queryset.filter(lookup),
        key=lambda item: getattr(item, localized("slug", current), None) != slug,
    )
    return matches[0] if matches else None


def translated_text(obj, field, lang=None):
    """(text, language) of translated `field` of `obj` for a visitor reading `lang`:
    their language first, then the object's original language if it has one, then
    the others. Alt texts and captions use it to say which language they are in."""
    lang = lang or get_language()
    order = [lang, getattr(obj, "original_language", None), *LANGUAGE_CODES]
    for code in dict.fromkeys(code for code in order if code):
        text = (getattr(obj, localized(field, code), None) or "").strip()
        if text:
            return text, code
    return "", lang


def urls_in_languages(obj=None, view_name=None, **kwargs):
    """{code: URL} in each language: of `obj`, as its get_absolute_url() gives it
    there, or of the named view with `kwargs`."""
    urls = {}
    for code in LANGUAGE_CODES:
        with override(code):
            urls[code] = (
                obj.get_absolute_url()
                if obj is not None
                else reverse(view_name, kwargs=kwargs)
            )
    return urls


def slug_url(viewname, slug, lang=None):
    """reverse(viewname, kwargs={"slug": slug}) in `lang` (the active language by
    default), from `slug_pattern()`: pages link to dozens of items, and
    reverse() for each took more than twice as long."""
    lang = lang or get_language()
    if not SLUG.fullmatch(slug or ""):
        # Not a slug the pattern takes: reverse() says so (NoReverseMatch).
        with override(lang):
            return reverse(viewname, kwargs={"slug": slug})
    before, after = slug_pattern(viewname, lang)
    return f"{before}{slug}{after}"


SLUG = re.compile(SlugConverter.regex)
STAND_IN = "0-slug-0"


def slug_pattern(viewname, lang):
    """(before, after) the slug in the URL of `viewname` in `lang`, whose
    pattern takes a slug: reversed once per process, path prefix and URLconf,
    with a stand-in slug. Sitemaps and the API keep it for the items of their
    request, sparing even the prefix's and URLconf's look-ups."""
    urlconf = get_urlconf() or settings.ROOT_URLCONF
    return reversed_around_slug(viewname, lang, get_script_prefix(), urlconf)


@functools.lru_cache(maxsize=256)
def reversed_around_slug(viewname, lang, script_prefix, urlconf):
    # reverse() takes the prefix from the thread: `script_prefix` only keys it.
    with override(lang):
        path = reverse(viewname, kwargs={"slug": STAND_IN}, urlconf=urlconf)
    before, _stand_in, after = path.rpartition(STAND_IN)
    return before, after
