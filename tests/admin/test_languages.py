"""The language of each translated field in the admin's forms, to a screen reader
and a spell-checker: every language's text box says its language (`lang`), in
every form and inline; every label, column header, error message and table
cell names a language's version by the language's name in the admin's
language, "Title (French)", « Titre (français) », not by its code. Read-only
translated text says its language too."""

import re

import pytest
from django.conf import settings
from django.contrib import admin
from django.contrib.auth.models import Group, User
from django.urls import reverse
from django.utils import translation
from django.utils.text import capfirst
from modeltranslation.admin import TranslationBaseModelAdmin

from newsroom.clearance import roles
from newsroom.core.languages import LANGUAGE_NAMES
from newsroom.models import PressRelease, Quote, ReleaseContact, Topic, Video
from tests.clearance.conftest import ensure_roles
from tests.factories import form_data, make_contact, make_release, parse

pytestmark = pytest.mark.django_db

LANGUAGES = ["en", "fr", "es"]

# modeltranslation's class on each language's control: "mt-field-title-fr".
LANGUAGE_CLASS = re.compile(r"\bmt-field-\S+-(\w+)\b")

TRANSLATED_ADMINS = sorted(
    (
        model._meta.label
        for model, model_admin in admin.site._registry.items()
        if isinstance(model_admin, TranslationBaseModelAdmin)
    ),
)


def translated_controls(tree):
    """(control, its field's language) for every control of a translated field."""
    controls = "//form//*[self::input or self::textarea or self::select]"
    for control in tree.xpath(controls):
        found = LANGUAGE_CLASS.search(control.get("class", ""))
        if found:
            yield control, found.group(1)


@pytest.mark.parametrize("label", TRANSLATED_ADMINS)
def test_every_translated_text_box_says_its_language(editor, label):
    """In the add form of every model with translated fields, inlines and the
    rows they add in the page included, each language's text box carries that
    language; a menu of states, whose choices are in the admin's language, does
    not."""
    app_label, model_name = label.lower().split(".")
    response = editor.get(reverse(f"admin:{app_label}_{model_name}_add"))
    assert response.status_code == 200
    controls = list(translated_controls(parse(response)))
    assert controls, "no translated field in the form"
    wrong = [
        (control.get("name"), control.get("lang"))
        for control, lang in controls
        if control.get("lang") != (None if control.tag == "select" else lang)
    ]
    assert not wrong


def test_a_release_forms_inlines_say_their_language(editor):
    """The release's title, lead and the titles and quotes of its inlines, in
    each language: the checks above do not pass on an empty walk."""
    tree = parse(editor.get(reverse("admin:newsroom_pressrelease_add")))
    for lang in LANGUAGES:
        for name in (
            f"title_{lang}",
            f"lead_{lang}",
            f"videos-__prefix__-title_{lang}",
            f"documents-__prefix__-title_{lang}",
            f"quotes-__prefix__-text_{lang}",
        ):
            (control,) = tree.xpath(f"//*[@name='{name}']")
            assert control.get("lang") == lang, name


def cell_name(lang, column, row, language=None):
    """What a table's cell is named in the admin's `lang`."""
    with translation.override(lang):
        if language:
            column = translation.pgettext(
                "a translated field", "{field} ({language})"
            ).format(field=column, language=LANGUAGE_NAMES[language])
        return translation.pgettext(
            "a table cell's control", "{column}, row {row}"
        ).format(column=column, row=row)


