"""Root URLs: the admin and machine files outside the language prefix, every public
page inside it (/en/, /fr/, /es/) with translated words."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path

from newsroom.views import pages

urlpatterns = [
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
]

urlpatterns += i18n_patterns(
    path("", pages.home, name="home"),
    path("", include("organisation.urls")),
    path("", include("newsroom.public_urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
