from newsroom.models import Page
from organisation.models import OrganisationProfile


def site(request):
    """What every public page's frame needs: the organisation, the navigation and
    the legal links of the footer."""
    if request.path.startswith("/admin/"):
        return {}
    return {
        "organisation": OrganisationProfile.current(),
        "nav_pages": Page.objects.live().filter(nav_order__isnull=False),
        "legal_pages": Page.objects.live()
        .filter(legal_order__isnull=False)
        .order_by("legal_order", "pk"),
    }
