"""Press releases as IPTC ninjs 2.2 documents (https://iptc.org/standards/ninjs/),
one per public language version: what the API serves and the webhooks send.

Every text comes from `release.version(lang)`, as on the public page; the
release's relations must be prefetched with `releases_for_documents()` so that a
list of documents costs a fixed number of queries. `absolute` turns a path into
a URL: the request's host in the API, NEWSROOM_SITE_URL in a webhook.
"""

import datetime

from django.db.models import Prefetch
from django.utils import translation
from django.utils.translation import get_language_info
from django_countries import countries

from newsroom.core.languages import translated_text
from newsroom.core.standards import item_tag, last_changed, site_authority
from newsroom.images.renditions import image_set
from newsroom.models import PressRelease, Quote, ReleaseContact
from newsroom.models.quotes import printed_quotes
from organisation.models import OrganisationProfile

# The ninjs version our documents follow (and tests/api validates against).
NINJS_VERSION = "2.2"


def releases_for_documents(queryset=None):
    """`queryset` (all releases by default) with what a document reads, public
    contacts only."""
    public_contacts = (
        ReleaseContact.objects.filter(contact__is_public=True)
        .select_related("contact")
        .prefetch_related("contact__phones")
    )
    queryset = PressRelease.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "issuing_office", "main_photo", "related_event"
    ).prefetch_related(
        "topics",
        "people_quoted",
        "people_mentioned",
        Prefetch("quotes", queryset=Quote.objects.select_related("person")),
        Prefetch("releasecontact_set", queryset=public_contacts, to_attr="contacts"),
    )


def iso(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


def url_in(item, lang):
    with translation.override(lang):
        return item.get_absolute_url()


def texts(*pairs):
    """ninjs text objects [{role, contenttype, value}] of the non-empty values."""
    return [
        {"role": role, "contenttype": contenttype, "value": value}
        for role, contenttype, value in pairs
        if value
    ]


def photo_association(photo, lang, absolute):
    """The main photo as an associated ninjs picture: its JPEG renditions (never
    the original), alt text, caption, credit and licence in `lang` or the nearest
    language that has them. None until the worker has made a JPEG rendition."""
    renditions = image_set(photo.image)
    jpegs = [r for r in renditions.jpeg if r.format == "jpeg"] if renditions else []
    if not jpegs:
        return None
    alt, alt_lang = photo.alt_in(lang)
    caption, _caption_lang = photo.caption_in(lang)
    licence, _licence_lang = photo.licence_in(lang)
    document = {
        "name": "mainpicture",
        "uri": f"tag:{site_authority()},{photo.created_at:%Y-%m-%d}:photo/{photo.pk}",
        "type": "picture",
        "language": alt_lang,
        "descriptions": texts(
            ("alt", "text/plain", alt), ("caption", "text/plain", caption)
        ),
        "by": photo.credit,
        "copyrightnotice": licence,
        "renditions": [
            {
                "name": f"jpeg-{rendition.width}",
                "href": absolute(rendition.url),
                "contenttype": "image/jpeg",
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition in jpegs
        ],
    }
    return {key: value for key, value in document.items() if value}


def contact_person(contact):
    """A public media contact as a ninjs person with their contact details."""
    info = [{"type": "email", "role": "office", "value": contact.email}]
    info += [
        {"type": "phone", "role": phone.kind, "value": str(phone.number)}
        for phone in contact.phones.all()
    ]
    return {
        "name": contact.name,
        "rel": "mediacontact",
        "literal": contact.slug,
        "contactinfo": [entry for entry in info if entry["value"]],
    }


def quote_texts(release, lang):
    """The release's quotes as its version in `lang` prints them, each as a
    plain-text body: the words, then who said them."""
    bodies = []
    for quote in printed_quotes(release.quotes.all(), lang):
        speaker = quote["person"].name if quote["person"] else quote["attribution"]
        text = f"“{quote['text']}”" + (f" ({speaker})" if speaker else "")
        bodies.append(("quote", "text/plain", text))
    return bodies


def release_document(release, lang, absolute, pubstatus="usable", organisation=False):
    """The ninjs document of `release`'s version in `lang` (a public one: the
    caller chooses it). `pubstatus` "canceled" is a withdrawal notice. A list
    passes the `organisation` profile it read once (its boilerplate ends every
    release that shows it)."""
    version = release.version(lang)
    lang = version.lang
    if organisation is False:
        organisation = OrganisationProfile.current()
    boilerplate = (
        release.show_boilerplate
        and organisation
        and translated_text(organisation, "boilerplate", lang)[0]
    )
    with translation.override(lang):
        # Names the site does not translate per item (countries, topics, offices)
        # in the version's language.
        places = [
            {"name": str(countries.name(code)), "rel": "country", "literal": code}
            for code in map(str, release.countries)
        ]
        subjects = [
            {"name": topic.name, "rel": "topic", "literal": topic.slug}
            for topic in release.topics.all()
        ]
        office = release.issuing_office
        organisations = office and [
            {
                "name": office.name,
                "rel": "issuer",
                "literal": office.slug,
                "uri": absolute(office.get_absolute_url()),
            }
        ]
    if version.dateline_city:
        places.append({"name": version.dateline_city, "rel": "dateline"})
    event = release.related_event
    people = [
        {"name": person.name, "rel": rel, "uri": absolute(url_in(person, lang))}
        for rel, related in (
            ("quoted", release.people_quoted),
            ("mentioned", release.people_mentioned),
        )
        for person in related.all()
    ] + [contact_person(link.contact) for link in release.contacts]
    correction = release.correction_for(lang)
    photo = release.main_photo and photo_association(release.main_photo, lang, absolute)
    document = {
        "uri": item_tag(release, "press-release", lang),
        "type": "text",
        "profile": "press-release",
        "version": str(release.revision),
        "firstcreated": iso(release.publish_at),
        "versioncreated": iso(last_changed(release)),
        "pubstatus": pubstatus,
        "language": lang,
        "headlines": texts(("main", "text/plain", version.title)),
        "descriptions": texts(
            ("summary", "text/plain", version.lead),
            ("correction", "text/plain", correction and correction["note"]),
        ),
        "bodies": texts(
            ("main", "text/html", version.body),
            *quote_texts(release, lang),
            ("notes", "text/html", version.notes_to_editors),
            ("boilerplate", "text/html", boilerplate),
        ),
        "located": version.dateline_city,
        "subjects": subjects,
        "places": places,
        "people": people,
        "organisations": organisations,
        "events": event
        and event.is_live
        and [
            {
                "name": event.version(lang).title,
                "rel": "related",
                "uri": absolute(url_in(event, lang)),
            }
        ],
        "associations": photo and [photo],
        # The page of each public version: where a reader follows the release.
        "renditions": [
            {
                "name": f"html-{code}",
                "href": absolute(url_in(release, code)),
                "contenttype": "text/html",
                "title": get_language_info(code)["name_local"],
            }
            for code in release.public_languages()
        ],
        "altids": [{"role": "id", "value": str(release.pk)}]
        + (
            [{"role": "reference", "value": release.reference}]
            if release.reference
            else []
        ),
    }
    return {key: value for key, value in document.items() if value}
