"""The history of an item's revisions in the admin: differences, restore and the
audit trail, for every model that keeps revisions (releases, events, pages,
people, media contacts)."""

from django.contrib import messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.translation import gettext

from newsroom.clearance import revisions, roles, workflow
from newsroom.clearance.audit import entries_for, shown_details


class HistoryAdminMixin:
    """The history of an item's revisions, with differences and restore, and its
    audit trail: for every model that keeps revisions."""

    object_history_template = "admin/clearance/history.html"

    def history_view(self, request, object_id, extra_context=None):
        obj = self.model.objects.filter(pk=unquote(object_id)).first()
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "title": format_html("{} {}", gettext("History:"), str(obj)),
            "subtitle": None,
            "opts": self.opts,
            "object": obj,
            "history": revisions.history(obj),
            "entries": [
                (entry, shown_details(entry)) for entry in entries_for(obj)[:200]
            ],
            "may_restore": roles.edits_everything(request.user)
            and self.has_change_permission(request, obj),
            "restores_as_draft": self.restores_as_draft(),
        }
        return TemplateResponse(request, self.object_history_template, context)

    def restores_as_draft(self):
        """A publishable item's restore is a draft; another's (a person, a media
        contact) is current at once, kept as a new revision."""
        return any(field.name == "state" for field in self.opts.concrete_fields)

    def get_urls(self):
        return [
            self.object_path("restore/<int:revision_id>/", self.restore_view),
            *super().get_urls(),
        ]

    def object_path(self, route, view):
        """The URL of an admin view of one object, named after the view."""
        name = view.__name__.removesuffix("_view")
        return path(
            f"<path:object_id>/{route}",
            self.admin_site.admin_view(view),
            name=f"{self.opts.app_label}_{self.opts.model_name}_{name}",
        )

    def object_or_404(self, object_id):
        """The row of an address as stored (not as the change form shows it), or
        a 404 for an id that names none, however malformed."""
        try:
            pk = self.opts.pk.to_python(unquote(object_id))
        except ValidationError:
            raise Http404 from None
        return get_object_or_404(self.model, pk=pk)

    def change_url(self, obj):
        return reverse(
            f"admin:{self.opts.app_label}_{self.opts.model_name}_change", args=[obj.pk]
        )

    def restore_view(self, request, object_id, revision_id):
        if request.method != "POST":
            raise PermissionDenied
        obj = self.object_or_404(object_id)
        if not self.has_change_permission(request, obj):
            raise PermissionDenied
        revision = get_object_or_404(revisions.revisions_of(obj), pk=revision_id)
        workflow.restore(obj, revision, request.user)
        if self.restores_as_draft():
            done = gettext("The revision is back as a draft; nothing was published.")
        else:
            done = gettext(
                "The revision is back: this item has no publication step, so its "
                "earlier text is current again."
            )
        self.message_user(request, done, messages.SUCCESS)
        return HttpResponseRedirect(self.change_url(obj))
