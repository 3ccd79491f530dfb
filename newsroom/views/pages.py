from django.db.models import Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import get_language

from newsroom.models import Page
from newsroom.publication import LANGUAGE_CODES
from newsroom.templatetags.newsroom_tags import urls_in_languages


def find_by_slug(queryset, slug):
    """The item whose slug in any language is `slug`, the current language first."""
    current = get_language()
    for lang in (current, *[code for code in LANGUAGE_CODES if code != current]):
        item = queryset.filter(**{f"slug_{lang}": slug}).first()
        if item is not None:
            return item
    return None


def home(request):
    return render(request, "newsroom/home.html")


def page_detail(request, slug):
    page = find_by_slug(Page.objects.live(), slug)
    if page is None:
        get_object_or_404(Page.objects.none())
    canonical = page.get_absolute_url()
    if canonical != request.path:
        return redirect(canonical, permanent=True)
    return render(
        request,
        "newsroom/page_detail.html",
        {
            "page": page,
            "version": page.version(),
            "language_urls": urls_in_languages(page),
            "available_languages": page.public_languages(),
        },
    )
