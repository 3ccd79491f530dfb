"""PDF documents of a release: validated by content (pypdf), stripped of their
metadata, listed with their size and language, in JSON-LD and the PO exchange."""

import io

import pypdf
import pytest
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.template.defaultfilters import filesizeformat
from django.urls import reverse
from django.utils import translation
from django.utils.translation import get_language_info

from newsroom.clearance.revisions import publish_changes
from newsroom.models import Document
from tests.factories import (
    DRAFT,
    EVERY_LANGUAGE,
    READY,
    form_data,
    make_release,
    parse,
)
from tests.photos.image_files import plain_jpeg

from . import pdf_files
from .conftest import json_ld, path_in, round_trip

pytestmark = pytest.mark.django_db


def upload(data, name="report.pdf"):
    return SimpleUploadedFile(name, data, content_type="application/pdf")


def attach(release, data, **fields):
    document = Document(
        release=release, file=upload(data), title_en="Annual report", **fields
    )
    document.full_clean()
    document.save()
    return document


@pytest.mark.parametrize(
    "data, reason",
    [
        (pdf_files.pdf_with_javascript(), "active content"),
        (pdf_files.pdf_with_launch_action(), "active content"),
        (pdf_files.pdf_with_embedded_file(), "active content"),
        (plain_jpeg(), "not a PDF"),
        (b"%PDF-1.7\n garbage that is no PDF at all", "damaged"),
    ],
    ids=["javascript", "launch", "embedded file", "jpeg", "damaged"],
)
def test_unsafe_or_false_pdfs_are_refused_with_a_reason(data, reason):
    """Refused on the file field, with a reason the editor can act on."""
    release = make_release("refused")
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            attach(release, data)
        assert reason in " ".join(error.value.message_dict["file"])
    assert not Document.objects.exists()


def test_the_size_cap(settings):
    """A file over NEWSROOM_DOCUMENT_MAX_BYTES is refused before it is parsed."""
    settings.NEWSROOM_DOCUMENT_MAX_BYTES = 500
    with translation.override("en"):
        with pytest.raises(ValidationError) as error:
            attach(make_release("big"), pdf_files.pdf_with_metadata())
        assert "larger than 500" in " ".join(error.value.messages)


def test_the_stored_pdf_has_its_pages_and_no_metadata():
    """The stored file is a PDF of the same pages, without author, creator or
    title; its size is recorded."""
    document = attach(make_release("clean"), pdf_files.pdf_with_metadata())
    stored = document.file.read()
    reader = pypdf.PdfReader(io.BytesIO(stored))
    assert len(reader.pages) == 2
    assert not reader.metadata
    assert b"Secret Author" not in stored and b"Microsoft Word" not in stored
    assert document.size == len(stored)


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_documents_are_listed_with_size_and_language(client, lang):
    """Listed on the page (title in the version's language, else the original's,
    type, language, size) and as DigitalDocument in JSON-LD."""
    release = make_release("listed", versions=EVERY_LANGUAGE)
    document = attach(
        release, pdf_files.plain_pdf(), title_fr="Rapport annuel", language="fr"
    )
    response = client.get(path_in(release, lang))
    link = parse(response).xpath("//section[@class='documents']//a")[0]
    assert link.get("href") == document.file.url
    assert link.get("type") == "application/pdf"
    assert link.get("hreflang") == "fr"
    assert link.text == ("Rapport annuel" if lang == "fr" else "Annual report")
    meta = " ".join(
        parse(response).xpath("string(//section[@class='documents']//li)").split()
    )
    with translation.override(lang):
        size = " ".join(filesizeformat(document.size).split())
        language = get_language_info("fr")["name_translated"]
    assert f"PDF, {size}" in meta and str(language) in meta
    article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
    (described,) = article["associatedMedia"]
    assert described["encodingFormat"] == "application/pdf"
    assert described["inLanguage"] == "fr"
    assert described["contentUrl"].endswith(document.file.url)


def test_a_document_needs_a_title_in_the_original():
    """Its title is required in the release's original language only."""
    release = make_release("untitled")
    document = Document(release=release, file=upload(pdf_files.plain_pdf()))
    with pytest.raises(ValidationError) as error:
        document.full_clean()
    assert "title_en" in error.value.message_dict


def test_document_titles_round_trip(tmp_path):
    """Document titles go to translators and come back."""
    release = make_release("docs")
    document = attach(release, pdf_files.plain_pdf())
    po, _report = round_trip(tmp_path, "fr", lambda entry: "FR " + entry.msgid)
    assert f"newsroom.document:{document.pk}:title" in {e.msgctxt for e in po}
    # The release is live: the translations wait in its working copy.
    publish_changes(release)
    document.refresh_from_db()
    assert document.title_fr == "FR Annual report"


def test_the_admin_refuses_an_unsafe_pdf_and_keeps_a_clean_one(client):
    """Through the release's change form: a PDF with JavaScript is refused with
    the reason, a plain one is stored."""
    client.force_login(User.objects.create_superuser("ed", "ed@example.org", "x"))
    release = make_release("adminpdf")
    change = reverse("admin:newsroom_pressrelease_change", args=[release.pk])

    def post(data):
        form = form_data(client.get(change))
        form.update(
            {
                "documents-TOTAL_FORMS": "1",
                "documents-0-title_en": "Statement",
                "documents-0-language": "en",
                "documents-0-order": "0",
                "documents-0-file": upload(data),
                # The release is live: saved and published in one go.
                "_clearance": "publish_changes",
            }
        )
        return client.post(change, form)

    refused = post(pdf_files.pdf_with_javascript())
    assert refused.status_code == 200
    assert "active content" in refused.content.decode()
    assert not Document.objects.exists()
    assert post(pdf_files.plain_pdf()).status_code == 302
    assert Document.objects.get().title_en == "Statement"


def test_a_document_in_a_draft_language_waits_for_its_version(client):
    """A French PDF of a release whose French version is a draft is that draft:
    no page, JSON-LD or API document lists it until French is ready."""
    release = make_release("waits", versions={"fr": DRAFT, "es": READY})
    french = attach(release, pdf_files.plain_pdf(), language="fr")
    spanish = attach(release, pdf_files.plain_pdf(), language="es")

    def listed():
        response = client.get(path_in(release, "en"))
        links = parse(response).xpath("//section[@class='documents']//a/@href")
        article = next(d for d in json_ld(response) if d["@type"] == "NewsArticle")
        media = [m["contentUrl"] for m in article["associatedMedia"]]
        api = client.get(f"/api/v1/releases/{release.slug_en}").json()
        renditions = [
            association["renditions"][0]["href"]
            for association in api["associations"]
            if association["type"] == "text"
        ]
        return links, media, renditions

    links, media, renditions = listed()
    assert links == [spanish.file.url]
    for urls in (media, renditions):
        assert [url for url in urls if french.file.url in url] == []
        assert [url for url in urls if spanish.file.url in url] != []
    release.version_state_fr = READY
    release.save()
    links, _media, renditions = listed()
    assert sorted(links) == sorted([french.file.url, spanish.file.url])
    assert [url for url in renditions if french.file.url in url] != []
