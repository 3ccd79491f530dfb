"""What the API and the webhooks must say of the `press_kit` fixture
(conftest.py), built from its rows: every field of each ninjs document, in the
order the documents give them, so that a test can compare whole responses byte
for byte."""

import datetime

from django.utils import translation

from newsroom.core.standards import site_authority
from newsroom.images.renditions import image_set
from newsroom.models import Event
from organisation.models import OrganisationProfile

CITY = {"en": "Geneva", "fr": "Genève", "es": "Ginebra"}
LANGUAGE_NAMES = {"en": "English", "fr": "français", "es": "español"}
COUNTRY_NAMES = {"en": ["Austria", "Azerbaijan"], "fr": ["Autriche", "Azerbaïdjan"]}
ALT_TEXT = {"en": "Boats in a harbour", "fr": "Des bateaux dans un port"}
QUOTE = {"en": "“We act.” (Ada Quoted)", "fr": "“Nous agissons.” (Ada Quoted)"}
NOTES = {"en": "<p>Notes.</p>", "fr": "<p>Notes fr.</p>"}
BOILERPLATE = {"en": "<p>About the agency.</p>", "fr": "<p>À propos de l’agence.</p>"}


def webhook_time(moment):
    """A time as a webhook body gives it: UTC to the microsecond."""
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def text(role, value, contenttype="text/plain"):
    return {"role": role, "contenttype": contenttype, "value": value}


def tag(item, lang, published=None):
    """The tag: URI of `item`'s version in `lang` (or of its part "<kind>/<pk>")."""
    published = published or item.publish_at
    return f"tag:{site_authority()},{published:%Y-%m-%d}:press-release/{item.pk}/{lang}"


def page(item, lang, site):
    with translation.override(lang):
        return site + item.get_absolute_url()


def own_dates(item):
    return [item.publish_at, item.corrected_at, item.updated_at]


def last_changed(release):
    """The latest date of the release's row and of each row its document prints
    (none of the press kit's related items is gone)."""
    rows = [
        *release.topics.all(),
        *release.people_quoted.all(),
        *release.people_mentioned.all(),
        *(quote.person for quote in release.quotes.all()),
        *release.media_contacts.filter(is_public=True),
        *(video.poster for video in release.videos.all()),
        release.issuing_office,
        release.main_photo,
        release.show_boilerplate and OrganisationProfile.objects.first(),
    ]
    dates = own_dates(release) + [row.updated_at for row in rows if row]
    for item in [release.related_event, *release.related_releases.all()]:
        if item and item.is_live:
            dates += own_dates(item)
    return max(filter(None, dates))


def pages(release, site, languages):
    return [
        {
            "name": f"html-{code}",
            "href": page(release, code, site),
            "contenttype": "text/html",
            "title": LANGUAGE_NAMES[code],
        }
        for code in languages
    ]


def picture(photo, lang, site, name):
    alt_lang = lang if lang in ALT_TEXT else "en"
    renditions = [r for r in image_set(photo.image).jpeg if r.format == "jpeg"]
    assert renditions, "the worker made the photo's renditions"
    return {
        "name": name,
        "uri": f"tag:{site_authority()},{photo.created_at:%Y-%m-%d}:photo/{photo.pk}",
        "type": "picture",
        "language": alt_lang,
        "descriptions": [
            text("alt", ALT_TEXT[alt_lang]),
            text("caption", "The harbour at dawn"),
        ],
        "by": "A. Photographer",
        "copyrightnotice": "CC BY 4.0",
        "renditions": [
            {
                "name": f"jpeg-{r.width}",
                "href": site + r.url,
                "contenttype": "image/jpeg",
                "width": r.width,
                "height": r.height,
            }
            for r in renditions
        ],
    }


def usable(release, lang, when):
    """What every usable document of `release`'s version in `lang` opens with."""
    return {
        "uri": tag(release, lang),
        "type": "text",
        "profile": "press-release",
        "version": str(release.public_revision),
        "firstcreated": when(release.publish_at),
        "versioncreated": when(last_changed(release)),
        "pubstatus": "usable",
        "language": lang,
    }


def plain_document(release, lang, site, when=lambda moment: moment):
    """A release made by `make_release` alone, ready in every language, in the
    version for `lang`: its texts, the boilerplate, its page in each language."""
    return {
        **usable(release, lang, when),
        "headlines": [text("main", release.field_in("title", lang))],
        "descriptions": [text("summary", release.field_in("lead", lang))],
        "bodies": [
            text("main", release.field_in("body", lang), "text/html"),
            text("boilerplate", BOILERPLATE.get(lang, BOILERPLATE["en"]), "text/html"),
        ],
        "located": CITY[lang],
        "places": [{"name": CITY[lang], "rel": "dateline"}],
        "renditions": pages(release, site, ["en", "fr", "es"]),
        "altids": [
            {"role": "id", "value": str(release.pk)},
            {"role": "reference", "value": release.reference},
        ],
    }


