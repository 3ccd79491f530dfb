"""Press releases: the detail, the preview and the secret embargo link (the list
is in `release_list`)."""

import functools
from itertools import groupby

from django.db.models import (
    Exists,
    FilteredRelation,
    OuterRef,
    Prefetch,
    Q,
    prefetch_related_objects,
)
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.decorators import method_decorator

from newsroom.core.languages import (
    urls_in_languages,
)
from newsroom.core.prefetch import as_prefetched, is_prefetched
from newsroom.core.publication import PublicationState
from newsroom.distribution.models import EmbargoLink
from newsroom.models import (
    PressRelease,
    ReleaseContact,
)
from newsroom.models.quotes import printed_quotes
from newsroom.models.releases import prefetch_parts
from organisation.models import Person
from organisation.models.people import titles_from

from .detail import DetailView, ItemView, PreviewView, gone
from .private import private_noindex

RELATED_RELEASES = 3


class ReleaseView(ItemView):
    model = PressRelease
    template_name = "newsroom/release_detail.html"
    context_object_name = "release"
    preview_url_name = "newsroom:release-preview"

    def get_queryset(self):
        return releases_to_show().all()

    def get_context_data(self, release, version):
        read_parts(release)
        event = release.related_event
        quotes = list(release.quotes.all())
        speakers = [quote.person for quote in quotes if quote.person]
        named, appointments = people_named(release, speakers)
        named_quoted = [person for person in named if person.quoted]
        named_mentioned = [person for person in named if person.mentioned]
        people = list(dict.fromkeys([*speakers, *named_quoted]))
        mentioned = [person for person in named_mentioned if person not in people]
        # The titles in both languages the page prints them in.
        titles = titles_from(appointments)
        with translation.override(version.lang):
            quote_titles = titles_from(appointments)
        return {
            **super().get_context_data(release, version),
            "quotes": quoted(quotes, quote_titles, version.lang),
            # The people the article's structured data mentions.
            "mentions": list(dict.fromkeys([*named_quoted, *named_mentioned])),
            "people_mentioned": [
                {"person": person, "title": titles.get(person.pk)}
                for person in mentioned
            ],
            "related_releases": related_releases(release),
            "videos": [
                video.printed(version.lang)
                for video in release.videos.all()
                if video.embed is not None
            ],
            "documents": [
                {"document": document, "title": document.title_in(version.lang)}
                for document in release.public_documents()
            ],
            "correction": release.correction_for(version.lang),
            # The people quoted, each with the title they held on the release's date.
            "people": [
                {"person": person, "title": titles.get(person.pk)} for person in people
            ],
            "contacts": public_contacts(release),
            "event": event if event is not None and event.is_live else None,
        }


@functools.cache
def releases_to_show():
    """The releases with what their pages show, and whether each has the parts the
    page reads one query each for. Built once per process and cloned for each
    request, like a generic view's `queryset`: resolving its subqueries costs
    more than cloning them (1.7 ms against 0.01)."""
    chosen = PressRelease.related_releases.through.objects.filter(
        from_pressrelease=OuterRef("pk")
    )
    return (
        PressRelease.objects.select_related(
            "issuing_office", "related_event", "main_photo"
        )
        # Whether the editor chose related releases, and which parts the
        # release has: most have none of some, whose queries are then not run
        # (read_parts()).
        .annotate(
            has_chosen_related=Exists(chosen),
            **{
                f"has_{name}": Exists(part.queryset.filter(release=OuterRef("pk")))
                for name, part in release_parts().items()
            },
        )
        .prefetch_related("topics")
    )


def release_parts():
    """{name: lookup} of what a release holds besides its text: its quotes,
    documents, videos and public contacts (with their phone numbers in the same
    query, a row per number)."""
    public_contacts = (
        ReleaseContact.objects.filter(contact__is_public=True)
        .annotate(phone=FilteredRelation("contact__phones"))
        .select_related("contact__office", "phone")
        .order_by("order", "pk", "phone__order", "phone__pk")
    )
    lookups = [
        *prefetch_parts(),
        Prefetch("releasecontact_set", queryset=public_contacts, to_attr="contacts"),
    ]
    return {lookup.prefetch_to: lookup for lookup in lookups}


def read_parts(release):
    """Prefetch the parts `release` has, and none of those its `has_` flags say
    it lacks, with no query; with no flags, all. A working copy's preview has the
    copy's rows already."""
    present = []
    for name, part in release_parts().items():
        if getattr(release, f"has_{name}", True):
            present.append(part)
        else:
            prefetched_none(release, part)
    prefetch_related_objects([release], *present)


def prefetched_none(release, lookup):
    """Give `release` what prefetching `lookup` gives it when there are no rows;
    rows it has already (a working copy's, in the staff preview) it keeps, as a
    prefetch would. Prefetching `none()` would compile the SELECT before finding
    it has nothing to ask: 0.7 ms of CPU for each part a release lacks."""
    if lookup.to_attr:
        if not hasattr(release, lookup.to_attr):
            setattr(release, lookup.to_attr, [])
    elif not is_prefetched(release, lookup.prefetch_to):
        as_prefetched(release, lookup.prefetch_to, lookup.queryset.none(), [])


