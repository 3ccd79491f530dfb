"""What every read-only public address shares."""

from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_safe


def read_only(view):
    """`view` answers GET and HEAD, and any other method 405 with `Allow`: before
    the CSRF check, whose 403 would say nothing of the method (a view that
    changes nothing has nothing for it to protect)."""
    return csrf_exempt(require_safe(view))
