"""When a document last changed: its item's own dates (`last_changed`), and the
dates of the rows it prints besides, so that `updated_since` lists an item whose
document changed though its own row did not, and the document's date
(`versioncreated`, an event's `updated`) says when.

What a release's document prints of other rows (ninjs.release_document): its
topics' names and slugs, its issuing office's, the names and pages of the people
quoted or mentioned and of the speakers of its quotes, its public media contacts
(their phones are saved with them), its main photo and its videos' posters, the
related event while live and the live related releases, and the organisation's
boilerplate unless switched off. An event's (documents.event_document): its
officials. Only what a document prints counts: an internal contact, a draft, an
event not public yet date nothing.

A save or a deletion of one of those rows dates the items printing it in their
`shown_changed_at` (signals.py), so that a request reads only the items' own
indexed dates, however old the moment asked about. What happens without a save
is read at the time of the request, each on its own index: a related event or
release that went live at its publish time or expired since (publication is a
query), and the boilerplate changed since (one profile, printed by every release
that shows it). A related event or release is dated as its own document is
while live, and when it stopped being public once gone, as its tombstone is:
the document no longer prints it.

The quotes, documents and videos of a release are saved with it (its form, its
working copy), as its links to other rows are. A link removed without a save of
the release, and the worker's renditions leave no date."""

from django.db.models import F, Lookup, Q
from django.utils import timezone

from newsroom.core.publication import expired_q
from newsroom.core.standards import last_changed
from newsroom.models import Event, PressRelease


def own_changes(moment):
    """Items saved, published or corrected at or after `moment`, or printing a
    row changed since."""
    return (
        Q(updated_at__gte=moment)
        | Q(publish_at__gte=moment)
        | Q(corrected_at__gte=moment)
        | Q(shown_changed_at__gte=moment)
    )


class InKeys(Lookup):
    """`lhs IN (subquery)`, which PostgreSQL gets as an array computed first
    (`= ANY(ARRAY(…))`): values it looks up on the column's index, also as one
    arm of an OR of indexed conditions (a bitmap OR), and computes only once a
    row needs them. A subquery there made it test every row of the table."""

    lookup_name = "in_keys"

    def as_sql(self, compiler, connection, template="%s IN %s"):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        return template % (lhs, rhs), (*lhs_params, *rhs_params)

    def as_postgresql(self, compiler, connection):
        return self.as_sql(compiler, connection, template="%s = ANY(ARRAY%s)")


def came_or_went(model, moment, now):
    """The keys of the items of `model` that went live at their publish time or
    expired between `moment` and `now`: no save dates those."""
    published = model.objects.live(now).filter(publish_at__gte=moment)
    expired = model.objects.filter(expired_q(now, moment))
    return (published | expired).order_by().values("pk")


def release_changes(moment, organisation=None):
    """The releases whose document changed at or after `moment`. `organisation`
    is the profile the documents print the boilerplate of."""
    now = timezone.now()
    related = PressRelease.related_releases.through.objects.filter(
        to_pressrelease__in=came_or_went(PressRelease, moment, now)
    )
    changes = (
        own_changes(moment)
        | Q(InKeys(F("related_event"), came_or_went(Event, moment, now)))
        | Q(InKeys(F("pk"), related.order_by().values("from_pressrelease")))
    )
    if organisation and organisation.updated_at >= moment:
        changes |= Q(show_boilerplate=True)
    return changes


def event_changes(moment):
    """The events whose document changed at or after `moment`."""
    return own_changes(moment)


def shown_date(item, now=None):
    """When what another document prints of publishable `item` last changed:
    its own document's date while live; once gone, when it stopped being public,
    as its tombstone dates it (views.tombstones); None for an item never public."""
    return last_changed(item) if item.is_live else item.stopped_being_public_at(now)


def release_changed_at(release, organisation):
    """The latest of `release`'s own dates, of the rows its document prints
    (`shown_changed_at`), of the boilerplate it prints (`organisation`'s) and of
    its related event and releases as read by `releases_for_documents()`."""
    now = timezone.now()
    dates = [last_changed(release), release.shown_changed_at]
    if release.show_boilerplate and organisation:
        dates.append(organisation.updated_at)
    items = [release.related_event, *release.live_related, *release.gone_related]
    dates += [shown_date(item, now) for item in items if item]
    return max(filter(None, dates))


def event_changed_at(event):
    """The latest of `event`'s own dates and its officials'."""
    return max(filter(None, [last_changed(event), event.shown_changed_at]))
