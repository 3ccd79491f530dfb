"""Media on S3-compatible object storage (django-storages), against a local S3
endpoint: uploads and their renditions go to the bucket and are served from it,
they go with their photo, and the embargo holds."""

import io
import urllib.request

import pytest
from django.conf import settings as django_settings
from django.core.cache import cache
from django.test import TestCase, override_settings
from django.urls import reverse
from django.utils import translation
from PIL import Image

from newsroom.models import Photo
from tests.factories import ahead, make_release, parse, shared_rows
from tests.photos.conftest import run_worker, upload
from tests.photos.image_files import jpeg_from_camera
from tests.ports import free_ports
from tests.test_project import loaded_settings, run

from .conftest import new_bucket, use_bucket, use_keys

pytestmark = pytest.mark.django_db


def store_photo():
    """A photo uploaded to the media storage, with its renditions."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        photo = Photo.objects.create(
            image=upload("harbour.jpg", jpeg_from_camera((1300, 900))),
            alt_text_en="A harbour at dawn",
        )
    run_worker()
    return photo


@pytest.fixture(scope="module")
def pictured(s3_endpoint, django_db_setup, django_db_blocker):
    """A bucket holding a photo and its renditions (`.photo`), made once for the
    tests that do not change them; the photo's row is rolled back after them."""
    with pytest.MonkeyPatch.context() as monkeypatch:
        use_keys(monkeypatch)
        bucket = new_bucket(s3_endpoint)
        with override_settings(
            STORAGES={**django_settings.STORAGES, "default": bucket.storage}
        ):
            with shared_rows(django_db_blocker, store_photo) as bucket.photo:
                yield bucket


@pytest.fixture
def photo(pictured, settings, monkeypatch):
    """The shared photo, its bucket the site's media storage for this test."""
    use_bucket(pictured, settings, monkeypatch)
    yield pictured.photo
    cache.clear()


def image_urls(response):
    tree = parse(response)
    urls = tree.xpath("//img/@src") + tree.xpath("//source/@srcset")
    return [part.split()[0] for url in urls for part in url.split(",")]


def test_the_upload_and_its_renditions_go_to_the_bucket(pictured, photo):
    bucket = pictured
    keys = bucket.keys()
    assert photo.image.name in keys
    assert photo.image.name.startswith("photos/")
    renditions = [key for key in keys if key.startswith("renditions/")]
    assert len(renditions) >= 4
    head = bucket.client.head_object(Bucket=bucket.name, Key=renditions[0])
    assert head["CacheControl"] == "public, max-age=31536000"


def test_a_release_page_shows_the_photo_from_the_bucket(pictured, photo, client):
    bucket = pictured
    release = make_release("pictured", main_photo=photo)
    response = client.get(release.get_absolute_url())
    assert response.status_code == 200
    urls = [url for url in image_urls(response) if bucket.name in url]
    assert urls, image_urls(response)
    with urllib.request.urlopen(urls[0], timeout=10) as answer:
        assert answer.status == 200
        assert answer.read(3) == b"\xff\xd8\xff"  # a JPEG


@pytest.mark.parametrize("signed", [False, True], ids=["public", "signed"])
def test_each_srcset_address_opens_its_rendition(photo, client, settings, signed):
    """Each address of the release page's srcsets, public or signed by the
    storage, opens from the bucket the rendition of its width and format."""
    if signed:
        storage = settings.STORAGES["default"]
        options = {**storage["OPTIONS"], "querystring_auth": True}
        settings.STORAGES = {
            **settings.STORAGES,
            "default": {**storage, "OPTIONS": options},
        }
    release = make_release("everyaddress", main_photo=photo)
    (picture,) = parse(client.get(release.get_absolute_url())).xpath("//picture")
    for element, pillow_format in (("source", "WEBP"), ("img", "JPEG")):
        (tag,) = picture.xpath(f".//{element}")
        for candidate in tag.get("srcset").split(", "):
            url, width = candidate.split()
            assert ("Signature=" in url) is signed
            with urllib.request.urlopen(url, timeout=10) as answer:
                image = Image.open(io.BytesIO(answer.read()))
            assert (image.format, f"{image.width}w") == (pillow_format, width)


def test_deleting_the_photo_deletes_its_files(
    bucket, django_capture_on_commit_callbacks
):
    photo = store_photo()
    assert bucket.keys()
    with django_capture_on_commit_callbacks(execute=True):
        photo.delete()
    assert bucket.keys() == []


def test_an_embargoed_releases_photo_is_named_by_its_embargo_link_only(photo, client):
    """The photo of a release under embargo is in the bucket (under a name no one
    can guess), shown to the holder of the embargo link, named by no public
    page; once the release is live, its page shows it."""
    release = make_release("embargoed", main_photo=photo, publish_at=ahead(days=1))
    stem = photo.image.name.rsplit("/", 1)[-1].split(".")[0]
    with translation.override("en"):
        embargo = reverse(
            "newsroom:release-embargo", kwargs={"token": release.embargo_token}
        )
        public = ["/en/", reverse("newsroom:release-list")]
        public += [reverse("syndication:release-rss"), "/sitemap-news.xml"]
    assert stem in client.get(embargo).content.decode()
    for url in public:
        response = client.get(url)
        assert response.status_code == 200, url
        assert stem not in response.content.decode(), url
    assert client.get(release.get_absolute_url()).status_code == 404
    release.publish_at = ahead(days=-1)
    release.save()
    assert stem in client.get(release.get_absolute_url()).content.decode()


def test_the_environment_chooses_the_bucket():
    """With AWS_STORAGE_BUCKET_NAME set, media go to S3 (and the policy lets the
    pages show its images); without it, to the media folder."""
    assert loaded_settings()["media_root"]
    script = (
        "from django.conf import settings; "
        "print(settings.STORAGES['default']['BACKEND']); "
        "print(' '.join(settings.CONTENT_SECURITY_POLICY['DIRECTIVES']['img-src']))"
    )
    result = run(
        ["-c", script],
        AWS_STORAGE_BUCKET_NAME="press-media",
        AWS_S3_CUSTOM_DOMAIN="media.example.org",
    )
    backend, img_src = result.stdout.splitlines()
    assert backend == "storages.backends.s3.S3Storage"
    assert "https://media.example.org" in img_src.split()
    result = run(["-c", script])
    assert result.stdout.splitlines()[0].endswith("MediaStorage")


def test_readyz_asks_the_bucket(bucket, client, settings):
    assert client.get("/readyz").json()["checks"]["storage"] == "ok"
    (closed,) = free_ports(1)
    options = settings.STORAGES["default"]["OPTIONS"]
    settings.STORAGES = {
        **settings.STORAGES,
        "default": {
            **settings.STORAGES["default"],
            "OPTIONS": {**options, "endpoint_url": f"http://127.0.0.1:{closed}"},
        },
    }
    response = client.get("/readyz")
    assert response.status_code == 200
    assert response.json()["checks"]["storage"] == "unavailable"
    assert response.json()["status"] == "degraded"
