"""The site's URLs plus uploaded files, for browser tests: the live server does not
serve MEDIA_ROOT (a web server or a remote storage does in production)."""

from django.conf import settings
from django.urls import re_path
from django.views.static import serve

from newsroom.urls import urlpatterns as site_urlpatterns


def media(request, path):
    # Read at each request: every test has its own media folder.
    return serve(request, path, document_root=settings.MEDIA_ROOT)


urlpatterns = [
    *site_urlpatterns,
    re_path(rf"^{settings.MEDIA_URL.lstrip('/')}(?P<path>.*)$", media),
]
