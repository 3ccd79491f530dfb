/* Paste from Word and Google Docs into the rich-text editor.
 *
 * The editor (ProseMirror) keeps real lists and tables, but Word puts a list on
 * the clipboard as paragraphs styled "mso-list" with the bullet typed in a span:
 * pasted as such, they become paragraphs starting with "·". Before the editor
 * reads the clipboard, this turns those paragraphs into <ul>/<ol> (nested by
 * their level), makes a first table row of bold cells its header, and drops
 * images (photos go through the photo library, with their alt text), saying so
 * in a warning next to the editor. The server sanitises what is saved anyway.
 */
(function () {
  "use strict";

  const LIST_LEVEL = /mso-list:\s*\S+\s+level(\d+)/i;
  const NUMBERED = /^\s*\(?[0-9a-z]{1,4}[.)]/i;
  const CLEANED = "newsroomCleanedPaste";

  function wordListLevel(paragraph) {
    const match = LIST_LEVEL.exec(paragraph.getAttribute("style") || "");
    return match ? Number(match[1]) : 0;
  }

  function wordLists(doc) {
    let stack = [];
    let changed = 0;
    for (const paragraph of Array.from(doc.querySelectorAll("p"))) {
      const level = wordListLevel(paragraph);
      if (!level) {
        stack = [];
        continue;
      }
      const markers = paragraph.querySelectorAll("span[style*='mso-list']");
      const marker = Array.from(markers).find((span) =>
        /mso-list:\s*ignore/i.test(span.getAttribute("style"))
      );
      const ordered = marker ? NUMBERED.test(marker.textContent) : false;
      if (marker) {
        marker.remove();
      }
      if (stack.length && paragraph.previousElementSibling !== stack[0].list) {
        stack = [];
      }
      while (stack.length && stack[stack.length - 1].level > level) {
        stack.pop();
      }
      let top = stack[stack.length - 1];
      if (!top || top.level < level) {
        const list = doc.createElement(ordered ? "ol" : "ul");
        if (top && top.item) {
          top.item.appendChild(list);
        } else {
          paragraph.before(list);
        }
        top = { level: level, list: list, item: null };
        stack.push(top);
      }
      const item = doc.createElement("li");
      while (paragraph.firstChild) {
        item.appendChild(paragraph.firstChild);
      }
      top.list.appendChild(item);
      top.item = item;
      paragraph.remove();
      changed += 1;
    }
    return changed;
  }

  function isBold(cell) {
    const text = cell.textContent.trim();
    if (!text) {
      return false;
    }
    const bold = Array.from(cell.querySelectorAll("b, strong, span")).filter(
      (node) =>
        node.tagName !== "SPAN" || /font-weight:\s*(700|bold)/i.test(node.getAttribute("style"))
    );
    return bold.some((node) => node.textContent.trim() === text);
  }

  function tableHeaders(doc) {
    let changed = 0;
    for (const table of Array.from(doc.querySelectorAll("table"))) {
      const first = table.querySelector("tr");
      if (!first || first.querySelector("th")) {
        continue;
      }
      const cells = Array.from(first.children);
      if (!cells.length || !cells.every(isBold)) {
        continue;
      }
      for (const cell of cells) {
        const header = doc.createElement("th");
        header.setAttribute("scope", "col");
        header.textContent = cell.textContent.trim();
        cell.replaceWith(header);
      }
      changed += 1;
    }
    return changed;
  }

  function dropImages(doc) {
    const images = Array.from(doc.querySelectorAll("img"));
    images.forEach((image) => image.remove());
    return images.length;
  }

  function warn(editor, count) {
    const field = editor.closest(".prose-editor") || editor.parentElement;
    let note = field.parentElement.querySelector(".paste-warning");
    if (!count) {
      if (note) {
        note.remove();
      }
      return;
    }
    const textarea = field.querySelector("textarea") || document.querySelector("[data-paste-warning]");
    const template = (textarea && textarea.dataset.pasteWarning) || "%(count)s";
    if (!note) {
      note = document.createElement("p");
      note.className = "paste-warning errornote";
      note.setAttribute("role", "alert");
      field.before(note);
    }
    note.textContent = template.replace("%(count)s", String(count));
  }

  document.addEventListener(
    "paste",
    function (event) {
      const target = event.target instanceof Element ? event.target : event.target.parentElement;
      const editor = target && target.closest(".ProseMirror");
      if (!editor || event[CLEANED] || !event.clipboardData) {
        return;
      }
      const html = event.clipboardData.getData("text/html");
      if (!html) {
        return;
      }
      const doc = new DOMParser().parseFromString(html, "text/html");
      const images = dropImages(doc);
      const changes = wordLists(doc) + tableHeaders(doc) + images;
      warn(editor, images);
      if (!changes) {
        return;
      }
      event.preventDefault();
      event.stopImmediatePropagation();
      const data = new DataTransfer();
      data.setData("text/html", doc.body.innerHTML);
      data.setData("text/plain", event.clipboardData.getData("text/plain"));
      const cleaned = new ClipboardEvent("paste", {
        clipboardData: data,
        bubbles: true,
        cancelable: true,
      });
      cleaned[CLEANED] = true;
      event.target.dispatchEvent(cleaned);
    },
    true
  );
})();
