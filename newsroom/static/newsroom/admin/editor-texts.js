/* The rich-text editor's toolbar and dialogs in the admin's language, and its
 * editable area named by its field ("Body (French)").
 *
 * django-prose-editor asks Django's JavaScript catalogue for its dialogs' texts
 * but titles its toolbar's buttons in English. Once an editor has built its menu
 * (after its documented "prose-editor:ready" event), this titles each button,
 * by the name of its menu item, from the catalogue of the editor's texts the
 * page loads first (EditorCatalogue, /admin/editor-texts.js), names the block
 * type menu's options, and shows the options of the dialogs' lists translated
 * while keeping their values (the table dialog's "Yes" and "No", which the
 * library reads back). What the catalogue lacks stays as the library wrote it.
 * The editable area, a text box the library leaves unnamed, takes the name and
 * the language of the text area it replaces ("Body (French)" and "fr", from
 * TranslatedAdmin), for screen readers and the spelling checker.
 */
(function () {
  "use strict";

  // Every group of the library's menu items.
  const GROUPS = "blockType lists nodes marks link table history utility";

  function translated(kind, key) {
    const text = window.pgettext ? window.pgettext(`editor-${kind}`, key) : key;
    return text === key ? null : text;
  }

  function translateItems(editor) {
    const { menu, dom } = editor.storage.menu;
    const items = menu.items(GROUPS);
    // The block type menu shows a copy of the current type's button, made
    // with the menu: it is copied again once translated.
    const copies = Array.from(
      dom.querySelectorAll(`.${dom.classList[0]}__selected > button`),
      (copy) => [copy, items.find(({ button }) => button?.isEqualNode(copy))]
    );
    for (const { name, button, option } of items) {
      const title = translated("button", name);
      if (button && title) {
        button.title = title;
        button.setAttribute("aria-label", title);
      }
      const text = translated("option", name);
      if (option && text) {
        option.textContent = text;
      }
    }
    for (const [copy, item] of copies) {
      if (item) {
        copy.replaceWith(item.button.cloneNode(true));
      }
    }
  }

  function translateChoices(dialog) {
    for (const option of dialog.querySelectorAll("option")) {
      const text = translated("choice", option.value);
      if (text) {
        option.value = option.value; // the value becomes an attribute, kept as is
        option.textContent = text;
      }
    }
  }

  function nameEditableArea(editor, textarea) {
    const attributes = {};
    for (const name of ["aria-label", "lang"]) {
      if (textarea.hasAttribute(name)) {
        attributes[name] = textarea.getAttribute(name);
      }
    }
    const props = editor.options.editorProps;
    editor.setOptions({
      editorProps: { ...props, attributes: { ...props.attributes, ...attributes } },
    });
  }

  document.addEventListener("prose-editor:ready", (event) => {
    const { editor, textarea } = event.detail;
    nameEditableArea(editor, textarea);
    // The menu is built when the editor is created, after it is ready.
    if (editor.isInitialized) {
      translateItems(editor);
    } else {
      editor.on("create", () => translateItems(editor));
    }
    // The dialogs are added next to the editor when they open.
    new MutationObserver((records) => {
      for (const record of records) {
        for (const node of record.addedNodes) {
          if (node.querySelectorAll) {
            translateChoices(node);
          }
        }
      }
    }).observe(editor.view.dom.parentElement, { childList: true });
  });
})();
