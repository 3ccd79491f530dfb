"""The rows of clearance: the audit trail (append-only), the revisions of each
item (every save, and the working copy of a live one), and every slug a public
version ever had."""

from django.conf import settings
from django.contrib.contenttypes.fields import GenericForeignKey
from django.contrib.contenttypes.models import ContentType
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class Action(models.TextChoices):
    SUBMIT = "submit", _("Submitted for review")
    SEND_BACK = "send_back", _("Sent back")
    APPROVE = "approve", _("Approved")
    REOPEN = "reopen", _("Back in review: changed after approval")
    PUBLISH = "publish", pgettext_lazy("audit action", "Published")
    PUBLISH_OVERRIDE = "publish_override", _("Published without approval")
    SCHEDULE = "schedule", pgettext_lazy("audit action", "Scheduled")
    PUBLISH_CHANGES = "publish_changes", _("Changes published")
    DISCARD_CHANGES = "discard_changes", _("Changes discarded")
    CORRECTION = "correction", _("Corrected")
    WITHDRAW = "withdraw", pgettext_lazy("audit action", "Withdrawn")
    WITHDRAWAL_NOTE = "withdrawal_note", _("Public note on withdrawal changed")
    EXPIRY = "expiry", _("Expiry set")
    VERSION_READY = "version_ready", _("Language version marked ready")
    EMBARGO_LINK = "embargo_link", _("Embargo link created, renewed or revoked")
    RESTORE = "restore", _("Revision restored")
    PO_IMPORT = "po_import", _("PO file imported")
    LOGIN = "login", _("Staff login")
    LOGIN_FAILED = "login_failed", _("Failed login")
    LOCKED_OUT = "locked_out", _("Login locked out")


class AuditEntry(models.Model):
    """One thing someone did, kept for good: no one may change or delete it."""

    created_at = models.DateTimeField(_("when"), auto_now_add=True, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The name stays when the account goes.
    actor_name = models.CharField(_("who (name)"), max_length=150, blank=True)
    action = models.CharField(
        _("what"), max_length=20, choices=Action.choices, db_index=True
    )
    content_type = models.ForeignKey(
        ContentType,
        verbose_name=_("kind of object"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    object_id = models.CharField(_("object id"), max_length=64, blank=True)
    object_repr = models.CharField(_("object"), max_length=300, blank=True)
    details = models.JSONField(_("details"), default=dict, encoder=DjangoJSONEncoder)

    obj = GenericForeignKey("content_type", "object_id")

    class Meta:
        verbose_name = _("audit entry")
        verbose_name_plural = _("audit trail")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["content_type", "object_id", "created_at"])]
        default_permissions = ("view",)
        # The steps of clearance, which the roles (groups) hold.
        permissions = [
            ("submit_for_review", _("Can submit items for review")),
            ("approve", _("Can approve items or send them back")),
            ("publish", _("Can publish, schedule, correct and withdraw items")),
        ]

    def __str__(self):
        return f"{self.created_at:%Y-%m-%d %H:%M} {self.actor_name} {self.action}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Audit entries are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Audit entries are append-only.")


class Revision(models.Model):
    """The fields of an item as one save left them, or as a working copy of a live
    item waiting to be published."""

    class Kind(models.TextChoices):
        SAVED = "saved", pgettext_lazy("revision kind", "Saved")
        WORKING = "working", _("Working copy")
        DISCARDED = "discarded", _("Discarded working copy")

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    created_at = models.DateTimeField(_("when"), auto_now_add=True)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("who"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    # A working copy waits until it is published, replaced or discarded.
    pending = models.BooleanField(default=False)
    comment = models.CharField(_("comment"), max_length=300, blank=True)
    data = models.JSONField(encoder=DjangoJSONEncoder)

    class Meta:
        verbose_name = _("revision")
        verbose_name_plural = _("revisions")
        ordering = ["-created_at", "-pk"]
        indexes = [
            models.Index(fields=["content_type", "object_id", "-created_at"]),
            models.Index(fields=["content_type", "pending"]),
        ]
        default_permissions = ()

    def __str__(self):
        return f"{self.get_kind_display()} {self.created_at:%Y-%m-%d %H:%M}"


class SlugRecord(models.Model):
    """A slug that a public version of an item had, in one language: it redirects
    to the item for good, and no other item of the kind may take it."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    language = models.CharField(max_length=10)
    slug = models.CharField(max_length=200)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("former address")
        verbose_name_plural = _("former addresses")
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "slug", "language"], name="unique_slug_record"
            )
        ]
        indexes = [models.Index(fields=["content_type", "slug"])]

    def __str__(self):
        return self.slug


class Opening(models.Model):
    """Who last opened which item's form, and when: the "being edited" hint (in
    the database, which every worker sees)."""

    content_type = models.ForeignKey(
        ContentType, on_delete=models.CASCADE, related_name="+"
    )
    object_id = models.CharField(max_length=64)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    opened_at = models.DateTimeField()

    class Meta:
        default_permissions = ()
        constraints = [
            models.UniqueConstraint(
                fields=["content_type", "object_id", "user"], name="unique_opening"
            )
        ]

    def __str__(self):
        return f"{self.user} {self.opened_at:%Y-%m-%d %H:%M}"
