"""PDF bytes for the document tests, written by pypdf: plain, with metadata, and
with each kind of active content the upload refuses."""

import io

from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject


def pdf_bytes(writer):
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def plain_writer(pages=1):
    writer = PdfWriter()
    for _page in range(pages):
        writer.add_blank_page(width=595, height=842)
    return writer


def plain_pdf():
    return pdf_bytes(plain_writer())


def pdf_with_metadata():
    writer = plain_writer(2)
    writer.add_metadata(
        {
            "/Author": "Secret Author",
            "/Creator": "Microsoft Word for Office 365",
            "/Title": "Draft v7 do not circulate",
        }
    )
    return pdf_bytes(writer)


def pdf_opening_with(action):
    """A PDF whose catalogue runs `action` (a dict of names and text) when
    opened."""
    writer = plain_writer()
    writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
        {
            NameObject(key): NameObject(value)
            if value.startswith("/")
            else TextStringObject(value)
            for key, value in action.items()
        }
    )
    return pdf_bytes(writer)


def pdf_with_javascript():
    return pdf_opening_with({"/S": "/JavaScript", "/JS": "app.alert('hello');"})


def pdf_with_launch_action():
    return pdf_opening_with({"/S": "/Launch", "/F": "calc.exe"})


def pdf_with_embedded_file():
    writer = plain_writer()
    writer.add_attachment("payload.exe", b"MZ not really")
    return pdf_bytes(writer)
