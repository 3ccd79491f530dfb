"""Demo photos, drawn with Pillow (nothing downloaded): the seed's press release, its
event and the officials' portraits get one each.

Each picture is written as a camera would write it, with EXIF (camera, lens, maker
notes, date), a GPS position and XMP, and then goes through the same upload form as
an editor's file: on the running site the stored files have none of it. Loading
again updates the texts and uploads again only a file that is missing.
"""

import io
import math

from django import forms
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation
from PIL import Image, ImageDraw, ImageFont
from PIL.ExifTags import GPS, IFD, Base

from newsroom.core.languages import in_every_language
from newsroom.demo.content import BAKU_RELEASE, SUMMIT
from newsroom.demo.organisation import PEOPLE
from newsroom.models import Event, Photo, PressRelease
from organisation.models import Person

CREDIT = "Demo image generated with Pillow"
LICENCE = {
    "licence_en": "CC0 1.0 (public domain dedication)",
    "licence_fr": "CC0 1.0 (transfert dans le domaine public)",
    "licence_es": "CC0 1.0 (dedicación al dominio público)",
}
# French elides “de” before these.
FRENCH_VOWELS = "AEIOUYÀÂÄÉÈÊËÎÏÔÖÙÛÜ"
BAKU = (40.3777, 49.8920)
GENEVA = (46.2180, 6.1410)


def tr(field, en, fr, es):
    return {f"{field}_en": en, f"{field}_fr": fr, f"{field}_es": es}


def per_language(field):
    return list(in_every_language(field))


def of_fr(name):
    """French “de” before `name`: “d’Amy”, “de Ruth”."""
    return f"d’{name}" if name[:1].upper() in FRENCH_VOWELS else f"de {name}"


PHOTOS = {
    "release": {
        "file": "demo-baku-summit-hall.jpg",
        "draw": lambda: draw_hall(2400, 1600),
        "gps": BAKU,
        "taken": "2019:10:25 11:42:07",
        "focal": (0.68, 0.42),
        **tr(
            "alt_text",
            "Drawing of a conference hall: a speaker at a lectern on a stage faces "
            "rows of seats.",
            "Dessin d’une salle de conférence : une oratrice, à un pupitre sur une "
            "estrade, fait face à des rangées de sièges.",
            "Dibujo de una sala de conferencias: una oradora, en un atril sobre un "
            "escenario, frente a filas de asientos.",
        ),
        **tr(
            "caption",
            "The plenary hall of the summit in Baku (illustration).",
            "La salle plénière du sommet à Bakou (illustration).",
            "La sala plenaria de la cumbre en Bakú (ilustración).",
        ),
    },
    "event": {
        "file": "demo-baku-skyline.jpg",
        "draw": lambda: draw_skyline(2000, 1300),
        "gps": BAKU,
        "taken": "2019:10:24 18:05:31",
        "focal": (0.5, 0.55),
        # Stored on its side with an EXIF orientation, as phones do: the upload
        # turns it upright.
        "orientation": 6,
        **tr(
            "alt_text",
            "Drawing of a city skyline at sunset, with three pointed towers in the "
            "middle.",
            "Dessin d’une ville au coucher du soleil, avec trois tours pointues au "
            "centre.",
            "Dibujo de una ciudad al atardecer, con tres torres puntiagudas en el "
            "centro.",
        ),
        **tr(
            "caption",
            "Baku, host city of the summit (illustration).",
            "Bakou, ville hôte du sommet (illustration).",
            "Bakú, ciudad anfitriona de la cumbre (ilustración).",
        ),
    },
}

PORTRAIT_COLOURS = ["#0a3d7a", "#2f6f4f", "#7a3d0a", "#5b2a86", "#1f5f7a"]


def load(stdout=None):
    """Create or update the demo photos and attach them; safe to run again."""
    with translation.override("en"):
        photos = {key: save_photo(spec) for key, spec in PHOTOS.items()}
        release_key = f"slug_{BAKU_RELEASE['original_language']}"
        PressRelease.objects.filter(**{release_key: BAKU_RELEASE[release_key]}).update(
            main_photo=photos["release"]
        )
        event_key = f"slug_{SUMMIT['original_language']}"
        Event.objects.filter(**{event_key: SUMMIT[event_key]}).update(
            photo=photos["event"]
        )
        portraits = 0
        people = Person.objects.in_bulk(
            [slug for slug, *_rest in PEOPLE], field_name="slug"
        )
        for index, (slug, name, *_rest) in enumerate(PEOPLE):
            if slug in people:
                colour = PORTRAIT_COLOURS[index % len(PORTRAIT_COLOURS)]
                save_portrait(people[slug], name, colour)
                portraits += 1
    if stdout is not None:
        stdout.write(
            f"Photos: {len(photos)} photos, {portraits} portraits (metadata removed "
            "on upload)."
        )


