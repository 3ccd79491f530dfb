"""The one place that builds rows for the tests (releases, events, pages, topics,
offices, regions, media contacts), and an HTML parser for the pages the test client
fetches.

Every builder writes real rows through the models. Names are unique across the
whole run; a release or event made later is published (or starts) a second
later or earlier than the one before, so that lists have one order."""

import contextlib
import datetime
import itertools
from collections import Counter

import lxml.html
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PublicationState, VersionState
from newsroom.distribution.models import Journalist, Subscriber
from newsroom.models import (
    ContactPhone,
    Event,
    MediaContact,
    Page,
    PressRelease,
    ReleaseContact,
    ReleaseCountry,
    Topic,
)
from organisation.models import Appointment, Office, Person, Position, Region

PUBLISHED = PublicationState.PUBLISHED
WITHDRAWN = PublicationState.WITHDRAWN
READY = VersionState.READY
DRAFT = VersionState.DRAFT
# `versions=EVERY_LANGUAGE`: an item ready in each language of the site.
EVERY_LANGUAGE = dict.fromkeys(LANGUAGE_CODES, READY)
_numbers = itertools.count(1)


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def ahead(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def texts(name, versions, fields=("title", "lead", "body")):
    """The translated fields of an item written in each language of `versions`
    ({"fr": "draft", ...}): "<name> <field> <lang>", rich text in a paragraph,
    and the slug "<name>-<lang>"."""
    values = {}
    for lang, state in versions.items():
        values[f"version_state_{lang}"] = state
        if state == VersionState.MISSING:
            continue
        for field in fields:
            values[f"{field}_{lang}"] = (
                f"<p>{name} {field} {lang}</p>"
                if field in ("body", "description")
                else f"{name} {field} {lang}"
            )
        values[f"slug_{lang}"] = f"{name}-{lang}"
    return values


CITY = {"en": "Geneva", "fr": "Genève", "es": "Ginebra"}


def once_public(values):
    """`values` of an item; one withdrawn with a past publish time was public
    before (answers 410, has a tombstone) unless they say otherwise."""
    publish_at = values.get("publish_at")
    if values.get("state") == WITHDRAWN and publish_at and publish_at <= ago():
        values.setdefault("public_publish_at", publish_at)
    return values


def new_release(
    name=None,
    original="en",
    versions=None,
    state=PUBLISHED,
    publish_at="past",
    **fields,
):
    """An unsaved press release, as `make_release` describes it."""
    number = next(_numbers)
    name = name or f"release{number}"
    versions = {original: READY, **(versions or {})}
    if publish_at == "past":
        publish_at = ago(days=1, seconds=number)
    values = {
        "original_language": original,
        "state": state,
        "publish_at": publish_at,
        # The city in each language it is written in (English always).
        **{
            f"dateline_city_{lang}": CITY[lang]
            for lang, state in {"en": READY, **versions}.items()
            if state != VersionState.MISSING
        },
        **texts(name, versions),
        **fields,
    }
    return PressRelease(**once_public(values))


def make_release(name=None, topics=(), contacts=(), **fields):
    """A press release written in `original` (ready) and the `versions` given,
    e.g. {"fr": DRAFT}, or EVERY_LANGUAGE. Its slug in each written language is
    "<name>-<lang>"; it went live a day ago unless `publish_at` says otherwise.
    `fields` are set last and win."""
    release = new_release(name, **fields)
    release.save(force_insert=True)
    release.topics.set(topics)
    for order, contact in enumerate(contacts):
        ReleaseContact.objects.create(release=release, contact=contact, order=order)
    return release


def make_releases(count, **fields):
    """`count` releases as `make_release` writes their rows (`fields` as it takes
    them, the same for each), their reference numbers and country rows included,
    in a few queries: for tests that read many releases. What else a save does
    is not done (no revision, search entry, remembered slug or announcement)."""
    releases = [new_release(**fields) for _index in range(count)]
    drawn = Counter()
    for release in releases:
        release.prepare_save()
        if release.needs_reference():
            # The year's last number, before the earlier ones of this batch.
            release.draw_reference()
            release.reference_serial += drawn[release.reference_year]
            drawn[release.reference_year] += 1
    releases = PressRelease.objects.bulk_create(releases)
    ReleaseCountry.objects.bulk_create(
        ReleaseCountry(release=release, country=code)
        for release in releases
        for code in sorted({str(country) for country in release.countries})
    )
    return releases


def make_event(
    name=None, original="en", versions=None, state=PUBLISHED, start=None, **fields
):
    """An event in Baku, live since yesterday, starting three days ahead (two
    hours long), written like `make_release`."""
    number = next(_numbers)
    name = name or f"event{number}"
    versions = {original: READY, **(versions or {})}
    start = start or ahead(days=3, seconds=number)
    values = {
        "original_language": original,
        "state": state,
        "publish_at": ago(days=1),
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": "Asia/Baku",
        "country": "AZ",
        **texts(name, versions, fields=("title", "description", "venue", "city")),
        **fields,
    }
    return Event.objects.create(**once_public(values))


def make_page(name=None, original="en", versions=None, state=PUBLISHED, **fields):
    name = name or f"page{next(_numbers)}"
    versions = {original: READY, **(versions or {})}
    values = {
        "original_language": original,
        "state": state,
        "publish_at": ago(days=1),
        **texts(name, versions, fields=("title", "body")),
        **fields,
    }
    return Page.objects.create(**once_public(values))


def new_topic(name=None):
    """An unsaved topic, named in every language."""
    name = name or f"topic{next(_numbers)}"
    return Topic(
        **{f"name_{lang}": f"{name} {lang}" for lang in LANGUAGE_CODES},
        **{f"slug_{lang}": f"{name}-{lang}" for lang in LANGUAGE_CODES},
    )


def make_topic(name=None):
    topic = new_topic(name)
    topic.save(force_insert=True)
    return topic


def new_office(name=None, region=None, **fields):
    """An unsaved country office."""
    name = name or f"office{next(_numbers)}"
    return Office(
        kind=Office.Kind.COUNTRY,
        name_en=f"{name} office",
        slug=name,
        region=region,
        **fields,
    )


def make_office(name=None, region=None, **fields):
    office = new_office(name, region, **fields)
    office.save(force_insert=True)
    return office


def make_region(name=None):
    name = name or f"region{next(_numbers)}"
    return Region.objects.create(name_en=f"{name} region", slug=name)


def make_person(name, slug, **fields):
    """A public person: one who holds a post since 2001 (a person in no post and
    quoted nowhere live has no page)."""
    person = Person.objects.create(name=name, slug=slug, **fields)
    position = Position.objects.create(title_en=f"Adviser {slug}")
    Appointment.objects.create(
        person=person, position=position, start=datetime.date(2001, 1, 1)
    )
    return person


def new_contact(name=None, office=None, is_public=True, **fields):
    """An unsaved media contact named `name` (its slug slugified)."""
    name = name or f"contact{next(_numbers)}"
    slug = slugify(name)
    return MediaContact(
        **{
            "name": name.title(),
            "slug": slug,
            "office": office,
            "email": f"{slug}@example.org",
            "is_public": is_public,
            "job_title_en": "Press officer",
            **fields,
        }
    )


def new_phones(contact, count):
    """`count` unsaved office numbers in Geneva for `contact`."""
    return [
        ContactPhone(contact=contact, number=f"+4122717911{index}", order=index)
        for index in range(count)
    ]


def make_contact(name=None, office=None, is_public=True, phones=1, **fields):
    """A media contact named `name` (its slug slugified), with `phones` office
    numbers in Geneva."""
    contact = new_contact(name, office, is_public, **fields)
    contact.save(force_insert=True)
    for phone in new_phones(contact, phones):
        phone.save(force_insert=True)
    return contact


def make_subscriber(
    email=None, languages="en", status="confirmed", topics=(), regions=(), **fields
):
    """A subscriber who confirmed (unless `status` says otherwise), reading
    `languages` (codes separated by spaces, in order of preference)."""
    email = email or f"subscriber{next(_numbers)}@example.org"
    subscriber = Subscriber.objects.create(
        email=email,
        languages=languages,
        status=status,
        consent_at=timezone.now() if status == "confirmed" else None,
        **fields,
    )
    subscriber.topics.set(topics)
    subscriber.regions.set(regions)
    return subscriber


def make_journalist(
    name=None, languages="en", accredited=False, topics=(), regions=(), **fields
):
    """A journalist on the media list."""
    name = name or f"journalist{next(_numbers)}"
    journalist = Journalist.objects.create(
        name=name.title(),
        email=fields.pop("email", f"{name}@example.com"),
        languages=languages,
        accredited=accredited,
        outlet=fields.pop("outlet", "Daily News"),
        **fields,
    )
    journalist.topics.set(topics)
    journalist.regions.set(regions)
    return journalist


@contextlib.contextmanager
def shared_rows(django_db_blocker, build):
    """Rows that `build()` writes once for a module- or class-scoped fixture, like
    Django's setUpTestData: every test of the scope sees them (its own changes
    still roll back at its end, to a savepoint), and they are rolled back after
    the scope's last test. Yields what `build()` returns."""
    with django_db_blocker.unblock():
        atomic = transaction.atomic()
        atomic.__enter__()
        try:
            built = build()
        except BaseException:
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)
            raise
    try:
        yield built
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            atomic.__exit__(None, None, None)


def parse(response):
    """The response's HTML as an lxml tree."""
    return lxml.html.fromstring(response.content.decode())


def form_data(response):
    """What the browser would send back: every field of the admin's change form,
    as rendered."""
    form = parse(response).xpath("//form[contains(@id, '_form')]")[0]
    data = {}
    for name, value in form.form_values():
        if "__prefix__" not in name:
            data.setdefault(name, []).append(value)
    return data


def text_of(tree, xpath):
    return " ".join(" ".join(node.itertext()) for node in tree.xpath(xpath))
