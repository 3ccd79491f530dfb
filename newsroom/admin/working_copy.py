"""The inlines of a live item's change form show its working copy's rows: the
live rows it keeps, as it changed them, then its new rows, filled in."""

from django.contrib.auth import get_permission_codename
from django.forms.models import BaseInlineFormSet, model_to_dict

from newsroom.clearance import inlines
from newsroom.clearance.snapshots import apply


class WorkingCopyFormSet(BaseInlineFormSet):
    """An inline formset that reads the rows of the item's working copy, when it
    recorded this relation; the admin saves its rows there (see
    ClearanceAdminMixin.save_related)."""

    def __init__(self, data=None, files=None, instance=None, queryset=None, **kwargs):
        rel = self.fk.remote_field
        copy = getattr(instance, "working_copy", None)
        rows = (copy.data if copy else {}).get(inlines.INLINES, {})
        rows = rows.get(rel.get_accessor_name())
        self.waiting, self.new_rows, self.new_ids = None, 0, []
        if rows is not None:
            manager = self.model._default_manager if queryset is None else queryset
            ids = [row["id"] for row in rows if row.get("id")]
            in_table = set(manager.filter(pk__in=ids).values_list("pk", flat=True))
            self.waiting = {row["id"]: row for row in rows if row.get("id") in in_table}
            # A new row has no row in the table yet, only the id it will get.
            new = [row for row in rows if row.get("id") not in in_table]
            queryset = manager.filter(pk__in=self.waiting)
            kwargs["initial"] = [
                model_to_dict(inlines.build(instance, rel, row), exclude=["id"])
                for row in new
            ]
            self.new_ids = [row.get("id") for row in new]
            self.extra = self.new_rows = len(new)
        super().__init__(data, files, instance, queryset=queryset, **kwargs)

    def get_queryset(self):
        fresh = not hasattr(self, "_queryset")
        queryset = super().get_queryset()
        if fresh and self.waiting:
            for row in queryset:
                apply(row, self.waiting[row.pk])
        return queryset

    def _construct_form(self, i, **kwargs):
        # A new row of the working copy is kept though the editor left it alone.
        if 0 <= i - self.initial_form_count() < self.new_rows:
            kwargs["empty_permitted"] = False
        return super()._construct_form(i, **kwargs)


class WorkingCopyInlineMixin:
    """For the inlines of a release's parts: the rows are part of the item, so
    whoever may change the item may edit them (the roles have no permission of
    their own on quotes or documents); a live item's wait in its working copy."""

    formset = WorkingCopyFormSet

    def may_change_parent(self, request):
        opts = self.parent_model._meta
        codename = get_permission_codename("change", opts)
        return request.user.has_perm(f"{opts.app_label}.{codename}")

    def has_view_permission(self, request, obj=None):
        return self.may_change_parent(request)

    def has_add_permission(self, request, obj=None):
        return self.may_change_parent(request)

    def has_change_permission(self, request, obj=None):
        return self.may_change_parent(request)

    def has_delete_permission(self, request, obj=None):
        return self.may_change_parent(request)
