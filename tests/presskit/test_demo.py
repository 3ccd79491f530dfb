"""The seed's release in the demo carries its press kit in three languages."""

import re

import pytest

from newsroom.demo.content import BAKU_RELEASE
from newsroom.models import PressRelease
from tests.factories import parse, text_of

from .conftest import json_ld, path_in

LANGUAGES = ["en", "fr", "es"]


def numbers(text):
    return set(re.findall(r"\d+", text))


@pytest.fixture
def baku(loaded):
    return PressRelease.objects.get(slug_fr=BAKU_RELEASE["slug_fr"])


@pytest.mark.usefixtures("loaded")
class TestTheDemoPressKit:
    @pytest.mark.parametrize("lang", LANGUAGES)
    def test_notes_to_editors_and_boilerplate(self, client, baku, lang):
        """The Non-Aligned Movement paragraph is the notes to editors (120 member
        states, 17 observer countries, 10 observer organisations), no longer the
        body's; the boilerplate says 1951, 175 member states, 171 countries."""
        response = client.get(path_in(baku, lang))
        tree = parse(response)
        notes = text_of(tree, "//section[@class='notes-to-editors']")
        assert {"120", "17", "10"} <= numbers(notes)
        assert "17" not in numbers(text_of(tree, "//div[@class='body']"))
        about = tree.xpath("//section[@class='boilerplate']/div")[0]
        assert about.get("lang") == lang
        assert {"1951", "175", "171"} <= numbers(about.text_content())
        article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
        assert "175" in article["publisher"]["description"]
        assert "17" in numbers(article["backstory"])

    @pytest.mark.parametrize(
        ("lang", "heading"),
        [("en", "About IOM"), ("fr", "À propos de l’OIM"), ("es", "Acerca de la OIM")],
    )
    def test_the_boilerplate_heading(self, client, baku, lang, heading):
        """The demo's profile words the heading in each language."""
        tree = parse(client.get(path_in(baku, lang)))
        assert text_of(tree, "//section[@class='boilerplate']/h2") == heading

    @pytest.mark.parametrize(
        "lang, words, title",
        [
            ("en", "We share a vision of peace", "Regional Director"),
            ("fr", "Nous partageons une vision de paix", "Directrice régionale"),
            ("es", "Compartimos una visión de paz", "Directora Regional"),
        ],
    )
    def test_the_regional_directors_quote(self, client, baku, lang, words, title):
        """Argentina Szabados's words are a structured quote, with her title of
        October 2019 in the feminine, and no longer a paragraph of the body."""
        response = client.get(path_in(baku, lang))
        tree = parse(response)
        figure = tree.xpath("//figure[@class='quote']")[0]
        assert words in figure.xpath("string(blockquote)")
        assert figure.get("lang") == lang
        caption = figure.xpath("string(figcaption/cite)")
        assert caption == f"Argentina Szabados, {title}"
        assert words not in text_of(tree, "//div[@class='body']")
        article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
        assert article["hasPart"][0]["creator"]["name"] == "Argentina Szabados"

    @pytest.mark.parametrize(
        "lang, block",
        [
            (
                "en",
                "For more information, please contact Joe Lowry, Regional "
                "Office for South-Eastern Europe, Eastern Europe and Central Asia, "
                "Tel.: +43 660 3776404, Email: jlowry@iom.int",
            ),
            (
                "fr",
                "Pour plus d’informations, veuillez contacter Joe Lowry, Bureau "
                "régional pour l’Europe du Sud-Est, l’Europe de l’Est et l’Asie "
                "centrale, Tél. : +43 660 3776404, Courriel : jlowry@iom.int",
            ),
            (
                "es",
                "Para más información, póngase en contacto con Joe Lowry, Oficina "
                "Regional para Europa Sudoriental, Europa Oriental y Asia "
                "Central, Tel.: +43 660 3776404, Correo electrónico: jlowry@iom.int",
            ),
        ],
    )
    def test_the_media_contact_block(self, client, baku, lang, block):
        """The media contact block reads as the seed prints it, in each language:
        who to contact, the regional office (the demo's name for it), the phone
        and the email, with the language's own labels and spacing."""
        tree = parse(client.get(path_in(baku, lang)))
        box = tree.xpath("//section[@class='media-contacts']")[0]
        heading = " ".join(box.xpath("string(h2)").split())
        contact = box.xpath("ul/li[@class='contact']")[0]
        contact.remove(contact.xpath("a[@class='vcard']")[0])
        text = " ".join(contact.text_content().split())
        assert f"{heading} {text}" == block
        assert "jlowry" not in text_of(tree, "//div[@class='body']")
