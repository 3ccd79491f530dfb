"""The distribution page of one release or event: its mailings with the count of
each status and the reasons of failures, who it reaches, a preview of its email
in each language, a test sent to oneself, and the buttons to send it."""

import datetime

from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views import View

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from newsroom.core.publication import VersionState
from newsroom.models import Event, PressRelease
from newsroom.worker import enqueue

from ..audience import journalists_for, subscribers_for
from ..dispatching import (
    fan_out,
    has_withdrawal_notice,
    is_withdrawn,
    notify_withdrawal,
    resend_correction,
    send_under_embargo,
)
from ..emails import preview_message
from ..models import Delivery, Dispatch, SweepRecord
from .panel import status_counts

MODELS = {"release": PressRelease, "event": Event}
FAILURES_SHOWN = 20


class ItemMixin:
    def get_item(self, request, kind, pk):
        model = MODELS.get(kind)
        if model is None:
            raise Http404
        opts = model._meta
        if not request.user.has_perm(f"{opts.app_label}.view_{opts.model_name}"):
            raise PermissionDenied
        return get_object_or_404(model, pk=pk)


class ItemDistributionView(ItemMixin, View):
    admin_site = None
    http_method_names = ["get", "post"]

    def get(self, request, kind, pk):
        item = self.get_item(request, kind, pk)
        return render(
            request, "admin/distribution/item.html", self.context(request, kind, item)
        )

    def post(self, request, kind, pk):
        item = self.get_item(request, kind, pk)
        if not request.user.has_perm("distribution.add_dispatch"):
            raise PermissionDenied
        action = request.POST.get("action")
        handler = {
            "send": self.send,
            "embargo": self.embargo,
            "correction": self.correction,
            "withdrawal": self.withdrawal,
            "test": self.test,
        }.get(action)
        if handler is None:
            messages.error(request, _("Unknown action."))
        else:
            handler(request, kind, item)
        return redirect("admin:distribution_item", kind=kind, pk=pk)

    def send(self, request, kind, item):
        if not item.is_live:
            messages.error(request, _("Only a live item can be sent to everyone."))
            return
        fan_out(item, user=request.user, force=True)
        messages.success(
            request,
            _("The item is being sent to every matching recipient who has not had it."),
        )

    def embargo(self, request, kind, item):
        if kind != "release" or not item.is_scheduled:
            messages.error(
                request, _("Only a scheduled release can be sent under embargo.")
            )
            return
        send_under_embargo(item, user=request.user)
        messages.success(
            request,
            _(
                "The release is being sent to the accredited journalists, each with "
                "a personal embargo link."
            ),
        )

    def correction(self, request, kind, item):
        sent = Delivery.objects.of_item(item).filter(status=Delivery.Status.SENT)
        if not item.is_live or not sent.exists():
            messages.error(
                request,
                _("A correction goes to those who received the item: none has yet."),
            )
            return
        dispatch = resend_correction(item, user=request.user)
        messages.success(
            request,
            _("Version %(version)d is being sent to the previous recipients.")
            % {"version": dispatch.version},
        )

    def withdrawal(self, request, kind, item):
        sent = Delivery.objects.of_item(item).filter(status=Delivery.Status.SENT)
        if not is_withdrawn(item):
            error = _("Only a withdrawn item's recipients are told of its withdrawal.")
        elif has_withdrawal_notice(item):
            error = _("Its recipients have already been told of its withdrawal.")
        elif not sent.exists():
            error = _("Nobody received this item: nobody is to be told.")
        else:
            notify_withdrawal(item, user=request.user)
            messages.success(
                request, _("The previous recipients are being told of the withdrawal.")
            )
            return
        messages.error(request, error)

    def test(self, request, kind, item):
        from ..tasks import send_test

        lang = request.POST.get("language")
        email = request.user.email
        if lang not in LANGUAGE_CODES:
            messages.error(request, _("Unknown language."))
        elif not email:
            messages.error(request, _("Your account has no email address."))
        else:
            enqueue(send_test, kind, item.pk, lang, email)
            messages.success(
                request,
                _("A test email in %(language)s is on its way to %(email)s.")
                % {"language": LANGUAGE_NAMES[lang], "email": email},
            )

    def context(self, request, kind, item):
        field = "release" if kind == "release" else "event"
        dispatches = list(Dispatch.objects.filter(**{field: item}).order_by("version"))
        counts = status_counts(dispatches)
        rows = [
            {
                "dispatch": dispatch,
                "counts": [
                    (label, counts.get(dispatch.pk, {}).get(status, 0))
                    for status, label in Delivery.Status.choices
                ],
            }
            for dispatch in dispatches
        ]
        failures = (
            Delivery.objects.of_item(item)
            .filter(status__in=[Delivery.Status.FAILED, Delivery.Status.CANCELLED])
            .order_by("-pk")[:FAILURES_SHOWN]
        )
        has_sent = any(
            counts.get(dispatch.pk, {}).get(Delivery.Status.SENT)
            for dispatch in dispatches
        )
        last_sweep = SweepRecord.last_run()
        stale = datetime.timedelta(seconds=4 * settings.DISTRIBUTION_SWEEP_SECONDS + 60)
        opts = item._meta
        return {
            **self.admin_site.each_context(request),
            "title": _("Distribution by email: %(item)s") % {"item": item},
            "item": item,
            "kind": kind,
            "opts": opts,
            "change_url": reverse(
                f"admin:{opts.app_label}_{opts.model_name}_change", args=[item.pk]
            ),
            "rows": rows,
            "failures": failures,
            "deliveries_url": reverse("admin:distribution_delivery_changelist")
            + f"?dispatch__{field}__id__exact={item.pk}",
            "subscribers": subscribers_for(item).count(),
            "journalists": journalists_for(item).count(),
            "accredited": journalists_for(item, accredited_only=True).count(),
            "languages": [
                {
                    "code": code,
                    "name": LANGUAGE_NAMES[code],
                    "state": VersionState(item.translation_state(code)).label,
                    "preview_url": reverse(
                        "admin:distribution_preview",
                        kwargs={"kind": kind, "pk": item.pk, "lang": code},
                    ),
                }
                for code in LANGUAGE_CODES
            ],
            "last_sweep": last_sweep,
            "worker_late": last_sweep is None or timezone.now() - last_sweep > stale,
            "can_send": request.user.has_perm("distribution.add_dispatch"),
            "has_sent": has_sent,
            "may_notify_withdrawal": has_sent
            and is_withdrawn(item)
            and not any(d.reason == Dispatch.Reason.WITHDRAWAL for d in dispatches),
        }


class PreviewView(ItemMixin, View):
    """The email of the item in one language, as a recipient reading that
    language gets it: the HTML, or the plain text with ?format=text."""

    http_method_names = ["get"]

    def get(self, request, kind, pk, lang):
        item = self.get_item(request, kind, pk)
        if lang not in LANGUAGE_CODES:
            raise Http404
        message = preview_message(item, lang, request.user.email or "preview@localhost")
        if request.GET.get("format") == "text":
            response = HttpResponse(
                message.body, content_type="text/plain; charset=utf-8"
            )
        else:
            html = message.alternatives[0][0]
            response = HttpResponse(html, content_type="text/html; charset=utf-8")
        response["Cache-Control"] = "private, no-store"
        response["X-Robots-Tag"] = "noindex"
        # The preview shows the email's remote photo; nothing else may run.
        response["Content-Security-Policy"] = (
            "default-src 'none'; img-src *; style-src 'unsafe-inline'"
        )
        return response
