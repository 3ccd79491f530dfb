from django.core.management.base import BaseCommand

from newsroom.management import content_archive


class Command(BaseCommand):
    help = (
        "Write every row of the content (all languages, states, people, offices, "
        "photos, subscribers, users) and the media files it names to a zip, for "
        "import_content to restore into an empty database."
    )

    def add_arguments(self, parser):
        parser.add_argument("-o", "--output", required=True, help="The zip to write.")
        parser.add_argument(
            "--no-media",
            action="store_true",
            help="Leave the files out (backed up with the storage itself).",
        )

    def handle(self, output, no_media, **options):
        rows, files = content_archive.export(output, media=not no_media)
        self.stdout.write(f"Wrote {rows} rows and {files} files to {output}.")
