"""What every read-only public address shares."""

from functools import wraps

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """`view` answers GET and HEAD, and any other method 405 with `Allow`: before
    the CSRF check, whose 403 would say nothing of the method (a view that
    changes nothing has nothing for it to protect)."""
    return csrf_exempt(require_safe(view))


def undated(view):
    """`view`'s response without the Last-Modified that the newest of its items
    gives it: a list or a file also changes with no newer item (the newest one
    withdrawn, a name it shows changed), and a client sending If-Modified-Since
    would be told 304. The ETag tells every change; the page cache dates what it
    stores."""

    @wraps(view)
    def without_date(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        del response["Last-Modified"]
        return response

    return without_date
