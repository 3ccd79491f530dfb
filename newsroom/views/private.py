"""Pages for one reader only, staff previews and embargo links: never cached by a
shared cache, never indexed."""

from functools import wraps

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth import get_permission_codename
from django.utils.cache import patch_cache_control


def private_noindex(view):
    """Mark the view's responses as private to one reader: no cache may keep them,
    no search engine may index them."""

    @wraps(view)
    def wrapper(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        patch_cache_control(response, private=True, no_store=True)
        response["X-Robots-Tag"] = "noindex"
        return response

    return wrapper


def may_view(user, model):
    """Whether `user` may read any `model` item in the admin: the view or the
    change permission, as the admin itself decides."""
    opts = model._meta
    return any(
        user.has_perm(f"{opts.app_label}.{get_permission_codename(action, opts)}")
        for action in ("view", "change")
    )


def staff_preview(view):
    """A preview: staff only (others are sent to the admin login), private and
    noindex. The view checks the model's permission itself (`may_view`)."""
    return staff_member_required(private_noindex(view))
