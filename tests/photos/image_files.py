"""Image files built in memory for the tests: what cameras, phones and attackers
send. Nothing is downloaded."""

import functools
import io
import struct
import zlib

from PIL import Image, ImageCms, ImageDraw
from PIL.ExifTags import GPS, IFD, Base

SECRET_XMP = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
    b'"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
    b'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
    b'photoshop:City="SECRET-CITY"/></rdf:RDF></x:xmpmeta>'
)
SECRET_COMMENT = b"SECRET-COMMENT"
SECRET_MAKER_NOTE = b"SECRET-MAKER-NOTE serial 0123"


def picture(size=(1200, 800), colour=(200, 60, 40), mode="RGB"):
    """A picture with a dark square in its top-left quarter, to tell orientations
    apart after a rotation."""
    image = Image.new(mode, size, colour)
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, size[0] // 4, size[1] // 4), fill=(0, 0, 0))
    return image


def camera_exif(orientation=1):
    """EXIF as a camera writes it: make, model, date, maker notes, a GPS position."""
    exif = Image.Exif()
    exif[Base.Make] = "SECRET-MAKE"
    exif[Base.Model] = "SECRET-MODEL"
    exif[Base.Artist] = "SECRET-ARTIST"
    exif[Base.Orientation] = orientation
    details = exif.get_ifd(IFD.Exif)
    details[Base.DateTimeOriginal] = "2019:10:25 11:42:07"
    details[Base.BodySerialNumber] = "SECRET-SERIAL"
    details[Base.MakerNote] = SECRET_MAKER_NOTE
    gps = exif.get_ifd(IFD.GPSInfo)
    gps[GPS.GPSLatitudeRef] = "N"
    gps[GPS.GPSLatitude] = (40.0, 22.0, 39.72)
    gps[GPS.GPSLongitudeRef] = "E"
    gps[GPS.GPSLongitude] = (49.0, 53.0, 31.2)
    return exif


def iptc_segment():
    """A JPEG APP13 segment holding IPTC data (a by-line and a city), the way
    Photoshop and newsroom tools write it."""
    record = b"\x1c\x02\x50" + struct.pack(">H", 13) + b"SECRET-BYLINE"
    record += b"\x1c\x02\x5a" + struct.pack(">H", 11) + b"SECRET-CITY"
    resource = b"8BIM" + struct.pack(">H", 0x0404) + b"\x00\x00"
    resource += struct.pack(">I", len(record)) + record
    if len(record) % 2:
        resource += b"\x00"
    payload = b"Photoshop 3.0\x00" + resource
    return b"\xff\xed" + struct.pack(">H", len(payload) + 2) + payload


def srgb_profile():
    return ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()


def jpeg_from_camera(size=(1200, 800), orientation=1, colour=(200, 60, 40)):
    """A JPEG with everything a camera and an editing tool leave in it: EXIF with
    GPS and maker notes, XMP, IPTC, a comment and an ICC profile."""
    image = picture(size, colour)
    if orientation == 6:
        # Stored on its side: the viewer turns it 90° clockwise.
        image = image.transpose(Image.Transpose.ROTATE_90)
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=90,
        exif=camera_exif(orientation),
        xmp=SECRET_XMP,
        comment=SECRET_COMMENT,
        icc_profile=srgb_profile(),
    )
    data = buffer.getvalue()
    # IPTC goes right after the start-of-image marker.
    return data[:2] + iptc_segment() + data[2:]


def png_from_editor(size=(800, 600)):
    """A PNG with text chunks, EXIF, XMP and an ICC profile."""
    from PIL import PngImagePlugin

    info = PngImagePlugin.PngInfo()
    info.add_text("Comment", SECRET_COMMENT.decode())
    info.add_itxt("XML:com.adobe.xmp", SECRET_XMP.decode())
    buffer = io.BytesIO()
    picture(size).save(
        buffer, "PNG", pnginfo=info, exif=camera_exif(), icc_profile=srgb_profile()
    )
    return buffer.getvalue()


def webp_from_phone(size=(800, 600)):
    buffer = io.BytesIO()
    picture(size).save(
        buffer, "WEBP", exif=camera_exif(), xmp=SECRET_XMP, icc_profile=srgb_profile()
    )
    return buffer.getvalue()


def encoded(image, fmt, **options):
    buffer = io.BytesIO()
    image.save(buffer, fmt, **options)
    return buffer.getvalue()


def plain_jpeg(size=(1200, 800)):
    return encoded(picture(size), "JPEG", quality=85)


def plain_png(size=(1200, 800)):
    return encoded(picture(size), "PNG")


def gif(size=(64, 64)):
    return encoded(picture(size).convert("P"), "GIF")


def svg_with_script():
    return (
        b'<?xml version="1.0" encoding="UTF-8"?>\n'
        b'<svg xmlns="http://www.w3.org/2000/svg" width="100" height="100">'
        b"<script>alert(document.cookie)</script>"
        b'<rect width="100" height="100" fill="red"/></svg>'
    )


def html_page():
    return b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>"


def text_file():
    return b"Minutes of the meeting, not a picture at all.\n" * 20


def truncated_jpeg():
    data = plain_jpeg()
    return data[: len(data) // 2]


@functools.cache
def decompression_bomb():
    """A small PNG that decodes to far more pixels than Pillow's limit: a blank
    14,000 × 14,000 image (196 megapixels) compresses to a few dozen kilobytes."""
    return encoded(Image.new("1", (14_000, 14_000)), "PNG")


def png_header_with_bad_crc():
    """A PNG whose first chunk is damaged."""
    data = plain_png((64, 64))
    ihdr_crc = 8 + 8 + 13
    return (
        data[:ihdr_crc] + struct.pack(">I", zlib.crc32(b"wrong")) + data[ihdr_crc + 4 :]
    )
