"""Temporary passwords: one that an administrator set for someone else (at the
account's creation, or on a reset) is replaced by its holder at their next
sign-in, before anything else in the admin, the second factor's set-up included.
The public site and the API are not concerned.

The flag is read once, at sign-in, into the session: setting someone's password
signs them out everywhere (Django's session hash), so no session outlives the
password it read the flag with, and an admin page costs no query for it."""

from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.admin.forms import AdminPasswordChangeForm
from django.contrib.auth.views import PasswordChangeView
from django.shortcuts import redirect
from django.urls import reverse, reverse_lazy
from django.utils.translation import gettext_lazy as _

from .models import TemporaryPassword

SESSION_KEY = "newsroom_temporary_password"
WHY = _("An administrator set your password: choose your own to continue.")


def make_temporary(user):
    """Someone else set `user`'s password: they change it at their next sign-in."""
    TemporaryPassword.objects.update_or_create(user=user)


def remember_at_login(sender, request, user, **kwargs):
    if TemporaryPassword.objects.filter(user=user).exists():
        request.session[SESSION_KEY] = True


def has_temporary_password(request):
    return request.session.get(SESSION_KEY, False)


class TemporaryPasswordMiddleware:
    """Sends a signed-in user whose password is temporary from any admin page to
    the password change (signing out stays possible)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Only an admin page with a session cookie opens the session (see
        # StaffTwoFactorMiddleware).
        path = request.path_info
        if (
            settings.SESSION_COOKIE_NAME in request.COOKIES
            and path.startswith("/admin/")
            and has_temporary_password(request)
            and path != reverse("admin:password_change")
            and not path.startswith(reverse("admin:logout"))
        ):
            return redirect("admin:password_change")
        return self.get_response(request)


class OwnPasswordChangeView(PasswordChangeView):
    """The admin's "Change password" (Django's page), which ends a temporary
    password and says why it is asked."""

    form_class = AdminPasswordChangeForm
    success_url = reverse_lazy("admin:password_change_done")

    def get_context_data(self, **kwargs):
        if has_temporary_password(self.request):
            messages.warning(self.request, WHY)
        return {**site.each_context(self.request), **super().get_context_data(**kwargs)}

    def form_valid(self, form):
        response = super().form_valid(form)
        TemporaryPassword.objects.filter(user=form.user).delete()
        self.request.session.pop(SESSION_KEY, None)
        return response


# Served at the admin's own address of the page (newsroom/urls.py).
password_change = site.admin_view(OwnPasswordChangeView.as_view())
