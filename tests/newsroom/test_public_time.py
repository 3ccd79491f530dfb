"""Whether an item was ever public, the fact that decides whether its withdrawal
may be named (the API's tombstones): remembered by each save, and inferred for
the items that existed before it was, from the rows their revisions kept."""

import datetime
import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import User
from django.utils.dateparse import parse_datetime

from newsroom.clearance import revisions, workflow
from newsroom.clearance.models import Revision
from newsroom.core.publication import PublicationState
from newsroom.models import PressRelease
from tests.factories import ago, ahead, make_release

pytestmark = pytest.mark.django_db

MIGRATION = importlib.import_module("newsroom.migrations.0017_public_publish_at")


@pytest.fixture
def publisher(db):
    return User.objects.create_superuser("publisher", "publisher@example.org", "x")


def withdraw(release, user):
    workflow.withdraw(PressRelease.objects.get(pk=release.pk), user, "Wrong")


def move_back(release, delta):
    """As if what happened to `release` so far had happened `delta` earlier."""
    for revision in revisions.revisions_of(release):
        data = revision.data
        if data["publish_at"]:
            moment = parse_datetime(data["publish_at"]) - delta
            data["publish_at"] = moment.isoformat()
        Revision.objects.filter(pk=revision.pk).update(
            created_at=revision.created_at - delta, data=data
        )
    row = PressRelease.objects.get(pk=release.pk)
    PressRelease.objects.filter(pk=release.pk).update(
        publish_at=row.publish_at - delta, updated_at=row.updated_at - delta
    )


def inferred():
    """{title: public publish time} as the migration infers them anew."""
    PressRelease.objects.update(public_publish_at=None)
    MIGRATION.infer_public_times(apps, None)
    return dict(PressRelease.objects.values_list("title_en", "public_publish_at"))


def test_the_migration_names_only_items_that_were_live(publisher):
    """Live, and live then withdrawn: public since their publish time. Withdrawn
    while scheduled (its time passed since), withdrawn once approved with a past
    publish time, a draft: never public."""
    live = make_release("live")
    gone = make_release("gone")
    withdraw(gone, publisher)
    scheduled = make_release("scheduled", publish_at=ahead(hours=1))
    withdraw(scheduled, publisher)
    move_back(scheduled, datetime.timedelta(hours=2))
    approved = make_release(
        "approved", state=PublicationState.APPROVED, publish_at=ago(days=2)
    )
    withdraw(approved, publisher)
    make_release("draft", state=PublicationState.DRAFT, publish_at=None)
    assert inferred() == {
        "live title en": live.publish_at,
        "gone title en": gone.publish_at,
        "scheduled title en": None,
        "approved title en": None,
        "draft title en": None,
    }


def test_the_migration_finds_a_release_live_until_its_expiry(publisher):
    """Saved live, expired without a save, then withdrawn: it was public."""
    release = make_release("brief", publish_at=ago(days=2))
    move_back(release, datetime.timedelta(days=1))
    PressRelease.objects.filter(pk=release.pk).update(expires_at=ago(hours=1))
    for revision in revisions.revisions_of(release):
        revision.data["expires_at"] = ago(hours=1).isoformat()
        Revision.objects.filter(pk=revision.pk).update(data=revision.data)
    withdraw(release, publisher)
    published = PressRelease.objects.get(pk=release.pk).publish_at
    assert inferred() == {"brief title en": published}


def test_a_save_remembers_a_release_that_went_live_on_its_own(publisher):
    """Scheduled, live at its time without a save, then withdrawn: the
    withdrawal's save remembers it was public; withdrawn before its time, it
    was not."""
    went_live = make_release("went", publish_at=ahead(hours=1))
    assert went_live.public_publish_at is None
    PressRelease.objects.filter(pk=went_live.pk).update(publish_at=ago(minutes=1))
    withdraw(went_live, publisher)
    never = make_release("never", publish_at=ahead(hours=1))
    withdraw(never, publisher)
    rows = dict(PressRelease.objects.values_list("title_en", "public_publish_at"))
    assert rows["went title en"] is not None
    assert rows["never title en"] is None


def test_restoring_a_revision_keeps_the_fact(publisher):
    """Restoring the text of a revision saved before the release went live does
    not make it never public: the fact is the row's, not the editors'."""
    release = make_release("restored", publish_at=ahead(hours=1))
    first = revisions.revisions_of(release).last()
    PressRelease.objects.filter(pk=release.pk).update(publish_at=ago(minutes=1))
    withdraw(release, publisher)
    stored = PressRelease.objects.get(pk=release.pk)
    workflow.restore(stored, first, publisher)
    assert PressRelease.objects.get(pk=release.pk).public_publish_at is not None
