"""The translations admin, mounted under /admin/translations/ by newsroom/urls.py
and wrapped in the admin site's login; each view then asks for the change
permission of the models it touches."""

from django.contrib import admin
from django.urls import path

from . import views

app_name = "translations"
urlpatterns = [
    path("", admin.site.admin_view(views.dashboard), name="dashboard"),
    path("import/", admin.site.admin_view(views.import_view), name="import"),
    path("export/", admin.site.admin_view(views.export_view), name="export"),
    path("memory/", admin.site.admin_view(views.memory_view), name="memory"),
    path("memory/tmx/", admin.site.admin_view(views.memory_tmx), name="memory_tmx"),
]
