"""The API's documents as pydantic models: they make the OpenAPI schema and check
every response before it leaves. The ninjs ones name the subset of IPTC ninjs 2.2
that the newsroom fills in (tests/api validates them against IPTC's own schema)."""

import datetime
from typing import Annotated, Literal

from pydantic import BaseModel, Field


class Document(BaseModel):
    """What the operations answer, each built as a dict and checked by pydantic
    alone. (A ninja Schema reads its input through a getter made for model
    instances, field by field in Python: a third of the time of a list of twenty
    press kits.)"""


class Error(Document):
    detail: str | list


class WithdrawalNote(Document):
    """The public note of a withdrawn item: in the language asked for where
    written in it, else in the item's original language."""

    language: str = Field(description="The language the note is written in.")
    text: str


class GoneError(Error):
    """The answer of an address whose item was withdrawn or expired."""

    withdrawal_note: WithdrawalNote | None = Field(
        None,
        description="Once withdrawn, the press office's public note, in the "
        "version's language where written in it, else in the original's.",
        exclude_if=lambda value: value is None,
    )


# ninjs 2.2


class Text(Document):
    role: str
    contenttype: str
    value: str


class ContactInfo(Document):
    type: str
    role: str
    value: str


class Concept(Document):
    """A topic, place, person, organisation or event the release is about."""

    name: str
    rel: str
    literal: str | None = None
    uri: str | None = None
    contactinfo: list[ContactInfo] | None = None


class Rendition(Document):
    name: str
    href: str
    contenttype: str | None = None
    title: str | None = None
    width: int | None = None
    height: int | None = None
    sizeinbytes: int | None = None


class AltId(Document):
    role: str
    value: str


class Association(Document):
    """The main photo ("mainpicture", type picture), a PDF document
    ("document-N", type text, its file the "pdf" rendition), a video ("video-N",
    type video: the host's "player" and "page", the "broll" download, its
    "poster" picture as an association) or a live release the editor related
    ("related-N", type text: its headline and page)."""

    name: str
    uri: str
    type: str
    language: str | None = Field(
        None,
        description="The item's language; a document's is the one its file is "
        "written in.",
    )
    title: str | None = None
    headlines: list[Text] | None = None
    descriptions: list[Text] | None = None
    bodies: list[Text] | None = Field(None, description="A video's transcript.")
    by: str | None = None
    copyrightnotice: str | None = None
    renditions: list[Rendition] | None = None
    associations: list["Association"] | None = None


class NinjsDocument(Document):
    """One language version of a press release, as an IPTC ninjs 2.2 document."""

    uri: str = Field(description="A tag: URI of this language version; stable.")
    type: str
    profile: str
    version: str = Field(
        description="Raised by every change of what the release shows the public."
    )
    firstcreated: datetime.datetime = Field(description="When the release went public.")
    versioncreated: datetime.datetime
    pubstatus: Literal["usable"]
    language: str
    headlines: list[Text]
    descriptions: list[Text] | None = None
    bodies: list[Text] | None = Field(
        None, description="The body as sanitised HTML (ninjs 1's body_html)."
    )
    located: str | None = None
    subjects: list[Concept] | None = None
    places: list[Concept] | None = None
    people: list[Concept] | None = None
    organisations: list[Concept] | None = None
    events: list[Concept] | None = None
    associations: list[Association] | None = Field(
        None,
        description="The main photo, then the documents, the videos and the "
        "related releases.",
    )
    renditions: list[Rendition] = Field(
        description="The release's page in each language where it is public."
    )
    altids: list[AltId]


class NinjsTombstone(Document):
    """A release withdrawn or expired after it had been public, listed to a
    client that asks for what changed since (`updated_since`): what identifies
    the document it may have stored, and nothing else. A release that was never
    public has none."""

    uri: str = Field(description="The uri its live document had.")
    type: str
    profile: str
    pubstatus: Literal["canceled"]
    versioncreated: datetime.datetime = Field(
        description="When it was withdrawn, or expired."
    )
    language: str | None = Field(
        None, description="The language of its withdrawal note, if it has one."
    )
    descriptions: list[Text] | None = Field(
        None,
        description='Once withdrawn, the public note (role "withdrawal") in the '
        "language of the uri's version, else in the original's: HTML whose "
        "`lang` attribute names its language.",
    )
    altids: list[AltId] = Field(description="Its id, as in its live document.")


class ReleaseEntry(Document):
    fallback: bool = Field(
        description="True when the language asked for has no public version: "
        "the document is the original."
    )
    ninjs: NinjsDocument | NinjsTombstone = Field(
        discriminator="pubstatus",
        description='A ninjs document ("usable"), or the tombstone of a release '
        'withdrawn or expired since ("canceled").',
    )


class ReleasePage(Document):
    items: list[ReleaseEntry]
    next: str | None = Field(None, description="The next page's URL; none on the last.")


# The newsroom's own documents


class Country(Document):
    code: str
    name: str


class Link(Document):
    name: str
    url: str


class EventDocument(Document):
    id: int
    uri: str
    pubstatus: Literal["usable"]
    language: str
    fallback: bool
    title: str
    description_html: str
    venue: str
    city: str
    country: Country | None
    start: datetime.datetime = Field(description="In the event's own time zone.")
    end: datetime.datetime
    time_zone: str
    all_day: bool
    status: str = Field(description="scheduled, postponed, cancelled, rescheduled")
    previous_start: datetime.datetime | None
    officials: list[Link]
    updated: datetime.datetime
    url: str
    urls: dict[str, str] = Field(description="The page in each public language.")


class EventTombstone(Document):
    """An event withdrawn or expired after it had been public, listed to a client
    that asks for what changed since (`updated_since`): its id and uri, and
    nothing else."""

    id: int
    uri: str = Field(description="The uri its live document had.")
    pubstatus: Literal["canceled"]
    updated: datetime.datetime = Field(description="When it was withdrawn, or expired.")
    withdrawal_note: WithdrawalNote | None = Field(
        None,
        description="Once withdrawn, the public note, in the language of the "
        "uri's version where written in it, else in the original's.",
    )


class EventPage(Document):
    items: list[
        Annotated[EventDocument | EventTombstone, Field(discriminator="pubstatus")]
    ]
    # Absent on the last page, as for releases (whose documents leave out every
    # empty field; an event's documents keep theirs).
    next: str | None = Field(
        None,
        description="The next page's URL; none on the last.",
        exclude_if=lambda value: value is None,
    )


class Phone(Document):
    kind: str
    number: str


class ContactDocument(Document):
    slug: str
    name: str
    job_title: str
    office: str | None = Field(description="The office's slug.")
    email: str
    phones: list[Phone]
    languages: list[str]
    vcard: str


class TopicDocument(Document):
    slug: str
    name: str


class Holder(Document):
    name: str
    url: str


class PositionDocument(Document):
    id: int
    title: str
    rank: int
    holder: Holder | None


class UnitDocument(Document):
    slug: str
    name: str
    parent: str | None
    order: int
    positions: list[PositionDocument]


class OfficeDocument(Document):
    slug: str
    kind: str
    name: str
    city: str
    country: Country | None
    region: str | None
    parent: str | None
    address: str
    phone: str
    email: str
    url: str
    positions: list[PositionDocument]


class RegionDocument(Document):
    slug: str
    name: str


class OrganisationDocument(Document):
    name: str
    acronym: str
    website: str
    date: datetime.date = Field(description="The day whose holders the positions show.")
    regions: list[RegionDocument]
    offices: list[OfficeDocument]
    units: list[UnitDocument]
