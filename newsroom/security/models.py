"""The staff login's own rows: which accounts have a password that someone else
set for them."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class TemporaryPassword(models.Model):
    """An account whose password an administrator set (at its creation, or on a
    reset): its holder chooses their own at their next sign-in."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    set_at = models.DateTimeField(_("set at"), auto_now=True)

    class Meta:
        verbose_name = _("temporary password")
        verbose_name_plural = _("temporary passwords")
        default_permissions = ()

    def __str__(self):
        return str(self.user)
