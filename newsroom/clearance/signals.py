"""Every save of a tracked item keeps a revision; a public slug that changes is
remembered; staff logins, failed logins and lockouts go to the audit trail."""

from axes.signals import user_locked_out
from django.apps import apps
from django.conf import settings
from django.contrib.auth.signals import user_logged_in, user_login_failed
from django.db.models.signals import post_save, pre_save

from newsroom.core.addresses import client_address

from . import revisions, slugs
from .audit import acting_user, record
from .models import Action


def keep_revision(sender, instance, raw=False, **kwargs):
    if not raw:
        revisions.keep(instance, acting_user())


def remember_old_slugs(sender, instance, raw=False, **kwargs):
    if raw or instance.pk is None:
        return
    old = sender.objects.filter(pk=instance.pk).first()
    if old is not None:
        slugs.remember(instance, slugs.public_slugs(old))


def remember_new_slugs(sender, instance, raw=False, **kwargs):
    if not raw:
        slugs.remember(instance, slugs.public_slugs(instance))


def record_login(sender, request, user, **kwargs):
    """A staff login, in the language of the admin (its language menu, else the
    browser's): the clearance emails to this user come in it."""
    if user.is_staff:
        language = getattr(request, "LANGUAGE_CODE", None) or settings.LANGUAGE_CODE
        record(user, Action.LOGIN, language=language)


def client_of(request):
    """The address django-axes counted the attempt under, else the peer's."""
    if request is None:
        return ""
    return getattr(request, "axes_ip_address", None) or client_address(request)


def record_login_failure(sender, credentials, request=None, **kwargs):
    # Django has already masked the password: only the name tried is kept.
    record(
        None,
        Action.LOGIN_FAILED,
        username=str(credentials.get("username", ""))[:150],
        address=client_of(request),
    )


def record_lockout(sender, request, username, ip_address, **kwargs):
    record(
        None,
        Action.LOCKED_OUT,
        username=str(username or "")[:150],
        address=ip_address or client_of(request),
    )


def connect():
    for model in revisions.tracked_models():
        post_save.connect(keep_revision, sender=model, dispatch_uid=f"rev-{model}")
    for label in (
        "newsroom.PressRelease",
        "newsroom.Event",
        "newsroom.Page",
        "organisation.Office",
    ):
        model = apps.get_model(label)
        pre_save.connect(
            remember_old_slugs, sender=model, dispatch_uid=f"slug0-{label}"
        )
        post_save.connect(
            remember_new_slugs, sender=model, dispatch_uid=f"slug1-{label}"
        )
    user_logged_in.connect(record_login, dispatch_uid="clearance-login")
    user_login_failed.connect(record_login_failure, dispatch_uid="clearance-fail")
    user_locked_out.connect(record_lockout, dispatch_uid="clearance-lockout")
