"""The steps of clearance: submit, send back, approve, publish (or schedule, or
override), publish or discard the changes of a live item, withdraw. Each checks
the role, changes the item, writes the audit trail and tells whoever acts next."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom.core.batches import batch
from newsroom.core.languages import LANGUAGE_CODES, localized
from newsroom.core.publication import PublicationState
from newsroom.worker import queue_email

from . import revisions, roles
from .audit import entries_for, record
from .models import Action, AuditEntry

DRAFT, REVIEW, APPROVED = (
    PublicationState.DRAFT,
    PublicationState.REVIEW,
    PublicationState.APPROVED,
)
PUBLISHED, WITHDRAWN = PublicationState.PUBLISHED, PublicationState.WITHDRAWN


def approval_required():
    return getattr(settings, "NEWSROOM_REQUIRE_APPROVAL", True)


def _require(allowed):
    if not allowed:
        raise PermissionDenied


def _in_state(item, *states):
    if item.state not in states:
        raise ValidationError(
            _("This step does not apply to an item in the state “%(state)s”.")
            % {"state": item.get_state_display()}
        )


def people_with(perm, but=None):
    """The active users who hold `perm` and have an email address, `but` one."""
    return [
        user
        for user in get_user_model()
        ._default_manager.with_perm(
            perm,
            include_superusers=False,
            # Roles are groups and their permissions: the model backend's.
            backend="django.contrib.auth.backends.ModelBackend",
        )
        .exclude(email="")
        if user.is_active and user != but
    ]


def language_of(user):
    """The language of `user`'s last staff login (the admin's), else the site's."""
    details = (
        AuditEntry.objects.filter(action=Action.LOGIN, actor=user)
        .order_by("-pk")
        .values_list("details", flat=True)
        .first()
    )
    language = (details or {}).get("language")
    return language if language in LANGUAGE_CODES else settings.LANGUAGE_CODE


def name_of(user):
    """How the emails name a colleague: as the admin's "being edited" note does."""
    return user.get_full_name() or user.get_username()


def notify(users, subject, body, **values):
    """Email each of `users` the lazy `subject` and `body` filled with `values`,
    in that user's language."""
    addresses = {user.email: user for user in users if user.email}
    for address, user in sorted(addresses.items()):
        with translation.override(language_of(user)):
            text = {name: str(value) for name, value in values.items()}
            queue_email(str(subject) % text, str(body) % text, [address])


def last_writer(item):
    entry = entries_for(item).filter(action=Action.SUBMIT).first()
    return entry.actor if entry is not None else None


def move(item, user, may, states, to, action, **details):
    """Check the role and the state, move `item` to state `to`, record it."""
    _require(may(user))
    _in_state(item, *states)
    if action == Action.SEND_BACK and not details["comment"].strip():
        raise ValidationError(_("Say why the item goes back to its writer."))
    item.state = to
    item.save()
    record(user, action, item, **details)


def submit(item, user, link=""):
    move(item, user, roles.can_submit, [DRAFT], REVIEW, Action.SUBMIT)
    notify(
        # Not the submitter, who may approve too but not this item.
        people_with(roles.APPROVE, but=user),
        gettext_lazy("Waiting for your approval: %(item)s"),
        gettext_lazy("%(user)s submitted “%(item)s” for review.\n\n%(link)s"),
        user=name_of(user),
        item=item,
        link=link,
    )


def send_back(item, user, comment, link=""):
    states = [REVIEW, APPROVED]
    move(
        item, user, roles.can_approve, states, DRAFT, Action.SEND_BACK, comment=comment
    )
    writer = last_writer(item)
    if writer is not None:
        notify(
            [writer],
            gettext_lazy("Sent back to you: %(item)s"),
            gettext_lazy(
                "%(user)s sent “%(item)s” back to you:\n\n%(comment)s\n\n%(link)s"
            ),
            user=name_of(user),
            item=item,
            comment=comment,
            link=link,
        )


def approve(item, user, link=""):
    # Approval is a second pair of eyes: never the submitter's own.
    _require(roles.can_approve(user))
    if item.state == REVIEW and last_writer(item) == user:
        raise ValidationError(
            _("You submitted this item: another approver must approve it.")
        )
    move(item, user, roles.can_approve, [REVIEW], APPROVED, Action.APPROVE)
    notify(
        people_with(roles.PUBLISH),
        gettext_lazy("Approved, waiting for publication: %(item)s"),
        gettext_lazy("%(user)s approved “%(item)s”.\n\n%(link)s"),
        user=name_of(user),
        item=item,
        link=link,
    )


