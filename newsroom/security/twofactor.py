"""A second factor for staff (django-otp): a TOTP app, with recovery codes.

With `NEWSROOM_STAFF_2FA` on, a staff member who signed in with a password only
reaches the admin after a code: from their authenticator app, or one of their
recovery codes (each works once). One without an app sets one up first, and gets
the recovery codes then. Until the code, they are no one on the rest of the site
(previews included)."""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.admin import site
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import AnonymousUser
from django.db import transaction
from django.http import QueryDict
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django.views.decorators.cache import never_cache
from django.views.decorators.debug import sensitive_post_parameters
from django_otp import login as otp_login
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from .passwords import has_temporary_password

TOTP_NAME = "authenticator"
RECOVERY_NAME = "recovery"

app_name = "two-factor"
# django-otp refuses even the right code for a while after a wrong one (a
# second, doubled each time): the message must not say that code is wrong.
NOT_VALID = _(
    "This code is not valid, or too many wrong codes were tried: "
    "wait a moment and try the current code."
)


def needs_second_factor(user):
    return (
        settings.NEWSROOM_STAFF_2FA
        and user.is_authenticated
        and user.is_staff
        and not user.is_verified()
    )


class StaffTwoFactorMiddleware:
    """Sends a staff member without their second factor to the code (or to set up
    their app) from any admin page; elsewhere they are anonymous."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        # Without a session cookie the visitor is anonymous: reading request.user
        # would open the session and make every anonymous page vary on cookies
        # (never cached).
        signed_in = settings.SESSION_COOKIE_NAME in request.COOKIES
        if signed_in and needs_second_factor(request.user):
            path = request.path_info
            allowed = (reverse("two-factor:verify"), reverse("admin:logout"))
            if has_temporary_password(request):
                allowed += (reverse("admin:password_change"),)
            if path.startswith("/admin/") and not path.startswith(allowed):
                target = "verify" if has_app(request.user) else "setup"
                return redirect_with_next(
                    f"two-factor:{target}", request.get_full_path()
                )
            if not path.startswith("/admin/"):
                request.user = AnonymousUser()
        return self.get_response(request)


def has_app(user):
    return TOTPDevice.objects.filter(user=user, confirmed=True).exists()


def redirect_with_next(name, next_url):
    query = QueryDict(mutable=True)
    query["next"] = next_url
    return redirect(f"{reverse(name)}?{query.urlencode(safe='/')}")


def safe_next(request):
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("admin:index")


class CodeForm(forms.Form):
    code = forms.CharField(
        label=_("Code"),
        max_length=16,
        widget=forms.TextInput(
            attrs={"autocomplete": "one-time-code", "autofocus": True}
        ),
    )

    def clean_code(self):
        return "".join(self.cleaned_data["code"].split()).lower()


def admin_page(request, template, title, **context):
    """`template` in the admin's frame, with the form's `next` when it has one."""
    context = {**site.each_context(request), "title": title, **context}
    if "form" in context:
        context["next"] = safe_next(request)
    return TemplateResponse(request, f"security/{template}.html", context)


def new_recovery_codes(user):
    """Replaces the user's recovery codes with new ones, returned to be shown once."""
    device, _created = StaticDevice.objects.update_or_create(
        user=user, name=RECOVERY_NAME, defaults={"confirmed": True}
    )
    device.token_set.all().delete()
    codes = [
        StaticToken.random_token() for _index in range(settings.NEWSROOM_RECOVERY_CODES)
    ]
    StaticToken.objects.bulk_create(
        StaticToken(device=device, token=code) for code in codes
    )
    return codes


def show_recovery_codes(request, codes):
    return admin_page(request, "recovery_codes", _("Your recovery codes"), codes=codes)


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="admin:login")
def verify(request):
    """The code after the password: from the app, or a recovery code."""
    if not needs_second_factor(request.user):
        return redirect(safe_next(request))
    if not has_app(request.user):
        return redirect_with_next("two-factor:setup", safe_next(request))
    form = CodeForm(request.POST or None)
    if form.is_valid():
        code = form.cleaned_data["code"]
        devices = (
            TOTPDevice.objects.filter(user=request.user, confirmed=True)
            if code.isdigit()
            else StaticDevice.objects.filter(user=request.user, name=RECOVERY_NAME)
        )
        device = next((d for d in devices if d.verify_token(code)), None)
        if device is not None:
            otp_login(request, device)
            if isinstance(device, StaticDevice):
                left = device.token_set.count()
                messages.warning(
                    request,
                    ngettext(
                        "You signed in with a recovery code: %(count)d is left.",
                        "You signed in with a recovery code: %(count)d are left.",
                        left,
                    )
                    % {"count": left},
                )
            return redirect(safe_next(request))
        form.add_error("code", NOT_VALID)
    return admin_page(request, "verify", _("Two-step verification"), form=form)


@never_cache
@sensitive_post_parameters("code")
@login_required(login_url="admin:login")
def setup(request):
    """Pairs an authenticator app: its QR code (or key), then a code from it to
    confirm; the recovery codes follow. Replacing an app needs the second factor
    already."""
    if not request.user.is_staff:
        return redirect("admin:login")
    if needs_second_factor(request.user) and has_app(request.user):
        return redirect_with_next("two-factor:verify", safe_next(request))
    device = TOTPDevice.objects.filter(
        user=request.user, name=TOTP_NAME, confirmed=False
    ).first() or TOTPDevice.objects.create(
        user=request.user, name=TOTP_NAME, confirmed=False
    )
    form = CodeForm(request.POST or None)
    if form.is_valid():
        if device.verify_token(form.cleaned_data["code"]):
            with transaction.atomic():
                TOTPDevice.objects.filter(user=request.user).exclude(
                    pk=device.pk
                ).delete()
                device.confirmed = True
                device.save(update_fields=["confirmed"])
                codes = new_recovery_codes(request.user)
            otp_login(request, device)
            return show_recovery_codes(request, codes)
        form.add_error("code", NOT_VALID)
    return admin_page(
        request,
        "setup",
        _("Set up two-step verification"),
        form=form,
        qr_code=segno.make(device.config_url, error="m").svg_data_uri(scale=5),
        key=device.config_url.split("secret=")[1].split("&")[0],
    )


@never_cache
@login_required(login_url="admin:login")
def recovery_codes(request):
    """New recovery codes (the old ones stop working), for a verified staff
    member."""
    if not request.user.is_staff or not request.user.is_verified():
        return redirect("admin:index")
    if request.method == "POST":
        return show_recovery_codes(request, new_recovery_codes(request.user))
    left = StaticToken.objects.filter(
        device__user=request.user, device__name=RECOVERY_NAME
    ).count()
    return admin_page(request, "recovery_codes", _("Your recovery codes"), left=left)


urlpatterns = (
    [
        path("", verify, name="verify"),
        path("setup/", setup, name="setup"),
        path("recovery-codes/", recovery_codes, name="recovery-codes"),
    ],
    app_name,
)
