"""Press releases: the filtered list, its filters and their choices, bounded pages."""

import functools
import re

from django import forms
from django.core.paginator import InvalidPage, Paginator
from django.db.models import Exists, OuterRef
from django.http import Http404
from django.shortcuts import render
from django.utils import translation
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_countries import countries

from newsroom.caching.generation import remember
from newsroom.core.languages import LANGUAGE_CODES, localized
from newsroom.core.periods import FILTER_YEARS, years
from newsroom.core.publication import live_q
from newsroom.models import PressRelease, ReleaseCountry, Topic
from organisation.models import Office

RELEASES_PER_PAGE = 10
COUNTRY_CODE = re.compile(r"[A-Za-z]{2,3}|[0-9]{1,3}", re.ASCII)


class ReleaseFilterForm(forms.Form):
    """The list's filters. They combine; a value that names nothing (an unknown
    topic, office or region) simply matches no release."""

    year = forms.IntegerField(
        label=_("Year"),
        required=False,
        min_value=FILTER_YEARS.start,
        max_value=FILTER_YEARS.stop - 1,
    )
    region = forms.SlugField(label=_("Region"), required=False)
    country = forms.CharField(label=_("Country"), required=False, max_length=3)
    office = forms.SlugField(label=_("Office"), required=False)
    topic = forms.SlugField(label=_("Topic"), required=False)

    def clean_country(self):
        """An ISO 3166 code: two or three ASCII letters or a number of ASCII digits
        (django-countries' own lookup raises on other Unicode digits, e.g. "²")."""
        value = self.cleaned_data["country"]
        if not value:
            return ""
        code = countries.alpha2(value) if COUNTRY_CODE.fullmatch(value) else ""
        if not code:
            raise forms.ValidationError(_("Unknown country code."))
        return code

    def filter(self, releases, choices):
        """`releases` narrowed by the filters. A topic, an office or a region is
        found among `choices` (those some live release has; kept between requests)
        and the releases by its key, through an index: a value that names none
        of them matches nothing."""
        data = self.cleaned_data
        if data["year"]:
            releases = releases.filter(publish_at__year=data["year"])
        if data["region"]:
            offices = [
                office.pk
                for office in choices["offices"]
                if office.region and office.region.slug == data["region"]
            ]
            releases = releases.filter(issuing_office__in=offices)
        if data["country"]:
            rows = ReleaseCountry.objects.filter(country=data["country"])
            releases = releases.filter(pk__in=rows.values("release"))
        if data["office"]:
            office = by_every_slug(choices["offices"]).get(data["office"])
            releases = (
                releases.filter(issuing_office=office) if office else releases.none()
            )
        if data["topic"]:
            topic = by_every_slug(choices["topics"]).get(data["topic"])
            if not topic:
                return releases.none()
            # A subquery, not a join: no duplicate rows, no DISTINCT to sort.
            tagged = PressRelease.topics.through.objects.filter(topic=topic)
            releases = releases.filter(pk__in=tagged.values("pressrelease"))
        return releases


# The list pages a visitor may walk through; older releases are found with the
# filters (a year, a topic…). Counting and skipping stay bounded on any archive.
MAX_PAGES = 100


class BoundedPaginator(Paginator):
    """Counts no further than the last page it serves: COUNT over a LIMIT."""

    @cached_property
    def count(self):
        # Unordered: the count needs no sort of the rows it reads.
        return self.object_list.order_by()[: self.per_page * MAX_PAGES].count()

    @property
    def is_bounded(self):
        return self.count >= self.per_page * MAX_PAGES


def used_values(live):
    """The filter values some live release has (kept between requests by
    `remember`): years, offices (with their regions), topics and country codes.
    Each is probed through an index, the probe stopping at the first live release:
    no query reads every release."""
    offices = list(
        Office.objects.filter(
            Exists(live.filter(issuing_office=OuterRef("pk")))
        ).select_related("region")
    )
    topics = list(Topic.objects.public())
    return {
        "years": years(live, "publish_at"),
        "offices": offices,
        "topics": topics,
        "countries": used_countries(),
    }


