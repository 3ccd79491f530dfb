"""A cache that fails is a miss: with Redis down every public page still answers,
and the outage is logged once per burst, not per request."""

import logging
import time

import pytest
from django.core.cache import cache

from newsroom.models import Photo
from newsroom.resilience.cache import PAUSE_SECONDS, outage, paused_until
from tests.factories import make_release
from tests.photos.conftest import run_worker, upload
from tests.photos.image_files import jpeg_from_camera

from .conftest import redis_cache

pytestmark = pytest.mark.django_db

LOGGER = "newsroom.resilience.cache"


@pytest.fixture
def release_with_photo(django_capture_on_commit_callbacks):
    """A live release whose main photo has its renditions made."""
    photo = Photo(image=upload("harbour.jpg", jpeg_from_camera()), alt_text_en="A port")
    with django_capture_on_commit_callbacks(execute=True):
        photo.save()
    run_worker()
    return make_release("pictured", main_photo=photo)


def outage_reports(caplog):
    return [record for record in caplog.records if record.name == LOGGER]


def test_pages_with_images_answer_while_redis_is_down(
    client, down_cache, release_with_photo, caplog
):
    """With the cache refusing connections, the home page, the list and a release
    with a photo (renditions, shared image, JSON-LD) answer 200 with the photo, and
    the failures of all these requests are logged once, without a traceback."""
    outage.reset()
    caplog.clear()
    caplog.set_level(logging.WARNING)
    urls = ["/en/", "/en/press-releases/", release_with_photo.get_absolute_url()]
    for url in urls * 3:
        response = client.get(url)
        assert response.status_code == 200, url
        assert b"/media/renditions/" in response.content
    [report] = outage_reports(caplog)
    assert report.levelno == logging.ERROR
    assert report.exc_info is None
    assert "ConnectionError" in report.getMessage()


def test_every_operation_of_a_down_cache_is_a_miss(down_cache):
    """Reads find nothing, writes are lost, nothing raises (incr raises the
    ValueError of a missing key, as for any cache)."""
    assert cache.get("key") is None
    assert cache.get("key", "fallback") == "fallback"
    assert cache.get_many(["a", "b"]) == {}
    assert cache.has_key("key") is False
    assert cache.add("key", 1) is False
    assert cache.set("key", 1) is None
    assert cache.set_many({"a": 1, "b": 2}) == ["a", "b"]
    assert cache.touch("key") is False
    assert cache.delete("key") is False
    assert cache.delete_many(["a"]) is None
    assert cache.get_or_set("key", 5) == 5
    assert cache.clear() is None
    with pytest.raises(ValueError):
        cache.incr("key")


def test_outage_is_reported_again_after_the_interval(down_cache, caplog):
    """A burst is one report; the next one after the interval counts the failures
    passed over in between."""
    caplog.set_level(logging.WARNING)
    for _ in range(5):
        cache.get("key")
    assert len(outage_reports(caplog)) == 1
    outage.last_logged -= outage.interval
    cache.get("key")
    reports = outage_reports(caplog)
    assert len(reports) == 2
    assert "4 more since the last report" in reports[1].getMessage()


def test_the_real_redis_is_used_as_a_cache(client, real_redis, release_with_photo):
    """Against a running Redis the backend is an ordinary cache: values round-trip,
    and a page's renditions are remembered there."""
    real_redis.set("newsroom-test", {"a": 1}, 30)
    assert real_redis.get("newsroom-test") == {"a": 1}
    real_redis.set("counter", 1)
    assert real_redis.incr("counter") == 2
    assert client.get(release_with_photo.get_absolute_url()).status_code == 200
    keys = real_redis._cache.get_client().keys("*newsroom-rendition:*")
    assert keys


def test_a_hanging_redis_costs_one_timeout_not_one_per_call(
    client, settings, hanging_redis
):
    """A Redis that takes connections and never answers: the first call waits
    its socket timeout (1 s), the next ones within PAUSE_SECONDS are misses at
    once, so a page that reads the cache many times answers in about one
    timeout (it took 31 s before); after the pause Redis is asked again."""
    hanging = redis_cache(settings, hanging_redis)
    settings.CACHES["pages"] = {**settings.CACHES["default"], "KEY_PREFIX": "pages"}
    settings.NEWSROOM_PAGE_CACHE_SECONDS = 300
    make_release("waiting")
    started = time.monotonic()
    for url in ("/en/", "/en/press-releases/", "/fr/"):
        assert client.get(url).status_code == 200, url
    assert time.monotonic() - started < 2.5
    started = time.monotonic()
    assert [hanging.get(f"key{n}") for n in range(20)] == [None] * 20
    assert time.monotonic() - started < 0.5
    # Once the pause is over, Redis is asked again (and waited for again).
    paused_until[hanging._servers[0]] = time.monotonic()
    started = time.monotonic()
    assert hanging.get("again") is None
    assert 0.9 < time.monotonic() - started < PAUSE_SECONDS
