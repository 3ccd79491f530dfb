"""Press releases as IPTC ninjs 2.2 documents (https://iptc.org/standards/ninjs/),
one per public language version: what the API serves and the webhooks send.

Every text comes from `release.version(lang)`, as on the public page; the
release's relations must be prefetched with `releases_for_documents()` so that a
list of documents costs a fixed number of queries. `absolute` turns a path into
a URL: the request's host in the API, NEWSROOM_SITE_URL in a webhook; a list
makes one `Links` of it for all its documents.
"""

import datetime

from django.db.models import Prefetch
from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import get_language_info
from django_countries import countries

from newsroom.core.languages import SLUG, slug_pattern, slug_url, translated_text
from newsroom.core.standards import item_tag, site_authority
from newsroom.images.renditions import image_set
from newsroom.models import PressRelease, ReleaseContact
from newsroom.models.quotes import printed_quotes
from newsroom.models.releases import prefetch_parts
from organisation.models import OrganisationProfile

from .changes import release_changed_at

# The ninjs version our documents follow (and tests/api validates against).
NINJS_VERSION = "2.2"
# What dates a related release that is no longer public.
GONE_DATES = ("state", "publish_at", "expires_at", "updated_at", "public_publish_at")


def as_list(lookup):
    """`lookup` (a name or a Prefetch) prefetched into a plain list, the
    attribute "<name>_list": into the relation's manager, Django makes each
    release a filtered queryset per relation to hold its rows, a fifth of the
    time of a page of twenty press kits."""
    if isinstance(lookup, str):
        lookup = Prefetch(lookup)
    name = lookup.prefetch_through.rpartition("__")[2]
    return Prefetch(
        lookup.prefetch_through, queryset=lookup.queryset, to_attr=f"{name}_list"
    )


def releases_for_documents(queryset=None):
    """`queryset` (all releases by default) with what a document reads, public
    contacts only."""
    public_contacts = (
        ReleaseContact.objects.filter(contact__is_public=True)
        .select_related("contact")
        .prefetch_related(as_list("contact__phones"))
    )
    queryset = PressRelease.objects.all() if queryset is None else queryset
    return queryset.select_related(
        "issuing_office", "main_photo", "related_event"
    ).prefetch_related(
        *map(as_list, ["topics", "people_quoted", "people_mentioned"]),
        *map(as_list, prefetch_parts()),
        Prefetch("releasecontact_set", queryset=public_contacts, to_attr="contacts"),
        Prefetch(
            "related_releases",
            queryset=PressRelease.objects.live().order_by("-publish_at", "-pk"),
            to_attr="live_related",
        ),
        # Those no longer public: only the dates of their leaving, which date
        # the document that stopped printing them (changes.release_changed_at).
        Prefetch(
            "related_releases",
            queryset=PressRelease.objects.gone_since(None).only(*GONE_DATES),
            to_attr="gone_related",
        ),
    )


def iso(moment):
    return moment.astimezone(datetime.UTC).isoformat().replace("+00:00", "Z")


class Links:
    """The absolute URLs of the documents of one request or task: `links(path)`
    of a path, `links.page(viewname, slug, lang)` of the page of an item whose
    URL pattern takes its slug, `links.renditions(image)` of an image's JPEG
    renditions. Each pattern is made absolute once per language (`slug_pattern`:
    reverse() for each item and language took a fifth of the time of a
    document), and each image's renditions are looked up once (a release's
    video often has its main photo as poster). Lives as long as its request."""

    def __init__(self, absolute):
        self.absolute = absolute
        self.patterns = {}
        self.images = {}

    def __call__(self, path):
        return self.absolute(path)

    def page(self, viewname, slug, lang):
        if not SLUG.fullmatch(slug):
            return self.absolute(slug_url(viewname, slug, lang))  # NoReverseMatch
        if (viewname, lang) not in self.patterns:
            before, after = slug_pattern(viewname, lang)
            self.patterns[viewname, lang] = self.absolute(before), after
        before, after = self.patterns[viewname, lang]
        return f"{before}{slug}{after}"

    def renditions(self, image):
        """[(rendition, its URL)] of `image`'s JPEG renditions (none before the
        worker has made one)."""
        if image.name not in self.images:
            renditions = image_set(image)
            self.images[image.name] = [
                (rendition, self.absolute(rendition.url))
                for rendition in (renditions.jpeg if renditions else [])
                if rendition.format == "jpeg"
            ]
        return self.images[image.name]


