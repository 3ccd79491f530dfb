"""Rich text cut into segments, one per block, and rebuilt around translations."""

import html
from html.parser import HTMLParser

import nh3

from newsroom.core.richtext import (
    ALLOWED_ATTRIBUTES,
    ALLOWED_TAGS,
    ALLOWED_URL_SCHEMES,
    sanitise,
)

# Rich text segments

BLOCK_TAGS = frozenset({"p", "h2", "h3", "li", "blockquote", "ul", "ol"})
# A table is cut into its caption and cells; an empty cell keeps its place.
TABLE_TAGS = frozenset({"table", "caption", "thead", "tbody", "tr", "th", "td"})
BLOCK_TAGS |= TABLE_TAGS
INLINE_TAGS = ALLOWED_TAGS - BLOCK_TAGS
VOID_TAGS = frozenset({"br"})
MARKUP, SEGMENT = "markup", "segment"


class _Element:
    def __init__(self, tag, attrs):
        self.tag = tag
        self.attrs = attrs
        self.children = []

    def start_tag(self):
        attrs = "".join(
            f' {name}="{html.escape(value or "", quote=True)}"'
            for name, value in self.attrs
        )
        return f"<{self.tag}{attrs}>"

    def html(self):
        if self.tag in VOID_TAGS:
            return self.start_tag()
        inner = "".join(_node_html(child) for child in self.children)
        return f"{self.start_tag()}{inner}</{self.tag}>"


def _node_html(node):
    return html.escape(node, quote=False) if isinstance(node, str) else node.html()


class _TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Element(None, [])
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        element = _Element(tag, attrs)
        self.stack[-1].children.append(element)
        if tag not in VOID_TAGS:
            self.stack.append(element)

    def handle_endtag(self, tag):
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].tag == tag:
                del self.stack[depth:]
                return

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _flush(run, parts):
    text = "".join(_node_html(node) for node in run)
    core = text.strip()
    if not core:
        parts.append((MARKUP, text))
        return
    start = text.index(core)
    parts += [
        (MARKUP, text[:start]),
        (SEGMENT, core),
        (MARKUP, text[start + len(core) :]),
    ]


def _split(container, parts):
    run = []
    for child in container.children:
        if isinstance(child, _Element) and child.tag in BLOCK_TAGS:
            _flush(run, parts)
            run = []
            parts.append((MARKUP, child.start_tag()))
            _split(child, parts)
            parts.append((MARKUP, f"</{child.tag}>"))
        else:
            run.append(child)
    _flush(run, parts)


def _parts(rich_text):
    builder = _TreeBuilder()
    builder.feed(rich_text or "")
    builder.close()
    parts = []
    _split(builder.root, parts)
    return parts


def segments(rich_text):
    """The translatable segments of sanitised HTML: the content of each block,
    inline markup included."""
    return [text for kind, text in _parts(rich_text) if kind == SEGMENT]


def clean_segment(text):
    """A translated segment reduced to inline markup, with its tags closed, so that
    it cannot open or close the blocks around it."""
    return nh3.clean(
        text,
        tags=set(INLINE_TAGS),
        attributes={
            tag: set(attrs)
            for tag, attrs in ALLOWED_ATTRIBUTES.items()
            if tag in INLINE_TAGS
        },
        url_schemes=set(ALLOWED_URL_SCHEMES),
        clean_content_tags={"script", "style"},
        strip_comments=True,
    ).strip()


def _has_text(node):
    if isinstance(node, str):
        return bool(node.strip())
    return any(_has_text(child) for child in node.children)


def _drop_empty_blocks(element):
    element.children = [
        child
        for child in element.children
        if not (
            isinstance(child, _Element)
            and child.tag in BLOCK_TAGS - TABLE_TAGS
            and not _has_text(child)
        )
    ]
    for child in element.children:
        if isinstance(child, _Element):
            _drop_empty_blocks(child)


def rebuild(source_html, translations):
    """The blocks of `source_html` around the translated segments, sanitised. A
    block left without text (a segment that was only forbidden markup) is
    dropped, with any list or quotation it empties."""
    texts = iter(translations)
    builder = _TreeBuilder()
    builder.feed(
        "".join(
            text if kind == MARKUP else clean_segment(next(texts))
            for kind, text in _parts(source_html)
        )
    )
    builder.close()
    _drop_empty_blocks(builder.root)
    return sanitise("".join(_node_html(child) for child in builder.root.children))
