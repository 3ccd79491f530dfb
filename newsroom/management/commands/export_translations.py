from django.core.management.base import BaseCommand, CommandError

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.translations import exporting, registry


class Command(BaseCommand):
    help = (
        "Write the translatable content into one PO file for translators: msgid in "
        "the original language, msgstr in --language."
    )

    def add_arguments(self, parser):
        parser.add_argument("--language", required=True, choices=LANGUAGE_CODES)
        parser.add_argument(
            "--model",
            action="extend",
            nargs="+",
            dest="models",
            metavar="APP_LABEL.MODEL",
            help="Export these models only, e.g. newsroom.pressrelease.",
        )
        only = parser.add_mutually_exclusive_group()
        only.add_argument(
            "--only-missing",
            action="store_const",
            const=registry.ONLY_MISSING,
            dest="only",
            help="Only fields without a translation, or of a missing version.",
        )
        only.add_argument(
            "--only-outdated",
            action="store_const",
            const=registry.ONLY_OUTDATED,
            dest="only",
            help="Only the fields of outdated versions.",
        )
        parser.add_argument(
            "-o", "--output", required=True, help="The PO file to write."
        )

    def handle(self, *args, language, models, only, output, **options):
        querysets = None
        if models:
            querysets = []
            for label in models:
                model = registry.model_by_label(label)
                if model is None:
                    known = ", ".join(
                        m._meta.label_lower for m in registry.translatable_models()
                    )
                    raise CommandError(
                        f"{label} is not a translatable model; choose from {known}."
                    )
                querysets.append(model._default_manager.all())
        po = exporting.export_catalogue(language, querysets, only=only)
        try:
            po.save(output)
        except OSError as exc:
            raise CommandError(f"Cannot write {output}: {exc.strerror}.") from exc
        fuzzy = sum(1 for entry in po if entry.fuzzy)
        self.stdout.write(
            f"{len(po)} entries written to {output}, {fuzzy} of them fuzzy "
            "(changed since their translation, or suggested by the memory)."
        )
