"""Search in live releases and events, in every language at once."""

from django import forms
from django.db.models import Q
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _

from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import PUBLIC_VERSION_STATES, version_state_field
from newsroom.models import Event, PressRelease

MAX_RESULTS = 50


class SearchForm(forms.Form):
    q = forms.CharField(label=_("Search"), max_length=200, required=False)


def matching(queryset, fields, words):
    """Items where every word appears in one of `fields`, in any language whose
    version is public: a draft translation's words find nothing."""
    for word in words:
        queryset = queryset.filter(
            Q.create(
                [
                    Q(
                        **{
                            f"{field}_{lang}__icontains": word,
                            f"{version_state_field(lang)}__in": PUBLIC_VERSION_STATES,
                        }
                    )
                    for field in fields
                    for lang in LANGUAGE_CODES
                ],
                "OR",
            )
        )
    return queryset


def search(request):
    form = SearchForm(request.GET)
    words = form.cleaned_data["q"].split() if form.is_valid() else []
    releases = events = []
    if words:
        releases = matching(
            PressRelease.objects.live().select_related("issuing_office", "main_photo"),
            ("title", "lead", "body", "dateline_city"),
            words,
        ).order_by("-publish_at", "-pk")[:MAX_RESULTS]
        events = matching(
            Event.objects.live(), ("title", "description", "city", "venue"), words
        ).order_by("-start")[:MAX_RESULTS]
    return render(
        request,
        "newsroom/search.html",
        {"form": form, "words": words, "releases": releases, "events": events},
    )
