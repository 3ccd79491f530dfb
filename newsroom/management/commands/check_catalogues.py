from django.core.management.base import BaseCommand, CommandError

from newsroom.translations.catalogues import catalogue_problems


class Command(BaseCommand):
    help = (
        "Fail unless every interface catalogue but English is complete: nothing "
        "untranslated, fuzzy or obsolete, and no string of the code missing."
    )

    def handle(self, *args, **options):
        problems = catalogue_problems()
        for problem in problems:
            self.stderr.write(problem)
        if problems:
            raise CommandError(f"{len(problems)} problem(s) in the catalogues.")
        self.stdout.write("The catalogues are complete.")
