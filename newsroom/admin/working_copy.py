"""The inlines of a live item's change form show its working copy's rows: the
live rows it keeps, as it changed them, then its new rows, filled in."""

from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth import get_permission_codename
from django.forms.models import BaseInlineFormSet

from newsroom.clearance import inlines
from newsroom.clearance.snapshots import apply

from .clearance import outside_languages, translator_languages


class WorkingCopyFormSet(BaseInlineFormSet):
    """An inline formset that reads the rows of the item's working copy, when it
    recorded this relation; the admin saves its rows there (see
    ClearanceAdminMixin.save_related)."""

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        rel = self.fk.remote_field
        copy = getattr(instance, "working_copy", None)
        rows = (copy.data if copy else {}).get(inlines.INLINES, {})
        rows = rows.get(rel.get_accessor_name())
        self.waiting, self.new_rows, self.new_ids = None, [], []
        if rows is not None:
            manager = self.model._default_manager if queryset is None else queryset
            ids = [row["id"] for row in rows if row.get("id")]
            in_table = set(manager.filter(pk__in=ids).values_list("pk", flat=True))
            self.waiting = {row["id"]: row for row in rows if row.get("id") in in_table}
            # A new row has no row in the table yet, only the id it will get.
            new = [row for row in rows if row.get("id") not in in_table]
            queryset = manager.filter(pk__in=self.waiting)
            self.new_rows = [
                inlines.build(instance, rel, {**row, "id": None}) for row in new
            ]
            self.new_ids = [row.get("id") for row in new]
            self.extra = len(new)
        super().__init__(data, files, instance, queryset=queryset, **kwargs)
        if self.new_rows:
            # Who adds no row (a translator, max_num 0) has the copy's new ones.
            count = self.initial_form_count() + len(self.new_rows)
            self.max_num = max(self.max_num, count)

    def get_queryset(self):
        fresh = not hasattr(self, "_queryset")
        queryset = super().get_queryset()
        if fresh and self.waiting:
            for row in queryset:
                apply(row, self.waiting[row.pk])
        return queryset

    def _construct_form(self, i, **kwargs):
        # A new row of the working copy is kept though the editor left it alone,
        # with the values of the fields that they only read (a translator).
        new = i - self.initial_form_count()
        if 0 <= new < len(self.new_rows):
            kwargs.update(empty_permitted=False, instance=self.new_rows[new])
        return super()._construct_form(i, **kwargs)

    def has_changed(self):
        # A new row of the working copy is no row that this editor adds (a
        # translator adds none, and the admin's form says it has not changed):
        # its fields say whether it changed.
        new = self.extra_forms[: len(self.new_rows)]
        return super().has_changed() or any(form.changed_data for form in new)


class WorkingCopyInlineMixin:
    """For the inlines of a release's parts: the rows are part of the item, so
    whoever may change the item may edit them (the roles have no permission of
    their own on quotes or documents), a translator only their languages' words
    of the rows there are; a live item's wait in its working copy."""

    formset = WorkingCopyFormSet

    def may_change_parent(self, request):
        opts = self.parent_model._meta
        codename = get_permission_codename("change", opts)
        return request.user.has_perm(f"{opts.app_label}.{codename}")

    def has_view_permission(self, request, obj=None):
        return self.may_change_parent(request)

    def may_add_or_delete(self, request):
        return self.may_change_parent(request) and not translator_languages(
            request.user
        )

    def has_add_permission(self, request, obj=None):
        return self.may_add_or_delete(request)

    def has_change_permission(self, request, obj=None):
        return self.may_change_parent(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_add_or_delete(request)

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        languages = translator_languages(request.user)
        if languages:
            shown = flatten_fieldsets(self.get_fieldsets(request, obj))
            fields += outside_languages(self.model, shown, languages)
        return fields
