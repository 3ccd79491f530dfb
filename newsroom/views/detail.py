"""The one pattern of every publishable item's own pages, shared by releases, events
and pages: the public detail at a slug in any language, and the staff preview of any
state. A model's views say what differs (model, template, queryset, extra context)
and nothing else, like Django's generic views."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.decorators import method_decorator
from django.utils.translation import get_language
from django.views import View

from newsroom.clearance import revisions, slugs
from newsroom.core.languages import urls_in_languages
from newsroom.core.publication import Gone, VersionState, get_live_or_gone

from .private import may_view, staff_preview


def gone(request, note=None):
    """410 Gone, with the public note of a withdrawn item if it has one
    ({"note", "lang"}: `withdrawal_note_for()`), marked with its language: the
    page's when the note is written in it, else the original's."""
    context = {
        "withdrawal_note": note and note["note"],
        "note_language": note and note["lang"],
    }
    return render(request, "410.html", context, status=410)


class ItemView(View):
    """What the detail and the preview of one model share."""

    http_method_names = ["get", "head", "options"]
    model = None
    template_name = None
    context_object_name = None
    preview_url_name = None

    def get_queryset(self):
        return self.model.objects.all()

    def get_context_data(self, item, version):
        """The template's context for `item` read in `version`; subclasses add
        theirs."""
        return {
            self.context_object_name: item,
            "version": version,
            "language_urls": urls_in_languages(item),
            "available_languages": item.public_languages(),
        }

    def render(self, request, item, version, **extra):
        context = {**self.get_context_data(item, version), **extra}
        return render(request, self.template_name, context)


class DetailView(ItemView):
    """The live item at the slug of one of its public versions: a permanent redirect
    to its canonical URL from any other (another language's, the fallback's), 410
    Gone once withdrawn, 404 otherwise."""

    def get(self, request, slug):
        try:
            item = get_live_or_gone(self.get_queryset(), slug)
        except Http404:
            return self.former_slug(request, slug)
        except Gone as withdrawn:
            return gone(request, withdrawn.note())
        canonical = item.get_absolute_url()
        if canonical != request.path:
            return redirect(canonical, permanent=True)
        return self.render(request, item, item.version())

    def former_slug(self, request, slug):
        """A slug that a public version once had: 301 to the item's current URL
        while it is live, 410 once it is gone, 404 otherwise."""
        pk = slugs.former_owner(self.model, slug)
        if pk is None:
            raise Http404
        queryset = self.model.objects.filter(pk=pk)
        item = queryset.live().first()
        if item is not None:
            return redirect(item.get_absolute_url(), permanent=True)
        withdrawn = queryset.gone().for_gone().first()
        if withdrawn is not None:
            return gone(request, withdrawn.withdrawal_note_for())
        raise Http404


class PreviewView(ItemView):
    """Any item, in any state, in the prefix's language as written so far, for
    staff who may view the model in the admin (403 for other staff)."""

    @method_decorator(staff_preview)
    def get(self, request, pk):
        if not may_view(request.user, self.model):
            raise PermissionDenied
        # Staff read the working copy of a live item, not its public text.
        item = revisions.with_pending_copy(
            get_object_or_404(self.get_queryset(), pk=pk)
        )
        lang = get_language()
        return self.render(
            request,
            item,
            item.version(lang, draft=True),
            preview={
                "state": item.get_state_display(),
                "version_state": VersionState(item.translation_state(lang)).label,
                "is_live": item.is_live,
            },
            noindex=True,
            language_urls=urls_in_languages(view_name=self.preview_url_name, pk=pk),
            available_languages=None,
        )
