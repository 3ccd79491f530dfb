"""schema.org JSON-LD: plain dicts for NewsArticle, Event, Organization and Person,
and the one serialiser that puts them in a page safely.

Every builder takes the `request` (for absolute URLs) and reads translated text
through `version()`, so a page's structured data says what the page says.
"""

import hashlib
import json
from dataclasses import dataclass

from django.core.cache import cache
from django.core.serializers.json import DjangoJSONEncoder
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from newsroom.core.languages import translated_text
from newsroom.core.standards import date_modified, plain_text
from newsroom.images.renditions import CACHE_SECONDS, image_set
from newsroom.models.quotes import printed_quotes

CONTEXT = "https://schema.org"

EVENT_STATUSES = {
    "scheduled": "https://schema.org/EventScheduled",
    "postponed": "https://schema.org/EventPostponed",
    "cancelled": "https://schema.org/EventCancelled",
    "rescheduled": "https://schema.org/EventRescheduled",
}

# Like Django's json_script: no "<", ">" or "&" survives as such, so no text can
# close the <script> element or open a comment in it.
JSON_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def to_script(data):
    """`data` as a <script type="application/ld+json"> element, safe to print."""
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
    return format_html(
        '<script type="application/ld+json">{}</script>',
        mark_safe(text.translate(JSON_SCRIPT_ESCAPES)),
    )


def absolute(request, url):
    return request.build_absolute_uri(url) if url else None


def compact(data):
    """`data` without its empty values: schema.org readers prefer a missing key to
    an empty one."""
    return {key: value for key, value in data.items() if value not in (None, "", [])}


def url_in(item, lang):
    """The URL of `item`'s version in `lang`: the page a fallback copy points at."""
    with translation.override(lang):
        return item.get_absolute_url()


LOGO = "newsroom/logo.png"

# Pages and feeds share an image about this wide (what Open Graph readers ask for),
# never the original, which may weigh 25 MB.
SHARE_WIDTH = 1200


@dataclass(frozen=True)
class SharedImage:
    url: str
    width: int
    height: int
    length: int
    mime_type: str = "image/jpeg"


def shared_image(request, fieldfile):
    """The image that stands for a stored image outside its page (og:image, JSON-LD,
    feed enclosures): the widest JPEG rendition up to SHARE_WIDTH pixels among the
    page's renditions, with its absolute URL and size in bytes. None without a
    usable image, or before the worker has made a JPEG rendition."""
    renditions = image_set(fieldfile) if fieldfile else None
    jpegs = [r for r in renditions.jpeg if r.format == "jpeg"] if renditions else []
    if not jpegs:
        return None
    small = [r for r in jpegs if r.width <= SHARE_WIDTH]
    chosen = small[-1] if small else jpegs[0]
    return SharedImage(
        absolute(request, chosen.url),
        chosen.width,
        chosen.height,
        stored_length(fieldfile.storage, chosen.name),
    )


def stored_length(storage, name):
    """The size of a rendition in bytes, remembered (a rendition never changes
    under its name) so that a feed does not ask a remote storage for each item."""
    key = "newsroom-rendition-length:" + hashlib.sha256(name.encode()).hexdigest()
    length = cache.get(key)
    if length is None:
        try:
            length = storage.size(name)
        except OSError:
            return 0
        cache.set(key, length, CACHE_SECONDS)
    return length


def photo_image(request, photo):
    """The SharedImage of a newsroom Photo, or None."""
    return shared_image(request, photo.image) if photo else None


def image_object(image):
    if image is None:
        return None
    return {
        "@type": "ImageObject",
        "url": image.url,
        "width": image.width,
        "height": image.height,
    }


def organization(request, profile, lang=None, describe=True):
    """The organisation as an Organization, its name in `lang`, described by its
    boilerplate unless `describe` is false."""
    if profile is None:
        return None
    lang = lang or translation.get_language()
    description = translated_text(profile, "boilerplate", lang)[0] if describe else ""
    with translation.override(lang):
        return compact(
            {
                "@type": "Organization",
                "name": str(profile.name),
                "alternateName": str(profile.acronym),
                "description": plain_text(description),
                "url": profile.website
                or absolute(request, reverse("organisation:who-we-are")),
                "logo": absolute(request, static(LOGO)),
            }
        )


def organization_profile(request, profile, offices):
    """The who-we-are page: the Organization with its offices."""
    data = organization(request, profile)
    if data is None:
        return None
    sub_organizations = [
        compact(
            {
                "@type": "Organization",
                "name": office.name,
                "url": absolute(request, office.get_absolute_url()),
                "email": office.email,
                "telephone": str(office.phone) if office.phone else None,
                "address": postal_address(office.address, office.city, office.country),
            }
        )
        for office in offices
    ]
    return compact(
        {
            "@context": CONTEXT,
            **data,
            "foundingDate": str(profile.founding_year)
            if profile.founding_year
            else None,
            "subOrganization": sub_organizations,
        }
    )


def postal_address(street, city, country):
    address = compact(
        {
            "@type": "PostalAddress",
            "streetAddress": street,
            "addressLocality": city,
            "addressCountry": country.code if country else None,
        }
    )
    return address if len(address) > 1 else None


