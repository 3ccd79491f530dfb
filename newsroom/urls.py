"""Root URLs: the admin and machine files outside the language prefix, every public
page inside it (/en/, /fr/, /es/) with translated words."""

from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.contrib.sitemaps import views as sitemap_views
from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from newsroom.admin.pickers import PickerSearchView
from newsroom.api.views import api
from newsroom.core.http import read_only, undated
from newsroom.core.richtext import EditorCatalogue
from newsroom.resilience import health
from newsroom.security import passwords, twofactor
from newsroom.syndication import views as syndication_views
from newsroom.syndication.news_sitemap import NewsSitemap
from newsroom.syndication.sitemaps import SECTIONS, SITEMAP_TYPE, sitemap_index
from newsroom.views import pages

admin.site.site_header = _("Newsroom administration")
admin.site.site_title = _("Newsroom administration")
admin.site.index_title = _("Content and organisation")

urlpatterns = [
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/two-factor/", include(twofactor.urlpatterns)),
    path("admin/translations/", include("newsroom.translations.urls")),
    # The admin's own "Change password", which also ends a temporary password.
    path("admin/password_change/", passwords.password_change),
    # Django's own address for the pickers' searches (admin:autocomplete).
    path(
        "admin/autocomplete/",
        admin.site.admin_view(PickerSearchView.as_view(admin_site=admin.site)),
    ),
    # The rich-text editor's texts, as the admin serves its own catalogue.
    path(
        "admin/editor-texts.js",
        admin.site.admin_view(EditorCatalogue.as_view(), cacheable=True),
        name="editor-texts",
    ),
    path("admin/", admin.site.urls),
    path("i18n/", include("django.conf.urls.i18n")),
    path("api/v1/", api.urls),
    path("robots.txt", syndication_views.robots_txt, name="robots-txt"),
    path("sitemap.xml", read_only(undated(sitemap_index)), name="sitemap-index"),
    path(
        "sitemap-news.xml",
        read_only(undated(sitemap_views.sitemap)),
        {
            "sitemaps": {"news": NewsSitemap},
            "template_name": "newsroom/sitemaps/news.xml",
            "content_type": SITEMAP_TYPE,
        },
        name="sitemap-news",
    ),
    path(
        "sitemap-<section>.xml",
        read_only(undated(sitemap_views.sitemap)),
        {"sitemaps": SECTIONS, "content_type": SITEMAP_TYPE},
        name="sitemap-section",
    ),
]

urlpatterns += i18n_patterns(
    path("", read_only(pages.home), name="home"),
    path("", include("organisation.urls")),
    path("", include("newsroom.syndication.urls")),
    path("", include("newsroom.distribution.urls")),
    path("", include("newsroom.views.urls")),
)

if settings.DEBUG:
    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)
