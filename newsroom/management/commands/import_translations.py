from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from newsroom.core.languages import LANGUAGE_CODES, version_name
from newsroom.translations import importing, preview, registry
from newsroom.translations.views import record_import


class Command(BaseCommand):
    help = (
        "Apply a translated PO file of content. Only non-empty, non-fuzzy entries "
        "are applied; fields whose source changed since export are refused. "
        "All or nothing: a malformed file changes nothing."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The translated PO file.")
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Print what would change and change nothing.",
        )
        parser.add_argument(
            "--mark-ready",
            action="store_true",
            help=(
                "Mark the changed versions ready instead of draft, when every field "
                "with source text is translated and no entry of theirs was empty, "
                "fuzzy or refused; the others stay draft (or outdated)."
            ),
        )
        parser.add_argument(
            "--language",
            choices=LANGUAGE_CODES,
            help="Refuse the file unless its Language header is this language.",
        )

    def handle(self, *args, file, dry_run, mark_ready, language, **options):
        try:
            content = Path(file).read_bytes()
        except OSError as exc:
            raise CommandError(f"Cannot read {file}: {exc.strerror}.") from exc
        try:
            report = importing.import_catalogue(
                content, language=language, dry_run=dry_run, mark_ready=mark_ready
            )
        except registry.ExchangeError as exc:
            raise CommandError(f"{file}: {exc}") from exc
        if not dry_run:
            record_import(None, report, str(file))
        verb = "Would change" if dry_run else "Changed"
        # A field's or an item's version, the language in words: "… (French)".
        lang = report.language
        # Each changed segment in full, words removed [-so-] and added {+so+}.
        for row in preview.rows(report.changes):
            self.stdout.write(
                f"{verb} {version_name(row.context, lang)}:\n"
                f"  - {preview.marked(row.old)}\n  + {preview.marked(row.new)}"
            )
        for refusal in report.refused:
            self.stderr.write(f"Refused {refusal.context}: {refusal.reason}")
        for item in report.not_ready:
            self.stderr.write(
                f"Not marked ready {version_name(item.context, lang)} "
                f"(left {item.state}): {item.reason}"
            )
        # A live item's changes (and readiness) wait in its working copy.
        wait = "Would wait" if dry_run else "Waits"
        for item in report.waiting:
            ready = " (ready once published)" if item in report.ready else ""
            self.stdout.write(
                f"{wait} for a publisher to publish the changes: "
                f"{version_name(f'{item._meta.label_lower}:{item.pk}', lang)}{ready} "
                f"{item}"
            )
        would = "would be " if dry_run else ""
        if mark_ready:
            waiting_ready = len(report.ready) - len(report.marked_ready)
            states = (
                f"; {len(report.marked_ready)} {would}marked ready, "
                f"{waiting_ready} {would}ready once the changes are published, "
                f"{len(report.not_ready)} not"
            )
        else:
            states = f" and {would}marked draft"
        if report.waiting:
            states += (
                f"; {len(report.waiting)} live object(s) "
                f"{'would ' if dry_run else ''}wait for a publisher to publish "
                "the changes"
            )
        self.stdout.write(
            f"{len(report.changes)} field(s) of {len(report.objects)} object(s) "
            f"{would}changed{states}; "
            f"{len(report.refused)} refused, {report.skipped} empty or fuzzy, "
            f"{report.unchanged} unchanged."
        )
