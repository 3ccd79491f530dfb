"""Mailings, deliveries and embargo links in the admin: read-only records of what
the worker did, with the few actions an editor needs (retry, cancel, revoke)."""

from django.contrib import admin, messages
from django.db.models import Count, Q
from django.urls import path, reverse
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.clearance.audit import record
from newsroom.clearance.models import Action

from ..models import Delivery, Dispatch, EmbargoLink
from .item_page import ItemDistributionView, PreviewView
from .panel import describe_counts, item_kind


class ReadOnlyAdmin(admin.ModelAdmin):
    """Records: viewed and acted on, never written by hand."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ["__str__", "version", "reason", "created_at", "deliveries"]
    list_filter = ["reason", "created_at"]
    list_select_related = ["release", "event"]
    date_hierarchy = "created_at"

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path(
                "item/<str:kind>/<int:pk>/",
                view(ItemDistributionView.as_view(admin_site=self.admin_site)),
                name="distribution_item",
            ),
            path(
                "item/<str:kind>/<int:pk>/preview/<str:lang>/",
                view(PreviewView.as_view()),
                name="distribution_preview",
            ),
            *super().get_urls(),
        ]

    def get_queryset(self, request):
        # The count of each status in the list's one query.
        return (
            super()
            .get_queryset(request)
            .annotate(
                **{
                    f"count_{status}": Count(
                        "deliveries", filter=Q(deliveries__status=status)
                    )
                    for status in Delivery.Status.values
                }
            )
        )

    @admin.display(description=_("deliveries"))
    def deliveries(self, obj):
        counts = {
            status: getattr(obj, f"count_{status}", 0)
            for status in Delivery.Status.values
        }
        url = reverse(
            "admin:distribution_item",
            kwargs={"kind": item_kind(obj.item), "pk": obj.item.pk},
        )
        return format_html('<a href="{}">{}</a>', url, describe_counts(counts))


@admin.register(Delivery)
class DeliveryAdmin(ReadOnlyAdmin):
    list_display = [
        "email",
        "dispatch",
        "language",
        "status",
        "embargoed",
        "attempts",
        "sent_at",
        "reason",
    ]
    list_filter = ["status", "embargoed", "language", "dispatch__reason"]
    list_select_related = ["dispatch__release", "dispatch__event"]
    search_fields = ["email"]
    actions = ["retry", "cancel"]

    # The distribution page links to the deliveries of one item.
    item_lookups = ("dispatch__release__id__exact", "dispatch__event__id__exact")

    def lookup_allowed(self, lookup, value, request=None):
        return lookup in self.item_lookups or super().lookup_allowed(
            lookup, value, request
        )

    def has_change_permission(self, request, obj=None):
        # The actions change rows: allowed to those who may send.
        return request.user.has_perm("distribution.add_dispatch")

    def get_readonly_fields(self, request, obj=None):
        return [field.name for field in Delivery._meta.fields]

    @admin.action(description=_("Try the selected failed deliveries again"))
    def retry(self, request, queryset):
        count = queryset.filter(status=Delivery.Status.FAILED).update(
            status=Delivery.Status.PENDING,
            next_attempt_at=timezone.now(),
            attempts=0,
            reason="",
        )
        if count:
            from ..tasks import start_senders

            start_senders()
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery will be tried again.",
                "%(count)d deliveries will be tried again.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Cancel the selected unsent deliveries"))
    def cancel(self, request, queryset):
        count = queryset.filter(
            status__in=[Delivery.Status.WAITING, Delivery.Status.PENDING]
        ).update(
            status=Delivery.Status.CANCELLED,
            reason=_("Cancelled by %(user)s.") % {"user": request.user.get_username()},
        )
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery cancelled.",
                "%(count)d deliveries cancelled.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )


@admin.register(EmbargoLink)
class EmbargoLinkAdmin(ReadOnlyAdmin):
    list_display = ["journalist", "release", "created_at", "revoked_at"]
    list_filter = ["revoked_at", "created_at"]
    list_select_related = ["journalist", "release"]
    search_fields = ["journalist__name", "journalist__email", "journalist__outlet"]
    actions = ["revoke"]

    def has_change_permission(self, request, obj=None):
        return request.user.has_perm("distribution.add_dispatch")

    def get_readonly_fields(self, request, obj=None):
        return ["release", "journalist", "created_at", "revoked_at"]

    def get_fields(self, request, obj=None):
        return self.get_readonly_fields(request, obj)

    @admin.action(description=_("Revoke the selected embargo links"))
    def revoke(self, request, queryset):
        active = queryset.filter(revoked_at__isnull=True).select_related(
            "release", "journalist"
        )
        for link in active:
            record(
                request.user,
                Action.EMBARGO_LINK,
                link.release,
                revoked=str(link.journalist),
            )
        count = active.update(revoked_at=timezone.now())
        self.message_user(
            request,
            ngettext(
                "%(count)d embargo link revoked: it no longer opens the release.",
                "%(count)d embargo links revoked: they no longer open the release.",
                count,
            )
            % {"count": count},
            messages.SUCCESS,
        )
