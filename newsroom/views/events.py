"""Events: upcoming and past lists, the detail in the event's own time zone."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import render

from newsroom.models import Event, PressRelease

from .detail import DetailView, ItemView, PreviewView

EVENTS_PER_PAGE = 20


def paginate(request, queryset, per_page):
    try:
        return Paginator(queryset, per_page).page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error


def event_list(request, past=False):
    live = Event.objects.live()
    events = live.past() if past else live.upcoming()
    page = paginate(request, events, EVENTS_PER_PAGE)
    return render(
        request,
        "newsroom/event_list.html",
        {"page_obj": page, "events": page.object_list, "past": past},
    )


def event_past(request):
    return event_list(request, past=True)


class EventView(ItemView):
    model = Event
    template_name = "newsroom/event_detail.html"
    context_object_name = "event"
    preview_url_name = "newsroom:event-preview"

    def get_queryset(self):
        return Event.objects.select_related("photo").prefetch_related(
            "officials",
            Prefetch(
                "press_releases",
                queryset=PressRelease.objects.live()
                .select_related("issuing_office", "main_photo")
                .order_by("-publish_at"),
                to_attr="live_releases",
            ),
        )

    def get_context_data(self, event, version):
        return {
            **super().get_context_data(event, version),
            "officials": event.officials.all(),
            "releases": event.live_releases,
        }


class EventDetailView(EventView, DetailView):
    pass


class EventPreviewView(EventView, PreviewView):
    pass


event_detail = EventDetailView.as_view()
event_preview = EventPreviewView.as_view()
