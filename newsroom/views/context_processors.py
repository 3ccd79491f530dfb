from newsroom.caching.generation import remember
from newsroom.models import Page
from organisation.models import OrganisationProfile


def site_frame():
    """(organisation, navigation pages): the same on every public page, read once
    per content generation rather than on every request."""
    return (
        OrganisationProfile.current(),
        list(Page.objects.live().filter(nav_order__isnull=False)),
    )


def site(request):
    """What every public page's frame needs: the organisation and the navigation."""
    if request.path.startswith("/admin/"):
        return {}
    organisation, nav_pages = remember("site-frame", site_frame)
    return {"organisation": organisation, "nav_pages": nav_pages}
