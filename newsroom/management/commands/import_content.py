import tempfile
import zipfile
from pathlib import Path

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from newsroom.management import content_archive
from newsroom.search.indexing import rebuild


class Command(BaseCommand):
    help = (
        "Restore an archive of export_content into an empty database (after "
        "migrate): every row as it was, with its id, then the media files and the "
        "search index."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="A zip written by export_content.")

    def handle(self, archive, **options):
        filled = content_archive.non_empty_models()
        if filled:
            raise CommandError(
                "The database already has content ("
                + ", ".join(filled)
                + "): import_content restores into an empty, migrated database."
            )
        try:
            opened = zipfile.ZipFile(archive)
        except (OSError, zipfile.BadZipFile) as error:
            raise CommandError(
                f"{archive} is not an archive of export_content: {error}"
            ) from error
        with opened, tempfile.TemporaryDirectory() as folder:
            if content_archive.DATA not in opened.namelist():
                raise CommandError(f"{archive} has no {content_archive.DATA}.")
            data = Path(opened.extract(content_archive.DATA, folder))
            with transaction.atomic():
                call_command("loaddata", str(data), verbosity=0)
            files = content_archive.restore_media(opened)
        entries = sum(rebuild().values())
        self.stdout.write(
            f"Restored the content, {files} files and {entries} search entries."
        )
