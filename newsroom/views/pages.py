"""The home page, static pages, and what every detail view shares: finding an item
by its slug in any language, redirecting to its canonical URL, answering 410 for a
withdrawn one."""

from django.db.models import Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from newsroom.models import Event, Page, PressRelease
from newsroom.publication import LANGUAGE_CODES
from newsroom.templatetags.newsroom_tags import urls_in_languages

from .previews import draft_version, preview_context, staff_preview

HOME_RELEASES = 6
HOME_EVENTS = 3


def find_by_slug(queryset, slug):
    """The item whose slug in any language is `slug`, in one query; an item whose
    slug in the current language matches comes first."""
    current = get_language()
    matches = list(
        queryset.filter(
            Q.create([(f"slug_{lang}", slug) for lang in LANGUAGE_CODES], "OR")
        )
    )
    matches.sort(key=lambda item: item.field_in("slug", current) != slug)
    return matches[0] if matches else None


def find_live_or_gone(queryset, slug):
    """The live item with `slug`; raises Http404, or returns None for a withdrawn
    one so that the view answers 410 Gone."""
    item = find_by_slug(queryset.live(), slug)
    if item is None:
        if find_by_slug(queryset.model.objects.gone(), slug) is None:
            raise Http404
    return item


def gone(request):
    return render(request, "410.html", status=410)


def canonical_redirect(request, item):
    """A permanent redirect when the URL is not the item's canonical one (a slug of
    another language, or of a version not shown), else None."""
    canonical = item.get_absolute_url()
    if canonical != request.path:
        return redirect(canonical, permanent=True)
    return None


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


def page_context(page, version):
    return {
        "page": page,
        "version": version,
        "language_urls": urls_in_languages(page),
        "available_languages": page.public_languages(),
    }


def page_detail(request, slug):
    page = find_live_or_gone(Page.objects.all(), slug)
    if page is None:
        return gone(request)
    return canonical_redirect(request, page) or render(
        request, "newsroom/page_detail.html", page_context(page, page.version())
    )


@staff_preview
def page_preview(request, pk):
    """Any page, in any state, in the prefix's language as written so far."""
    page = get_object_or_404(Page, pk=pk)
    lang = get_language()
    context = page_context(page, draft_version(page, lang))
    context.update(preview_context(page, lang, "newsroom:page-preview"))
    return render(request, "newsroom/page_detail.html", context)
