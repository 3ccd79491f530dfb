from newsroom.caching.generation import remember
from newsroom.models import Page
from organisation.models import OrganisationProfile


def site_frame():
    """(organisation, navigation pages, legal pages): the same on every public
    page, read once per content generation rather than on every request."""
    live = Page.objects.live()
    return (
        OrganisationProfile.current(),
        list(live.filter(nav_order__isnull=False)),
        list(live.filter(legal_order__isnull=False).order_by("legal_order", "pk")),
    )


def site(request):
    """What every public page's frame needs: the organisation, the navigation and
    the legal links of the footer."""
    if request.path.startswith("/admin/"):
        return {}
    organisation, nav_pages, legal_pages = remember("site-frame", site_frame)
    return {
        "organisation": organisation,
        "nav_pages": nav_pages,
        "legal_pages": legal_pages,
    }
