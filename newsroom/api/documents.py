"""The newsroom's own JSON documents (events, media contacts, topics, the
organisation), in one language, read through the same rules as the public pages:
`version()` for publishable items, `public()` for contacts, begun appointments
only for the holders of positions."""

from collections import defaultdict

from django.urls import reverse
from django.utils import timezone, translation
from django_countries import countries

from newsroom.core.languages import urls_in_languages
from newsroom.core.standards import item_tag
from organisation.models import Appointment, Office, Position, Region, Unit

from .changes import event_changed_at


def country(code):
    """{code, name} of an ISO 3166 code in the active language, None if empty."""
    return {"code": str(code), "name": str(countries.name(code))} if code else None


def events_for_documents(queryset):
    return queryset.prefetch_related("officials")


def event_document(event, lang, absolute):
    """The event's version in `lang` (its original when that one is not public),
    its dates in its own time zone."""
    version = event.version(lang)
    urls = urls_in_languages(event)
    with translation.override(version.lang):
        return {
            "id": event.pk,
            "uri": item_tag(event, "event", version.lang),
            "pubstatus": "usable",
            "language": version.lang,
            "fallback": version.is_fallback,
            "title": version.title,
            "description_html": version.description,
            "venue": version.venue,
            "city": version.city,
            "country": country(event.country.code),
            "start": event.local_start,
            "end": event.local_end,
            "time_zone": event.time_zone,
            "all_day": event.all_day,
            "status": event.status,
            "previous_start": event.previous_start
            and timezone.localtime(event.previous_start, event.tzinfo),
            "officials": [
                {"name": person.name, "url": absolute(person.get_absolute_url())}
                for person in event.officials.all()
            ],
            "updated": event_changed_at(event),
            "url": absolute(event.get_absolute_url()),
            "urls": {code: absolute(urls[code]) for code in event.public_languages()},
        }


def event_withdrawal_document(event, lang):
    """The tombstone of `event`, withdrawn after it had been public or expired
    (see ninjs.withdrawal_document): its id, the uri its live document had,
    pubstatus "canceled", the time it stopped being public and, once withdrawn,
    its public note (`withdrawal_note_document`)."""
    lang = event.display_language(lang)
    return {
        "id": event.pk,
        "uri": item_tag(event, "event", lang, event.listed_at),
        "pubstatus": "canceled",
        "updated": event.gone_at,
        "withdrawal_note": withdrawal_note_document(event, lang),
    }


def withdrawal_note_document(item, lang):
    """The public note of withdrawn `item` for a reader of `lang`, {language,
    text}: in `lang` where written in it, else in the original language; None
    without one."""
    note = item.withdrawal_note_for(lang)
    return note and {"language": note["lang"], "text": note["note"]}


def contact_document(contact, absolute):
    return {
        "slug": contact.slug,
        "name": contact.name,
        "job_title": contact.job_title or "",
        "office": contact.office.slug if contact.office else None,
        "email": contact.email,
        "phones": [
            {"kind": phone.kind, "number": str(phone.number)}
            for phone in contact.phones.all()
        ],
        "languages": contact.languages.split(),
        "vcard": absolute(reverse("syndication:contact-vcf", args=[contact.slug])),
    }


def position_documents(positions, holders, absolute):
    return [
        {
            "id": position.pk,
            "title": position.title_for(holders.get(position.pk)),
            "rank": position.rank,
            "holder": holders.get(position.pk)
            and {
                "name": holders[position.pk].name,
                "url": absolute(holders[position.pk].get_absolute_url()),
            },
        }
        for position in positions
    ]


def organisation_document(profile, date, absolute):
    """The organisation in the active language: its regions, offices and units,
    each position with its holder on `date`. A holder is someone whose
    appointment has begun by today, whatever `date`: a future appointee is not
    public."""
    positions = list(Position.objects.all())
    holders = Appointment.objects.started().holders(positions, date)
    by_office, by_unit = defaultdict(list), defaultdict(list)
    for position in positions:
        if position.office_id:
            by_office[position.office_id].append(position)
        if position.unit_id:
            by_unit[position.unit_id].append(position)
    offices = Office.objects.select_related("region", "parent")
    return {
        "name": profile.name if profile else "",
        "acronym": profile.acronym if profile else "",
        "website": profile.website if profile else "",
        "date": date,
        "regions": [
            {"slug": region.slug, "name": region.name}
            for region in Region.objects.all()
        ],
        "offices": [
            {
                "slug": office.slug,
                "kind": office.kind,
                "name": office.name,
                "city": office.city,
                "country": country(office.country.code),
                "region": office.region.slug if office.region else None,
                "parent": office.parent.slug if office.parent else None,
                "address": office.address,
                "phone": str(office.phone) if office.phone else "",
                "email": office.email,
                "url": absolute(office.get_absolute_url()),
                "positions": position_documents(
                    by_office[office.pk], holders, absolute
                ),
            }
            for office in offices
        ],
        "units": [
            {
                "slug": unit.slug,
                "name": unit.name,
                "parent": unit.parent.slug if unit.parent else None,
                "order": unit.order,
                "positions": position_documents(by_unit[unit.pk], holders, absolute),
            }
            for unit in Unit.objects.select_related("parent")
        ],
    }
