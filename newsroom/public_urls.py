from django.urls import path

from .views import pages

app_name = "newsroom"

urlpatterns = [
    # The catch-all for pages comes last.
    path("<slug:slug>/", pages.page_detail, name="page-detail"),
]