def public_contacts(release):
    """The release's public media contacts, each with its `phone_numbers`; the
    staff preview of a working copy reads the working copy's."""
    if hasattr(release, "working_copy"):
        links = release.releasecontact_set.all()
        contacts = [link.contact for link in links if link.contact.is_public]
        for contact in contacts:
            contact.phone_numbers = list(contact.phones.all())
        return contacts
    contacts = []
    for _pk, rows in groupby(release.contacts, key=lambda link: link.pk):
        rows = list(rows)
        contact = rows[0].contact
        # The row of a contact without a number has no `phone`.
        contact.phone_numbers = [
            row.phone for row in rows if getattr(row, "phone", None) is not None
        ]
        contacts.append(contact)
    return contacts


def related_releases(release):
    """The live releases the editor chose (latest first), completed up to
    RELATED_RELEASES by the latest live releases of the same topics, in one
    query."""
    live = PressRelease.objects.live().exclude(pk=release.pk)
    latest = ("-publish_at", "-pk")
    topics = [topic.pk for topic in release.topics.all()]
    # A subquery, not a join with DISTINCT: PostgreSQL walks the publication
    # index and stops at RELATED_RELEASES, instead of sorting every tagged release.
    tagged = Q(
        pk__in=PressRelease.topics.through.objects.filter(topic__in=topics).values(
            "pressrelease"
        )
    )
    if getattr(release, "has_chosen_related", True):
        # The chosen ones first (most releases have none, and skip this); a
        # working copy's in its preview.
        chosen = Exists(release.related_releases.filter(pk=OuterRef("pk")))
        live = live.filter(chosen | tagged if topics else chosen)
        latest = (chosen.desc(), *latest)
    elif topics:
        live = live.filter(tagged)
    else:
        return []
    return list(live.for_links().order_by(*latest)[:RELATED_RELEASES])


def people_named(release, speakers):
    """(people, appointments) in one query: the people `release` names (quoted or
    mentioned, so flagged) and its `speakers`, and the appointments that give
    them their titles on its date (`titles_from()`)."""
    links = {
        "quoted": PressRelease.people_quoted.through.objects.filter(
            pressrelease=release
        ),
        "mentioned": PressRelease.people_mentioned.through.objects.filter(
            pressrelease=release
        ),
    }
    rows = list(
        Person.objects.filter(
            Q(pk__in=links["quoted"].values("person"))
            | Q(pk__in=links["mentioned"].values("person"))
            | Q(pk__in=[person.pk for person in speakers])
        )
        .annotate(
            **{
                name: Exists(link.filter(person=OuterRef("pk")))
                for name, link in links.items()
            }
        )
        .titled_on(release.publish_at)
    )
    return (
        list(dict.fromkeys(rows)),
        # The row of a person without an appointment has no `held`.
        [row.held for row in rows if getattr(row, "held", None) is not None],
    )


def quoted(quotes, titles, lang):
    """The quotes as the version in `lang` prints them: text in that language
    (else the original's), the speaker's title on the release's date in it
    (`titles`, in `lang`)."""
    entries = printed_quotes(quotes, lang)
    for entry in entries:
        entry["title"] = titles.get(entry["person"].pk) if entry["person"] else None
    return entries


class ReleaseDetailView(ReleaseView, DetailView):
    pass


class ReleasePreviewView(ReleaseView, PreviewView):
    pass


class ReleaseEmbargoView(ReleaseView):
    """A scheduled release shown to whoever holds its secret link, before its time,
    under an embargo banner; once live, the link leads to the public page. The
    link is the release's own, or an accredited journalist's personal one (sent
    with the embargoed email), which stops working once revoked."""

    def find_release(self, token):
        personal = EmbargoLink.objects.active().filter(token=token)
        return get_object_or_404(
            self.get_queryset().filter(
                Q(embargo_token=token) | Q(pk__in=personal.values("release"))
            ),
            state=PublicationState.PUBLISHED,
        )

    @method_decorator(private_noindex)
    def get(self, request, token):
        release = self.find_release(token)
        if release.is_live:
            return redirect(release.get_absolute_url())
        if not release.is_scheduled:
            # Its time came and went (expired): gone, as its public page is.
            return gone(request, release.withdrawal_note_for())
        return self.render(
            request,
            release,
            release.version(),
            language_urls=urls_in_languages(
                view_name="newsroom:release-embargo", token=token
            ),
            embargoed_until=release.publish_at,
            noindex=True,
        )


release_detail = ReleaseDetailView.as_view()
release_preview = ReleasePreviewView.as_view()
release_embargo = ReleaseEmbargoView.as_view()