def kit_document(kit, lang, site, when=lambda moment: moment):
    """The press kit's release in `lang` ("en" or "fr": Spanish is a draft),
    every part of it in that version's words or, where it has none, the
    original's."""
    release = kit.release
    photo = release.main_photo
    [document] = release.documents.all()
    [video] = release.videos.all()
    [ada] = release.people_quoted.all()
    [ben] = release.people_mentioned.all()
    office = release.issuing_office
    event = Event.objects.get(pk=release.related_event_id)
    with translation.override(lang):
        topics = [
            {"name": topic.name, "rel": "topic", "literal": topic.slug}
            for topic in release.topics.order_by("name_en")
        ]
        office_name = office.name
    countries = [
        {"name": name, "rel": "country", "literal": code}
        for name, code in zip(COUNTRY_NAMES[lang], ["AT", "AZ"], strict=True)
    ]
    return {
        **usable(release, lang, when),
        "headlines": [text("main", f"full title {lang}")],
        "descriptions": [
            text("summary", f"full lead {lang}"),
            text("correction", "The date was wrong."),
        ],
        "bodies": [
            text("main", release.field_in("body", lang), "text/html"),
            text("quote", QUOTE[lang]),
            text("quote", "“It helps.” (a teacher)"),
            text("notes", NOTES[lang], "text/html"),
            text("boilerplate", BOILERPLATE[lang], "text/html"),
        ],
        "located": CITY[lang],
        "subjects": topics,
        "places": [*countries, {"name": CITY[lang], "rel": "dateline"}],
        "people": [
            {"name": "Ada Quoted", "rel": "quoted", "uri": page(ada, lang, site)},
            {"name": "Ben Mentioned", "rel": "mentioned", "uri": page(ben, lang, site)},
            {
                "name": "Press Office",
                "rel": "mediacontact",
                "literal": "press-office",
                "contactinfo": [
                    {
                        "type": "email",
                        "role": "office",
                        "value": "press-office@example.org",
                    },
                    {"type": "phone", "role": "work", "value": "+41 22 717 91 10"},
                ],
            },
        ],
        "organisations": [
            {
                "name": office_name,
                "rel": "issuer",
                "literal": "vienna",
                "uri": page(office, lang, site),
            }
        ],
        "events": [
            {
                "name": "summit title en",
                "rel": "related",
                "uri": page(event, lang, site),
            }
        ],
        "associations": [
            picture(photo, lang, site, "mainpicture"),
            {
                "name": "document-1",
                "uri": tag(release, f"document/{document.pk}"),
                "type": "text",
                "language": "fr",
                "title": document.title_in(lang),
                "renditions": [
                    {
                        "name": "pdf",
                        "href": site + document.file.url,
                        "contenttype": "application/pdf",
                        "title": document.title_in(lang),
                        "sizeinbytes": document.size,
                    }
                ],
            },
            {
                "name": "video-1",
                "uri": tag(release, f"video/{video.pk}"),
                "type": "video",
                "language": "en",
                "title": "The summit",
                "bodies": [text("transcript", "Words said at the summit.")],
                "renditions": [
                    {
                        "name": "player",
                        "href": "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ",
                        "contenttype": "text/html",
                        "title": "YouTube",
                    },
                    {
                        "name": "page",
                        "href": "https://youtu.be/dQw4w9WgXcQ",
                        "contenttype": "text/html",
                        "title": "YouTube",
                    },
                    {
                        "name": "broll",
                        "href": "https://media.example.org/broll/summit.zip",
                    },
                ],
                "associations": [picture(photo, lang, site, "poster")],
            },
            {
                "name": "related-1",
                "uri": tag(kit.related, lang),
                "type": "text",
                "language": lang,
                "headlines": [text("main", f"related title {lang}")],
                "renditions": [
                    {
                        "name": f"html-{lang}",
                        "href": page(kit.related, lang, site),
                        "contenttype": "text/html",
                    }
                ],
            },
        ],
        "renditions": pages(release, site, ["en", "fr"]),
        "altids": [
            {"role": "id", "value": str(release.pk)},
            {"role": "reference", "value": release.reference},
        ],
    }


def tombstone(release, lang, listed_at, gone_at):
    return {
        "uri": tag(release, lang, listed_at),
        "type": "text",
        "profile": "press-release",
        "pubstatus": "canceled",
        "versioncreated": gone_at,
        "altids": [{"role": "id", "value": str(release.pk)}],
    }
