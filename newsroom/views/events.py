"""Events: upcoming and past lists, the detail in the event's own time zone."""

from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import get_language

from newsroom.models import Event, PressRelease
from newsroom.templatetags.newsroom_tags import urls_in_languages

from .pages import canonical_redirect, find_live_or_gone, gone
from .previews import draft_version, preview_context, staff_preview

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


def detail_queryset():
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


def event_context(event, version):
    return {
        "event": event,
        "version": version,
        "officials": event.officials.all(),
        "releases": event.live_releases,
        "language_urls": urls_in_languages(event),
        "available_languages": event.public_languages(),
    }


def event_detail(request, slug):
    event = find_live_or_gone(detail_queryset(), slug)
    if event is None:
        return gone(request)
    return canonical_redirect(request, event) or render(
        request, "newsroom/event_detail.html", event_context(event, event.version())
    )


@staff_preview
def event_preview(request, pk):
    """Any event, in any state, in the prefix's language as written so far."""
    event = get_object_or_404(detail_queryset(), pk=pk)
    lang = get_language()
    context = event_context(event, draft_version(event, lang))
    context.update(preview_context(event, lang, "newsroom:event-preview"))
    return render(request, "newsroom/event_detail.html", context)
