"""The webhooks in the admin: partners (with a button that sends a test at once
and says what the endpoint answered) and the delivery log with every attempt."""

import json

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from newsroom.core.admin import TabularInline
from newsroom.core.standards import site_authority

from . import announcing
from .models import Attempt, Event, Partner, WebhookDelivery
from .tasks import queue_sending, send_webhook


def test_body(partner):
    """What a test sends, as (language, kind, body): the latest live item of the
    kind the partner receives (a release, for both) in its first language, else
    a document that only says it is a test."""
    kind = announcing.EVENTS
    if partner.receives != Partner.Receives.EVENTS:
        kind = announcing.RELEASES
    item = kind.for_documents(kind.model.objects.live()).order_by("-publish_at").first()
    if item is None:
        today = timezone.localdate()
        return (
            "",
            kind.name,
            json.dumps(
                {
                    "uri": f"tag:{site_authority()},{today}:test/{timezone.now():%s}",
                    "type": "text",
                    "pubstatus": "usable",
                    "headlines": [{"role": "main", "value": "Test"}],
                }
            ),
        )
    lang = announcing.languages_for(partner, item)[0]
    return lang, kind.name, kind.body(item, lang, Event.TEST)


@admin.register(Partner)
class PartnerAdmin(admin.ModelAdmin):
    list_display = ["name", "url", "receives", "languages", "is_active", "created_at"]
    list_filter = ["is_active", "receives"]
    search_fields = ["name", "url"]
    filter_horizontal = ["topics"]
    change_form_template = "admin/webhooks/partner/change_form.html"
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def get_urls(self):
        return [
            path(
                "<int:pk>/test/",
                self.admin_site.admin_view(self.send_test),
                name="webhooks_partner_test",
            ),
            *super().get_urls(),
        ]

    def send_test(self, request, pk):
        """POST only: send a test delivery now and say what the endpoint answered
        (it is in the delivery log too)."""
        partner = get_object_or_404(Partner, pk=pk)
        if request.method != "POST" or not self.has_change_permission(request, partner):
            raise PermissionDenied
        lang, kind, body = test_body(partner)
        delivery = WebhookDelivery.objects.create(
            partner=partner,
            event=Event.TEST,
            kind=kind,
            language=lang,
            body=body,
            next_attempt_at=timezone.now(),
        )
        # As the task: a failed test is retried like any delivery.
        send_webhook.call(delivery.pk)
        attempt = delivery.attempt_log.get()
        if attempt.succeeded:
            messages.success(
                request,
                _("The endpoint accepted the test (HTTP %(status)s).")
                % {"status": attempt.status_code},
            )
        else:
            messages.error(
                request,
                _("The endpoint did not accept the test: %(answer)s.")
                % {"answer": attempt.status_code or attempt.error},
            )
        return redirect(reverse("admin:webhooks_partner_change", args=[pk]))


class AttemptInline(TabularInline):
    model = Attempt
    extra = 0
    can_delete = False
    fields = readonly_fields = ["at", "status_code", "error", "succeeded"]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(WebhookDelivery)
class WebhookDeliveryAdmin(admin.ModelAdmin):
    list_display = [
        "created_at",
        "partner",
        "event",
        "item",
        "language",
        "status",
        "attempts",
        "delivered_at",
    ]
    list_filter = ["status", "event", "partner"]
    list_select_related = [
        "partner",
        "announcement__release",
        "announcement__calendar_event",
    ]
    date_hierarchy = "created_at"
    inlines = [AttemptInline]
    actions = ["send_again"]
    fields = readonly_fields = [
        "partner",
        "event",
        "item",
        "language",
        "status",
        "attempts",
        "next_attempt_at",
        "delivered_at",
        "created_at",
        "body",
    ]

    @admin.display(description=gettext_lazy("press release or event"))
    def item(self, delivery):
        """What was announced, named by its kind: "Press release: …", "Event: …"."""
        if delivery.announcement is None:
            return "—"
        item = delivery.announcement.item
        return _("%(kind)s: %(item)s") % {
            "kind": capfirst(item._meta.verbose_name),
            "item": item,
        }

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # The log is read-only; the action below needs the change permission.
        return obj is None and super().has_change_permission(request)

    @admin.action(
        description=gettext_lazy("Send the failed ones again"),
        permissions=["change"],
    )
    def send_again(self, request, queryset):
        failed = queryset.filter(status=WebhookDelivery.Status.FAILED)
        pks = list(failed.values_list("pk", flat=True))
        failed.update(
            status=WebhookDelivery.Status.PENDING, next_attempt_at=timezone.now()
        )
        queue_sending(pks)
        self.message_user(
            request,
            ngettext(
                "%(count)d delivery queued again.",
                "%(count)d deliveries queued again.",
                len(pks),
            )
            % {"count": len(pks)},
        )
