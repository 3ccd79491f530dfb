"""Translations in the admin: the "Export for translation" action, the upload form
that imports a translated PO file (with a dry-run preview), the export form, and
the "Translations" dashboard.

The URLs below are mounted under /admin/translations/ by newsroom/urls.py and wrapped
in the admin site's login; each view then asks for the change permission of the
models it touches.
"""

import hashlib
from urllib.parse import urlencode

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.contrib.admin import helpers
from django.contrib.auth import get_permission_codename
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import NoReverseMatch, path, reverse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext, pgettext_lazy

from newsroom import translation_exchange as exchange
from newsroom.catalogues import SOURCE_LANGUAGE, catalogue_stats
from newsroom.publication import VersionState

ONLY_CHOICES = [
    ("", _("Every field")),
    (exchange.ONLY_MISSING, _("Only missing translations")),
    (exchange.ONLY_OUTDATED, _("Only outdated translations")),
]

# The dashboard's columns, in the order an editor reads them.
DASHBOARD_STATES = (
    VersionState.READY,
    VersionState.DRAFT,
    VersionState.MISSING,
    VersionState.OUTDATED,
)


def can_change(user, model):
    codename = get_permission_codename("change", model._meta)
    return (
        user.is_active
        and user.is_staff
        and user.has_perm(f"{model._meta.app_label}.{codename}")
    )


def changeable_models(user, models=None):
    models = exchange.translatable_models() if models is None else models
    return [model for model in models if can_change(user, model)]


