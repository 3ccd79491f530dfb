"""Every public page type of the demo, in a language: the pages the accessibility
and layout tests walk (and scripts/lighthouse.py's choice among them)."""

from django.urls import reverse
from django.utils import translation

from newsroom.models import Event, Page, PressRelease
from organisation.models import Office, Person


def public_pages(lang):
    """Page type to path, in `lang`, from the demo's rows: each kind of page once,
    the release list also filtered (chips), the search with results."""
    with translation.override(lang):
        live = PressRelease.objects.live().order_by("-publish_at")
        with_photo = live.filter(main_photo__isnull=False).first()
        return {
            "home": reverse("home"),
            "who-we-are": reverse("organisation:who-we-are"),
            "structure": reverse("organisation:structure"),
            "offices": reverse("organisation:office-list"),
            "office": Office.objects.filter(parent__isnull=False)
            .first()
            .get_absolute_url(),
            "person": Person.objects.public().first().get_absolute_url(),
            "page": Page.objects.live().first().get_absolute_url(),
            "releases": reverse("newsroom:release-list"),
            "releases-filtered": reverse("newsroom:release-list")
            + f"?year={with_photo.publish_at.year}",
            "release": with_photo.get_absolute_url(),
            "events": reverse("newsroom:event-list"),
            "past-events": reverse("newsroom:event-past"),
            "event": Event.objects.live().first().get_absolute_url(),
            "contacts": reverse("newsroom:contact-list"),
            "search": reverse("newsroom:search") + "?q=migration",
            "search-one-type": reverse("newsroom:search") + "?q=migration&type=release",
            "subscribe": reverse("distribution:subscribe"),
            "not-found": reverse("newsroom:release-list") + "no-such-release/",
        }
