"""Public pages of the organisation: who we are, structure, offices.

Each view runs a fixed number of queries: the tree and the groups are built in
Python from one query per model.
"""

import unicodedata
from collections import defaultdict
from itertools import groupby

from django.db.models import F, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from newsroom.core import former_slugs
from newsroom.core.languages import find_by_slug, urls_in_languages

from .models import (
    Appointment,
    Office,
    OrganisationProfile,
    Person,
    Position,
    Unit,
)


def who_we_are(request):
    profile = OrganisationProfile.current()
    top_units = Unit.objects.filter(parent__isnull=True)
    return render(
        request,
        "organisation/who_we_are.html",
        {"profile": profile, "top_units": top_units},
    )


def structure(request):
    """The org chart: units as a tree, each with its positions and today's holders;
    then the offices that have posts of their own (a regional director), each
    under its heading."""
    units = list(Unit.objects.all())
    positions = list(
        Position.objects.filter(Q(unit__isnull=False) | Q(office__isnull=False))
        .select_related("office")
        .order_by("office__order", "office__slug", "rank", "pk")
    )
    holders = Appointment.objects.holders(positions)
    positions_by_unit = defaultdict(list)
    positions_by_office = {}
    for position in positions:
        holder = holders.get(position.pk)
        entry = {
            "position": position,
            "holder": holder,
            "title": position.title_for(holder),
        }
        if position.unit_id:
            positions_by_unit[position.unit_id].append(entry)
        else:
            positions_by_office.setdefault(position.office, []).append(entry)
    children = defaultdict(list)
    for unit in units:
        children[unit.parent_id].append(unit)

    def branch(parent_id):
        return [
            {
                "unit": unit,
                "positions": positions_by_unit[unit.pk],
                "children": branch(unit.pk),
            }
            for unit in children[parent_id]
        ]

    return render(
        request,
        "organisation/structure.html",
        {"tree": branch(None), "offices": list(positions_by_office.items())},
    )


def sort_key(name):
    """A key sorting names as a reader expects: accents and case set aside."""
    decomposed = unicodedata.normalize("NFKD", name)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def office_list(request):
    """Offices grouped by region (offices without one, such as headquarters,
    first), then by country in the alphabetical order of the page's language."""
    offices = Office.objects.select_related("region").order_by(
        # Explicit: PostgreSQL sorts NULL last in an ascending order, SQLite first.
        F("region__order").asc(nulls_first=True),
        F("region__slug").asc(nulls_first=True),
        "order",
        "slug",
    )
    groups = []
    for region, region_offices in groupby(offices, key=lambda office: office.region):
        by_country = defaultdict(list)
        for office in region_offices:
            by_country[office.country].append(office)
        countries = sorted(
            by_country.items(),
            # Offices without a country after the named ones.
            key=lambda item: (not item[0], sort_key(str(item[0].name or ""))),
        )
        groups.append({"region": region, "countries": countries})
    return render(
        request,
        "organisation/office_list.html",
        {"groups": groups},
    )


def office_detail(request, slug):
    """An office at its slug in the page's language; its slug in another language,
    or one it once had (which the clearance app remembers), answers 301 to that
    address."""
    offices = Office.objects.select_related("region", "parent")
    office = find_by_slug(offices, slug)
    if office is None:
        office = offices.filter(pk=former_slugs.owner(Office, slug)).first()
    if office is None:
        raise Http404
    if office.get_absolute_url() != request.path:
        return redirect(office.get_absolute_url(), permanent=True)
    positions = list(office.positions.all())
    holders = Appointment.objects.holders(positions)
    staff = [
        {
            "position": position,
            "holder": holders.get(position.pk),
            "title": position.title_for(holders.get(position.pk)),
        }
        for position in positions
    ]
    return render(
        request,
        "organisation/office_detail.html",
        {
            "office": office,
            "staff": staff,
            "children": office.children.all(),
            "language_urls": urls_in_languages(office),
        },
    )


RELEASES_ON_PERSON_PAGE = 10


def releases_naming(person):
    """The latest live press releases that quote or mention `person`. The model
    is reached through the relation: the organisation does not import the
    newsroom."""
    releases = Person._meta.get_field("press_releases").related_model.objects
    naming = (
        Q(people_quoted=person) | Q(quotes__person=person) | Q(people_mentioned=person)
    )
    return (
        releases.live()
        .filter(pk__in=releases.filter(naming).values("pk"))
        .for_links()
        .order_by("-publish_at", "-pk")[:RELEASES_ON_PERSON_PAGE]
    )


def person_detail(request, slug):
    """A public person of the organisation: portrait, positions held (today's
    first, with their titles in the person's grammatical gender; none not begun
    yet), biography and the latest live releases that quote or mention them."""
    person = get_object_or_404(Person.objects.public(), slug=slug)
    today = timezone.localdate()
    current = set(person.appointments.on(today).values_list("pk", flat=True))
    appointments = (
        person.appointments.started(today).select_related("position").latest_first()
    )
    roles = [
        {
            "title": appointment.position.title_for(person),
            "appointment": appointment,
            "current": appointment.pk in current,
        }
        for appointment in appointments
    ]
    biography, biography_lang = person.biography_in()
    return render(
        request,
        "organisation/person_detail.html",
        {
            "person": person,
            "current_roles": [role for role in roles if role["current"]],
            "past_roles": [role for role in roles if not role["current"]],
            "biography": biography,
            "biography_lang": biography_lang,
            "releases": releases_naming(person),
        },
    )
