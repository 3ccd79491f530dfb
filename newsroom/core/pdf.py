"""PDF documents: validated by their content and rewritten without metadata.

A document is accepted when pypdf reads it as a PDF, unencrypted, within the size
cap, with nothing that acts on its own: no JavaScript, no launch action, no
embedded or attached file, no XFA form or rich media. What is stored is a new PDF
of its pages only, so that the author, the software, the dates and the XMP packet
of the original stay with the uploader. Imports no app's models.
"""

import io

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext_lazy as _
from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject, NameObject

# Keys and names that mean the document would act or carry other files.
FORBIDDEN_KEYS = frozenset(
    {"/JS", "/JavaScript", "/EmbeddedFiles", "/EmbeddedFile", "/XFA", "/RichMedia"}
)
FORBIDDEN_NAMES = frozenset(
    {"/JavaScript", "/Launch", "/FileAttachment", "/RichMedia", "/ImportData"}
)
# Page entries that are metadata or actions, dropped from the pages kept.
PAGE_KEYS_DROPPED = ("/Metadata", "/PieceInfo", "/AA")


def forbidden_content(root):
    """The first forbidden key or name reachable from `root`, or None. Every
    object is visited once, whatever the loops of references."""
    seen = set()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, IndirectObject):
            key = (node.idnum, node.generation)
            if key in seen:
                continue
            seen.add(key)
            node = node.get_object()
        if isinstance(node, DictionaryObject):
            for key, value in node.items():
                if key in FORBIDDEN_KEYS:
                    return key
                if isinstance(value, NameObject) and value in FORBIDDEN_NAMES:
                    return str(value)
                stack.append(value)
        elif isinstance(node, ArrayObject):
            stack.extend(node)
        elif isinstance(node, NameObject) and node in FORBIDDEN_NAMES:
            return str(node)
    return None


def clean_pdf(upload):
    """A ContentFile of the cleaned PDF of `upload` (a Django File), named like
    it; raises ValidationError with the reason when it is refused."""
    limit = settings.NEWSROOM_DOCUMENT_MAX_BYTES
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    upload.seek(0)
    data = upload.read(limit + 1)
    if len(data) > limit:
        raise ValidationError(
            _("The file is larger than %(limit)s."),
            code="too_large",
            params={"limit": filesizeformat(limit)},
        )
    if not data.lstrip()[:5] == b"%PDF-":
        raise ValidationError(_("The file is not a PDF document."), code="not_pdf")
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted:
            raise ValidationError(
                _("The PDF is encrypted: upload it without a password."),
                code="encrypted",
            )
        found = forbidden_content(reader.trailer)
        pages = list(reader.pages)
        if not pages:
            raise ValidationError(_("The PDF has no pages."), code="empty")
        writer = PdfWriter()
        for page in pages:
            kept = writer.add_page(page)
            for key in PAGE_KEYS_DROPPED:
                kept.pop(NameObject(key), None)
        writer.metadata = None
        output = io.BytesIO()
        writer.write(output)
    except ValidationError:
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError):
        raise ValidationError(
            _("The file is damaged or not a PDF document."), code="unreadable"
        ) from None
    if found:
        raise ValidationError(
            _(
                "The PDF contains active content (%(what)s): save it again as a "
                "plain PDF, without scripts, actions or attached files."
            ),
            code="active_content",
            params={"what": found.lstrip("/")},
        )
    return ContentFile(output.getvalue(), name=upload.name)