def po_response(po, filename):
    response = HttpResponse(
        str(po).encode("utf-8"),
        content_type="text/x-gettext-translation; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def po_filename(lang, name):
    return f"{name}-{lang}.po"


# Between the preview and its confirmation the uploaded file waits in the cache,
# for its uploader only: posting it back in the form would hit
# DATA_UPLOAD_MAX_MEMORY_SIZE with a large file.
UPLOAD_TIMEOUT = 60 * 60


def _upload_cache_key(user, digest):
    return f"newsroom:translation-upload:{user.pk}:{digest}"


def keep_upload(user, content):
    """Keep `content` (bytes) for `user`'s confirmation; return its key."""
    digest = hashlib.sha256(content).hexdigest()
    cache.set(_upload_cache_key(user, digest), content, UPLOAD_TIMEOUT)
    return digest


def kept_upload(user, digest):
    """The content `user` uploaded under key `digest`, or None (expired, or
    another user's)."""
    return cache.get(_upload_cache_key(user, digest))


def forget_upload(user, digest):
    cache.delete(_upload_cache_key(user, digest))


# Forms


class ExportForm(forms.Form):
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    only = forms.ChoiceField(label=_("Fields"), choices=ONLY_CHOICES, required=False)


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("PO file"),
        required=False,
        help_text=_("The translated file, as exported from this site."),
    )
    upload = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    language = forms.ChoiceField(
        label=_("Language"),
        choices=[("", _("The one the file names"))] + list(settings.LANGUAGES),
        required=False,
        help_text=_("When chosen, the file's Language header must name it."),
    )
    dry_run = forms.BooleanField(
        label=_("Preview only"),
        required=False,
        initial=True,
        help_text=_("Show what would change and change nothing."),
    )
    mark_ready = forms.BooleanField(
        label=_("Mark the imported versions ready"),
        required=False,
        help_text=_(
            "Only the versions the file translates in full; the others, and all "
            "of them without this, are left for an editor to review."
        ),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean(self):
        cleaned = super().clean()
        file = cleaned.get("file")
        if file:
            cleaned["content"] = file.read()
        elif cleaned.get("upload"):
            cleaned["content"] = kept_upload(self.user, cleaned["upload"])
            if cleaned["content"] is None:
                raise forms.ValidationError(
                    _("The previewed file is no longer kept: upload the file again.")
                )
        else:
            raise forms.ValidationError(_("Choose the PO file to import."))
        return cleaned


# The admin action


@admin.action(description=_("Export for translation"), permissions=["change"])
def export_for_translation(modeladmin, request, queryset):
    """Ask for the language, then answer the selected objects as a PO file."""
    form = ExportForm(
        request.POST if "translation-language" in request.POST else None,
        prefix="translation",
    )
    opts = modeladmin.model._meta
    if form.is_valid():
        lang = form.cleaned_data["language"]
        po = exchange.export_catalogue(
            lang, [queryset], only=form.cleaned_data["only"] or None
        )
        return po_response(po, po_filename(lang, opts.model_name))
    return TemplateResponse(
        request,
        "admin/translations/export_selected.html",
        {
            **modeladmin.admin_site.each_context(request),
            "title": _("Export for translation"),
            "opts": opts,
            "form": form,
            "queryset": queryset,
            "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
        },
    )


# Views


def export_view(request):
    """The PO file of every object of the models chosen, in one language."""
    models = changeable_models(request.user)
    if not models:
        raise PermissionDenied
    choices = [(m._meta.label_lower, m._meta.verbose_name_plural) for m in models]
    form = ExportForm(request.GET or None)
    form.fields["models"] = forms.MultipleChoiceField(
        label=_("Content types"), choices=choices, required=False
    )
    if request.GET and not form.is_valid():
        return HttpResponseBadRequest(form.errors.as_text())
    if form.is_valid():
        labels = form.cleaned_data["models"] or [label for label, _name in choices]
        lang = form.cleaned_data["language"]
        querysets = [
            exchange.model_by_label(label)._default_manager.all() for label in labels
        ]
        po = exchange.export_catalogue(
            lang, querysets, only=form.cleaned_data["only"] or None
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
    """Upload a translated PO file: a preview first, then the import."""
    if not changeable_models(request.user):
        raise PermissionDenied
    report = apply_form = None
    form = ImportForm(request.POST or None, request.FILES or None, user=request.user)
    if form.is_valid():
        data = form.cleaned_data
        try:
            report = exchange.import_catalogue(
                data["content"],
                language=data["language"] or None,
                dry_run=data["dry_run"],
                mark_ready=data["mark_ready"],
                can_change=lambda model: can_change(request.user, model),
            )
        except exchange.ExchangeError as exc:
            form.add_error(None, str(exc))
        else:
            if not report.dry_run:
                if data["upload"]:
                    forget_upload(request.user, data["upload"])
                report_import(request, report)
                return redirect("translations:dashboard")
            # The preview's form posts back the key of the file kept server-side.
            apply_form = ImportForm(
                initial={
                    "upload": keep_upload(request.user, data["content"]),
                    "language": data["language"],
                    "mark_ready": data["mark_ready"],
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
        },
    )


def report_import(request, report):
    """The outcome of an import, as messages for the next page."""
    objects, fields = len(report.objects), len(report.changes)
    messages.success(
        request,
        ngettext("%(count)d item updated:", "%(count)d items updated:", objects)
        % {"count": objects}
        + " "
        + ngettext("%(count)d field imported.", "%(count)d fields imported.", fields)
        % {"count": fields},
    )
    if report.ready:
        messages.success(
            request,
            ngettext(
                "%(count)d version marked ready.",
                "%(count)d versions marked ready.",
                len(report.ready),
            )
            % {"count": len(report.ready)},
        )
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


def _missing(lang):
    field = f"version_state_{lang}"
    return Q(**{f"{field}__isnull": True}) | Q(
        **{f"{field}__in": ["", VersionState.MISSING]}
    )


def state_counts(model, languages):
    """{lang: {state: count}} for a model with version states: one query."""
    aggregates = {}
    for lang in languages:
        for state in DASHBOARD_STATES:
            condition = (
                _missing(lang)
                if state == VersionState.MISSING
                else Q(**{f"version_state_{lang}": state})
            )
            aggregates[f"{lang}__{state}"] = Count("pk", filter=condition)
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
    return f"{url}?{urlencode({f'version_state_{lang}__exact': state})}"


def dashboard(request):
    """Per language and content type, how many versions are ready, draft, missing
    and outdated; and the interface catalogues' completeness."""
    models = changeable_models(request.user)
    if not models:
        raise PermissionDenied
    languages = [code for code, _name in settings.LANGUAGES]
    counted = [m for m in models if exchange.has_version_states(m)]
    counts = {model: state_counts(model, languages) for model in counted}
    sections = []
    for code, name in settings.LANGUAGES:
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


app_name = "translations"
urlpatterns = [
    path("", admin.site.admin_view(dashboard), name="dashboard"),
    path("import/", admin.site.admin_view(import_view), name="import"),
    path("export/", admin.site.admin_view(export_view), name="export"),
]
