"""The list actions of publishable items: publish, withdraw, mark a language
ready."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from newsroom.core.languages import LANGUAGE_CODES, LANGUAGE_NAMES
from newsroom.core.publication import (
    PublicationState,
    VersionState,
)


@admin.action(description=_("Publish the selected items"))
def publish(modeladmin, request, queryset):
    """Publish now, or at the publish time already set (a schedule, an embargo).
    Items whose original language is not ready are skipped and named."""
    published, skipped = [], []
    for item in queryset:
        item.state = PublicationState.PUBLISHED
        item.publish_at = item.publish_at or timezone.now()
        try:
            item.clean()
        except ValidationError:
            skipped.append(item)
            continue
        item.save()
        published.append(item)
    if published:
        modeladmin.message_user(
            request,
            ngettext(
                "%(count)d item published.",
                "%(count)d items published.",
                len(published),
            )
            % {"count": len(published)},
            messages.SUCCESS,
        )
    if skipped:
        modeladmin.message_user(
            request,
            _("Not published, because their original language is not ready: %(items)s.")
            % {"items": ", ".join(str(item) for item in skipped)},
            messages.WARNING,
        )


@admin.action(description=_("Withdraw the selected items"))
def withdraw(modeladmin, request, queryset):
    """Withdrawn items leave the site; the ones that were public answer 410 Gone."""
    items = list(queryset)
    for item in items:
        item.state = PublicationState.WITHDRAWN
        item.save()
    modeladmin.message_user(
        request,
        ngettext("%(count)d item withdrawn.", "%(count)d items withdrawn.", len(items))
        % {"count": len(items)},
        messages.SUCCESS,
    )


def mark_ready_action(lang):
    """The action that marks the `lang` version of each selected item ready;
    an item with no title in that language is skipped and named."""

    def mark_ready(modeladmin, request, queryset):
        marked, skipped = [], []
        for item in queryset:
            item.set_translation_state(lang, VersionState.READY)
            # The rule the change form applies (Publishable.clean).
            if lang in item.unshowable_versions():
                skipped.append(item)
                continue
            item.save()
            marked.append(item)
        language = LANGUAGE_NAMES[lang]
        if marked:
            modeladmin.message_user(
                request,
                ngettext(
                    "%(count)d %(language)s version marked ready.",
                    "%(count)d %(language)s versions marked ready.",
                    len(marked),
                )
                % {"count": len(marked), "language": language},
                messages.SUCCESS,
            )
        if skipped:
            modeladmin.message_user(
                request,
                _("No %(language)s text to mark ready: %(items)s.")
                % {
                    "language": language,
                    "items": ", ".join(str(item) for item in skipped),
                },
                messages.WARNING,
            )

    mark_ready.__name__ = f"mark_ready_{lang}"
    return admin.action(
        description=format_lazy(
            _("Mark the {language} version ready"), language=LANGUAGE_NAMES[lang]
        )
    )(mark_ready)


MARK_READY_ACTIONS = [mark_ready_action(lang) for lang in LANGUAGE_CODES]
