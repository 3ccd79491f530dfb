"""Small factories that write real rows for the newsroom tests, and an HTML parser
for the pages the test client fetches."""

import datetime
import itertools

import lxml.html
from django.utils import timezone

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PublicationState, VersionState
from newsroom.models import (
    ContactPhone,
    Event,
    MediaContact,
    Page,
    PressRelease,
    ReleaseContact,
    Topic,
)
from organisation.models import Appointment, Office, Person, Position, Region

PUBLISHED = PublicationState.PUBLISHED
READY = VersionState.READY
_numbers = itertools.count(1)


def ago(**delta):
    return timezone.now() - datetime.timedelta(**delta)


def ahead(**delta):
    return timezone.now() + datetime.timedelta(**delta)


def texts(name, versions, fields=("title", "lead", "body")):
    """The translated fields of an item written in each language of `versions`."""
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


def make_release(
    name=None,
    original="en",
    versions=None,
    state=PUBLISHED,
    publish_at="past",
    topics=(),
    contacts=(),
    **fields,
):
    """A press release written in `original` (ready) and the `versions` given, e.g.
    {"fr": "draft"}. Its slug in each written language is "<name>-<lang>"."""
    name = name or f"release{next(_numbers)}"
    versions = {original: READY, **(versions or {})}
    if publish_at == "past":
        publish_at = ago(days=1)
    values = {
        "original_language": original,
        "state": state,
        "publish_at": publish_at,
        "dateline_city_en": "Geneva",
        **texts(name, versions),
        **fields,
    }
    release = PressRelease.objects.create(**values)
    release.topics.set(topics)
    for order, contact in enumerate(contacts):
        ReleaseContact.objects.create(release=release, contact=contact, order=order)
    return release


def make_event(name=None, original="en", versions=None, state=PUBLISHED, **fields):
    name = name or f"event{next(_numbers)}"
    versions = {original: READY, **(versions or {})}
    start = fields.pop("start", ahead(days=10))
    values = {
        "original_language": original,
        "state": state,
        "publish_at": ago(days=1),
        "start": start,
        "end": start + datetime.timedelta(hours=2),
        "time_zone": "Asia/Baku",
        **texts(name, versions, fields=("title", "description")),
        **fields,
    }
    return Event.objects.create(**values)


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
    return Page.objects.create(**values)


def make_topic(name=None):
    name = name or f"topic{next(_numbers)}"
    return Topic.objects.create(
        **{f"name_{lang}": f"{name} {lang}" for lang in LANGUAGE_CODES},
        **{f"slug_{lang}": f"{name}-{lang}" for lang in LANGUAGE_CODES},
    )


def make_office(name=None, region=None, **fields):
    name = name or f"office{next(_numbers)}"
    return Office.objects.create(
        kind=Office.Kind.COUNTRY,
        name_en=f"{name} office",
        slug=name,
        region=region,
        **fields,
    )


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


def make_contact(name=None, office=None, is_public=True, phones=1):
    name = name or f"contact{next(_numbers)}"
    contact = MediaContact.objects.create(
        name=name.title(),
        slug=name,
        office=office,
        email=f"{name}@example.org",
        is_public=is_public,
        job_title_en="Press officer",
    )
    for index in range(phones):
        ContactPhone.objects.create(
            contact=contact, number=f"+4122717911{index}", order=index
        )
    return contact


def parse(response):
    """The response's HTML as an lxml tree."""
    return lxml.html.fromstring(response.content.decode())


def text_of(tree, xpath):
    return " ".join(" ".join(node.itertext()) for node in tree.xpath(xpath))