@pytest.mark.parametrize("lang", LANGUAGES)
def test_a_translated_cell_is_named_by_its_language(editor, lang):
    """A video's title in French, in its table of forms, is "Title (French), row
    1" in the admin's language (Spanish: "Título (francés), fila 1"), and the
    row the page adds keeps the pattern; a cell in no language is named by its
    column and row alone."""
    release = make_release("cells")
    Video.objects.create(release=release, url="https://vimeo.com/76979871")
    with translation.override(lang):
        title, address = (
            capfirst(Video._meta.get_field(name).verbose_name)
            for name in ("title", "url")
        )
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    tree = parse(
        editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    for language in LANGUAGES:
        (cell,) = tree.xpath(f"//*[@id='id_videos-0-title_{language}']")
        assert cell.get("aria-label") == cell_name(lang, title, 1, language)
        (added,) = tree.xpath(f"//*[@id='id_videos-__prefix__-title_{language}']")
        assert added.get("data-cell-name") == cell_name(
            lang, title, "__prefix__", language
        )
        assert "[" not in cell.get("aria-label")
    (url,) = tree.xpath("//*[@id='id_videos-0-url']")
    assert url.get("aria-label") == cell_name(lang, address, 1)


# Where the language is said in words, not as modeltranslation's code: every
# label, column header and error message of a translated field.
LANGUAGE_CODE = re.compile(r"\[(en|fr|es)\]")
# Text the admin shows but no reader sees as such: code and controls' values.
UNSEEN = {"script", "style", "template", "input", "textarea", "option"}


def visible_texts(tree):
    """Every piece of text of the page a reader may see."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or element.tag in UNSEEN:
            continue
        for text in (element.text, *(child.tail for child in element)):
            if text and text.strip():
                yield " ".join(text.split())


def version_name(lang, field, language):
    """A language's version of translated `field` as the admin says it in its
    `lang`: "Title (French)", « Titre (français) »."""
    with translation.override(lang):
        return translation.pgettext(
            "a translated field", "{field} ({language})"
        ).format(
            field=capfirst(PressRelease._meta.get_field(field).verbose_name),
            language=LANGUAGE_NAMES[language],
        )


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("label", TRANSLATED_ADMINS)
def test_no_label_names_a_language_by_its_code(editor, label, lang):
    """In the add form of every model with translated fields, inlines included,
    no label or column header says "Title [fr]": each names its language in
    words, in the admin's language."""
    app_label, model_name = label.lower().split(".")
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    tree = parse(editor.get(reverse(f"admin:{app_label}_{model_name}_add")))
    assert [text for text in visible_texts(tree) if LANGUAGE_CODE.search(text)] == []
    with translation.override(lang):
        names = {code: f"({LANGUAGE_NAMES[code]})" for code in LANGUAGES}
    for control, language in translated_controls(tree):
        if "__prefix__" in control.get("name") or control.get("type") == "hidden":
            continue
        labels = tree.xpath(f"//label[@for='{control.get('id')}']")
        column = control.xpath("ancestor::td[1]/@class")
        if column:  # A table's cell: its column's header.
            header = f"column-{column[0].split()[-1].removeprefix('field-')}"
            labels = control.xpath(
                f"ancestor::table[1]//th[contains(@class, '{header}')]"
            )
        assert labels, control.get("name")
        assert names[language] in labels[0].text_content(), control.get("name")


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_a_release_forms_labels_say_the_language_in_words(editor, lang):
    """The release's French title is labelled "Title (French)" in English,
    « Titre (français) » in French; its videos' column "Title (Spanish)"."""
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    tree = parse(editor.get(reverse("admin:newsroom_pressrelease_add")))
    (label,) = tree.xpath("//label[@for='id_title_fr']")
    assert label.text_content().startswith(version_name(lang, "title", "fr"))
    (header,) = tree.xpath(
        "//*[@id='videos-group']//th[contains(@class, 'column-title_es')]"
    )
    with translation.override(lang):
        title = capfirst(Video._meta.get_field("title").verbose_name)
        spanish = LANGUAGE_NAMES["es"]
    assert " ".join(header.text_content().split()) == f"{title} ({spanish})"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_error_names_a_translated_field_by_its_language(editor, lang):
    """A topic's French slug that another topic has: the error names the field
    "Slug (French)" in the admin's language, not "Slug [fr]"."""
    Topic.objects.create(name_en="Climate", slug_en="climate", slug_fr="climat")
    topic = Topic.objects.create(name_en="Health", slug_en="health")
    change = reverse("admin:newsroom_topic_change", args=[topic.pk])
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    data = form_data(editor.get(change))
    data["slug_fr"] = "climat"
    response = editor.post(change, data)
    assert response.status_code == 200
    errors = " ".join(
        parse(response).xpath("//ul[contains(@class, 'errorlist')]//text()")
    )
    with translation.override(lang):
        slug = capfirst(Topic._meta.get_field("slug").verbose_name)
        name = f"{slug} ({LANGUAGE_NAMES['fr']})"
    assert name in errors
    assert not LANGUAGE_CODE.search(errors)


def read_only(tree, field, within=""):
    """The read-only text of `field` (in the row `within`, an inline's)."""
    return tree.xpath(
        f"{within}//*[contains(@class, 'field-{field}')]//*[@class='readonly']"
    )


def test_read_only_text_says_its_language(client):
    """A translator into French reads the English and Spanish of a release
    (its fields, its quotes', its videos') as read-only text marked up in its
    language, for a screen reader to read it so; a version's state, in the
    admin's language, is not."""
    ensure_roles()
    user = User.objects.create_user("translator", is_staff=True)
    user.groups.set([Group.objects.get(name=roles.translator_group("fr"))])
    client.force_login(user)
    release = make_release("read", versions={"es": "ready"})
    Quote.objects.create(release=release, text_en="Words", text_es="Palabras")
    Video.objects.create(
        release=release,
        url="https://vimeo.com/76979871",
        title_en="The summit",
        title_es="La cumbre",
    )
    tree = parse(
        client.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    for lang in ("en", "es"):
        for name in (
            f"title_{lang}",
            f"quotes-0-text_{lang}",
            f"videos-0-title_{lang}",
        ):
            assert not tree.xpath(f"//*[@name='{name}']"), f"{name} is editable"
        for field in ("title", "lead"):
            (shown,) = read_only(tree, f"{field}_{lang}")
            assert shown.get("lang") == lang, field
        (quote,) = read_only(tree, f"text_{lang}", within="//*[@id='quotes-0']")
        assert quote.get("lang") == lang
        (title,) = tree.xpath(
            f"//*[@id='videos-0']/td[contains(@class, 'field-title_{lang}')]/p"
        )
        assert title.get("lang") == lang
    (state,) = read_only(tree, "version_state_en")
    assert state.get("lang") is None


def test_a_cell_of_a_relation_is_named_by_its_column_and_row(editor):
    """A relation's cell (a release's media contact, drawn by select2 inside
    the admin's wrapper) is named by its column and its own row: the name was
    set on the wrapper, whose attributes in a form's copy are the class's, so
    the drawn select had none."""
    contacts = [make_contact(name=f"Contact {index}") for index in range(2)]
    release = make_release("cells", contacts=contacts)
    tree = parse(
        editor.get(reverse("admin:newsroom_pressrelease_change", args=[release.pk]))
    )
    column = capfirst(ReleaseContact._meta.get_field("contact").verbose_name)
    for row in (0, 1):
        (cell,) = tree.xpath(f"//select[@id='id_releasecontact_set-{row}-contact']")
        assert cell.get("aria-label") == cell_name("en", column, row + 1)
    (poster,) = tree.xpath("//select[@id='id_videos-__prefix__-poster']")
    assert poster.get("data-cell-name") == cell_name(
        "en", capfirst(Video._meta.get_field("poster").verbose_name), "__prefix__"
    )


@pytest.mark.parametrize(
    ("lang", "words"),
    [
        ("es", ["Dirección IP", "Hora del intento", "Datos del formulario"]),
        ("fr", ["Adresse IP", "Date de la tentative", "Données du formulaire"]),
    ],
)
def test_the_sign_in_protection_speaks_the_admin_s_language(editor, lang, words):
    """django-axes ships no Spanish: its columns, fields and sections (an
    account's failed sign-ins, which an administrator reads to unlock it) come
    from our catalogues, in French too."""
    from axes.models import AccessAttempt

    attempt = AccessAttempt.objects.create(
        username="colleague",
        ip_address="192.0.2.1",
        user_agent="Firefox",
        http_accept="text/html",
        path_info="/admin/login/",
        get_data="",
        post_data="username=colleague",
        failures_since_start=5,
    )
    editor.cookies[settings.LANGUAGE_COOKIE_NAME] = lang
    pages = [
        reverse("admin:axes_accessattempt_changelist"),
        reverse("admin:axes_accessattempt_change", args=[attempt.pk]),
    ]
    text = " ".join(
        " ".join(parse(editor.get(page)).xpath("//main//text()")) for page in pages
    )
    for word in words:
        assert word in text
    for english in ("IP Address", "Attempt Time", "Form Data", "Meta Data"):
        assert english not in text
