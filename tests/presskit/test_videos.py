"""Videos: embeds from an allow-list (YouTube through youtube-nocookie, Vimeo,
UN Web TV), nothing requested from the host before the visitor clicks play, a
title, a transcript and a b-roll link; in JSON-LD and the PO exchange."""

from urllib.parse import urlsplit

import pytest
from django.core.exceptions import ValidationError

from newsroom.clearance.revisions import publish_changes
from newsroom.core.video import embed_for
from newsroom.models import Video
from tests.factories import EVERY_LANGUAGE, make_release, parse

from .conftest import json_ld, path_in, round_trip

pytestmark = pytest.mark.django_db

YOUTUBE = "https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ"


@pytest.mark.parametrize(
    "url, embed",
    [
        ("https://www.youtube.com/watch?v=dQw4w9WgXcQ&t=42", YOUTUBE),
        ("https://youtu.be/dQw4w9WgXcQ", YOUTUBE),
        ("https://m.youtube.com/shorts/dQw4w9WgXcQ", YOUTUBE),
        ("https://www.youtube-nocookie.com/embed/dQw4w9WgXcQ", YOUTUBE),
        ("https://vimeo.com/76979871", "https://player.vimeo.com/video/76979871?dnt=1"),
        (
            "https://player.vimeo.com/video/76979871",
            "https://player.vimeo.com/video/76979871?dnt=1",
        ),
        (
            "https://webtv.un.org/en/asset/k1x/k1xabcd9z",
            "https://webtv.un.org/en/asset/k1x/k1xabcd9z",
        ),
    ],
)
def test_allowed_hosts_give_their_player(url, embed):
    assert embed_for(url).embed_url == embed


@pytest.mark.parametrize(
    "url",
    [
        "https://www.youtube.com.evil.example/watch?v=dQw4w9WgXcQ",
        "https://evil.example/?u=https://youtu.be/dQw4w9WgXcQ",
        "javascript:alert(1)//youtu.be/dQw4w9WgXcQ",
        "https://www.youtube.com/watch?v=short",
        'https://www.youtube.com/watch?v=dQw4w9WgXcQ"><script>',
        "https://vimeo.com/channels/staffpicks",
        "https://webtv.un.org/en/schedule",
        "https://dailymotion.com/video/x7tgad0",
        "https://youtu.be:8080/dQw4w9WgXcQ",
        "",
    ],
)
def test_other_addresses_are_refused(url):
    """Any other host, or an address of an allowed host that names no video, is
    refused with a reason."""
    assert embed_for(url) is None
    video = Video(release=make_release("refused"), url=url, title_en="T")
    with pytest.raises(ValidationError) as error:
        video.full_clean()
    assert "url" in error.value.message_dict


@pytest.fixture
def release():
    release = make_release("video", versions=EVERY_LANGUAGE)
    Video.objects.create(
        release=release,
        url="https://youtu.be/dQw4w9WgXcQ",
        title_en="The summit in pictures",
        title_fr="Le sommet en images",
        transcript_en="Speaker: we share a vision.",
        transcript_fr="Oratrice : nous partageons une vision.",
        broll_url="https://media.example.org/broll/summit.zip",
    )
    return release


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_a_video_is_a_poster_and_a_button_until_played(client, release, lang):
    """No iframe and nothing from the host in the page: a play button that
    carries the player's address, the link to the video, the b-roll link, the
    transcript in the version's language (else the original's)."""
    response = client.get(path_in(release, lang))
    tree = parse(response)
    figure = tree.xpath("//figure[@class='video']")[0]
    assert not tree.xpath("//iframe")
    assert figure.xpath(".//button/@data-embed-src") == [YOUTUBE]
    hosts = {urlsplit(src).netloc for src in tree.xpath("//*[@src]/@src")}
    assert hosts <= {""}
    links = figure.xpath(".//figcaption/a/@href")
    assert links == [
        "https://youtu.be/dQw4w9WgXcQ",
        "https://media.example.org/broll/summit.zip",
    ]
    transcript = figure.xpath("string(.//details[@class='transcript']/div)").strip()
    expected = "Oratrice" if lang == "fr" else "Speaker"
    assert transcript.startswith(expected)
    article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
    (described,) = [
        m for m in article["associatedMedia"] if m["@type"] == "VideoObject"
    ]
    assert described["embedUrl"] == YOUTUBE
    assert described["transcript"].startswith(expected)


def test_video_texts_round_trip(tmp_path, release):
    video = release.videos.get()
    po, _report = round_trip(tmp_path, "es", lambda entry: "ES " + entry.msgid)
    contexts = {entry.msgctxt for entry in po}
    assert {
        f"newsroom.video:{video.pk}:title",
        f"newsroom.video:{video.pk}:transcript",
    } <= contexts
    # The release is live: the translations wait in its working copy.
    publish_changes(release)
    video.refresh_from_db()
    assert video.title_es == "ES The summit in pictures"


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_nothing_is_requested_from_the_host_before_the_click(page, live_server):
    """Chromium loads the page without one request off the site; a click on play
    puts the youtube-nocookie player in its place."""
    release = make_release("browsed")
    Video.objects.create(
        release=release, url="https://youtu.be/dQw4w9WgXcQ", title_en="Summit"
    )
    site = urlsplit(live_server.url).netloc
    foreign = []

    def watch(route):
        if urlsplit(route.request.url).netloc != site:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    page.route("**/*", watch)
    page.goto(path_in(release, "en"))
    page.wait_for_load_state("networkidle")
    assert foreign == []
    assert page.locator("iframe").count() == 0
    page.get_by_role("button", name="Play the video (from YouTube)").click()
    frame = page.locator("figure.video iframe")
    assert frame.get_attribute("src").startswith(YOUTUBE)
    assert frame.get_attribute("title") == "Summit"
    page.wait_for_timeout(300)
    assert foreign and all("youtube-nocookie.com" in url for url in foreign)
