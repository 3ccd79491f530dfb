"""Press releases: the detail, the preview and the secret embargo link (the list
is in `release_list`)."""

from django.db.models import Exists, OuterRef, Prefetch, Q
from django.shortcuts import get_object_or_404, redirect
from django.utils import translation
from django.utils.decorators import method_decorator

from newsroom.core.languages import (
    urls_in_languages,
)
from newsroom.core.publication import PublicationState
from newsroom.distribution.models import EmbargoLink
from newsroom.models import (
    PressRelease,
    Quote,
    ReleaseContact,
    Video,
)
from newsroom.models.quotes import printed_quotes
from organisation.models import Appointment, Person
from organisation.models.people import titles_from

from .detail import DetailView, ItemView, PreviewView
from .private import private_noindex

RELATED_RELEASES = 3


class ReleaseView(ItemView):
    model = PressRelease
    template_name = "newsroom/release_detail.html"
    context_object_name = "release"
    preview_url_name = "newsroom:release-preview"

    def get_queryset(self):
        public_contacts = (
            ReleaseContact.objects.filter(contact__is_public=True)
            .select_related("contact__office")
            .prefetch_related("contact__phones")
        )
        chosen = PressRelease.related_releases.through.objects.filter(
            from_pressrelease=OuterRef("pk")
        )
        return (
            PressRelease.objects.select_related(
                "issuing_office", "related_event", "main_photo"
            )
            # Whether the editor chose related releases: most have none, and
            # their query is then not run.
            .annotate(has_chosen_related=Exists(chosen))
            .prefetch_related(
                "topics",
                Prefetch("quotes", queryset=Quote.objects.select_related("person")),
                "documents",
                # The poster is a nullable join: not in the default manager, which
                # imports lock rows with (FOR UPDATE).
                Prefetch("videos", queryset=Video.objects.select_related("poster")),
                Prefetch(
                    "releasecontact_set", queryset=public_contacts, to_attr="contacts"
                ),
            )
        )

    def get_context_data(self, release, version):
        event = release.related_event
        quotes = list(release.quotes.all())
        speakers = [quote.person for quote in quotes if quote.person]
        named_quoted, named_mentioned = people_named(release)
        people = list(dict.fromkeys([*speakers, *named_quoted]))
        mentioned = [person for person in named_mentioned if person not in people]
        # One query for the titles in both languages the page prints them in.
        appointments = list(
            Appointment.objects.titling(people + mentioned, release.publish_at)
        )
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
                for document in release.documents.all()
            ],
            "correction": release.correction_for(version.lang),
            # The people quoted, each with the title they held on the release's date.
            "people": [
                {"person": person, "title": titles.get(person.pk)} for person in people
            ],
            "contacts": public_contacts(release),
            "event": event if event is not None and event.is_live else None,
        }


def public_contacts(release):
    """The release's public media contacts; the staff preview of a working copy
    reads the working copy's."""
    if hasattr(release, "working_copy"):
        links = release.releasecontact_set.all()
        return [link.contact for link in links if link.contact.is_public]
    return [link.contact for link in release.contacts]


def related_releases(release):
    """The live releases the editor chose (latest first), completed up to
    RELATED_RELEASES by the latest live releases of the same topics."""
    live = PressRelease.objects.live().exclude(pk=release.pk)
    latest = ("-publish_at", "-pk")
    related = []
    if getattr(release, "has_chosen_related", True):
        related = list(
            live.filter(pk__in=release.related_releases.values("pk")).order_by(*latest)[
                :RELATED_RELEASES
            ]
        )
    missing = RELATED_RELEASES - len(related)
    topics = [topic.pk for topic in release.topics.all()]
    if missing and topics:
        # A subquery, not a join with DISTINCT: PostgreSQL walks the publication
        # index and stops at `missing`, instead of sorting every tagged release.
        tagged = PressRelease.topics.through.objects.filter(topic__in=topics)
        related += (
            live.filter(pk__in=tagged.values("pressrelease"))
            .exclude(pk__in=[item.pk for item in related])
            .order_by(*latest)[:missing]
        )
    return related


def people_named(release):
    """(people quoted, people mentioned) of `release`, in one query."""
    links = {
        "quoted": PressRelease.people_quoted.through.objects.filter(
            pressrelease=release
        ),
        "mentioned": PressRelease.people_mentioned.through.objects.filter(
            pressrelease=release
        ),
    }
    people = list(
        Person.objects.filter(
            Q(pk__in=links["quoted"].values("person"))
            | Q(pk__in=links["mentioned"].values("person"))
        ).annotate(
            **{
                name: Exists(link.filter(person=OuterRef("pk")))
                for name, link in links.items()
            }
        )
    )
    return (
        [person for person in people if person.quoted],
        [person for person in people if person.mentioned],
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
