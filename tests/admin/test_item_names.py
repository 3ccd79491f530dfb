"""The names of items in the admin say their language (WCAG 2.2, 3.1.2 Language
of Parts): where the admin shows an item's name written in another language
than its own (a release's title in its original language, a topic's English
name while it has no French one, modeltranslation's fallback), the name carries
`lang` (the page's headings, breadcrumbs, the list's links and cells, an
inline row's heading, the messages), and the page's <title>, which takes no
markup, says it as plain text. A name in the admin's language carries none."""

import pytest
from django.conf import settings
from django.urls import reverse

from newsroom.models import Quote, Topic
from tests.factories import form_data, make_contact, make_office, make_release, parse

pytestmark = pytest.mark.django_db

BREADCRUMBS = "//div[@class='breadcrumbs']"
SUBTITLE = "//div[@id='content']/h2"
HEADING = "//div[@id='content']/h1"
MESSAGES = "//ul[@class='messagelist']/li"


def in_french(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fr"
    return client


def marked(node, text):
    """The language `node` says `text` is in: that of its <span lang> holding
    exactly `text`, None when `text` stands unmarked in it."""
    spans = node.xpath("descendant-or-self::span[@lang]")
    for span in spans:
        if span.text_content() == text:
            return span.get("lang")
    assert text in node.text_content(), (text, node.text_content())
    return None


def page_title(tree):
    """The <title>'s text, which must carry no markup."""
    (title,) = tree.xpath("//title")
    assert not len(title), "markup in <title>"
    assert "<" not in title.text, title.text
    return title.text


def release_pages(release):
    return {
        "change": reverse("admin:newsroom_pressrelease_change", args=[release.pk]),
        "history": reverse("admin:newsroom_pressrelease_history", args=[release.pk]),
        "delete": reverse("admin:newsroom_pressrelease_delete", args=[release.pk]),
    }


@pytest.mark.parametrize(
    ("original", "lang"), [("en", "en"), ("es", "es"), ("fr", None)]
)
def test_a_release_title_says_its_language_on_its_pages(editor, original, lang):
    """In the French admin, a release written in English (its French title
    empty) or Spanish shows its title in that language, marked up so, in the
    breadcrumbs, the change form's subtitle, the history's and the delete
    confirmation's heading and question; its <title> is plain text. One written
    in French carries no lang."""
    release = make_release("summit", original=original)
    title = str(release)
    assert title == f"summit title {original}"
    pages = release_pages(release)
    in_french(editor)

    tree = parse(editor.get(pages["change"]))
    assert marked(tree.xpath(BREADCRUMBS)[0], title) == lang
    assert marked(tree.xpath(SUBTITLE)[0], title) == lang
    assert title in page_title(tree)

    tree = parse(editor.get(pages["history"]))
    assert marked(tree.xpath(BREADCRUMBS)[0], title) == lang
    assert marked(tree.xpath(HEADING)[0], title) == lang
    assert title in page_title(tree)

    tree = parse(editor.get(pages["delete"]))
    assert marked(tree.xpath(BREADCRUMBS)[0], title) == lang
    (question,) = tree.xpath("//div[@id='content']//p[1]")
    assert marked(question, title) == lang


def test_a_release_in_the_admins_language_carries_no_lang(editor):
    """The English admin shows an English release's title with no lang: the
    page already says it is English."""
    release = make_release("summit", original="en", versions={"fr": "ready"})
    tree = parse(editor.get(release_pages(release)["change"]))
    assert not tree.xpath("//div[@id='content']//span[@lang]")
    assert marked(tree.xpath(SUBTITLE)[0], str(release)) is None


@pytest.mark.parametrize(("original", "lang"), [("en", "en"), ("fr", None)])
def test_the_release_list_links_a_title_in_its_language(editor, original, lang):
    """The French list of releases links each release by its title, marked up
    in its language when that is not French."""
    release = make_release("summit", original=original)
    in_french(editor)
    tree = parse(editor.get(reverse("admin:newsroom_pressrelease_changelist")))
    (link,) = tree.xpath("//th[contains(@class, 'field-__str__')]/a")
    assert link.get("href").endswith(f"/{release.pk}/change/")
    assert marked(link, str(release)) == lang


@pytest.mark.parametrize(("original", "lang"), [("en", "en"), ("fr", None)])
def test_the_message_on_saving_names_the_release_in_its_language(
    editor, original, lang
):
    """ "The press release “…” was changed successfully." in French names an
    English release by its title marked up in English, in its link."""
    release = make_release("summit", original=original)
    change = release_pages(release)["change"]
    in_french(editor)
    response = editor.post(change, form_data(editor.get(change)), follow=True)
    (message,) = parse(response).xpath(MESSAGES)
    (link,) = message.xpath("a")
    assert marked(link, str(release)) == lang


def test_a_topic_falls_back_to_english_and_says_so(editor):
    """A topic with no French name reads its English one in the French admin
    (modeltranslation's fallback): marked up in English in the list's cell and
    link, its form's subtitle, its history's heading and breadcrumbs and the
    message on saving; a topic named in French is not marked up."""
    english = Topic.objects.create(name_en="Climate", slug_en="climate")
    french = Topic.objects.create(
        name_en="Health", name_fr="Santé", slug_en="health", slug_fr="sante"
    )
    in_french(editor)
    tree = parse(editor.get(reverse("admin:newsroom_topic_changelist")))
    for topic, name, lang in ((english, "Climate", "en"), (french, "Santé", None)):
        (cell,) = tree.xpath(
            f"//tr[.//a[contains(@href, '/{topic.pk}/change/')]]"
            "/*[contains(@class, 'field-name')]"
        )
        assert marked(cell, name) == lang
        change = reverse("admin:newsroom_topic_change", args=[topic.pk])
        page = parse(editor.get(change))
        assert marked(page.xpath(SUBTITLE)[0], name) == lang
        assert name in page_title(page)
        history = reverse("admin:newsroom_topic_history", args=[topic.pk])
        page = parse(editor.get(history))
        assert marked(page.xpath(HEADING)[0], name) == lang
        assert marked(page.xpath(BREADCRUMBS)[0], name) == lang
        assert name in page_title(page)
        data = form_data(editor.get(change))
        response = editor.post(change, {**data, "_continue": "1"}, follow=True)
        (message,) = parse(response).xpath(MESSAGES)
        assert marked(message, name) == lang


def test_the_message_on_deleting_names_the_topic_in_its_language(editor):
    """ "The topic “Climate” was deleted successfully." says Climate in English
    in the French admin."""
    topic = Topic.objects.create(name_en="Climate", slug_en="climate")
    in_french(editor)
    delete = reverse("admin:newsroom_topic_delete", args=[topic.pk])
    response = editor.post(delete, {"post": "yes"}, follow=True)
    (message,) = parse(response).xpath(MESSAGES)
    assert marked(message, "Climate") == "en"
    assert not Topic.objects.filter(pk=topic.pk).exists()


def test_an_office_named_in_english_says_so_in_the_lists(editor):
    """An office named only in English, in the French lists of offices and of
    media contacts (its column of the contact's office): marked up in
    English. Its city, in no language, is empty."""
    office = make_office("baku")
    make_contact("Aysel", office=office)
    in_french(editor)
    lists = {
        "name": parse(editor.get(reverse("admin:organisation_office_changelist"))),
        "office": parse(editor.get(reverse("admin:newsroom_mediacontact_changelist"))),
    }
    for column, tree in lists.items():
        (cell,) = tree.xpath(f"//tbody//*[contains(@class, 'field-{column}')]")
        assert marked(cell, "baku office") == "en", column
    # A translated field with no text in any language reads as empty.
    (city,) = lists["name"].xpath("//tbody//*[contains(@class, 'field-city')]")
    assert city.text_content() == "-"


def test_a_quote_row_is_headed_in_its_language(editor):
    """The stacked inline's heading of a saved quote ("Citation : …") says the
    quote's words in the release's original language, marked up so."""
    release = make_release("summit", original="en")
    Quote.objects.create(release=release, text_en="We act now.")
    in_french(editor)
    tree = parse(editor.get(release_pages(release)["change"]))
    (label,) = tree.xpath("//*[@id='quotes-0']/h3/span[@class='inline_label']")
    assert marked(label, "We act now.") == "en"
