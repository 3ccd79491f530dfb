"""The translations admin: the export form, the upload form that imports a
translated PO file (with a dry-run preview), and the "Translations" dashboard."""

from urllib.parse import urlencode

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Count
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from newsroom.clearance.audit import record
from newsroom.clearance.models import Action
from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from newsroom.core.publication import (
    VersionState,
    version_in_state,
    version_state_field,
)
from newsroom.core.standards import public_address

from . import preview
from .actions import po_filename, po_response
from .catalogues import SOURCE_LANGUAGE, catalogue_stats
from .exporting import changed_units, export_catalogue, field_units
from .forms import ExportForm, ImportForm, MemoryImportForm
from .importing import import_catalogue
from .memory import remember, translated_sources
from .models import MemoryEntry
from .permissions import can_change, can_translate, changeable_models
from .registry import (
    ExchangeError,
    admin_url,
    context_for,
    has_version_states,
    model_by_label,
    text_fields,
)
from .tmx import read_tmx, write_tmx
from .uploads import forget_upload, keep_upload

# The changed segments on each page of an import's preview.
PREVIEW_ROWS = 25

# The live items named in the message after an import (the others counted).
NAMED_ITEMS = 10

# The outdated versions listed per language and content type on the dashboard.
OUTDATED_SHOWN = 20

# The dashboard's columns, in the order an editor reads them.
DASHBOARD_STATES = (
    VersionState.READY,
    VersionState.DRAFT,
    VersionState.MISSING,
    VersionState.OUTDATED,
)


def export_view(request):
    """The PO file of every object of the models chosen, in one language."""
    models = changeable_models(request.user)
    if not models:
        raise PermissionDenied
    choices = [(m._meta.label_lower, m._meta.verbose_name_plural) for m in models]
    form = ExportForm(request.GET or None, user=request.user)
    form.fields["models"] = forms.MultipleChoiceField(
        label=_("Content types"), choices=choices, required=False
    )
    if request.GET and not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    if form.is_valid():
        labels = form.cleaned_data["models"] or [label for label, _name in choices]
        lang = form.cleaned_data["language"]
        querysets = [model_by_label(label)._default_manager.all() for label in labels]
        po = export_catalogue(
            lang,
            querysets,
            only=form.cleaned_data["only"] or None,
            site=public_address(request),
        )
        return po_response(po, po_filename(lang, "content"))
    return TemplateResponse(
        request,
        "admin/translations/export.html",
        {
            **admin.site.each_context(request),
            "title": _("Export content for translation"),
            "form": form,
        },
    )


