"""Clearance in the admin of releases, events and pages: the steps as buttons of
the change form, what each role may edit, the working copy of a live item, its
discard, and the "being edited" hint (the history is `history.py`'s)."""

from django.contrib import admin, messages
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import router
from django.db.models import CharField, Exists, F, OuterRef
from django.db.models.functions import Cast
from django.db.models.signals import post_save
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.html import format_html
from django.utils.translation import get_language_info, gettext, ngettext, pgettext
from django.utils.translation import gettext_lazy as _
from modeltranslation.translator import translator

from newsroom.clearance import inlines, openings, revisions, roles, workflow
from newsroom.clearance.audit import entries_for, record
from newsroom.clearance.models import Action, Revision
from newsroom.clearance.snapshots import snapshot
from newsroom.core.languages import LANGUAGE_CODES, localized, name_in_its_language
from newsroom.core.richtext import RichTextDisplay, RichTextField
from newsroom.distribution.models import Delivery
from newsroom.models import Event, PressRelease
from newsroom.translations.permissions import can_translate, translated_languages

from .history import HistoryAdminMixin

# Fields only a publisher sets; on a live item they apply at once.
PUBLISHER_FIELDS = ("publish_at", "expires_at", "corrected_at")
ALWAYS_READ_ONLY = ("state",)
# The public note on withdrawal: written with the Withdraw step; its text in
# each language is a publisher's to change once the item is withdrawn.
NOTE_FIELDS = tuple(localized("withdrawal_note", lang) for lang in LANGUAGE_CODES)

STEPS = {
    # value: (label, who may, in which states)
    "submit": (_("Submit for review"), roles.can_submit, ["draft"]),
    "approve": (_("Approve"), roles.can_approve, ["review"]),
    "send_back": (_("Send back"), roles.can_approve, ["review", "approved"]),
    "publish": (
        _("Publish"),
        roles.can_publish,
        ["draft", "review", "approved", "withdrawn"],
    ),
    "publish_changes": (_("Publish the changes"), roles.can_publish, ["published"]),
    "withdraw": (
        _("Withdraw"),
        roles.can_publish,
        ["draft", "review", "approved", "published"],
    ),
}


# The steps that read the comment (a reason, for a publisher's override).
STEPS_WITH_COMMENT = {"send_back", "publish", "withdraw"}

DISCARD_LABEL = _("Discard the changes")


class ChangesWaitingFilter(admin.SimpleListFilter):
    """Live items whose working copy waits for a publisher."""

    title = _("changes waiting")
    parameter_name = "changes_waiting"

    def lookups(self, request, model_admin):
        return [("yes", _("Yes"))]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(has_changes=True)
        return queryset


def translator_languages(user):
    """The languages `user` may edit when a translator's role is all they
    have; none for the roles that edit every field (writers, approvers,
    publishers)."""
    if roles.edits_everything(user):
        return []
    return translated_languages(user)


def outside_languages(model, names, languages):
    """Of `model`'s fields `names`, those a translator of `languages` only
    reads: every one but the translated fields of their languages."""
    translated = translator.get_options_for_model(model).fields
    mine = {localized(name, lang) for name in translated for lang in languages}
    return [name for name in names if name not in mine]


