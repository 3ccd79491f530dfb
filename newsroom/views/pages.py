"""The home page and static pages."""

from django.shortcuts import render

from newsroom.models import Event, Page, PressRelease

from .detail import DetailView, ItemView, PreviewView

HOME_RELEASES = 6
HOME_EVENTS = 3


def home(request):
    releases = (
        PressRelease.objects.live()
        .select_related("issuing_office", "main_photo")
        .order_by("-publish_at", "-pk")[:HOME_RELEASES]
    )
    events = Event.objects.live().upcoming()[:HOME_EVENTS]
    return render(
        request, "newsroom/home.html", {"releases": releases, "events": events}
    )


class PageView(ItemView):
    model = Page
    template_name = "newsroom/page_detail.html"
    context_object_name = "page"
    preview_url_name = "newsroom:page-preview"


class PageDetailView(PageView, DetailView):
    pass


class PagePreviewView(PageView, PreviewView):
    pass


page_detail = PageDetailView.as_view()
page_preview = PagePreviewView.as_view()
