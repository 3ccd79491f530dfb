"""The public search page: counts per type, the best hits of each type, or one
type's hits page by page; the filters and the query survive pagination."""

import dataclasses

from django.db.models import Min
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import get_language

from newsroom.caching.generation import remember
from newsroom.core.languages import LANGUAGE_CODES
from newsroom.models import PressRelease, Topic
from organisation.models import Region

from .forms import SearchForm
from .models import Kind
from .results import MAX_CANDIDATES, Search

HITS_PER_PAGE = 10
# Hits of each type on the page of all types.
HITS_PER_TYPE = 3


def read_filter_choices():
    """Each select's (value, label) pairs: the years from the first live release
    to this one, the topics, the regions, read in bounded queries."""
    first = PressRelease.objects.live().aggregate(first=Min("publish_at"))["first"]
    this_year = timezone.localdate().year
    start = timezone.localdate(first).year if first else this_year
    topics = list(Topic.objects.public().exclude(slug=None))
    return {
        "year": [(str(year), str(year)) for year in range(this_year, start - 1, -1)],
        "topic": [(topic.slug, topic.name) for topic in topics],
        # A topic's address in any language, to the one of this language: the
        # language switcher keeps the filters, and the filter reads any.
        "topic_slugs": {
            slug: topic.slug
            for topic in topics
            for lang in LANGUAGE_CODES
            if (slug := getattr(topic, f"slug_{lang}"))
        },
        "region": [(region.slug, region.name) for region in Region.objects.all()],
    }


def filter_choices():
    """What the filters offer, for the `options` tag, the same on every search
    page in a language (the topics are named and sorted in it): read once per
    language and content generation and kept until the next scheduled change
    (`remember`), not on every search."""
    choices = remember(f"search-filters:{get_language()}", read_filter_choices)
    return {"filter_options": {**choices, "type": Kind.choices}}


def known(filters, context):
    """`filters`, searching nothing for a topic or a region that none of those
    offered has: such a value matches no item, and each one typed would build
    and keep a compiled query of its own (newsroom/search/compiled.py)."""
    options = context["filter_options"]
    topics = options.get("topic_slugs")
    regions = {slug for slug, _name in options["region"]}
    unknown = (
        filters.topic and topics is not None and filters.topic not in topics
    ) or (filters.region and filters.region not in regions)
    return dataclasses.replace(filters, names_nothing=True) if unknown else filters


def search(request):
    form = SearchForm(request.GET)
    context = {"form": form, **filter_choices()}
    topic = form["topic"].value()
    # (.get: choices remembered by an earlier version of this view lack them.)
    slugs = context["filter_options"].get("topic_slugs", {})
    context["chosen_topic"] = slugs.get(topic, topic)
    if not form.is_valid():
        return render(request, "newsroom/search/search.html", context)
    parsed = form.parsed(get_language())
    found = Search(parsed, get_language(), known(form.filters(), context))
    kind = form.cleaned_data["type"]
    if kind:
        if kind in found.kinds:
            context["page_obj"] = found.page(
                kind, request.GET.get("page"), HITS_PER_PAGE
            )
        shown = bool(context.get("page_obj") and context["page_obj"].object_list)
    else:
        # The page of all types: the best hits of each, counted in the same query.
        hits = found.best(HITS_PER_TYPE)
        context["groups"] = [
            (value, label, found.counts[value], hits[value])
            for value, label in Kind.choices
            if hits.get(value)
        ]
        shown = bool(context["groups"])
    context.update(
        search=found,
        notices=form.notices(parsed),
        searched=parsed.searchable,
        found_nothing=parsed.searchable and not shown,
        cap=MAX_CANDIDATES,
        tabs=[
            (value, label, found.counts.get(value, 0))
            for value, label in Kind.choices
            if found.counts.get(value) or value == kind
        ],
    )
    return render(request, "newsroom/search/search.html", context)