def release_page(links, release, lang):
    """The page of `release`'s version in `lang` (the original's if that one is
    not public), as release.get_absolute_url() gives it in `lang`."""
    return links.page("newsroom:release-detail", release.slug_for(lang), lang)


def filled(data):
    """`data` without its empty values: a ninjs reader prefers a missing key."""
    return {key: value for key, value in data.items() if value}


def texts(*pairs):
    """ninjs text objects [{role, contenttype, value}] of the non-empty values."""
    return [
        {"role": role, "contenttype": contenttype, "value": value}
        for role, contenttype, value in pairs
        if value
    ]


def withdrawal_text(item, lang):
    """The public note of withdrawn `item` for a reader of `lang` (the
    original's where `lang` has none) as the value of a ninjs text of role
    "withdrawal": HTML, its `lang` attribute naming the language it is written
    in, which ninjs has no other place for. None without a note."""
    note = item.withdrawal_note_for(lang)
    if note is None:
        return None
    return format_html(
        '<p lang="{}">{}</p>', note["lang"], linebreaksbr(note["note"], True)
    )


def photo_association(photo, lang, links, name="mainpicture"):
    """A photo (the main one, a video's poster) as an associated ninjs picture:
    its JPEG renditions (never the original), alt text, caption, credit and
    licence in `lang` or the nearest language that has them. None until the
    worker has made a JPEG rendition."""
    jpegs = links.renditions(photo.image)
    if not jpegs:
        return None
    alt, alt_lang = photo.alt_in(lang)
    caption, _caption_lang = photo.caption_in(lang)
    licence, _licence_lang = photo.licence_in(lang)
    document = {
        "name": name,
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
                "href": href,
                "contenttype": "image/jpeg",
                "width": rendition.width,
                "height": rendition.height,
            }
            for rendition, href in jpegs
        ],
    }
    return filled(document)


def part_tag(part, kind):
    """The tag: URI of a document or video of a release: the release's tag, in no
    language, and the part's kind and pk."""
    release = part.release
    return (
        f"tag:{site_authority()},{release.publish_at:%Y-%m-%d}:"
        f"press-release/{release.pk}/{kind}/{part.pk}"
    )


def document_association(document, number, lang, links):
    """A PDF of the release as an associated ninjs text: its title for the
    release's version in `lang` (else the original's, as on the page), the
    language the document is written in, and the file as its rendition."""
    title = document.title_in(lang)
    rendition = {
        "name": "pdf",
        "href": links(document.file.url),
        "contenttype": "application/pdf",
        "title": title,
        "sizeinbytes": document.size,
    }
    association = {
        "name": f"document-{number}",
        "uri": part_tag(document, "document"),
        "type": "text",
        "language": document.language,
        "title": title,
        "renditions": [filled(rendition)],
    }
    return filled(association)


def video_association(video, number, lang, links):
    """A video of the release as an associated ninjs video: its title and
    transcript as the version in `lang` prints them, the host's player (on the
    allow-list) and page, the b-roll download and the poster."""
    printed = video.printed(lang)
    embed = video.embed
    renditions = [
        {"name": "player", "href": embed.embed_url, "title": embed.provider},
        {"name": "page", "href": video.url, "title": embed.provider},
    ]
    renditions = [{**rendition, "contenttype": "text/html"} for rendition in renditions]
    if video.broll_url:
        renditions.append({"name": "broll", "href": video.broll_url})
    poster = video.poster and photo_association(
        video.poster, lang, links, name="poster"
    )
    association = {
        "name": f"video-{number}",
        "uri": part_tag(video, "video"),
        "type": "video",
        "language": printed["lang"],
        "title": printed["title"],
        "bodies": texts(("transcript", "text/plain", printed["transcript"])),
        "renditions": renditions,
        "associations": poster and [poster],
    }
    return filled(association)


def related_association(related, number, lang, links):
    """A live release the editor related to this one, in its version for `lang`
    (its original where that one is not public)."""
    version = related.version(lang)
    page = {
        "name": f"html-{version.lang}",
        "href": release_page(links, related, version.lang),
        "contenttype": "text/html",
    }
    return {
        "name": f"related-{number}",
        "uri": item_tag(related, "press-release", version.lang),
        "type": "text",
        "language": version.lang,
        "headlines": texts(("main", "text/plain", version.title)),
        "renditions": [page],
    }


