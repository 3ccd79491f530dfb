"""Files for machines and address books: an event's .ics, a media contact's .vcf,
robots.txt. Conditional GET comes from the ETag that ConditionalGetMiddleware adds,
and for the .ics from its Last-Modified too."""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import translation
from django.utils.http import http_date
from django.utils.translation import get_language, gettext

from newsroom.core.http import read_only
from newsroom.core.languages import LANGUAGE_CODES
from newsroom.core.publication import Gone, get_live_or_gone
from newsroom.core.standards import last_changed
from newsroom.models import Event, MediaContact
from organisation.models import OrganisationProfile

from .calendars import events_calendar
from .vcards import contact_vcard


def file_response(content, content_type, filename, modified=None):
    """`content` as a file named `filename`, dated `modified` when nothing it
    shows can change without changing that time."""
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    if modified is not None:
        response["Last-Modified"] = http_date(modified.timestamp())
    return response


@read_only
def event_ics(request, slug):
    """The event as an iCalendar file, its texts in the page's language. Like the
    event's page, it answers only at the slug of the version shown in that language
    and redirects from any other (a draft's, another language's)."""
    try:
        event = get_live_or_gone(Event.objects.all(), slug)
    except Gone as withdrawn:
        return withdrawn_event(withdrawn.note())
    if slug != event.slug_for():
        return redirect("syndication:event-ics", slug=event.slug_for(), permanent=True)
    url = request.build_absolute_uri(event.get_absolute_url())
    cal = events_calendar([(event, url)], get_language())
    return file_response(
        cal.to_ical(),
        "text/calendar; charset=utf-8",
        f"{event.slug_for()}.ics",
        last_changed(event),
    )


def withdrawn_event(note):
    """410 Gone for the file of a withdrawn event: a line saying so in the
    address's language, and the public `note` its page shows ({"note", "lang"}:
    in that language when written in it; a calendar client shows a plain text
    body, not the site's HTML page)."""
    lines = [gettext("This event was withdrawn."), note and note["note"]]
    return HttpResponse(
        "\n\n".join(filter(None, lines)) + "\n",
        status=410,
        content_type="text/plain; charset=utf-8",
    )


@read_only
def contact_vcf(request, slug):
    """A public media contact as a vCard 4.0; internal contacts do not exist here.
    Undated: it names the organisation and the office, which change without the
    contact (the ETag tells, and the page cache dates what it stores)."""
    contact = get_object_or_404(
        MediaContact.objects.public()
        .select_related("office")
        .prefetch_related("phones"),
        slug=slug,
    )
    url = request.build_absolute_uri(contact.get_absolute_url())
    card = contact_vcard(contact, get_language(), url, OrganisationProfile.current())
    return file_response(
        card.serialize(),
        "text/vcard; charset=utf-8",
        f"{contact.slug}.vcf",
    )


@read_only
def robots_txt(request):
    """Names the sitemaps; keeps crawlers out of the admin and of previews."""
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}"]
    lines += [f"Disallow: {path}" for path in private_paths()]
    lines.append("")
    for name in ("sitemap-index", "sitemap-news"):
        lines.append(f"Sitemap: {request.build_absolute_uri(reverse(name))}")
    return HttpResponse(
        "\n".join(lines) + "\n", content_type="text/plain; charset=utf-8"
    )


PRIVATE_URLS = (
    ("newsroom:release-preview", {"pk": 0}),
    ("newsroom:event-preview", {"pk": 0}),
    ("newsroom:page-preview", {"pk": 0}),
    ("newsroom:release-embargo", {"token": "token"}),
)


def private_paths():
    """The URL prefixes of staff previews and embargo links, in every language:
    each URL without its last segment."""
    paths = []
    for code in LANGUAGE_CODES:
        with translation.override(code):
            for name, kwargs in PRIVATE_URLS:
                url = reverse(name, kwargs=kwargs)
                paths.append(url.rstrip("/").rsplit("/", 1)[0] + "/")
    return paths
