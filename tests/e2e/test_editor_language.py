"""End to end in Chromium: the rich-text editor speaks the admin's language. Its
toolbar's titles and the dialogs of the extensions the newsroom enables are French
or Spanish in the French or Spanish admin, and English, as django-prose-editor
writes it, in the English one."""

import pytest
from django.conf import settings

from .editor_fixtures import editor_fixture, release_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# The English body's toolbar: each button's name, title and accessible name, the
# button showing the block type, and the text of that menu's options.
TOOLBAR = """() => {
    const bar = document.querySelector(".field-body_en .prose-menubar");
    const named = selector => Object.fromEntries(
        [...bar.querySelectorAll(selector)].map(el => [el.dataset.name, el]));
    const buttons = named(".prose-menubar__group > button[data-name]");
    const shown = bar.querySelector(".prose-menubar__selected > button");
    return {
        titles: Object.fromEntries(
            Object.entries(buttons).map(([name, button]) => [name, button.title])),
        labels: Object.fromEntries(Object.entries(buttons).map(
            ([name, button]) => [name, button.getAttribute("aria-label")])),
        blockType: [shown.title, shown.getAttribute("aria-label")],
        options: Object.fromEntries(Object.entries(named(".prose-menubar__option"))
            .map(([name, option]) => [name, option.textContent])),
    };
}"""

# An open dialog: its title, its fields' labels, the options of its lists and its
# buttons.
DIALOG = """() => {
    const dialog = document.querySelector("dialog[open]");
    const texts = selector => [...dialog.querySelectorAll(selector)]
        .map(el => el.textContent);
    return {
        title: dialog.querySelector("h3").textContent,
        labels: texts("label"),
        options: texts("option"),
        buttons: texts("button"),
    };
}"""

TITLES = {
    "en": {
        "bulletList": "unordered list",
        "orderedList": "ordered list",
        "blockquote": "blockquote",
        "bold": "bold",
        "italic": "italic",
        "link": "insert link",
        "unlink": "remove link",
        "table": "Insert table",
        "table:addColumnAfter": "Add column",
        "table:deleteColumn": "Delete column",
        "table:addRowAfter": "Add row",
        "table:deleteRow": "Delete row",
        "table:mergeCells": "Merge cells",
        "table:splitCell": "Split cell",
        "table:toggleHeaderCell": "Toggle header cell",
        "table:deleteTable": "Delete table",
        "history:undo": "undo",
        "history:redo": "redo",
        "orderedListProperties": "List properties",
    },
    "fr": {
        "bulletList": "Liste à puces",
        "orderedList": "Liste numérotée",
        "blockquote": "Citation",
        "bold": "Gras",
        "italic": "Italique",
        "link": "Insérer un lien",
        "unlink": "Supprimer le lien",
        "table": "Insérer un tableau",
        "table:addColumnAfter": "Ajouter une colonne",
        "table:deleteColumn": "Supprimer la colonne",
        "table:addRowAfter": "Ajouter une ligne",
        "table:deleteRow": "Supprimer la ligne",
        "table:mergeCells": "Fusionner les cellules",
        "table:splitCell": "Scinder la cellule",
        "table:toggleHeaderCell": "Activer ou désactiver la cellule d’en-tête",
        "table:deleteTable": "Supprimer le tableau",
        "history:undo": "Annuler",
        "history:redo": "Rétablir",
        "orderedListProperties": "Propriétés de la liste",
    },
    "es": {
        "bulletList": "Lista con viñetas",
        "orderedList": "Lista numerada",
        "blockquote": "Cita",
        "bold": "Negrita",
        "italic": "Cursiva",
        "link": "Insertar un enlace",
        "unlink": "Quitar el enlace",
        "table": "Insertar una tabla",
        "table:addColumnAfter": "Añadir una columna",
        "table:deleteColumn": "Eliminar la columna",
        "table:addRowAfter": "Añadir una fila",
        "table:deleteRow": "Eliminar la fila",
        "table:mergeCells": "Combinar las celdas",
        "table:splitCell": "Dividir la celda",
        "table:toggleHeaderCell": "Activar o desactivar la celda de encabezado",
        "table:deleteTable": "Eliminar la tabla",
        "history:undo": "Deshacer",
        "history:redo": "Rehacer",
        "orderedListProperties": "Propiedades de la lista",
    },
}
# The block type's button (a paragraph's) and its menu's options.
BLOCK_TYPE = {
    "en": (
        "paragraph",
        {"heading2": "Heading 2", "heading3": "Heading 3", "paragraph": "Paragraph"},
    ),
    "fr": (
        "Paragraphe",
        {"heading2": "Titre 2", "heading3": "Titre 3", "paragraph": "Paragraphe"},
    ),
    "es": (
        "Párrafo",
        {"heading2": "Título 2", "heading3": "Título 3", "paragraph": "Párrafo"},
    ),
}
LINK_DIALOG = {
    "en": ("Edit Link", ["URL", "Title"], ["Update", "Cancel"]),
    "fr": ("Modifier le lien", ["URL", "Titre"], ["Mettre à jour", "Annuler"]),
    "es": ("Editar el enlace", ["URL", "Título"], ["Actualizar", "Cancelar"]),
}
TABLE_DIALOG = {
    "en": (
        "Table Properties",
        ["Rows", "Columns", "Include header row"],
        ["Yes", "No"],
        ["Insert Table", "Cancel"],
    ),
    "fr": (
        "Propriétés du tableau",
        ["Lignes", "Colonnes", "Avec une ligne d’en-tête"],
        ["Oui", "Non"],
        ["Insérer le tableau", "Annuler"],
    ),
    "es": (
        "Propiedades de la tabla",
        ["Filas", "Columnas", "Con una fila de encabezado"],
        ["Sí", "No"],
        ["Insertar la tabla", "Cancelar"],
    ),
}


@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_the_editor_speaks_the_admin_s_language(editor, release, live_server, lang):
    """In the admin in `lang`, the toolbar's buttons are titled (and named to a
    screen reader) in that language, as are the block type's menu, the link
    dialog and the table dialog, whose translated "yes" still makes a header row."""
    page = editor
    page.context.add_cookies(
        [{"name": settings.LANGUAGE_COOKIE_NAME, "value": lang, "url": live_server.url}]
    )
    page.goto(f"/admin/newsroom/pressrelease/{release.pk}/change/")
    panel = page.locator(".field-body_en")
    editable = panel.locator(".ProseMirror[contenteditable=true]")
    editable.locator("p").click()

    toolbar = page.evaluate(TOOLBAR)
    assert toolbar["titles"] == TITLES[lang]
    assert toolbar["labels"] == TITLES[lang]
    paragraph, options = BLOCK_TYPE[lang]
    assert toolbar["blockType"] == [paragraph, paragraph]
    assert toolbar["options"] == options

    page.keyboard.press("End")
    page.keyboard.press("Shift+ArrowLeft")
    panel.locator("button[data-name=link]").click()
    title, labels, buttons = LINK_DIALOG[lang]
    assert page.evaluate(DIALOG) == {
        "title": title,
        "labels": labels,
        "options": [],
        "buttons": buttons,
    }
    page.locator("dialog[open] button[value=cancel]").click()

    page.keyboard.press("End")
    panel.locator("button[data-name=table]").click()
    title, labels, options, buttons = TABLE_DIALOG[lang]
    assert page.evaluate(DIALOG) == {
        "title": title,
        "labels": labels,
        "options": options,
        "buttons": buttons,
    }
    page.locator("dialog[open] select").select_option(label=options[0])
    page.locator("dialog[open] button[type=submit]").click()
    editable.locator("table th").first.wait_for()
