"""The list actions of publishable items: publish, withdraw, mark a language
ready. Publish and withdraw first show what will change and ask for a
confirmation; each row is then locked and checked against the revision the editor
saw, so that an edit saved in the meantime is never overwritten: such a row is
skipped and named."""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html
from django.utils.text import format_lazy
from django.utils.translation import gettext, ngettext
from django.utils.translation import gettext_lazy as _

from newsroom.clearance import revisions, roles, workflow
from newsroom.clearance.audit import record
from newsroom.clearance.models import Action
from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from newsroom.core.publication import VersionState
from newsroom.translations.permissions import can_translate
from newsroom.translations.registry import field_labels, untranslated_fields


def loaded_revisions(request, queryset):
    """{pk: revision} as the editor saw them: from the confirmation page when
    there is one, else as the action starts."""
    seen = {}
    for pk in queryset.values_list("pk", flat=True):
        value = request.POST.get(f"revision_{pk}")
        if value is not None and value.isdigit():
            seen[pk] = int(value)
    if not seen:
        seen = dict(queryset.values_list("pk", "revision"))
    return seen


def each_locked(model, seen, change):
    """Call `change(item)` on each row of `seen` ({pk: revision}) locked in its own
    transaction; returns (done, changed, refused): the rows changed, the rows
    someone saved since they were seen, and (item, reason) refused by `change`."""
    done, changed, refused = [], [], []
    for pk, revision in seen.items():
        with transaction.atomic():
            item = model.objects.select_for_update().filter(pk=pk).first()
            if item is None:
                continue
            if item.revision != revision:
                changed.append(item)
                continue
            try:
                change(item)
            except (ValidationError, PermissionDenied) as error:
                reasons = getattr(error, "messages", None) or [gettext("not allowed")]
                refused.append((item, " ".join(reasons)))
                continue
            done.append(item)
    return done, changed, refused


def skipped_link(modeladmin, items):
    """A link to the list of `items` only."""
    url = reverse(
        f"admin:{modeladmin.opts.app_label}_{modeladmin.opts.model_name}_changelist"
    )
    ids = ",".join(str(item.pk) for item in items)
    see = ngettext("see it", "see them", len(items))
    return format_html('<a href="{}?id__in={}">{}</a>', url, ids, see)


def report(modeladmin, request, done_message, done, changed, refused):
    """A summary: how many changed, how many skipped and why, with links."""
    if done:
        modeladmin.message_user(request, done_message(len(done)), messages.SUCCESS)
    if changed:
        modeladmin.message_user(
            request,
            format_html(
                "{} {} ({})",
                ngettext(
                    "%(count)d item skipped because someone saved it meanwhile; "
                    "open it again:",
                    "%(count)d items skipped because someone saved them "
                    "meanwhile; open them again:",
                    len(changed),
                )
                % {"count": len(changed)},
                ", ".join(str(item) for item in changed[:10]),
                skipped_link(modeladmin, changed),
            ),
            messages.WARNING,
        )
    by_reason = {}
    for item, reason in refused:
        by_reason.setdefault(reason, []).append(item)
    for reason, items in by_reason.items():
        modeladmin.message_user(
            request,
            format_html(
                "{} {} ({})",
                ngettext(
                    "%(count)d item skipped:",
                    "%(count)d items skipped:",
                    len(items),
                )
                % {"count": len(items)},
                reason,
                skipped_link(modeladmin, items),
            ),
            messages.WARNING,
        )


def confirmation(modeladmin, request, queryset, action, title):
    """The page that lists what will change and asks to confirm."""
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": title,
        "opts": modeladmin.opts,
        "items": list(queryset),
        "action": action,
        "approval_required": workflow.approval_required(),
        "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
    }
    return TemplateResponse(request, "admin/clearance/confirm_action.html", context)