def release_associations(release, lang, links):
    """The main photo, the documents, the videos (those on the allow-list, as on
    the page) and the live related releases of `release`'s version in `lang`."""
    photo = release.main_photo and photo_association(release.main_photo, lang, links)
    # The documents release.public_documents() gives: those in a public language.
    documents = [
        document
        for document in release.documents_list
        if release.is_public_in(document.language)
    ]
    videos = [video for video in release.videos_list if video.embed is not None]
    return [
        *([photo] if photo else []),
        *(
            document_association(document, number, lang, links)
            for number, document in enumerate(documents, start=1)
        ),
        *(
            video_association(video, number, lang, links)
            for number, video in enumerate(videos, start=1)
        ),
        *(
            related_association(related, number, lang, links)
            for number, related in enumerate(release.live_related, start=1)
        ),
    ]


def contact_person(contact):
    """A public media contact as a ninjs person with their contact details."""
    info = [{"type": "email", "role": "office", "value": contact.email}]
    info += [
        {"type": "phone", "role": phone.kind, "value": str(phone.number)}
        for phone in contact.phones_list
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
    for quote in printed_quotes(release.quotes_list, lang):
        speaker = quote["person"].name if quote["person"] else quote["attribution"]
        text = f"“{quote['text']}”" + (f" ({speaker})" if speaker else "")
        bodies.append(("quote", "text/plain", text))
    return bodies


def release_document(release, lang, absolute, pubstatus="usable", organisation=False):
    """The ninjs document of `release`'s version in `lang` (a public one: the
    caller chooses it). `pubstatus` "canceled" is a withdrawal notice. A list
    passes the `organisation` profile it read once (its boilerplate ends every
    release that shows it) and its `Links` as `absolute`."""
    links = absolute if isinstance(absolute, Links) else Links(absolute)
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
            for topic in release.topics_list
        ]
        office = release.issuing_office
        organisations = office and [
            {
                "name": office.name,
                "rel": "issuer",
                "literal": office.slug,
                "uri": links.page("organisation:office-detail", office.slug, lang),
            }
        ]
    if version.dateline_city:
        places.append({"name": version.dateline_city, "rel": "dateline"})
    event = release.related_event
    people = [
        {
            "name": person.name,
            "rel": rel,
            "uri": links.page("organisation:person-detail", person.slug, lang),
        }
        for rel, related in (
            ("quoted", release.people_quoted_list),
            ("mentioned", release.people_mentioned_list),
        )
        for person in related
    ] + [contact_person(link.contact) for link in release.contacts]
    correction = release.correction_for(lang)
    document = {
        "uri": item_tag(release, "press-release", lang),
        "type": "text",
        "profile": "press-release",
        "version": str(release.public_revision),
        "firstcreated": iso(release.publish_at),
        "versioncreated": iso(release_changed_at(release, organisation)),
        "pubstatus": pubstatus,
        "language": lang,
        "headlines": texts(("main", "text/plain", version.title)),
        "descriptions": texts(
            ("summary", "text/plain", version.lead),
            ("correction", "text/plain", correction and correction["note"]),
            (
                "withdrawal",
                "text/html",
                pubstatus == "canceled" and withdrawal_text(release, lang),
            ),
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
                "uri": links.page("newsroom:event-detail", event.slug_for(lang), lang),
            }
        ],
        "associations": release_associations(release, lang, links),
        # The page of each public version: where a reader follows the release.
        "renditions": [
            {
                "name": f"html-{code}",
                "href": release_page(links, release, code),
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
    return filled(document)


def withdrawal_document(release, lang):
    """The ninjs tombstone of `release`, withdrawn after it had been public or
    expired (views.tombstones), for a client that asked for `lang`: the uri its
    live document had, its id, pubstatus "canceled", the time it stopped
    being public and, once withdrawn, the public note in the language of the
    uri's version (else in the original: the document's `language` is the
    note's). Nothing that a
    draft written since could have changed: no other text, no relation."""
    lang = release.display_language(lang)
    note = release.withdrawal_note_for(lang)
    uri = item_tag(release, "press-release", lang, release.listed_at)
    return filled(
        {
            "uri": uri,
            "type": "text",
            "profile": "press-release",
            "pubstatus": "canceled",
            "versioncreated": iso(release.gone_at),
            "language": note and note["lang"],
            "descriptions": texts(
                ("withdrawal", "text/html", withdrawal_text(release, lang))
            ),
            "altids": [{"role": "id", "value": str(release.pk)}],
        }
    )
