"""The demo release prints on clean pages: Chromium's own PDF of the page holds the
release and its press kit, and nothing of the site around it; print media hides
the site's header, footer, share links and video players and prints the URL."""

import io
import re

import pypdf
import pytest

from newsroom.demo import content as demo
from newsroom.demo import organisation as organisation_demo
from newsroom.models import PressRelease, Video
from tests.factories import EVERY_LANGUAGE, make_release

from .conftest import path_in


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["fr"])
def test_the_demo_release_prints_clean(page, lang):
    """The printed French release has its title, quote, notes to editors,
    boilerplate and media contact as the seed prints it; no navigation, language
    switcher, subscription or download link."""
    organisation_demo.load()
    demo.load()
    release = PressRelease.objects.get(slug_fr=demo.BAKU_RELEASE["slug_fr"])
    page.goto(path_in(release, lang))
    pdf = pypdf.PdfReader(io.BytesIO(page.pdf(format="A4")))
    text = " ".join(" ".join(p.extract_text().split()) for p in pdf.pages).replace(
        "’", "'"
    )
    for expected in (
        "La Directrice régionale au Sommet de Bakou",
        "Nous partageons une vision de paix",
        "Argentina Szabados, Directrice régionale",
        "Notes aux rédactions",
        "120 États membres",
        "À propos de l'OIM",
        "175 États membres",
        "Pour plus d'informations, veuillez contacter",
        "Joe Lowry, Bureau régional",
        "jlowry@iom.int",
    ):
        assert expected in text, expected
    assert re.search(r"Tél\. : \+43 660 3776404", text)
    for absent in (
        "Aller au contenu",
        "Alertes par courriel",
        "English",
        "español",
        ".vcf",
        "Recevoir les communiqués",
    ):
        assert absent not in text, absent
    assert len(pdf.pages) <= 2


@pytest.mark.browser
@pytest.mark.django_db(transaction=True)
def test_print_media_hides_the_site_and_the_players_and_writes_the_url(
    page, live_server
):
    """Under print media, Chromium hides the header and its navigation, the
    footer, the share links and every video player (a played one too, whose
    iframe replaced its button); the page's address is printed. On screen they
    show and the address does not."""
    release = make_release("printed", versions=EVERY_LANGUAGE)
    for title in ("Played", "Not played"):
        Video.objects.create(
            release=release, url="https://youtu.be/dQw4w9WgXcQ", title_en=title
        )
    # The played video's host is never reached: its request is cut off.
    page.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(live_server.url)
            else route.abort()
        ),
    )
    page.goto(path_in(release, "en"))
    page.get_by_role("button", name="Play the video (from YouTube)").first.click()
    hidden_in_print = {
        "header navigation": "header.site-header nav.main-nav",
        "header": "header.site-header",
        "footer": "footer.site-footer",
        "share links": "section.share",
        "played video": "figure.video iframe",
        "play button": "figure.video button.play",
    }
    for name, selector in hidden_in_print.items():
        assert page.locator(selector).first.is_visible(), name
    address = page.locator("p.print-url")
    assert not address.is_visible()
    page.emulate_media(media="print")
    for name, selector in hidden_in_print.items():
        assert page.locator(selector).first.is_hidden(), name
        assert page.locator(selector).last.is_hidden(), name
    assert address.is_visible()
    assert address.inner_text() == page.url