def person(request, person, url=None, job_title=None, works_for=None):
    """A Person; `url` when the person has a page of their own, `job_title` and
    `works_for` (an Organization) when known."""
    return compact(
        {
            "@type": "Person",
            "name": person.name,
            "url": absolute(request, url),
            "jobTitle": job_title,
            "worksFor": works_for,
            "image": image_object(shared_image(request, person.portrait)),
        }
    )


def quotation(request, quote, lang):
    """A quote as a schema.org Quotation: its text and who said it (the entries
    of the release page's `quotes`: text, lang, person, title, attribution)."""
    speaker = None
    if quote["person"] is not None:
        speaker = person(
            request,
            quote["person"],
            url=url_in(quote["person"], lang),
            job_title=quote["title"],
        )
    elif quote["attribution"]:
        speaker = {"@type": "Person", "description": quote["attribution"]}
    return compact(
        {
            "@type": "Quotation",
            "text": quote["text"],
            "inLanguage": quote["lang"],
            "creator": speaker,
        }
    )


def document_object(request, document, lang):
    """A PDF of a release as a schema.org DigitalDocument."""
    return compact(
        {
            "@type": "DigitalDocument",
            "name": document.title_in(lang),
            "contentUrl": absolute(request, document.file.url),
            "encodingFormat": "application/pdf",
            "inLanguage": document.language,
            "contentSize": f"{document.size} B",
        }
    )


def video_object(request, printed):
    """A video of a release (its `printed()` entry) as a schema.org VideoObject."""
    video = printed["video"]
    poster = photo_image(request, video.poster)
    return compact(
        {
            "@type": "VideoObject",
            "name": printed["title"],
            "url": video.url,
            "embedUrl": video.embed.embed_url,
            "inLanguage": printed["lang"],
            "transcript": printed["transcript"],
            "thumbnailUrl": poster.url if poster else None,
        }
    )


def news_article(request, release, profile, version=None, quotes=None, mentions=None):
    """A press release as a NewsArticle, in `version` (by default the one a visitor
    reads in the active language). The people quoted and mentioned, `quotes` and
    `main_photo` are read from the instance: prefetch them, or pass the page's
    `quotes` and `mentions` (the people, quoted first)."""
    version = version or release.version()
    if quotes is None:
        quotes = printed_quotes(release.quotes.all(), version.lang)
    if mentions is None:
        mentions = dict.fromkeys(
            [*release.people_quoted.all(), *release.people_mentioned.all()]
        )
    publisher = organization(
        request, profile, version.lang, describe=release.show_boilerplate
    )
    url = absolute(request, url_in(release, version.lang))
    return compact(
        {
            "@context": CONTEXT,
            "@type": "NewsArticle",
            "headline": version.title,
            "description": version.lead,
            "url": url,
            "mainEntityOfPage": url,
            "inLanguage": version.lang,
            "identifier": release.reference,
            "datePublished": timezone.localtime(release.publish_at).isoformat(),
            "dateModified": timezone.localtime(date_modified(release)).isoformat(),
            "dateline": version.dateline_city,
            # schema.org's "why and how the article was created": the notes to
            # editors.
            "backstory": plain_text(version.notes_to_editors),
            "image": image_object(photo_image(request, release.main_photo)),
            "author": publisher,
            "publisher": publisher,
            "mentions": [
                person(request, p, url=url_in(p, version.lang)) for p in mentions
            ],
            "hasPart": [quotation(request, quote, version.lang) for quote in quotes],
            "associatedMedia": [
                *(
                    document_object(request, document, version.lang)
                    for document in release.public_documents()
                ),
                *(
                    video_object(request, video.printed(version.lang))
                    for video in release.videos.all()
                    if video.embed is not None
                ),
            ],
        }
    )


def event(request, event, profile, version=None):
    """An event as a schema.org Event in `version` (by default the one a visitor
    reads in the active language), its dates in the event's own time zone."""
    version = version or event.version()
    if event.all_day:
        start, end = event.local_start.date(), event.local_end.date()
    else:
        start, end = event.local_start, event.local_end
    previous_start = None
    if event.previous_start and event.status in ("postponed", "rescheduled"):
        previous_start = timezone.localtime(event.previous_start, event.tzinfo)
    with translation.override(version.lang):
        country_name = str(event.country.name) if event.country else None
    location = compact(
        {
            "@type": "Place",
            "name": version.venue or version.city or country_name,
            "address": postal_address("", version.city, event.country),
        }
    )
    return compact(
        {
            "@context": CONTEXT,
            "@type": "Event",
            "name": version.title,
            "description": plain_text(version.description),
            "url": absolute(request, url_in(event, version.lang)),
            "inLanguage": version.lang,
            "startDate": start.isoformat(),
            "endDate": end.isoformat(),
            "eventStatus": EVENT_STATUSES.get(event.status),
            "previousStartDate": previous_start.isoformat() if previous_start else None,
            "eventAttendanceMode": "https://schema.org/OfflineEventAttendanceMode",
            "location": location if len(location) > 1 else None,
            "image": image_object(photo_image(request, event.photo)),
            "organizer": organization(request, profile, version.lang),
        }
    )
