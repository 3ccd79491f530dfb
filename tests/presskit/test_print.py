"""The demo release prints on clean pages: Chromium's own PDF of the page holds the
release and its press kit, and nothing of the site around it."""

import io
import re

import pypdf
import pytest

from newsroom.demo import content as demo
from newsroom.demo import organisation as organisation_demo
from newsroom.models import PressRelease

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