def used_countries():
    """The codes of the countries of live releases, one step of the index of
    ReleaseCountry per code (`codes`)."""
    return ReleaseCountry.objects.filter(live_q("release__")).codes()


@functools.lru_cache(maxsize=16)
def country_names(codes, language):
    """(code, name) for `codes`, sorted by the name in `language`: some 250 names
    looked up and sorted once per process and language, not on every request."""
    with translation.override(language):
        return tuple(
            sorted(
                ((code, countries.name(code)) for code in codes),
                key=lambda pair: pair[1],
            )
        )


def filter_choices(live):
    """What the filters offer: only values that some live release has."""
    used = remember("release-filters", lambda: used_values(live))
    regions = {
        office.region_id: office.region for office in used["offices"] if office.region
    }
    regions = sorted(regions.values(), key=lambda region: (region.order, region.slug))
    language = translation.get_language()
    choices = {
        "years": used["years"],
        "regions": regions,
        "offices": used["offices"],
        "topics": used["topics"],
        "countries": country_names(tuple(used["countries"]), language),
    }
    # Each select's (value, label) pairs, for the `options` tag.
    choices["filter_options"] = {
        "year": [(str(year), str(year)) for year in used["years"]],
        "region": [(region.slug, region.name) for region in regions],
        "country": choices["countries"],
        "office": [(office.slug, office.name) for office in used["offices"]],
        "topic": [(topic.slug, topic.name) for topic in used["topics"] if topic.slug],
    }
    return choices


def by_every_slug(items):
    """{slug: item} for the slugs of `items` in every language."""
    return {
        slug: item
        for item in items
        for code in LANGUAGE_CODES
        if (slug := getattr(item, localized("slug", code), None))
    }


def active_filters(request, form, choices):
    """The filters in force, as chips: the filter's label, the name of its value
    and the list's URL without it. A topic or an office is found by its slug in
    any language (the query string keeps the slug of the page it was chosen on,
    also after the visitor switched language); `selected` gives each filter's
    value as the choices of this language spell it."""
    data = form.cleaned_data
    named = {
        "year": {str(year): str(year) for year in choices["years"]},
        "region": {region.slug: region.name for region in choices["regions"]},
        "country": dict(choices["countries"]),
    }
    translated = {
        "topic": by_every_slug(choices["topics"]),
        "office": by_every_slug(choices["offices"]),
    }
    chips, selected = [], {}
    for name, field in form.fields.items():
        value = str(data[name] or "")
        if not value:
            continue
        if name in translated:
            item = translated[name].get(value)
            label, selected[name] = (item.name, item.slug) if item else (value, "")
        else:
            label, selected[name] = named[name].get(value, value), value
        query = request.GET.copy()
        query.pop(name, None)
        query.pop("page", None)
        chips.append(
            {
                "field": field.label,
                "value": label,
                "remove": f"?{query.urlencode()}" if query else request.path,
            }
        )
    return chips, selected


def release_list(request):
    """Live releases, newest first, in the visitor's language where that version is
    public and in their original language otherwise."""
    live = PressRelease.objects.live()
    form = ReleaseFilterForm(request.GET)
    context = {"form": form, **filter_choices(live)}
    if not form.is_valid():
        return render(request, "newsroom/release_list.html", context, status=400)
    order = ("-publish_at", "-pk")
    paginator = BoundedPaginator(
        form.filter(live, context).order_by(*order), RELEASES_PER_PAGE
    )
    try:
        page = paginator.page(request.GET.get("page") or 1)
    except InvalidPage as error:
        raise Http404(str(error)) from error
    # The page's keys are found from the indexes alone, then only its rows are read
    # whole: sorting and skipping whole rows (two kilobytes each) took the deep
    # and the filtered pages most of their SQL time.
    page.object_list = (
        PressRelease.objects.filter(pk__in=page.object_list.values("pk"))
        .select_related("issuing_office", "main_photo")
        .order_by(*order)
    )
    chips, selected = active_filters(request, form, context)
    context.update(
        page_obj=page, releases=page.object_list, chips=chips, selected=selected
    )
    return render(request, "newsroom/release_list.html", context)
