from django.db.models import Q

from newsroom.caching.generation import remember
from newsroom.models import Page
from organisation.models import OrganisationProfile


def site_frame():
    """(organisation, navigation pages, legal pages): the same on every public
    page, read once per content generation rather than on every request (the
    pages in one query)."""
    pages = list(
        Page.objects.live().filter(
            Q(nav_order__isnull=False) | Q(legal_order__isnull=False)
        )
    )
    return (
        OrganisationProfile.current(),
        [page for page in pages if page.nav_order is not None],
        sorted(
            (page for page in pages if page.legal_order is not None),
            key=lambda page: (page.legal_order, page.pk),
        ),
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
