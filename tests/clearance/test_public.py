"""What visitors see of clearance: an expired item is gone (410) without a job;
every slug a public version ever had redirects (301) to the current URL, and is
never given to another item."""

import pytest

from newsroom.models import PressRelease
from tests.factories import ago, ahead, form_data, make_release

from .conftest import admin_url

pytestmark = pytest.mark.django_db


def test_an_expired_release_is_gone(client):
    """Past its expiry time a release leaves every list and feed and answers 410;
    before it, it is live."""
    lasting = make_release("lasting", expires_at=ahead(hours=1))
    expired = make_release("expired", expires_at=ago(minutes=1))
    assert list(PressRelease.objects.live()) == [lasting]
    assert lasting.is_live and not expired.is_live
    assert client.get("/en/press-releases/lasting-en/").status_code == 200
    assert client.get("/en/press-releases/expired-en/").status_code == 410
    listing = client.get("/en/press-releases/").content.decode()
    feed = client.get("/en/press-releases/feed/rss/").content.decode()
    assert "lasting title en" in listing and "expired title en" not in listing
    assert "lasting title en" in feed and "expired title en" not in feed


def test_an_expiry_before_the_publish_time_is_refused():
    release = make_release("odd", expires_at=ago(days=2))
    with pytest.raises(Exception, match="expiry time must come after"):
        release.clean()


def test_every_former_slug_redirects_to_the_current_url(client):
    """After two title changes, each earlier public slug, in each language,
    answers 301 to the current URL in the language asked."""
    release = make_release("first", versions={"fr": "ready"})
    for title in ("second", "third"):
        release.slug_en = f"{title}-en"
        release.slug_fr = f"{title}-fr"
        release.save()
    for old in ("first-en", "second-en"):
        response = client.get(f"/en/press-releases/{old}/")
        assert response.status_code == 301
        assert response["Location"] == "/en/press-releases/third-en/"
    response = client.get("/fr/communiques-de-presse/first-fr/")
    assert response.status_code == 301
    assert response["Location"] == "/fr/communiques-de-presse/third-fr/"


def test_a_former_slug_of_an_item_no_longer_public(client):
    """A former slug of a withdrawn item answers 410; of an item moved to a
    future time, 404 (a redirect would name its new slug)."""
    withdrawn, later = make_release("pulled"), make_release("later")
    for release in (withdrawn, later):
        release.slug_en = f"{release.slug_en}-renamed"
        release.save()
    withdrawn.state = "withdrawn"
    withdrawn.save()
    later.publish_at = ahead(days=1)
    later.save()
    assert client.get("/en/press-releases/pulled-en/").status_code == 410
    assert client.get("/en/press-releases/later-en/").status_code == 404


def test_a_former_slug_is_never_given_to_another_item(admin_client):
    """The admin refuses a slug that another item had publicly."""
    old = make_release("taken")
    old.slug_en = "taken-renamed"
    old.save()
    other = make_release("other", state="draft")
    change = admin_url(PressRelease, "change", other.pk)
    data = form_data(admin_client.get(change))
    data["slug_en"] = ["taken-en"]
    response = admin_client.post(change, data)
    assert response.status_code == 200
    assert "Another item had this address" in response.content.decode()


def test_the_link_to_skipped_items_lists_them_only(admin_client):
    """The summary's link (?id__in=…) opens the list of exactly those items."""
    first, second, _other = make_release("a"), make_release("b"), make_release("c")
    url = admin_url(PressRelease) + f"?id__in={first.pk},{second.pk}"
    response = admin_client.get(url)
    assert response.status_code == 200
    shown = response.context["cl"].result_list
    assert sorted(item.pk for item in shown) == sorted([first.pk, second.pk])