class ClearanceAdminMixin(HistoryAdminMixin):
    """For a Publishable model's admin."""

    change_form_template = "admin/clearance/change_form.html"

    def get_urls(self):
        return [self.object_path("discard/", self.discard_view), *super().get_urls()]

    # The list

    def get_queryset(self, request):
        waiting = Revision.objects.filter(
            content_type=ContentType.objects.get_for_model(self.model),
            object_id=Cast(OuterRef("pk"), CharField()),
            pending=True,
        )
        return super().get_queryset(request).annotate(has_changes=Exists(waiting))

    def get_list_filter(self, request):
        return [*super().get_list_filter(request), ChangesWaitingFilter]

    def get_actions(self, request):
        actions = super().get_actions(request)
        for lang in LANGUAGE_CODES:
            if not (
                roles.edits_everything(request.user)
                or can_translate(request.user, lang)
            ):
                actions.pop(f"mark_ready_{lang}", None)
        return actions

    def has_publish_permission(self, request):
        return roles.can_publish(request.user)

    # What each role edits

    def get_readonly_fields(self, request, obj=None):
        fields = [*super().get_readonly_fields(request, obj), *ALWAYS_READ_ONLY]
        user = request.user
        if not roles.can_publish(user):
            fields += PUBLISHER_FIELDS
        if not (
            roles.can_publish(user)
            and obj is not None
            and obj.state == workflow.WITHDRAWN
        ):
            fields += NOTE_FIELDS
        languages = translator_languages(user)
        if languages:
            translated = translator.get_options_for_model(self.model).fields
            editable = [
                field.name
                for field in self.model._meta.get_fields()
                if field.concrete and field.editable and field.name not in translated
            ]
            # Other languages' rich text is a disabled field that shows it
            # formatted (formfield_for_dbfield), not its HTML source.
            fields += [
                name
                for name in outside_languages(self.model, editable, languages)
                if not isinstance(self.model._meta.get_field(name), RichTextField)
            ]
        if obj is not None:
            # The original's readiness follows the workflow (submit, publish).
            fields.append(localized("version_state", obj.original_language))
        return list(dict.fromkeys(fields))

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        languages = translator_languages(request.user)
        language = getattr(db_field, "language", None)
        if (
            field is not None
            and languages
            and isinstance(db_field, RichTextField)
            and language not in (None, *languages)
        ):
            field.disabled = True
            field.widget = RichTextDisplay(language)
        return field

    def get_prepopulated_fields(self, request, obj=None):
        fields = super().get_prepopulated_fields(request, obj)
        read_only = set(self.get_readonly_fields(request, obj))
        return {
            name: sources
            for name, sources in fields.items()
            if name not in read_only and not read_only.intersection(sources)
        }

    def get_inline_instances(self, request, obj=None):
        instances = super().get_inline_instances(request, obj)
        if translator_languages(request.user):
            # A translator translates the rows with words (quotes, documents,
            # videos); the others (media contacts) have nothing for them.
            registered = translator.get_registered_models()
            instances = [inline for inline in instances if inline.model in registered]
        return instances

    # The working copy of a live item

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        if obj is not None:
            revisions.with_pending_copy(obj)
        return obj

    def save_model(self, request, obj, form, change):
        live = change and self.model.objects.live().filter(pk=obj.pk).exists()
        if live:
            self.save_live(request, obj, form)
        else:
            # The approval covered the original's text as it was.
            if obj.state == workflow.APPROVED and self.changes_original(obj, form):
                obj.state = workflow.REVIEW
                obj.changed_after_approval = True
            super().save_model(request, obj, form, change)
        for lang in LANGUAGE_CODES:
            name = localized("version_state", lang)
            if name in form.changed_data and obj.translation_state(lang) == "ready":
                record(request.user, Action.VERSION_READY, obj, language=lang)
        if "expires_at" in form.changed_data and obj.expires_at:
            record(request.user, Action.EXPIRY, obj, expires_at=obj.expires_at)
        if set(NOTE_FIELDS) & set(form.changed_data):
            before = {
                lang: text
                for lang, name in zip(LANGUAGE_CODES, NOTE_FIELDS, strict=True)
                if (text := form.initial.get(name))
            }
            workflow.change_withdrawal_note(obj, request.user, before)

    def changes_original(self, obj, form):
        """Whether `form` changes the text of the original language, or which
        language is the original."""
        original = {
            localized(name, obj.original_language) for name in obj.source_fields()
        }
        changed = set(form.changed_data)
        return bool(changed & original) or "original_language" in changed

    def save_live(self, request, obj, form):
        """A live item's edit waits in its working copy (saved with its rows by
        save_related); its publish and expiry times (a publisher's) apply at
        once."""
        obj.relations_wait = True
        direct = {
            name: getattr(obj, name)
            for name in PUBLISHER_FIELDS
            if name in form.changed_data
        }
        if direct.keys() & {"publish_at", "corrected_at"}:  # dates the API shows
            direct["public_revision"] = F("public_revision") + 1
        if direct:
            self.model.objects.filter(pk=obj.pk).update(**direct)
            # update() sends no signal: what keeps a copy of the public item
            # (the page cache, the search index, the history, the webhooks)
            # hears of the new times as of a save, with the row as it now is.
            post_save.send(
                sender=self.model,
                instance=self.model.objects.get(pk=obj.pk),
                created=False,
                update_fields=frozenset(direct),
                raw=False,
                using=router.db_for_write(self.model),
            )

    def save_related(self, request, form, formsets, change):
        obj = form.instance
        if not getattr(obj, "relations_wait", False):
            save = super().save_related
            rows_changed, names = revisions.outdating(
                obj, lambda: save(request, form, formsets, change)
            )
            values = {name: getattr(obj, name) for name in names}
            if rows_changed and obj.state == workflow.APPROVED:
                # A quote's words, say: the approval covered them as they were.
                obj.state = values["state"] = workflow.REVIEW
                obj.changed_after_approval = True
            if values:
                self.model.objects.filter(pk=obj.pk).update(**values)
            revisions.keep_rows(obj)
            if getattr(obj, "changed_after_approval", False):
                link = request.build_absolute_uri(self.change_url(obj))
                workflow.changed_after_approval(obj, request.user, link)
                self.message_user(
                    request,
                    gettext(
                        "The original text changed after its approval: the item "
                        "is back in review."
                    ),
                    messages.WARNING,
                )
            return
        # The relations and the inline rows (quotes, documents, videos,
        # contacts) wait in the working copy with the item's fields; unchanged,
        # the form's are the working copy's, not the table's.
        for formset in formsets:
            # Nothing saved to the tables: the change message names no row.
            formset.new_objects, formset.changed_objects = [], []
            formset.deleted_objects = []
        if form.has_changed() or any(formset.has_changed() for formset in formsets):
            relations = {
                field.name: [related.pk for related in form.cleaned_data[field.name]]
                for field in self.model._meta.many_to_many
                if field.name in form.cleaned_data
            }
            rows = {
                formset.fk.remote_field.get_accessor_name(): inlines.from_formset(
                    formset
                )
                for formset in formsets
            }
            revisions.save_working_copy(
                obj, request.user, relations=relations, rows=rows
            )

    # The steps

    def available_steps(self, request, obj):
        """The steps this user may take on `obj` (None: a new item, a draft)."""
        if obj is None:
            allowed, state = self.has_add_permission(request), "draft"
        else:
            allowed, state = self.has_change_permission(request, obj), obj.state
        if not allowed:
            return []
        steps = []
        for value, (label, may, states) in STEPS.items():
            if state not in states or not may(request.user):
                continue
            if obj is None and value not in ("submit", "publish"):
                continue
            # Publishers may also save and publish an edit in one go.
            if value == "publish_changes" and not obj.is_live:
                continue
            steps.append({"value": value, "label": label})
        return steps

    def take_step(self, request, obj):
        step = request.POST.get("_clearance")
        if step not in STEPS:
            return
        item = self.model.objects.get(pk=obj.pk)
        comment = request.POST.get("clearance_comment", "").strip()
        link = request.build_absolute_uri(self.change_url(obj))

        def run():
            if step == "submit":
                workflow.submit(item, request.user, link)
            elif step == "approve":
                workflow.approve(item, request.user, link)
            elif step == "send_back":
                workflow.send_back(item, request.user, comment, link)
            elif step == "publish":
                workflow.publish(item, request.user, reason=comment)
            elif step == "publish_changes":
                workflow.publish_changes(item, request.user)
            elif step == "withdraw":
                note = request.POST.get("clearance_public_note", "").strip()
                translations = {
                    lang: request.POST.get(f"clearance_public_note_{lang}", "")
                    for lang in LANGUAGE_CODES
                }
                workflow.withdraw(item, request.user, comment, note, translations)

        done = None
        if step == "publish" and item.publish_at and item.publish_at > timezone.now():
            # Published at a time to come: say when, not that it is out.
            when = formats.date_format(
                timezone.localtime(item.publish_at), "DATETIME_FORMAT"
            )
            done = gettext("Scheduled for %(when)s: it goes public then.") % {
                "when": when
            }
        taken = self.run_step(request, STEPS[step][0], run, done)
        if taken and step == "withdraw":
            self.point_to_withdrawal_notice(request, item)
        return taken

    def point_to_withdrawal_notice(self, request, item):
        """Those who received the withdrawn item by email are not told on their
        own: say how many they are, and where they are told."""
        if not isinstance(item, (PressRelease, Event)):
            return
        sent = Delivery.objects.of_item(item).filter(status=Delivery.Status.SENT)
        count = sent.values("email").distinct().count()
        if not count:
            return
        kind = "release" if isinstance(item, PressRelease) else "event"
        url = reverse("admin:distribution_item", kwargs={"kind": kind, "pk": item.pk})
        told = ngettext(
            "%(count)d person received it by email and has not been told.",
            "%(count)d people received it by email and have not been told.",
            count,
        ) % {"count": count}
        tell = gettext("Tell the previous recipients that it was withdrawn")
        self.message_user(
            request,
            format_html(
                '{}{} {} <a href="{}">{}</a>',
                name_in_its_language(item),
                pgettext("label separator", ":"),
                told,
                url,
                tell,
            ),
            messages.WARNING,
        )

    def run_step(self, request, label, run, done=None):
        """Run a step, and tell the user it is done (`done` says how), or why
        not."""
        refusal = self.refusal(run)
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return False
        done = done or gettext("%(step)s: done.") % {"step": label}
        self.message_user(request, done, messages.SUCCESS)
        return True

    def refusal(self, run):
        """Why `run` (a step, or its checks) refused, if it did."""
        try:
            run()
        except ValidationError as error:
            return " ".join(error.messages)
        except PermissionDenied:
            return gettext("Your role does not allow this step.")
        return None

    def discard_view(self, request, object_id):
        """Discard the changes of a live item's working copy, once confirmed: a
        page shows what would be lost and asks (no script needed)."""
        item = self.object_or_404(object_id)
        if not self.has_change_permission(request, item):
            raise PermissionDenied
        change = self.change_url(item)
        if request.method == "POST":
            reason = request.POST.get("reason", "").strip()
            self.run_step(
                request,
                DISCARD_LABEL,
                lambda: workflow.discard_changes(item, request.user, reason),
            )
            return HttpResponseRedirect(change)
        refusal = self.refusal(lambda: workflow.check_discard(item, request.user))
        if refusal:
            self.message_user(request, refusal, messages.ERROR)
            return HttpResponseRedirect(change)
        copy = revisions.pending_copy(item)
        public = {**snapshot(item), inlines.INLINES: inlines.current_rows(item)}
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Discard the changes?"),
            "opts": self.opts,
            "object": item,
            "copy": copy,
            "changes": revisions.changes(self.model, public, copy.data),
            "change_url": change,
        }
        template = "admin/clearance/discard_changes.html"
        return TemplateResponse(request, template, context)

    def response_change(self, request, obj):
        if "_clearance" in request.POST:
            self.take_step(request, obj)
            return HttpResponseRedirect(request.path)
        return super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        if "_clearance" in request.POST:
            self.take_step(request, obj)
            return HttpResponseRedirect(self.change_url(obj))
        return super().response_add(request, obj, post_url_continue)

    def render_change_form(self, request, context, add=False, change=False, **kwargs):
        obj = context.get("original")
        others = []
        if obj is not None and request.method == "GET":
            others = openings.opened(obj, request.user)
        # A form refused (another editor saved meanwhile...) keeps what was
        # typed for the step, like the rest of the form.
        typed = request.POST if request.method == "POST" else {}
        steps = self.available_steps(request, obj)
        offered = {step["value"] for step in steps}
        context.update(
            clearance_comment=typed.get("clearance_comment", ""),
            clearance_public_note=typed.get("clearance_public_note", ""),
            clearance_steps=steps,
            # Only the steps that read them ask for a comment or a note: a
            # writer's comment on submitting would go nowhere.
            asks_comment=bool(offered & STEPS_WITH_COMMENT),
            asks_public_note="withdraw" in offered,
            public_note_language=obj
            and get_language_info(obj.original_language)["name_translated"],
            # The note in the other languages, optional.
            public_note_translations=obj
            and [
                {
                    "code": lang,
                    "name": get_language_info(lang)["name_translated"],
                    "typed": typed.get(f"clearance_public_note_{lang}", ""),
                }
                for lang in LANGUAGE_CODES
                if lang != obj.original_language
            ],
            being_edited=others,
            working_copy=getattr(obj, "working_copy", None),
            may_discard=obj is not None
            and hasattr(obj, "working_copy")
            and workflow.may_discard(obj, request.user),
            last_steps=list(entries_for(obj)[:3]) if obj is not None else [],
            approval_required=workflow.approval_required(),
        )
        return super().render_change_form(request, context, add, change, **kwargs)
