"""The world the leak matrix and the fuzz test look at: every non-public condition
of the issue, each carrying its own sentinel word in every text field (and in its
photo's file name), beside live items so that lists, feeds and details have
something to show."""

import datetime
from dataclasses import dataclass, field

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import TestCase, override_settings
from django.utils import timezone
from modeltranslation.translator import translator

from newsroom.clearance import inlines, revisions, slugs
from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PublicationState, VersionState
from newsroom.distribution import links
from newsroom.models import (
    Document,
    Photo,
    PressRelease,
    Quote,
    ReleaseContact,
    Video,
)
from organisation.models import Appointment, Person, Position, Unit
from tests.factories import (
    ago,
    ahead,
    make_contact,
    make_event,
    make_journalist,
    make_office,
    make_page,
    make_region,
    make_release,
    make_subscriber,
    make_topic,
    shared_rows,
)
from tests.photos.conftest import upload
from tests.photos.image_files import plain_jpeg
from tests.presskit.pdf_files import plain_pdf

DRAFT, REVIEW = PublicationState.DRAFT, PublicationState.REVIEW
PUBLISHED, WITHDRAWN = PublicationState.PUBLISHED, PublicationState.WITHDRAWN

# One word per non-public condition: letters only, so that it survives slugs and
# file names, and unlike any word of the site.
CONDITIONS = (
    "draft release",
    "review release",
    "scheduled release",
    "embargoed release",
    "withdrawn release",
    "unseen release",
    "approved release",
    "expired release",
    "renamed release",
    "draft event",
    "scheduled event",
    "withdrawn event",
    "expired event",
    "draft page",
    "withdrawn page",
    "draft version",
    "internal contact",
    "future appointee",
    "person in drafts",
    "draft photo",
    "working copy",
    "unused topic",
)
SENTINELS = {
    condition: "qz" + condition.replace(" ", "") + "qz" for condition in CONDITIONS
}


# The public withdrawal note of the items withdrawn once public, which their
# 410 pages and tombstones show; every other item's note is its sentinel (an
# expired item's, left from an earlier withdrawal, included).
PUBLIC_NOTES = {
    f"withdrawal_note_{lang}": f"Withdrawn by the press office, note in {lang}."
    for lang in LANGUAGE_CODES
}


def search_key(sentinel):
    """A second word in every text of a sentinel's item, to search for: a results
    page echoes its query, so the query cannot be the sentinel itself."""
    return sentinel[::-1]


def sentinel_texts(model, sentinel, languages=LANGUAGE_CODES):
    """Every translated text field of `model` in `languages`, carrying `sentinel`
    (its slugs made of it)."""
    values = {}
    for name in translator.get_options_for_model(model).fields:
        if name == "version_state":
            continue
        for lang in languages:
            if name == "slug":
                values[f"slug_{lang}"] = f"{sentinel}-{lang}"
            else:
                values[f"{name}_{lang}"] = f"{sentinel} {search_key(sentinel)} {name}"
    return values


def sentinel_photo(sentinel, capture):
    """A photo whose file name, alt text, caption, licence and credit carry
    `sentinel`, its renditions made."""
    photo = Photo(
        image=upload(f"{sentinel}.jpg", plain_jpeg((640, 420))),
        credit=sentinel,
        **sentinel_texts(Photo, sentinel),
    )
    with capture(execute=True):
        photo.save()
    return photo


def live_photo(capture):
    photo = Photo(
        image=upload("harbour.jpg", plain_jpeg((640, 420))), alt_text_en="A port"
    )
    with capture(execute=True):
        photo.save()
    return photo


@dataclass
class World:
    sentinels: dict
    releases: list = field(default_factory=list)
    events: list = field(default_factory=list)
    pages: list = field(default_factory=list)
    people: list = field(default_factory=list)
    hidden_releases: list = field(default_factory=list)
    hidden_events: list = field(default_factory=list)
    hidden_pages: list = field(default_factory=list)
    hidden_people: list = field(default_factory=list)
    draft_slugs: list = field(default_factory=list)
    # Slugs that public versions once had: of a live item (a 301 to its current
    # URL), and of an item no longer public (probes).
    moved_slugs: list = field(default_factory=list)
    former_slugs: list = field(default_factory=list)
    search_words: list = field(default_factory=list)
    release: object = None
    scheduled_release: object = None
    withdrawn_release: object = None
    expired_release: object = None
    withdrawn_event: object = None
    expired_event: object = None
    topic: object = None
    draft_topic: object = None
    region: object = None
    draft_region: object = None
    office: object = None
    contact: object = None
    internal_contact: object = None
    # The signed tokens of the emails' links, by purpose: each opens a page.
    tokens: dict = field(default_factory=dict)

    @property
    def withdrawn_slugs(self):
        """The slugs that answer 410 Gone, not 404: expired items', and those of
        items withdrawn after they had been public."""
        return {
            getattr(item, f"slug_{lang}")
            for item in self.hidden_releases + self.hidden_events + self.hidden_pages
            if (item.state == WITHDRAWN and item.public_publish_at) or item.expires_at
            for lang in LANGUAGE_CODES
        }