@admin.action(description=_("Publish the selected items"), permissions=["publish"])
def publish(modeladmin, request, queryset):
    """Publish now, or at the publish time already set (a schedule, an embargo),
    after a confirmation; items without an approval need a reason."""
    if "confirm" not in request.POST:
        return confirmation(
            modeladmin, request, queryset, "publish", gettext("Publish these items?")
        )
    reason = request.POST.get("reason", "").strip()
    done, changed, refused = each_locked(
        queryset.model,
        loaded_revisions(request, queryset),
        lambda item: workflow.publish(item, request.user, reason),
    )
    report(
        modeladmin,
        request,
        lambda count: (
            ngettext("%(count)d item published.", "%(count)d items published.", count)
            % {"count": count}
        ),
        done,
        changed,
        refused,
    )


@admin.action(description=_("Withdraw the selected items"), permissions=["publish"])
def withdraw(modeladmin, request, queryset):
    """Withdrawn items leave the site; the ones that were public answer 410 Gone.
    A reason (internal) is required, a public note optional."""
    confirmed = "confirm" in request.POST
    reason = request.POST.get("reason", "").strip()
    note = request.POST.get("public_note", "").strip()
    if confirmed and not reason:
        modeladmin.message_user(
            request, gettext("Give the reason for the withdrawal."), messages.ERROR
        )
    if not (confirmed and reason):
        return confirmation(
            modeladmin, request, queryset, "withdraw", gettext("Withdraw these items?")
        )
    done, changed, refused = each_locked(
        queryset.model,
        loaded_revisions(request, queryset),
        lambda item: workflow.withdraw(item, request.user, reason, note),
    )
    report(
        modeladmin,
        request,
        lambda count: (
            ngettext("%(count)d item withdrawn.", "%(count)d items withdrawn.", count)
            % {"count": count}
        ),
        done,
        changed,
        refused,
    )
    for item in done:
        modeladmin.point_to_withdrawal_notice(request, item)


def may_mark_ready(user, lang):
    return roles.edits_everything(user) or can_translate(user, lang)


def mark_ready_action(lang):
    """The action that marks the `lang` version of each selected item ready;
    an item with no title in that language is skipped, and the answer is a
    summary."""

    def mark(item, user):
        if lang == item.original_language:
            # As in the form: the original is ready once submitted (workflow).
            raise ValidationError(gettext("the original, ready once it is submitted"))
        # A live item's text being edited waits in its working copy: the
        # version marked ready is that text, and waits with it.
        copy = getattr(revisions.with_pending_copy(item), "working_copy", None)
        item.set_translation_state(lang, VersionState.READY)
        # The rule the change form applies (Publishable.clean).
        if lang in item.unshowable_versions():
            raise ValidationError(gettext("no text in this language"))
        if missing := untranslated_fields(item, lang):
            raise ValidationError(
                gettext("not translated in full (%(fields)s)")
                % {"fields": ", ".join(field_labels(type(item), missing))}
            )
        if copy is None:
            item.save()
        else:
            revisions.save_working_copy(item, user)
        record(user, Action.VERSION_READY, item, language=lang, bulk=True)

    def mark_ready(modeladmin, request, queryset):
        if not may_mark_ready(request.user, lang):
            raise PermissionDenied
        done, changed, refused = each_locked(
            queryset.model,
            loaded_revisions(request, queryset),
            lambda item: mark(item, request.user),
        )
        language = LANGUAGE_NAMES[lang]
        report(
            modeladmin,
            request,
            lambda count: (
                ngettext(
                    "%(count)d %(language)s version marked ready.",
                    "%(count)d %(language)s versions marked ready.",
                    count,
                )
                % {"count": count, "language": language}
            ),
            done,
            changed,
            refused,
        )
        if waiting := [item for item in done if hasattr(item, "working_copy")]:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d of these versions belongs to a live item: it "
                    "waits, with its text, for a publisher to publish the changes.",
                    "%(count)d of these versions belong to live items: they wait, "
                    "with their text, for a publisher to publish the changes.",
                    len(waiting),
                )
                % {"count": len(waiting)},
                messages.INFO,
            )

    mark_ready.__name__ = f"mark_ready_{lang}"
    return admin.action(
        description=format_lazy(
            _("Mark the {language} version ready"), language=LANGUAGE_NAMES[lang]
        )
    )(mark_ready)


MARK_READY_ACTIONS = [mark_ready_action(lang) for lang in LANGUAGE_CODES]
