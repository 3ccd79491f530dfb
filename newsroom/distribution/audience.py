"""Who receives an item, and in which language."""

from django.db.models import Exists, OuterRef

from newsroom.models import PressRelease
from organisation.models import Office

from .models import Journalist, Subscriber, WhenNotTranslated


def kind_of(item):
    """The recipients' wish an item answers: "releases" or "events"."""
    return "releases" if isinstance(item, PressRelease) else "events"


def item_topic_ids(item):
    if not isinstance(item, PressRelease):
        return []
    return list(item.topics.values_list("pk", flat=True))


def item_region_ids(item):
    """The regions an item concerns: its issuing office's, and those of the
    offices in its countries."""
    regions = set()
    if isinstance(item, PressRelease):
        office = item.issuing_office
        if office is not None and office.region_id:
            regions.add(office.region_id)
        countries = [country.code for country in item.countries]
    else:
        countries = [item.country.code] if item.country else []
    if countries:
        regions.update(
            Office.objects.filter(country__in=countries, region__isnull=False)
            .values_list("region_id", flat=True)
            .distinct()
        )
    return sorted(regions)


def none_or_any(model, field, ids):
    """Recipients who chose no `field` (they want them all) or one of `ids`."""
    relation = getattr(model, field)
    through = relation.through
    owner = f"{relation.field.m2m_field_name()}_id"
    target = f"{relation.field.m2m_reverse_field_name()}_id"
    links = through.objects.filter(**{owner: OuterRef("pk")})
    return ~Exists(links) | Exists(links.filter(**{f"{target}__in": ids}))


def matching(queryset, item):
    """The recipients of `queryset` who receive email and want `item`: its kind, a
    topic of theirs (or none chosen), a region of theirs (or none chosen). An item
    about no topic or no region concerns everyone."""
    kind = kind_of(item)
    model = queryset.model
    recipients = queryset.receiving().wanting(kind)
    topics = item_topic_ids(item)
    if topics:
        recipients = recipients.filter(none_or_any(model, "topics", topics))
    regions = item_region_ids(item)
    if regions:
        recipients = recipients.filter(none_or_any(model, "regions", regions))
    return recipients


def journalists_for(item, accredited_only=False):
    queryset = (
        Journalist.objects.accredited() if accredited_only else Journalist.objects
    )
    return matching(queryset.all(), item)


def subscribers_for(item):
    return matching(Subscriber.objects.all(), item)


def language_for(languages, when_not_translated, item, public=None):
    """The version of `item` a recipient reading `languages` (in order of
    preference) gets: the first of theirs that is public; else the original, or
    None to wait for one of theirs, as they chose."""
    public = item.public_languages() if public is None else public
    for code in languages:
        if code in public:
            return code
    if when_not_translated == WhenNotTranslated.WAIT:
        return None
    return item.original_language
