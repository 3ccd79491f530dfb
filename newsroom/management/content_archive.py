"""The content archive of `export_content` and `import_content`: one zip with
`content.json` (Django's JSON serialisation of every row of the content, all
languages and states included, users and groups referred to by natural keys) and
`media/` (every file those rows name, with the renditions made from it).

What it leaves out is made again or belongs to a running site: the search index
(rebuilt on import), queued tasks, sessions, pending PO uploads, the login
throttle's records and the staff's second-factor devices (staff set up their app
again on the restored site)."""

import datetime
import io
import zipfile

from django.apps import apps
from django.core import serializers
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models

from newsroom.clearance import roles
from newsroom.images.renditions import renditions_folder

CONTENT_APPS = ["organisation", "newsroom", "distribution", "clearance"]
# A temporary password is exported with its account: still to be changed.
CONTENT_MODELS = ["auth.group", "auth.user", "security.temporarypassword"]
DATA = "content.json"
MEDIA = "media/"


class ExactJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts times to the millisecond; a backup keeps them whole."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat()
        return super().default(o)


def content_models():
    """The models exported, in an order that loads (what is referred to first)."""
    chosen = [apps.get_model(label) for label in CONTENT_MODELS]
    for label in CONTENT_APPS:
        chosen += list(apps.get_app_config(label).get_models())
    return serializers.sort_dependencies(
        [(apps.get_app_config(m._meta.app_label), [m]) for m in chosen]
    )


def rows():
    for model in content_models():
        yield from model._base_manager.order_by("pk").iterator()


def file_names():
    """Every stored file the content names, and its renditions."""
    for model in content_models():
        fields = [f for f in model._meta.fields if isinstance(f, models.FileField)]
        for field in fields:
            names = model._base_manager.exclude(**{field.name: ""})
            for name in names.values_list(field.name, flat=True).iterator():
                yield name
                yield from renditions_of(name)


def renditions_of(name):
    folder = renditions_folder(name)
    try:
        _folders, files = default_storage.listdir(folder)
    except (FileNotFoundError, NotADirectoryError):
        return
    for file in files:
        yield f"{folder}/{file}"


def export(path, media=True):
    """Writes the archive to `path`; (rows, files) written."""
    counts = {"rows": 0, "files": 0}

    def counted():
        for row in rows():
            counts["rows"] += 1
            yield row

    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        with archive.open(DATA, "w") as raw:
            with io.TextIOWrapper(raw, encoding="utf-8") as text:
                serializers.serialize(
                    "json",
                    counted(),
                    stream=text,
                    indent=1,
                    use_natural_foreign_keys=True,
                    cls=ExactJSONEncoder,
                )
        for name in sorted(set(file_names())) if media else ():
            if not default_storage.exists(name):
                continue
            with default_storage.open(name, "rb") as stored:
                # Photos are compressed already.
                archive.writestr(MEDIA + name, stored.read(), zipfile.ZIP_STORED)
            counts["files"] += 1
    return counts["rows"], counts["files"]


def non_empty_models():
    """The content models with rows, but for the roles' groups, which every
    migrated database has (the archive's copies of them load over them)."""
    filled = []
    for model in content_models():
        rows = model._base_manager.all()
        if model._meta.label == "auth.Group":
            rows = rows.exclude(name__in=roles.role_groups())
        if rows.exists():
            filled.append(model._meta.label)
    return filled


def restore_media(archive):
    """Writes the archive's files to the media storage under their own names
    (a file already there, by its random name the same, is kept)."""
    written = 0
    for member in archive.namelist():
        if not member.startswith(MEDIA) or member.endswith("/"):
            continue
        name = member.removeprefix(MEDIA)
        if default_storage.exists(name):
            continue
        saved = default_storage.save(name, ContentFile(archive.read(member)))
        if saved != name:
            raise ValueError(f"The storage renamed {name} to {saved}.")
        written += 1
    return written