def changed_after_approval(item, user, link=""):
    """`item`, approved, is back in review (its state set and saved by the
    caller): `user` changed the original's text or rows, which the approval did
    not cover. Recorded, and the other approvers are told."""
    record(user, Action.REOPEN, item)
    notify(
        people_with(roles.APPROVE, but=user),
        gettext_lazy("Changed after approval: %(item)s"),
        gettext_lazy(
            "%(user)s changed “%(item)s” after its approval: it waits for your "
            "approval again.\n\n%(link)s"
        ),
        user=name_of(user),
        item=item,
        link=link,
    )


def publish(item, user, reason=""):
    """Publish now, or at the publish time already set (a schedule, an embargo).
    Without an approval, a publisher must give a reason (unless the setting
    switches the rule off)."""
    _require(roles.can_publish(user))
    _in_state(item, DRAFT, REVIEW, APPROVED, WITHDRAWN)
    override = approval_required() and item.state != APPROVED
    if override and not reason.strip():
        raise ValidationError(
            _("This item has not been approved: give a reason to publish it anyway.")
        )
    item.state = PUBLISHED
    item.publish_at = item.publish_at or timezone.now()
    item.clean()
    item.save()
    when = {"publish_at": item.publish_at}
    if override:
        record(user, Action.PUBLISH_OVERRIDE, item, reason=reason, **when)
    if item.publish_at > timezone.now():
        record(user, Action.SCHEDULE, item, **when)
    elif not override:
        record(user, Action.PUBLISH, item, **when)
    if item.expires_at:
        record(user, Action.EXPIRY, item, expires_at=item.expires_at)


@batch()
def publish_changes(item, user):
    """The working copy of a live item becomes its public text; a new correction
    note dates the correction (the original date stays). Its rows, links and
    dates are saved in one batch: what each save would redo (indexing it for
    the search) is done once."""
    _require(roles.can_publish(user))
    _changes_waiting(item)
    before = correction_note(item)
    revisions.publish_changes(item)
    record(user, Action.PUBLISH_CHANGES, item)
    after = correction_note(item)
    if after and after != before:
        item.corrected_at = timezone.now()
        item.save(update_fields=["corrected_at", "revision"])
        record(user, Action.CORRECTION, item, note=after)


def may_discard(item, user):
    """Publishers, and whoever saved every edit of the working copy (their own)."""
    if roles.can_publish(user):
        return True
    authors = set(revisions.copy_revisions(item).values_list("author", flat=True))
    return authors == {user.pk}


def _changes_waiting(item):
    if revisions.pending_copy(item) is None:
        raise ValidationError(_("There are no changes waiting."))


def check_discard(item, user):
    _changes_waiting(item)
    _require(may_discard(item, user))


def discard_changes(item, user, reason=""):
    """The working copy of a live item is dropped: nothing public changes."""
    check_discard(item, user)
    revisions.discard_changes(item, user)
    record(user, Action.DISCARD_CHANGES, item, **({"reason": reason} if reason else {}))


def correction_note(item):
    """The note in the original language, for models that have one."""
    if not hasattr(item, "correction_note"):
        return ""
    return item.field_in("correction_note", item.original_language).strip()


def withdraw(item, user, reason, note="", translations=None):
    """Withdraw `item`: `reason` is internal; `note`, public, is written in the
    item's original language, and `translations` ({language: text}) give it in
    others, each shown to the readers of its language."""
    _require(roles.can_publish(user))
    _in_state(item, DRAFT, REVIEW, APPROVED, PUBLISHED)
    if not reason.strip():
        raise ValidationError(_("Give the reason for the withdrawal."))
    translations = {
        lang: text.strip()
        for lang, text in (translations or {}).items()
        if lang in LANGUAGE_CODES and lang != item.original_language and text.strip()
    }
    if translations and not note.strip():
        raise ValidationError(
            _(
                "Write the public note in the original language first: the "
                "readers of the other languages read it when theirs is missing."
            )
        )
    item.state = WITHDRAWN
    for lang in LANGUAGE_CODES:
        text = note if lang == item.original_language else translations.get(lang, "")
        setattr(item, localized("withdrawal_note", lang), text)
    item.save()
    details = {"translations": translations} if translations else {}
    record(user, Action.WITHDRAW, item, reason=reason, note=note, **details)


def change_withdrawal_note(item, user, before):
    """`user` (a publisher) changed the public note of withdrawn `item`, which
    had the notes `before` ({language: text}): recorded with the new ones."""
    after = withdrawal_notes(item)
    if after != before:
        record(user, Action.WITHDRAWAL_NOTE, item, before=before, after=after)


def withdrawal_notes(item):
    """{language: text} of the item's public withdrawal note."""
    notes = {lang: item.field_in("withdrawal_note", lang) for lang in LANGUAGE_CODES}
    return {lang: text for lang, text in notes.items() if text}


def restore(item, revision, user):
    _require(roles.edits_everything(user))
    revisions.restore(item, revision, user)
    record(user, Action.RESTORE, item, revision=revision.pk)
