"""CSV files of the media list (import and export) and of the subscribers
(export): one row per recipient, topics and regions by their slugs."""

import csv
import io

from django import forms
from django.db import transaction
from django.db.models import Q
from django.http import HttpResponse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import in_any_language
from newsroom.models import Topic
from organisation.models import Region

from .models import Journalist

JOURNALIST_COLUMNS = [
    "name",
    "email",
    "outlet",
    "languages",
    "accredited",
    "releases",
    "events",
    "topics",
    "regions",
    "when_not_translated",
    "notes",
]
SUBSCRIBER_COLUMNS = [
    "email",
    "status",
    "languages",
    "releases",
    "events",
    "topics",
    "regions",
    "when_not_translated",
    "consent_at",
    "consent_source",
    "consent_language",
    "created_at",
    "unsubscribed_at",
]
TRUE = {"1", "yes", "true", "y", "oui", "sí", "si", "x"}
FALSE = {"", "0", "no", "false", "n", "non"}
# A spreadsheet runs a cell starting with one of these as a formula: an address
# typed into the public form must not become one.
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
MAX_ROWS = 10000


def safe_cell(value):
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def topic_slug(topic):
    return topic.slug_en or topic.slug or str(topic.pk)


def cell(recipient, column):
    value = getattr(recipient, column)
    if column == "topics":
        return " ".join(topic_slug(topic) for topic in recipient.topics.all())
    if column == "regions":
        return " ".join(region.slug for region in recipient.regions.all())
    if isinstance(value, bool):
        return "yes" if value else "no"
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value


def csv_response(queryset, columns, filename):
    """A CSV download of `queryset`'s recipients, UTF-8 with a byte-order mark so
    that spreadsheets read the accents."""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response.write("\ufeff")
    writer = csv.writer(response)
    writer.writerow(columns)
    for recipient in queryset.prefetch_related("topics", "regions"):
        writer.writerow([safe_cell(cell(recipient, column)) for column in columns])
    return response


class JournalistRowForm(forms.ModelForm):
    class Meta:
        model = Journalist
        # Topics and regions are slugs in the file, found apart.
        fields = [c for c in JOURNALIST_COLUMNS if c not in ("topics", "regions")]


def parse_bool(value, column):
    text = (value or "").strip().lower()
    if text in TRUE:
        return True
    if text in FALSE:
        return False
    raise forms.ValidationError(
        gettext('Column %(column)s: "%(value)s" is neither yes nor no.')
        % {"column": column, "value": value}
    )


def find_slugs(model, text, lookup):
    """The rows of `model` named by the slugs in `text`, and the unknown slugs."""
    slugs = (text or "").replace(",", " ").split()
    found, unknown = [], []
    for slug in slugs:
        row = model.objects.filter(lookup(slug)).first()
        (found if row else unknown).append(row or slug)
    return found, unknown


def read_rows(upload):
    """The CSV's rows as dicts (UTF-8, with or without a byte-order mark; commas,
    semicolons or tabs)."""
    try:
        text = upload.read().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        raise forms.ValidationError(_("The file is not UTF-8 text.")) from error
    # Universal newlines: Excel's "CSV (Macintosh)" ends its lines with \r alone.
    lines = io.StringIO(text, newline=None)
    try:
        dialect = csv.Sniffer().sniff(lines.readline(), delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    lines.seek(0)
    reader = csv.DictReader(lines, dialect=dialect)
    try:
        columns, rows = reader.fieldnames or [], list(reader)
    except csv.Error as error:
        # A cell longer than the csv module allows, for one.
        raise forms.ValidationError(
            _("The file is not a valid CSV file: %(error)s"),
            params={"error": error},
        ) from error
    missing = {"name", "email"} - set(columns)
    if missing:
        raise forms.ValidationError(
            _("The file has no %(columns)s column."),
            params={"columns": ", ".join(sorted(missing))},
        )
    return rows


def check_journalist_row(row):
    """A journalist to save for one CSV row (with its topics and regions), or the
    list of what is wrong with it."""
    values = {key: (value or "").strip() for key, value in row.items() if key}
    email = values.get("email", "").lower()
    existing = Journalist.objects.filter(email=email).first() if email else None
    data = {column: values.get(column, "") for column in JournalistRowForm.Meta.fields}
    data["email"] = email
    data["when_not_translated"] = data["when_not_translated"] or "original"
    problems = []
    for column, default in (
        ("accredited", False),
        ("releases", True),
        ("events", True),
    ):
        if not values.get(column):
            data[column] = default
            continue
        try:
            data[column] = parse_bool(values[column], column)
        except forms.ValidationError as error:
            problems.extend(error.messages)
    form = JournalistRowForm(data, instance=existing)
    if not form.is_valid():
        for field, errors in form.errors.items():
            problems.extend(f"{field}: {message}" for message in errors)
    topics, unknown_topics = find_slugs(
        Topic, values.get("topics"), lambda slug: in_any_language("slug", slug)
    )
    regions, unknown_regions = find_slugs(
        Region, values.get("regions"), lambda slug: Q(slug=slug)
    )
    for label, unknown in (
        (_("topics"), unknown_topics),
        (_("regions"), unknown_regions),
    ):
        if unknown:
            problems.append(
                gettext("Unknown %(what)s: %(slugs)s.")
                % {"what": label, "slugs": ", ".join(unknown)}
            )
    if problems:
        return None, problems
    return (form, topics, regions), []


def import_journalists(upload):
    """Create or update (by email) a journalist per row: all the rows or none.
    (created, updated, errors), errors being (line number, message) pairs."""
    rows = read_rows(upload)
    if len(rows) > MAX_ROWS:
        raise forms.ValidationError(
            _("The file has more than %(count)d rows."), params={"count": MAX_ROWS}
        )
    checked, errors, seen = [], [], set()
    # Line 1 is the header.
    for line, row in enumerate(rows, start=2):
        email = (row.get("email") or "").strip().lower()
        if email in seen:
            errors.append((line, gettext("This email is already on an earlier line.")))
            continue
        seen.add(email)
        result, problems = check_journalist_row(row)
        errors.extend((line, problem) for problem in problems)
        if result:
            checked.append(result)
    if errors:
        return 0, 0, errors
    created = updated = 0
    with transaction.atomic():
        for form, topics, regions in checked:
            if form.instance.pk:
                updated += 1
            else:
                created += 1
            journalist = form.save()
            journalist.topics.set(topics)
            journalist.regions.set(regions)
    return created, updated, []
