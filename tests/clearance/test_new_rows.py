"""A row new in a live release's working copy (a quote, a document, a video) is
translated before publication: the export has it under the id its row will
have, the import puts its translation back into the working copy, and the
published row keeps that id, so the translators' msgctxt stays valid."""

import pytest

from newsroom.clearance.inlines import INLINES
from newsroom.clearance.revisions import pending_copy
from newsroom.models import PressRelease, Quote
from newsroom.translations.exporting import export_catalogue
from tests.factories import form_data, make_release

from .conftest import admin_url
from .test_roles import step
from .test_working_copy import import_french, public_page

pytestmark = pytest.mark.django_db

FRENCH = "/fr/communiques-de-presse/fresh-fr/"


def quote_entries(po):
    """{msgid: entry} of the quotes' entries of `po`."""
    return {e.msgid: e for e in po if e.msgctxt.startswith("newsroom.quote:")}


def test_a_new_quote_is_translated_before_publication(client, people):
    """A writer adds a quote to a live release: the export of the quotes has it
    under an id that no row has, nor will another row take; a second save of
    the form keeps that id; the translator's import goes to the working copy;
    once published, the quote has that id and its French words, and a new
    export finds the translation under the same msgctxt."""
    release = make_release("fresh", versions={"fr": "ready"})
    said = Quote.objects.create(release=release, text_en="Old words")
    client.force_login(people["writer"])
    change = admin_url(PressRelease, "change", release.pk)
    data = form_data(client.get(change))
    data.update(
        {
            "quotes-TOTAL_FORMS": "2",
            "quotes-1-text_en": "Fresh words",
            "quotes-1-order": "1",
        }
    )
    assert client.post(change, data).status_code == 302
    assert list(Quote.objects.all()) == [said]

    entry = quote_entries(export_catalogue("fr", [Quote.objects.all()]))["Fresh words"]
    pk = int(entry.msgctxt.split(":")[1])
    assert entry.msgctxt == f"newsroom.quote:{pk}:text" and pk > said.pk
    assert not Quote.objects.filter(pk=pk).exists()
    assert Quote.objects.create(release=release, text_en="Another").pk > pk
    Quote.objects.filter(text_en="Another").delete()
    # An export of selected quotes names rows of the table only.
    selected = export_catalogue("fr", [Quote.objects.filter(pk=said.pk)])
    assert "Fresh words" not in quote_entries(selected)

    data = form_data(client.get(change))
    assert [text.strip() for text in data["quotes-1-text_en"]] == ["Fresh words"]
    data["lead_en"] = "A lead edited again"
    assert client.post(change, data).status_code == 302
    (_, new) = pending_copy(release).data[INLINES]["quotes"]
    assert new["id"] == pk

    po = export_catalogue("fr", [Quote.objects.all()])
    quote_entries(po)["Fresh words"].msgstr = "Mots frais"
    client.force_login(people["translator"])
    assert import_french(client, po, "quotes-fr.po").status_code == 302
    (_, new) = pending_copy(release).data[INLINES]["quotes"]
    assert new["text_fr"] == "Mots frais"
    assert not Quote.objects.filter(pk=pk).exists()
    assert "Mots frais" not in public_page(client, FRENCH)

    client.force_login(people["publisher"])
    step(client, release, "publish_changes")
    assert Quote.objects.get(pk=pk).text_fr == "Mots frais"
    assert "Mots frais" in public_page(client, FRENCH)
    again = quote_entries(export_catalogue("fr", [Quote.objects.all()]))
    assert again["Fresh words"].msgctxt == f"newsroom.quote:{pk}:text"
    assert again["Fresh words"].msgstr == "Mots frais"
    assert not again["Fresh words"].fuzzy
