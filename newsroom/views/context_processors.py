from newsroom.models import Page
from organisation.models import OrganisationProfile


def site(request):
    """What every public page's frame needs: the organisation and the navigation."""
    if request.path.startswith("/admin/"):
        return {}
    return {
        "organisation": OrganisationProfile.current(),
        "nav_pages": Page.objects.live().filter(nav_order__isnull=False),
    }
