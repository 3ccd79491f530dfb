"""The yardstick of scripts/benchmark_serving.py: a Django project of one view
and no middleware, served by the same server with the same workers. Whatever the
Newsroom's pages cost beyond it is ours.

    gunicorn --chdir scripts --workers 2 --no-control-socket bare_app:application
"""

import django
from django.conf import settings
from django.core.wsgi import get_wsgi_application
from django.http import HttpResponse
from django.urls import path

settings.configure(
    DEBUG=False,
    SECRET_KEY="bare-app-benchmark-only",
    ALLOWED_HOSTS=["*"],
    ROOT_URLCONF=__name__,
    MIDDLEWARE=[],
    INSTALLED_APPS=[],
)


def hello(request):
    return HttpResponse("<!doctype html><title>Bare</title><p>Hello", charset="utf-8")


urlpatterns = [path("", hello)]

django.setup()
application = get_wsgi_application()