@pytest.fixture(scope="class")
def shared_world(django_db_setup, django_db_blocker, tmp_path_factory):
    """The world, built once for a class of tests (once per test outside a class),
    its files in a folder of their own; (world, folder)."""
    folder = tmp_path_factory.mktemp("world") / "media"

    def build():
        with override_settings(MEDIA_ROOT=folder):
            return build_world(TestCase.captureOnCommitCallbacks)

    with shared_rows(django_db_blocker, build) as world:
        yield world, folder


@pytest.fixture(scope="class")
def shared_media(shared_world):
    """The world's files: each test gets a copy (tests/conftest.py)."""
    return shared_world[1]


@pytest.fixture
def world(db, shared_world, shared_media):
    """Live items and every non-public condition, each with its sentinel (and a
    copy of their files)."""
    return shared_world[0]


def build_world(capture):
    """Build the world; `capture` runs the on-commit work (renditions) of a save."""
    s = SENTINELS
    w = World(sentinels=s)

    # Live: a release in three languages with its topic, region, office, country,
    # a quoted person holding a post, a public contact and a photo; an upcoming
    # and a past event; a page in the navigation.
    w.region, w.draft_region = make_region("europe"), make_region("nowhere")
    w.office = make_office("vienna", region=w.region, country="AT")
    draft_office = make_office("draftoffice", region=w.draft_region)
    # A topic only items that are not public use: named for the news to come.
    w.topic, w.draft_topic = make_topic("governance"), make_topic(s["unused topic"])
    # Its names carry their search key, as every text of a hidden item does: the
    # search by it finds none of the releases whose pages name it.
    for lang in LANGUAGE_CODES:
        key = search_key(s["unused topic"])
        setattr(w.draft_topic, f"name_{lang}", f"{s['unused topic']} {key} {lang}")
    w.draft_topic.save()
    w.contact = make_contact("publicpress", office=w.office)
    unit = Unit.objects.create(name_en="Office of the Director", slug="director")
    unit_post = Position.objects.create(title_en="Head of unit", unit=unit)
    office_post = Position.objects.create(title_en="Head of office", office=w.office)
    holder = Person.objects.create(name="Ada Holder", slug="ada-holder")
    Appointment.objects.create(
        person=holder, position=office_post, start=datetime.date(2020, 1, 1)
    )
    w.people = [holder]
    photo = live_photo(capture)
    w.release = make_release(
        "livenews",
        versions={"fr": VersionState.READY, "es": VersionState.READY},
        issuing_office=w.office,
        countries=["AZ"],
        topics=[w.topic],
        contacts=[w.contact],
        main_photo=photo,
    )
    w.release.people_quoted.set([holder])
    upcoming = make_event("liveevent", photo=photo)
    upcoming.officials.set([holder])
    past = make_event("pastevent", start=ago(days=40))
    w.releases, w.events = [w.release], [upcoming, past]
    w.pages = [make_page("livepage", nav_order=1, legal_order=1)]
    w.search_words = ["livenews"]

    # Not public: a person named only in drafts, with a portrait, and a photo used
    # only by drafts.
    in_drafts = Person.objects.create(
        name=s["person in drafts"],
        slug=f"{s['person in drafts']}-person",
        **sentinel_texts(Person, s["person in drafts"]),
    )
    with capture(execute=True):
        in_drafts.portrait = upload(f"{s['person in drafts']}.jpg", plain_jpeg())
        in_drafts.save()
    draft_photo = sentinel_photo(s["draft photo"], capture)

    # Releases in every state but live, each linked to everything a live one has.
    def hidden_release(condition, state, publish_at, **fields):
        release = make_release(
            s[condition],
            state=state,
            publish_at=publish_at,
            issuing_office=draft_office,
            countries=["AZ"],
            topics=[w.topic, w.draft_topic],
            main_photo=draft_photo,
            versions={"fr": VersionState.READY, "es": VersionState.READY},
            **{**sentinel_texts(type(w.release), s[condition]), **fields},
        )
        release.people_quoted.set([in_drafts])
        # The live person's page lists releases naming them: never these.
        release.people_mentioned.set([in_drafts, holder])
        Quote.objects.create(
            release=release, person=in_drafts, **sentinel_texts(Quote, s[condition])
        )
        Document.objects.create(
            release=release,
            file=SimpleUploadedFile(f"{s[condition]}.pdf", plain_pdf()),
            **sentinel_texts(Document, s[condition]),
        )
        Video.objects.create(
            release=release,
            url="https://vimeo.com/76979871",
            poster=draft_photo,
            broll_url=f"https://media.example.org/{s[condition]}.zip",
            **sentinel_texts(Video, s[condition]),
        )
        w.hidden_releases.append(release)
        return release

    hidden_release("draft release", DRAFT, None)
    hidden_release("review release", REVIEW, None)
    w.scheduled_release = hidden_release("scheduled release", PUBLISHED, ahead(days=3))
    hidden_release("embargoed release", PUBLISHED, ahead(hours=2))
    # Withdrawn once public (the API's tombstone names it, and nothing of it
    # but its public note).
    w.withdrawn_release = hidden_release(
        "withdrawn release",
        WITHDRAWN,
        ago(days=3),
        public_publish_at=ago(days=3),
        **PUBLIC_NOTES,
    )
    # Withdrawn while scheduled, its time passed since: never public, its
    # withdrawal note (the sentinel, as every text) shown nowhere.
    hidden_release("unseen release", WITHDRAWN, ago(days=1), public_publish_at=None)
    hidden_release("approved release", PublicationState.APPROVED, None)
    # Expired, after it was live: the API's tombstone names it, and nothing of it.
    w.expired_release = hidden_release(
        "expired release", PUBLISHED, ago(days=3), expires_at=ago(hours=1)
    )
    # Public once under other slugs (remembered as such), now scheduled again: its
    # former slugs lead nowhere (a redirect would name the new slug).
    renamed = hidden_release("renamed release", PUBLISHED, ahead(days=5))
    w.former_slugs = [
        f"{s['renamed release']}-once-en",
        f"{s['renamed release']}-once-fr",
    ]
    slugs.remember(renamed, [("en", w.former_slugs[0]), ("fr", w.former_slugs[1])])

    for condition, state, publish_at, fields in (
        ("draft event", DRAFT, ago(days=1), {}),
        ("scheduled event", PUBLISHED, ahead(days=2), {}),
        # Expired after it was live: the API's tombstone names it.
        ("expired event", PUBLISHED, ago(days=3), {"expires_at": ago(hours=1)}),
        # Public before its withdrawal (make_event): so does this one's.
        ("withdrawn event", WITHDRAWN, ago(days=2), {}),
    ):
        event = make_event(
            s[condition],
            state=state,
            publish_at=publish_at,
            photo=draft_photo,
            versions={"fr": VersionState.READY, "es": VersionState.READY},
            **{
                **sentinel_texts(type(upcoming), s[condition]),
                **(PUBLIC_NOTES if state == WITHDRAWN else {}),
                **fields,
            },
        )
        event.officials.set([in_drafts])
        w.hidden_events.append(event)
    w.expired_event, w.withdrawn_event = w.hidden_events[-2:]
    # A live event whose French version is a draft.
    w.events.append(
        make_event(
            "partialevent",
            versions={"fr": VersionState.DRAFT},
            **sentinel_texts(type(upcoming), s["draft version"], languages=["fr"]),
        )
    )

    for order, (condition, state) in enumerate(
        (("draft page", DRAFT), ("withdrawn page", WITHDRAWN)), start=2
    ):
        w.hidden_pages.append(
            make_page(
                s[condition],
                state=state,
                # In the menu and the footer's legal links, if it ever showed.
                nav_order=order,
                legal_order=order,
                versions={"fr": VersionState.READY, "es": VersionState.READY},
                **{
                    **sentinel_texts(type(w.pages[0]), s[condition]),
                    **(PUBLIC_NOTES if state == WITHDRAWN else {}),
                },
            )
        )

    # A live release whose French version is a draft (its slug one) and whose
    # Spanish version is missing.
    partial = make_release(
        "partialnews",
        versions={"fr": VersionState.DRAFT, "es": VersionState.MISSING},
        topics=[w.topic],
        **sentinel_texts(type(w.release), s["draft version"], languages=["fr"]),
    )
    Quote.objects.create(
        release=partial,
        text_en="Words of the original",
        **sentinel_texts(Quote, s["draft version"], languages=["fr"]),
    )
    Document.objects.create(
        release=partial,
        file=SimpleUploadedFile("statement.pdf", plain_pdf()),
        title_en="The statement",
        **sentinel_texts(Document, s["draft version"], languages=["fr"]),
    )
    Video.objects.create(
        release=partial,
        url="https://youtu.be/dQw4w9WgXcQ",
        title_en="The summit",
        transcript_en="Words said",
        **sentinel_texts(Video, s["draft version"], languages=["fr"]),
    )
    w.releases.append(partial)
    w.draft_slugs = [partial.slug_fr]
    # The live release relates to every hidden one and to the partial one.
    w.release.related_releases.set([*w.hidden_releases, partial])

    # A live release whose working copy waits for a publisher: its quote edited, a
    # quote and a video added, its lead changed, in every language.
    pending = make_release(
        "pendingnews",
        versions={"fr": VersionState.READY, "es": VersionState.READY},
        topics=[w.topic],
    )
    said = Quote.objects.create(release=pending, text_en="Words already said")
    waiting = sentinel_texts(Quote, s["working copy"])
    video = Video(
        release=pending,
        url="https://vimeo.com/76979871",
        **sentinel_texts(Video, s["working copy"]),
    )
    pending.lead_en = pending.lead_fr = pending.lead_es = s["working copy"]
    revisions.save_working_copy(
        pending,
        None,
        rows={
            "quotes": [
                {**inlines.row_snapshot(said), **waiting},
                inlines.row_snapshot(Quote(release=pending, **waiting)),
            ],
            "videos": [inlines.row_snapshot(video)],
        },
    )
    w.releases.append(PressRelease.objects.get(pk=pending.pk))

    # A live release whose title changed: its former slug redirects.
    moved = make_release("movednews", topics=[w.topic])
    w.moved_slugs = [moved.slug_en]
    moved.title_en, moved.slug_en = "movednews again", "movednews-again-en"
    moved.save()
    w.releases.append(moved)

    # An internal contact named on the live release.
    w.internal_contact = make_contact(
        s["internal contact"], office=w.office, is_public=False
    )
    w.internal_contact.job_title_en = s["internal contact"]
    w.internal_contact.save()
    ReleaseContact.objects.create(
        release=w.release, contact=w.internal_contact, order=1
    )

    # Appointed to two posts from 60 days ahead.
    future = Person.objects.create(
        name=s["future appointee"],
        slug=f"{s['future appointee']}-person",
        **sentinel_texts(Person, s["future appointee"]),
    )
    start = timezone.localdate() + datetime.timedelta(days=60)
    for post in (unit_post, office_post):
        Appointment.objects.create(person=future, position=post, start=start)
    w.hidden_people = [in_drafts, future]

    # Recipients of the emails, whose signed links open public pages: a
    # subscriber and a journalist given, besides a public topic, one that no
    # release ever made public (the press office's choice), and one who
    # unsubscribed. (The world's other hidden topic was public while the
    # withdrawn and expired releases were live: a recipient who has it sees it.)
    never_public = make_topic(f"{s['unused topic']} never")
    readers = [
        make_subscriber("reader@example.org", topics=[w.topic, never_public]),
        make_journalist("reporter", topics=[w.topic, never_public]),
        make_subscriber(
            "gone@example.org",
            status="unsubscribed",
            unsubscribed_at=timezone.now(),
            topics=[never_public],
        ),
    ]
    asked = make_subscriber("asked@example.org", status="pending")
    w.tokens = {
        "manage": [links.make_token(r, "manage") for r in readers],
        "unsubscribe": [links.make_token(r, "unsubscribe") for r in readers],
        "confirm": [links.confirmation_token(asked)],
    }

    w.search_words += [search_key(sentinel) for sentinel in s.values()]
    return w