# Uploads, through the same forms as the admin's


class PhotoUploadForm(forms.ModelForm):
    class Meta:
        model = Photo
        fields = [
            "image",
            "original_language",
            *per_language("alt_text"),
            *per_language("caption"),
            "credit",
            *per_language("licence"),
            "focal_x",
            "focal_y",
        ]


class PortraitUploadForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ["portrait", *per_language("portrait_alt")]


def stored(fieldfile):
    return bool(fieldfile) and fieldfile.storage.exists(fieldfile.name)


def save_photo(spec):
    photo = Photo.objects.filter(alt_text_en=spec["alt_text_en"]).first()
    data = {
        "original_language": "en",
        **{key: spec[key] for key in per_language("alt_text")},
        **{key: spec[key] for key in per_language("caption")},
        "credit": CREDIT,
        **LICENCE,
        "focal_x": spec["focal"][0],
        "focal_y": spec["focal"][1],
    }
    files = {}
    if photo is None or not stored(photo.image):
        content = camera_jpeg(
            spec["draw"](), spec["gps"], spec["taken"], spec.get("orientation", 1)
        )
        files["image"] = SimpleUploadedFile(spec["file"], content, "image/jpeg")
    return submit(PhotoUploadForm(data, files, instance=photo))


def save_portrait(person, name, colour):
    data = tr(
        "portrait_alt",
        f"Placeholder portrait of {name}: a drawn silhouette with initials.",
        f"Portrait provisoire {of_fr(name)} : une silhouette dessinée avec des "
        "initiales.",
        f"Retrato provisional de {name}: una silueta dibujada con iniciales.",
    )
    files = {}
    if not stored(person.portrait):
        content = camera_jpeg(
            draw_portrait(900, 1200, name, colour), GENEVA, "2023:10:02 09:30:00"
        )
        files["portrait"] = SimpleUploadedFile(
            f"demo-portrait-{person.slug}.jpg", content, "image/jpeg"
        )
    submit(PortraitUploadForm(data, files, instance=person))


def submit(form):
    if not form.is_valid():
        raise ValueError(f"Demo upload refused: {form.errors.as_text()}")
    return form.save()


# The camera's file


def camera_jpeg(image, position, taken, orientation=1):
    """`image` as JPEG bytes with what a camera and a phone app would add: EXIF with
    camera, lens, maker notes and date, a GPS position, XMP and a comment. With an
    orientation other than 1 the pixels are stored turned, as cameras do."""
    if orientation == 6:
        image = image.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[Base.Make] = "Canon"
    exif[Base.Model] = "Canon EOS R6 Mark II"
    exif[Base.Software] = "Firmware 1.3.1"
    exif[Base.Artist] = "Demo Photographer"
    exif[Base.Copyright] = "Demo Photographer"
    exif[Base.Orientation] = orientation
    details = exif.get_ifd(IFD.Exif)
    details[Base.DateTimeOriginal] = taken
    details[Base.LensModel] = "RF24-105mm F4 L IS USM"
    details[Base.BodySerialNumber] = "012345678901"
    details[Base.MakerNote] = b"Canon maker note: owner Demo Photographer"
    gps = exif.get_ifd(IFD.GPSInfo)
    latitude, longitude = position
    gps[GPS.GPSLatitudeRef] = "N" if latitude >= 0 else "S"
    gps[GPS.GPSLatitude] = degrees(abs(latitude))
    gps[GPS.GPSLongitudeRef] = "E" if longitude >= 0 else "W"
    gps[GPS.GPSLongitude] = degrees(abs(longitude))
    xmp = (
        '<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf='
        '"http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description '
        'xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" '
        f'photoshop:City="Demo city {latitude:.4f},{longitude:.4f}"/>'
        "</rdf:RDF></x:xmpmeta>"
    ).encode()
    buffer = io.BytesIO()
    image.save(
        buffer,
        "JPEG",
        quality=92,
        exif=exif,
        xmp=xmp,
        comment=b"Taken at a demo location",
    )
    return buffer.getvalue()


