"""The "Export for translation" action of the admin lists, and the PO download
it answers with."""

from django.contrib import admin
from django.contrib.admin import helpers
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _

from newsroom.core.standards import public_address

from .exporting import export_catalogue, with_companions
from .forms import ExportForm


def po_response(po, filename):
    response = HttpResponse(
        str(po).encode("utf-8"),
        content_type="text/x-gettext-translation; charset=utf-8",
    )
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def po_filename(lang, name):
    return f"{name}-{lang}.po"


@admin.action(description=_("Export for translation"), permissions=["change"])
def export_for_translation(modeladmin, request, queryset):
    """Ask for the language, then answer the selected objects as a PO file,
    with the photos and offices they show."""
    form = ExportForm(
        request.POST if "translation-language" in request.POST else None,
        prefix="translation",
        user=request.user,
    )
    opts = modeladmin.model._meta
    if form.is_valid():
        lang = form.cleaned_data["language"]
        po = export_catalogue(
            lang,
            with_companions(queryset),
            only=form.cleaned_data["only"] or None,
            site=public_address(request),
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
