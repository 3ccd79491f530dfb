"""What is stored is the picture and nothing else: orientation applied, colours in
sRGB, and no EXIF (GPS, camera, maker notes), XMP, IPTC, comment or profile."""

import io

import pytest
from PIL import Image
from PIL.ExifTags import IFD

from organisation.models import Person

from . import image_files
from .conftest import upload

# Byte strings that betray metadata anywhere in a file.
TELLTALES = [
    b"Exif\x00\x00",
    b"http://ns.adobe.com/xap",
    b"Photoshop 3.0",
    b"8BIM",
    b"SECRET",
    b"ICC_PROFILE",
    b"eXIf",
    b"iTXt",
    b"tEXt",
]
METADATA_KEYS = {
    "exif",
    "xmp",
    "XML:com.adobe.xmp",
    "icc_profile",
    "comment",
    "photoshop",
    "Comment",
}


def stored(fieldfile):
    with fieldfile.open("rb") as file:
        return file.read()


def assert_no_metadata(data):
    image = Image.open(io.BytesIO(data))
    exif = image.getexif()
    assert len(exif) == 0
    assert len(exif.get_ifd(IFD.GPSInfo)) == 0
    assert len(exif.get_ifd(IFD.Exif)) == 0
    assert not METADATA_KEYS & set(image.info)
    assert image.mode in ("RGB", "RGBA")
    for telltale in TELLTALES:
        assert telltale not in data, telltale


@pytest.mark.parametrize(
    ("content", "keys"),
    [
        (image_files.jpeg_from_camera, {"xmp", "comment", "icc_profile", "photoshop"}),
        (image_files.png_from_editor, {"XML:com.adobe.xmp", "Comment", "icc_profile"}),
        (image_files.webp_from_phone, {"xmp", "icc_profile"}),
    ],
)
def test_the_test_files_really_carry_metadata(content, keys):
    """The test files have what the pipeline must remove (else the tests prove
    nothing): GPS and camera EXIF, XMP, comments, IPTC, profiles."""
    image = Image.open(io.BytesIO(content()))
    exif = image.getexif()

    assert exif.get_ifd(IFD.GPSInfo)
    assert exif.get_ifd(IFD.Exif)
    assert keys <= set(image.info)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "content", "pillow_format"),
    [
        ("harbour.jpg", image_files.jpeg_from_camera, "JPEG"),
        ("harbour.png", image_files.png_from_editor, "PNG"),
        ("harbour.webp", image_files.webp_from_phone, "WEBP"),
    ],
)
def test_stored_original_has_no_metadata(make_photo, name, content, pillow_format):
    """GPS, camera EXIF, maker notes, XMP, IPTC, comments and profiles are gone from
    the stored original, which keeps its format."""
    photo = make_photo(content(), name=name)

    data = stored(photo.image)

    assert Image.open(io.BytesIO(data)).format == pillow_format
    assert_no_metadata(data)


@pytest.mark.django_db
def test_exif_orientation_is_applied_before_it_is_removed(make_photo):
    """A photo stored on its side with orientation 6 comes out upright, with its
    width and height fields those of the upright picture."""
    photo = make_photo(image_files.jpeg_from_camera((1200, 800), orientation=6))

    image = Image.open(io.BytesIO(stored(photo.image)))

    assert image.size == (1200, 800)
    assert (photo.width, photo.height) == (1200, 800)
    # The dark square of the drawing is back in the top-left corner.
    assert max(image.getpixel((20, 20))) < 40
    assert max(image.getpixel((1180, 780))) > 150


@pytest.mark.django_db
def test_colours_are_kept_in_srgb_without_a_profile(make_photo):
    """An sRGB-tagged photo keeps its colours, stored without the profile."""
    photo = make_photo(image_files.jpeg_from_camera(colour=(200, 60, 40)))

    image = Image.open(io.BytesIO(stored(photo.image)))

    assert "icc_profile" not in image.info
    red, green, blue = image.getpixel((900, 600))
    assert abs(red - 200) < 8 and abs(green - 60) < 8 and abs(blue - 40) < 8


@pytest.mark.django_db
def test_a_cmyk_jpeg_is_stored_as_rgb(make_photo):
    """A print-ready CMYK JPEG becomes an RGB JPEG that browsers show alike."""
    cmyk = image_files.picture((600, 400)).convert("CMYK")

    photo = make_photo(image_files.encoded(cmyk, "JPEG"))

    image = Image.open(io.BytesIO(stored(photo.image)))
    assert image.mode == "RGB"
    assert "icc_profile" not in image.info


@pytest.mark.django_db
def test_a_16_bit_greyscale_png_keeps_its_shades_of_grey(make_photo):
    """A 16-bit greyscale PNG (a scanner's or a microscope's) is scaled to 8 bits,
    not clipped to black and white: a ramp keeps its 256 grey levels."""
    ramp = Image.new("I;16", (256, 64))
    ramp.putdata([x * 257 for _y in range(64) for x in range(256)])
    assert image_files.encoded(ramp, "PNG")[24] == 16  # bit depth in the header

    photo = make_photo(image_files.encoded(ramp, "PNG"), name="scan.png")

    image = Image.open(io.BytesIO(stored(photo.image))).convert("L")
    assert len(image.getcolors()) == 256
    assert image.getpixel((128, 10)) == 128


@pytest.mark.django_db
def test_a_portrait_goes_through_the_same_pipeline(django_capture_on_commit_callbacks):
    """A person's portrait is validated and stripped like a library photo."""
    person = Person(name="Amy E. Pope", slug="amy-e-pope")
    person.portrait = upload("pope.jpg", image_files.jpeg_from_camera((600, 800)))

    with django_capture_on_commit_callbacks(execute=True):
        person.save()

    assert_no_metadata(stored(person.portrait))
    assert (person.portrait_width, person.portrait_height) == (600, 800)