def degrees(value):
    whole = math.floor(value)
    minutes = math.floor((value - whole) * 60)
    seconds = round(((value - whole) * 60 - minutes) * 60, 2)
    return (float(whole), float(minutes), seconds)


# Drawings


def gradient(width, height, top, bottom):
    """A vertical gradient from colour `top` to colour `bottom`."""
    column = Image.new("RGB", (1, height))
    for y in range(height):
        share = y / max(1, height - 1)
        column.putpixel(
            (0, y),
            tuple(round(a + (b - a) * share) for a, b in zip(top, bottom, strict=True)),
        )
    return column.resize((width, height))


def label(draw, width, height, text):
    font = ImageFont.load_default(size=max(18, height // 40))
    margin = height // 40
    box = draw.textbbox((0, 0), text, font=font)
    x, y = width - box[2] - 2 * margin, height - box[3] - 2 * margin
    draw.rectangle(
        (x - margin, y - margin, width - margin, height - margin), fill=(0, 0, 0)
    )
    draw.text((x, y), text, font=font, fill=(255, 255, 255))


def draw_hall(width, height):
    image = gradient(width, height, (18, 42, 84), (60, 98, 140))
    draw = ImageDraw.Draw(image)
    stage_top = int(height * 0.55)
    draw.rectangle((0, stage_top, width, height), fill=(92, 58, 40))
    draw.rectangle(
        (int(width * 0.1), int(height * 0.12), int(width * 0.9), int(height * 0.3)),
        fill=(10, 61, 122),
    )
    # The speaker at the lectern, where the focal point is.
    cx, cy = int(width * 0.68), int(height * 0.42)
    draw.ellipse((cx - 45, cy - 170, cx + 45, cy - 80), fill=(224, 190, 160))
    draw.rounded_rectangle((cx - 80, cy - 80, cx + 80, cy + 120), 30, fill=(40, 40, 60))
    draw.polygon(
        [
            (cx - 110, cy + 20),
            (cx + 110, cy + 20),
            (cx + 80, stage_top + 60),
            (cx - 80, stage_top + 60),
        ],
        fill=(150, 110, 70),
    )
    # Rows of seats in front.
    for row in range(5):
        y = stage_top + 120 + row * (height - stage_top - 120) // 5
        for seat in range(24):
            x = seat * width // 24 + (row % 2) * width // 48
            draw.ellipse((x + 10, y, x + width // 24 - 10, y + 60), fill=(150, 30, 40))
    label(draw, width, height, "Generated demo image")
    return image


def draw_skyline(width, height):
    image = gradient(width, height, (252, 176, 69), (131, 58, 120))
    draw = ImageDraw.Draw(image)
    draw.ellipse(
        (
            int(width * 0.15),
            int(height * 0.2),
            int(width * 0.3),
            int(height * 0.2) + int(width * 0.15),
        ),
        fill=(255, 226, 140),
    )
    for index in range(18):
        x = index * width // 18
        top = int(height * (0.62 + 0.12 * math.sin(index * 1.7)))
        draw.rectangle((x, top, x + width // 18 - 8, height), fill=(45, 30, 60))
    # Three flame-shaped towers in the middle.
    for offset, tower_height in ((-0.09, 0.52), (0.0, 0.62), (0.09, 0.5)):
        cx = int(width * (0.5 + offset))
        top = int(height * (1 - tower_height))
        draw.polygon(
            [
                (cx - 70, height),
                (cx - 60, top + 120),
                (cx, top),
                (cx + 60, top + 120),
                (cx + 70, height),
            ],
            fill=(30, 60, 110),
        )
    draw.rectangle((0, int(height * 0.9), width, height), fill=(20, 60, 90))
    label(draw, width, height, "Generated demo image")
    return image


def draw_portrait(width, height, name, colour):
    rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
    lighter = tuple(min(255, c + 90) for c in rgb)
    image = gradient(width, height, lighter, rgb)
    draw = ImageDraw.Draw(image)
    cx = width // 2
    draw.ellipse((cx - 170, 220, cx + 170, 620), fill=(235, 235, 240))
    draw.rounded_rectangle(
        (cx - 330, 660, cx + 330, height + 200), 180, fill=(235, 235, 240)
    )
    initials = "".join(part[0] for part in name.replace(".", "").split()[:3])
    font = ImageFont.load_default(size=150)
    box = draw.textbbox((0, 0), initials, font=font)
    draw.text((cx - (box[2] - box[0]) // 2, 860), initials, font=font, fill=rgb)
    label(draw, width, height, "Placeholder portrait")
    return image