def import_view(request):
    """Upload a translated PO file: a preview first, then the import. The
    preview's pages are links (GET) to the file kept server-side."""
    if not changeable_models(request.user):
        raise PermissionDenied
    report = apply_form = page = None
    data = request.POST or None
    if request.method == "GET" and request.GET.get("upload"):
        data = request.GET.copy()
        data["dry_run"] = "on"
    form = ImportForm(data, request.FILES or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = import_catalogue(
                data["content"],
                language=data["language"] or None,
                dry_run=data["dry_run"],
                mark_ready=data["mark_ready"],
                can_change=lambda model: can_change(request.user, model),
                can_translate=lambda lang: can_translate(request.user, lang),
                author=request.user,
            )
        except ExchangeError as exc:
            form.add_error(None, str(exc))
        else:
            if not report.dry_run:
                file_name = (
                    getattr(data.get("file"), "name", "")
                    or data["upload_name"]
                    or data["upload"]
                )
                record_import(request.user, report, file_name)
                if data["upload"]:
                    forget_upload(request.user, data["upload"])
                report_import(request, report)
                return redirect("translations:dashboard")
            # The preview's form posts back the key of the file kept server-side.
            kept = {
                "upload": data["upload"] or keep_upload(request.user, data["content"]),
                "upload_name": getattr(data.get("file"), "name", "")
                or data["upload_name"],
                "language": data["language"],
                "mark_ready": data["mark_ready"],
            }
            apply_form = ImportForm(initial=kept)
            page = Paginator(preview.rows(report.changes), PREVIEW_ROWS).get_page(
                request.GET.get("page")
            )
            page.query = urlencode(
                {
                    key: "on" if value is True else value
                    for key, value in kept.items()
                    if value
                }
            )
    return TemplateResponse(
        request,
        "admin/translations/import.html",
        {
            **admin.site.each_context(request),
            "title": _("Import translations"),
            "form": form,
            "report": report,
            "apply_form": apply_form,
            "page": page,
        },
    )


def memory_view(request):
    """The translation memory: its size per pair of languages, its download as
    TMX, and the upload of a TMX file into it."""
    if not changeable_models(request.user):
        raise PermissionDenied
    form = MemoryImportForm(request.POST or None, request.FILES or None)
    if form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            pairs = read_tmx(
                upload.read(),
                _("TMX file %(name)s") % {"name": upload.name},
            )
        except ExchangeError as exc:
            form.add_error("file", str(exc))
        else:
            allowed = [pair for pair in pairs if can_translate(request.user, pair[1])]
            by_languages = {}
            for source_lang, target_lang, *rest in allowed:
                by_languages.setdefault((source_lang, target_lang), []).append(rest)
            count = sum(
                remember(source_lang, target_lang, units)
                for (source_lang, target_lang), units in by_languages.items()
            )
            messages.success(
                request,
                ngettext(
                    "%(count)d translation added to the memory.",
                    "%(count)d translations added to the memory.",
                    count,
                )
                % {"count": count},
            )
            if len(allowed) < len(pairs):
                skipped = len(pairs) - len(allowed)
                messages.warning(
                    request,
                    ngettext(
                        "%(count)d translation into a language you do not "
                        "translate was left out.",
                        "%(count)d translations into languages you do not "
                        "translate were left out.",
                        skipped,
                    )
                    % {"count": skipped},
                )
            return redirect("translations:memory")
    sizes = (
        MemoryEntry.objects.values("source_language", "target_language")
        .annotate(count=Count("pk"))
        .order_by("source_language", "target_language")
    )
    return TemplateResponse(
        request,
        "admin/translations/memory.html",
        {
            **admin.site.each_context(request),
            "title": _("Translation memory"),
            "form": form,
            "sizes": [
                {
                    "source": LANGUAGE_NAMES.get(row["source_language"]),
                    "target": LANGUAGE_NAMES.get(row["target_language"]),
                    "count": row["count"],
                }
                for row in sizes
            ],
        },
    )


def memory_tmx(request):
    """The whole translation memory as a TMX 1.4b file."""
    if not changeable_models(request.user):
        raise PermissionDenied
    response = HttpResponse(
        write_tmx(MemoryEntry.objects.order_by("pk").iterator()),
        content_type="application/x-tmx+xml; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="translation-memory.tmx"'
    return response


def record_import(user, report, file_name):
    """The audit trail's entries of an import: one with the file and the counts,
    and one on each item changed, which its history shows."""
    source = {"file": file_name, "language": report.language}
    record(
        user,
        Action.PO_IMPORT,
        **source,
        items=len(report.objects),
        fields=len(report.changes),
        ready=len(report.ready),
        refused=len(report.refused),
    )
    for item, names in report.items.items():
        # A version marked ready without a change of its text has no fields.
        changed = {"fields": names} if names else {}
        record(user, Action.PO_IMPORT, item, **source, **changed)


def report_import(request, report):
    """The outcome of an import, as messages for the next page: what is ready,
    and which live items wait for a publisher to publish the changes."""
    objects, fields = len(report.objects), len(report.changes)
    messages.success(
        request,
        ngettext("%(count)d item updated:", "%(count)d items updated:", objects)
        % {"count": objects}
        + " "
        + ngettext("%(count)d field imported.", "%(count)d fields imported.", fields)
        % {"count": fields},
    )
    if report.marked_ready:
        count = len(report.marked_ready)
        messages.success(
            request,
            ngettext(
                "%(count)d version marked ready: it will be public when its item "
                "is published.",
                "%(count)d versions marked ready: they will be public when their "
                "items are published.",
                count,
            )
            % {"count": count},
        )
    if report.waiting:
        messages.warning(request, waiting_message(report.waiting))
    for refusal in report.refused:
        messages.warning(request, f"{refusal.context}: {refusal.reason}")
    for item in report.not_ready:
        messages.warning(
            request,
            _("%(context)s not marked ready (%(state)s): %(reason)s")
            % {
                "context": item.context,
                "state": item.state_label,
                "reason": item.reason,
            },
        )


def waiting_message(items):
    """The live items whose imported text waits for a publisher, the first
    NAMED_ITEMS named with a link to each (where a publisher publishes it)."""
    count, more = len(items), len(items) - NAMED_ITEMS
    names = format_html_join(
        ", ",
        '<a href="{}">{}</a>',
        ((admin_url(item, absolute=False), item) for item in items[:NAMED_ITEMS]),
    )
    if more > 0:
        names = format_html(
            "{} {}",
            names,
            ngettext("and %(count)d more", "and %(count)d more", more)
            % {"count": more},
        )
    return format_html(
        "{} {}.",
        ngettext(
            "The imported text of %(count)d live item waits for a publisher to "
            "publish the changes; until then its public page shows the earlier "
            "text:",
            "The imported text of %(count)d live items waits for a publisher to "
            "publish the changes; until then their public pages show the earlier "
            "text:",
            count,
        )
        % {"count": count},
        names,
    )


def state_counts(model, languages):
    """{lang: {state: count}} for a model with version states: one query."""
    aggregates = {}
    for lang in languages:
        for state in DASHBOARD_STATES:
            aggregates[f"{lang}__{state}"] = Count(
                "pk", filter=version_in_state(lang, state)
            )
    totals = model._default_manager.aggregate(**aggregates)
    return {
        lang: {state: totals[f"{lang}__{state}"] for state in DASHBOARD_STATES}
        for lang in languages
    }


def changelist_url(model, lang, state):
    """The model's admin list filtered on one language's state, or ""."""
    meta = model._meta
    try:
        url = reverse(f"admin:{meta.app_label}_{meta.model_name}_changelist")
    except NoReverseMatch:
        return ""
    return f"{url}?{urlencode({f'{version_state_field(lang)}__exact': state})}"


def outdated_versions(model, lang, limit):
    """The `limit` latest outdated versions of `model` in `lang`, each with how
    many of its blocks (or fields) lack a translation of today's source."""
    objects = list(
        model._default_manager.filter(
            version_in_state(lang, VersionState.OUTDATED)
        ).order_by("-pk")[:limit]
    )
    bases = translated_sources(objects, lang)
    return [
        {
            "obj": obj,
            "model": model._meta.verbose_name,
            "url": admin_url(obj, absolute=False),
            "lacking": sum(
                changed_units(
                    field_units(
                        obj, name, lang, bases.get(context_for(obj, name)), True
                    )
                )
                for name in text_fields(model)
            ),
        }
        for obj in objects
    ]


def dashboard(request):
    """Per language and content type, how many versions are ready, draft, missing
    and outdated; and the interface catalogues' completeness."""
    models = changeable_models(request.user)
    if not models:
        raise PermissionDenied
    counted = [m for m in models if has_version_states(m)]
    counts = {model: state_counts(model, LANGUAGE_CODES) for model in counted}
    sections = []
    for code, name in LANGUAGE_NAMES.items():
        rows = [
            {
                "label": model._meta.label_lower,
                "model": model._meta.verbose_name_plural,
                "cells": [
                    {
                        "state": state,
                        "count": counts[model][code][state],
                        "url": changelist_url(model, code, state),
                    }
                    for state in DASHBOARD_STATES
                ],
            }
            for model in counted
        ]
        sections.append(
            {
                "code": code,
                "name": name,
                "rows": rows,
                "is_source": code == SOURCE_LANGUAGE,
                "catalogue": catalogue_stats(code),
                "outdated": [
                    version
                    for model in counted
                    for version in outdated_versions(model, code, OUTDATED_SHOWN)
                ],
            }
        )
    return TemplateResponse(
        request,
        "admin/translations/dashboard.html",
        {
            **admin.site.each_context(request),
            "title": pgettext_lazy("admin page", "Translations"),
            "states": [VersionState(state).label for state in DASHBOARD_STATES],
            "sections": sections,
        },
    )
