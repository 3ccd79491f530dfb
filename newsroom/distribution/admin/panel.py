"""The distribution panel of a release's or an event's change form: a summary of
its mailings and the link to its distribution page."""

from django.contrib import admin
from django.db.models import Count
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from ..models import Delivery, Dispatch


def item_kind(obj):
    return "release" if obj._meta.model_name == "pressrelease" else "event"


def status_counts(dispatches):
    """{dispatch id: {status: count}} of the deliveries of `dispatches`."""
    counts = {}
    rows = (
        Delivery.objects.filter(dispatch__in=dispatches)
        .values_list("dispatch", "status")
        .annotate(count=Count("pk"))
        .order_by()
    )
    for dispatch, status, count in rows:
        counts.setdefault(dispatch, {})[status] = count
    return counts


def describe_counts(counts):
    """ "12 sent, 3 pending, 1 failed", in the order of the statuses."""
    return ", ".join(
        f"{counts[status]} {label.lower()}"
        for status, label in Delivery.Status.choices
        if counts.get(status)
    ) or gettext("no delivery")


class DistributionPanelMixin:
    """For the admin of a distributed model: the read-only field `distribution`."""

    @admin.display(description=_("distribution by email"))
    def distribution(self, obj):
        if obj is None or obj.pk is None:
            return _("Save the item first.")
        field = "release" if item_kind(obj) == "release" else "event"
        dispatches = list(Dispatch.objects.filter(**{field: obj}).order_by("version"))
        counts = status_counts(dispatches)
        url = reverse(
            "admin:distribution_item", kwargs={"kind": item_kind(obj), "pk": obj.pk}
        )
        rows = format_html_join(
            "",
            "<li>{} {} ({}): {}</li>",
            (
                (
                    gettext("Version"),
                    dispatch.version,
                    dispatch.get_reason_display(),
                    describe_counts(counts.get(dispatch.pk, {})),
                )
                for dispatch in dispatches
            ),
        )
        if not dispatches:
            rows = format_html("<li>{}</li>", gettext("Not sent by email yet."))
        return format_html(
            '<ul class="nr-links">{}</ul><a href="{}">{}</a>',
            rows,
            url,
            gettext("Deliveries, preview, test and sending"),
        )
