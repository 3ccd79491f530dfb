"""The read-only JSON API, /api/v1/: its operations, its OpenAPI 3.1 schema
(/api/v1/openapi.json) and its documentation page (/api/v1/docs, assets served
from our static files).

Every operation starts from the public rules: `live()` and the public versions for
releases and events, `public()` for media contacts, begun appointments for the
holders of positions. Responses carry `Cache-Control` and, through Django's
ConditionalGetMiddleware, an `ETag` answered with 304; CORS (django-cors-headers)
lets any origin read; each client is held to NEWSROOM_API_RATE_LIMIT requests
(429 with `Retry-After` past it).

No response carries a `Last-Modified`, documents included: a document prints
rows besides its item's own (topics, the issuing office, people, quotes, media
contacts, photos and the renditions the worker makes later, the related event
and releases, which also expire at their time); the document's date and
`updated_since` follow those rows' changes (changes.py), but a link removed
without a save or a rendition made leaves nothing to date. A client sending
only If-Modified-Since would be told 304 for a changed document, so it gets the
document; the ETag, a digest of the body, tells every change.
"""

import datetime
import functools
import time
from typing import Annotated, Literal

from django.conf import settings
from django.db.models import Case, Exists, F, OuterRef, When
from django.http import HttpResponse
from django.urls import re_path
from django.utils import timezone, translation
from django.utils.dateparse import parse_date, parse_datetime
from ninja import NinjaAPI, Path, Query, Schema, Status
from ninja.errors import ValidationError
from ninja.parser import Parser
from ninja.throttling import BaseThrottle
from pydantic import BeforeValidator, Field

from newsroom.core import ratelimit
from newsroom.core.addresses import client_address
from newsroom.core.dates import in_utc
from newsroom.core.languages import LANGUAGE_CODES, in_any_language
from newsroom.core.publication import (
    Gone,
    expired_q,
    get_live_or_gone,
)
from newsroom.models import Event, MediaContact, PressRelease, ReleaseCountry, Topic
from organisation.models import Office, OrganisationProfile

from . import schemas
from .changes import event_changes, release_changes
from .documents import (
    contact_document,
    event_document,
    event_withdrawal_document,
    events_for_documents,
    organisation_document,
    withdrawal_note_document,
)
from .ninjs import Links, release_document, releases_for_documents, withdrawal_document
from .pagination import DEFAULT_LIMIT, MAX_LIMIT, BadCursor, next_url, paginate

Language = Literal[LANGUAGE_CODES]
SLUG = r"^[-a-zA-Z0-9_]+$"
Slug = Annotated[str, Path(pattern=SLUG, max_length=200)]
# Clients revalidate each time (cheaply, with the ETag): a withdrawn release
# must not outlive its withdrawal in a cache.
CACHE_CONTROL = "public, no-cache"


def iso_8601(parse, what, then=None):
    """A validator of query values that takes only an ISO 8601 string (pydantic
    alone would read "0.5" as a Unix time), parsed by `parse`, then `then`."""

    def validate(value):
        parsed = parse(value) if isinstance(value, str) else None
        if parsed is None:
            raise ValueError(f"Expected an ISO 8601 {what}.")
        return then(parsed) if then else parsed

    return BeforeValidator(validate)


DateTime = Annotated[
    datetime.datetime, iso_8601(parse_datetime, "date and time", in_utc)
]
Date = Annotated[datetime.date, iso_8601(parse_date, "date")]


class ClientRateLimit(BaseThrottle):
    """NEWSROOM_API_RATE_LIMIT requests per client address and window, counted in
    the cache (a cache that is down lets requests through). Keeps no state
    between calls: one instance serves every thread."""

    def limits(self):
        count, period = settings.NEWSROOM_API_RATE_LIMIT.split("/")
        unit = {"s": 1, "m": 60, "h": 3600, "d": 86400}[period[0]]
        return int(count), unit

    def get_ident(self, request):
        return client_address(request)

    def allow_request(self, request):
        count, seconds = self.limits()
        window = int(time.time() // seconds)
        key = f"{self.get_ident(request)}:{window}"
        return ratelimit.allow("api", key, count, seconds)

    def wait(self):
        """The seconds left in the current window."""
        _count, seconds = self.limits()
        return seconds - time.time() % seconds


def query_error(keys, kind, message):
    """A 400 naming each of the query parameters `keys` (see bad_request)."""
    return ValidationError(
        [{"type": kind, "loc": ["query", key], "msg": message} for key in keys]
    )


class OneValueParser(Parser):
    """Reads a query string whose parameters each have one value: no parameter
    of this API takes a list, so a repeated one is a 400 naming it."""

    def parse_querydict(self, data, list_fields, request):
        repeated = [key for key, values in data.lists() if len(values) > 1]
        if repeated:
            raise query_error(repeated, "repeated", "Give this parameter once.")
        return super().parse_querydict(data, list_fields, request)


class ReadOnlyAPI(NinjaAPI):
    """A NinjaAPI whose every address answers HEAD as GET (the server leaves the
    body out, RFC 9110) and any other method with a JSON 405 naming both, and
    whose unknown addresses answer a JSON 404. No answer depends on the
    client's Accept-Language: each operation runs in the site's language (a
    slug two items have, each in another language, names the one whose slug it
    is in that language first), and says so to LocaleMiddleware."""

    @property
    def urls(self):
        patterns, app_name, namespace = super().urls
        patterns.append(re_path(r"^.*$", self.not_found))
        for pattern in patterns:
            pattern.callback = self.reading_only(pattern.callback)
        return patterns, app_name, namespace

    def not_found(self, request, *args, **kwargs):
        detail = {"detail": "No operation of this API has this address."}
        return self.create_response(request, detail, status=404)

    def reading_only(self, view):
        @functools.wraps(view)
        def read(request, *args, **kwargs):
            with translation.override(settings.LANGUAGE_CODE):
                response = answer(request, *args, **kwargs)
            response.reads_no_language = True
            return response

        def answer(request, *args, **kwargs):
            if request.method in ("GET", "HEAD"):
                head, request.method = request.method == "HEAD", "GET"
                try:
                    return view(request, *args, **kwargs)
                finally:
                    if head:
                        request.method = "HEAD"
            response = self.create_response(
                request, {"detail": "Method not allowed."}, status=405
            )
            response["Allow"] = "GET, HEAD"
            return response

        return read


api = ReadOnlyAPI(
    title="Newsroom API",
    version="1",
    description="Read-only: live press releases as IPTC ninjs 2.2 documents, "
    "events, public media contacts, topics and the organisation. Any origin may "
    "read (CORS); each client is rate-limited. A request that sends back the "
    "ETag (If-None-Match) is answered 304 while nothing changed.",
    urls_namespace="api",
    throttle=ClientRateLimit(),
    parser=OneValueParser(),
)


def as_served(schema, document, exclude_none=False):
    """`document` as an operation answering with `schema` (and `exclude_none`,
    as the ninjs operations) serves it: validated and dumped by the schema,
    written by the API's renderer. For what is sent without a request
    (webhooks)."""
    data = schema.model_validate(document).model_dump(exclude_none=exclude_none)
    return api.renderer.render(None, data, response_status=200)


ERRORS = {400: schemas.Error, 429: schemas.Error}
DOCUMENT_ERRORS = {**ERRORS, 404: schemas.Error, 410: schemas.GoneError}


def known_parameters_only(operation):
    """Refuses a query parameter the operation does not read with a 400 naming
    it: a misspelt filter would otherwise answer the whole list."""

    @functools.wraps(operation)
    def checked(request, **values):
        known = {
            name
            for value in values.values()
            if isinstance(value, Schema)
            for name in type(value).model_fields
        }
        unknown = [key for key in request.GET if key not in known]
        if unknown:
            raise query_error(
                unknown, "unknown", "This operation has no such parameter."
            )
        return operation(request, **values)

    return checked


api.add_decorator(known_parameters_only)


@api.exception_handler(ValidationError)
def bad_request(request, error):
    """A parameter the API cannot read: 400, naming it (never a 500)."""
    return api.create_response(request, {"detail": error.errors}, status=400)


@api.exception_handler(BadCursor)
def bad_cursor(request, error):
    return api.create_response(request, {"detail": "Unknown cursor."}, status=400)


def absolute_for(request):
    return request.build_absolute_uri


def cacheable(response, languages):
    """Caching headers (no Last-Modified: see the module's docstring), and
    Content-Language: the `languages` the documents are in (LocaleMiddleware
    would name the one Accept-Language asks for, which the API does not
    read)."""
    response["Cache-Control"] = CACHE_CONTROL
    languages = set(languages)
    response["Content-Language"] = (
        ", ".join(code for code in LANGUAGE_CODES if code in languages)
        or settings.LANGUAGE_CODE
    )


def tombstones(model, since):
    """The items of `model` that stopped being public since `since`: expired, or
    withdrawn (or otherwise taken out of public view) after they had been public.
    Each is listed at the publish time it had while public (`listed_at`), never
    at one a draft written since has set (the order and the cursor would tell
    it), and says when it stopped (`gone_at`). They ignore the content filters,
    which read what such a draft may have changed."""
    now = timezone.now()
    expired = expired_q(now)
    return model.objects.gone_since(since, now).annotate(
        listed_at=Case(
            When(expired, then=F("publish_at")), default=F("public_publish_at")
        ),
        gone_at=Case(When(expired, then=F("expires_at")), default=F("updated_at")),
    )


def with_tombstones(live, order, since):
    """The (queryset, field to list it by) pairs of a listing: `live`, and with
    `since` the tombstones of the same model, each read apart on its own index
    and merged page by page (pagination.paginate)."""
    if since is None:
        return [(live, order)]
    return [(live, order), (tombstones(live.model, since), "listed_at")]


def is_tombstone(item):
    return hasattr(item, "gone_at")


def slug_language(item, slug):
    """The language of `item`'s public version whose slug is `slug`."""
    return next(
        code for code in item.public_languages() if item.field_in("slug", code) == slug
    )


def public_version(queryset, slug):
    """(the live item of `queryset` whose public version has `slug`, that
    version's language); raises Gone once withdrawn or expired, Http404
    otherwise."""
    item = get_live_or_gone(queryset, slug)
    return item, slug_language(item, slug)


def gone(detail, withdrawn, slug):
    """The 410 answer for the withdrawn or expired item of `withdrawn` (a Gone):
    `detail`, and its public note in the language of `slug`'s version if it
    has one (else the original's)."""
    item = withdrawn.item
    note = withdrawal_note_document(item, slug_language(item, slug))
    return Status(410, {"detail": detail, "withdrawal_note": note})


class Page(Schema):
    cursor: str | None = Field(None, description="From the previous page's `next`.")
    limit: int = Field(DEFAULT_LIMIT, ge=1, le=MAX_LIMIT)


class ReleaseFilters(Page):
    language: Language | None = Field(
        None,
        description="Each release's version in this language, or its original "
        "(flagged `fallback`) where that one is not public. Default: originals.",
    )
    topic: str | None = Field(
        None, max_length=100, pattern=SLUG, description="A topic's slug."
    )
    region: str | None = Field(
        None, max_length=100, pattern=SLUG, description="A region's slug."
    )
    office: str | None = Field(
        None, max_length=100, pattern=SLUG, description="An office's slug."
    )
    country: str | None = Field(
        None, pattern=r"^[A-Za-z]{2}$", description="An ISO 3166 alpha-2 code."
    )
    updated_since: DateTime | None = Field(
        None,
        description="Only releases whose document changed since (published, "
        "saved, corrected, or a row it prints changed), and "
        'the tombstones (pubstatus "canceled") of those withdrawn or expired '
        "since after they had been public, whatever the other filters.",
    )


def keys(queryset):
    return list(queryset.values_list("pk", flat=True))


def filter_releases(releases, filters, organisation=None):
    """`releases` narrowed by the filters. Topics and offices are looked up first
    and the releases matched by their keys, values the planner can weigh: from a
    subquery or a join it expected a third of the archive, and walked all of it
    when nothing matched (a topic at 100,000 releases: 171 ms, against 2 ms; an
    office without releases: 500 ms, against none). `organisation` is the
    profile the documents print the boilerplate of."""
    if filters.topic:
        topics = keys(
            Topic.objects.public().filter(in_any_language("slug", filters.topic))
        )
        if not topics:
            return releases.none()
        # Through Exists, not a join: a join lists a release once per matching
        # topic, and DISTINCT over every column of a release made PostgreSQL read
        # and sort every live release to return a page.
        tagged = PressRelease.topics.through.objects.filter(
            pressrelease=OuterRef("pk"), topic__in=topics
        )
        releases = releases.filter(Exists(tagged))
    if filters.region:
        offices = Office.objects.filter(region__slug=filters.region)
        releases = releases.filter(issuing_office__in=keys(offices))
    if filters.office:
        offices = Office.objects.filter(in_any_language("slug", filters.office))
        releases = releases.filter(issuing_office__in=keys(offices))
    if filters.country:
        # The codes' own table, by its index: the column of codes joined by
        # commas has none, and a code no release has read the whole archive.
        rows = ReleaseCountry.objects.filter(country=filters.country.upper())
        releases = releases.filter(pk__in=rows.values("release"))
    if filters.updated_since:
        changes = release_changes(filters.updated_since, organisation)
        releases = releases.filter(changes)
    return releases


@api.get(
    "/releases",
    url_name="release-list",
    response={200: schemas.ReleasePage, **ERRORS},
    exclude_none=True,
    tags=["releases"],
    summary="Live press releases, newest first",
)
def list_releases(request, response: HttpResponse, filters: Query[ReleaseFilters]):
    """Live press releases as ninjs documents, newest first, one per release:
    its version in `language` where public, else its original."""
    organisation = OrganisationProfile.current()
    page, cursor = paginate(
        with_tombstones(
            releases_for_documents(
                filter_releases(PressRelease.objects.live(), filters, organisation)
            ),
            "publish_at",
            filters.updated_since,
        ),
        filters.cursor,
        filters.limit,
    )
    links = Links(absolute_for(request))
    items = []
    for release in page:
        lang = filters.language or release.original_language
        if is_tombstone(release):
            document = withdrawal_document(release, lang)
        else:
            document = release_document(release, lang, links, organisation=organisation)
        fallback = release.display_language(lang) != lang
        items.append({"fallback": fallback, "ninjs": document})
    cacheable(response, [item["ninjs"].get("language") for item in items])
    return {"items": items, "next": next_url(request, cursor)}


@api.get(
    "/releases/{slug}",
    url_name="release-detail",
    response={200: schemas.NinjsDocument, **DOCUMENT_ERRORS},
    exclude_none=True,
    tags=["releases"],
    summary="One language version of a press release",
)
def get_release(request, response: HttpResponse, slug: Slug):
    """The ninjs document of the public language version whose slug is `slug`;
    410 once the release is withdrawn."""
    try:
        release, lang = public_version(releases_for_documents(), slug)
    except Gone as withdrawn:
        return gone("This press release was withdrawn.", withdrawn, slug)
    cacheable(response, [lang])
    return release_document(release, lang, absolute_for(request))


class EventFilters(Page):
    language: Language | None = Field(
        None, description="As for releases: the original where not public."
    )
    country: str | None = Field(None, pattern=r"^[A-Za-z]{2}$")
    status: Literal["scheduled", "postponed", "cancelled", "rescheduled"] | None = None
    upcoming: bool | None = Field(
        None,
        description="true: events not over yet, soonest first; false: past ones, "
        "latest first. Default: all, latest start first.",
    )
    updated_since: DateTime | None = Field(
        None,
        description="As for releases: the events changed since, and the "
        'tombstones (pubstatus "canceled") of those withdrawn or expired since '
        "after they had been public, whatever the other filters.",
    )


@api.get(
    "/events",
    url_name="event-list",
    response={200: schemas.EventPage, **ERRORS},
    tags=["events"],
    summary="Live events",
)
def list_events(request, response: HttpResponse, filters: Query[EventFilters]):
    events = Event.objects.live()
    if filters.country:
        events = events.filter(country=filters.country.upper())
    if filters.status:
        events = events.filter(status=filters.status)
    if filters.updated_since:
        events = events.filter(event_changes(filters.updated_since))
    now = timezone.now()
    if filters.upcoming is True:
        events = events.filter(end__gte=now)
    elif filters.upcoming is False:
        events = events.filter(end__lt=now)
    page, cursor = paginate(
        with_tombstones(events_for_documents(events), "start", filters.updated_since),
        filters.cursor,
        filters.limit,
        descending=filters.upcoming is not True,
    )
    absolute = absolute_for(request)
    items = []
    for event in page:
        lang = filters.language or event.original_language
        if is_tombstone(event):
            items.append(event_withdrawal_document(event, lang))
        else:
            items.append(event_document(event, lang, absolute))
    cacheable(response, [item.get("language") for item in items])
    return {"items": items, "next": next_url(request, cursor)}


@api.get(
    "/events/{slug}",
    url_name="event-detail",
    response={200: schemas.EventDocument, **DOCUMENT_ERRORS},
    tags=["events"],
    summary="One language version of an event",
)
def get_event(request, response: HttpResponse, slug: Slug):
    try:
        event, lang = public_version(events_for_documents(Event.objects.all()), slug)
    except Gone as withdrawn:
        return gone("This event was withdrawn.", withdrawn, slug)
    cacheable(response, [lang])
    return event_document(event, lang, absolute_for(request))


class LanguageOnly(Schema):
    language: Language = Field(settings.LANGUAGE_CODE)


@api.get(
    "/contacts",
    url_name="contact-list",
    response={200: list[schemas.ContactDocument], **ERRORS},
    tags=["organisation"],
    summary="Public media contacts",
)
def list_contacts(request, response: HttpResponse, params: Query[LanguageOnly]):
    contacts = (
        MediaContact.objects.public()
        .select_related("office")
        .prefetch_related("phones")
    )
    absolute = absolute_for(request)
    with translation.override(params.language):
        documents = [contact_document(contact, absolute) for contact in contacts]
    cacheable(response, [params.language])
    return documents


@api.get(
    "/topics",
    url_name="topic-list",
    response={200: list[schemas.TopicDocument], **ERRORS},
    tags=["releases"],
    summary="Topics, to filter releases by",
)
def list_topics(request, response: HttpResponse, params: Query[LanguageOnly]):
    with translation.override(params.language):
        documents = [
            {"slug": topic.slug, "name": topic.name}
            for topic in Topic.objects.public().exclude(slug=None).exclude(slug="")
        ]
    cacheable(response, [params.language])
    return documents


class OrganisationParams(LanguageOnly):
    date: Date | None = Field(
        None, description="The day whose holders to show; default today."
    )


@api.get(
    "/organisation",
    url_name="organisation",
    response={200: schemas.OrganisationDocument, **ERRORS},
    tags=["organisation"],
    summary="Regions, offices, units and positions with their holders",
)
def get_organisation(
    request, response: HttpResponse, params: Query[OrganisationParams]
):
    day = params.date or timezone.localdate()
    with translation.override(params.language):
        document = organisation_document(
            OrganisationProfile.current(), day, absolute_for(request)
        )
    cacheable(response, [params.language])
    return document
