"""The emails of the distribution: an item (a release or an event) in the
recipient's language, or the notice of its withdrawal, HTML and plain text, with
the headers mail clients act on (RFC 8058 one-click unsubscribe, Content-Language,
Message-ID) and, for an event, its .ics; and the confirmation email of a
subscription."""

import datetime
import secrets
from dataclasses import dataclass, field
from email.mime.text import MIMEText
from urllib.parse import urljoin

from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.html import strip_tags
from django.utils.translation import gettext, gettext_noop, override

from newsroom.core.dates import publish_time
from newsroom.core.standards import plain_text, public_address, site_authority
from newsroom.images import renditions
from newsroom.models import MediaContact, PressRelease, ReleaseContact
from newsroom.syndication.calendars import events_calendar
from organisation.models import OrganisationProfile

from . import links
from .models import Delivery, Dispatch, EmbargoLink, Journalist, Subscriber

# Photos are shown at most this wide, the usual width of an email's column.
EMAIL_WIDTH = 600
# An event's description is cut to this many characters; the page has the rest.
DESCRIPTION_CHARACTERS = 600


# Sent by a program, not in answer to a message (RFC 3834): out-of-office replies
# and other autoresponders leave these emails unanswered.
AUTOMATIC = {"Auto-Submitted": "auto-generated"}


def message_id(name):
    """A Message-ID short enough not to be folded: `name`, a random part, our
    host."""
    return f"<{name}.{secrets.token_hex(8)}@{site_authority()}>"


def absolute_media(url):
    return urljoin(public_address() + "/", url)


def email_photo(photo, lang):
    """The photo as an email shows it: one JPEG rendition by absolute URL, with
    its texts in `lang` (else the photo's original language). Emails are built by
    the worker, which makes a rendition still missing."""
    if photo is None:
        return None
    focal = (photo.focal_x, photo.focal_y)
    options = renditions.use_options("page", focal)
    images = renditions.image_set(photo.image, make=True, **options)
    if images is None:
        return None
    rendition = images.fallback
    width = min(EMAIL_WIDTH, rendition.width)
    alt, alt_lang = photo.alt_in(lang)
    caption, caption_lang = photo.caption_in(lang)
    return {
        "url": absolute_media(rendition.url),
        "width": width,
        "height": round(rendition.height * width / rendition.width),
        "alt": alt,
        "alt_lang": alt_lang,
        "caption": caption,
        "caption_lang": caption_lang,
        "credit": photo.credit.strip(),
        "credit_lang": photo.original_language,
    }


def public_contacts(release):
    """The release's media contacts the public may see, in the editor's order."""
    return [
        link.contact
        for link in ReleaseContact.objects.filter(
            release=release, contact__in=MediaContact.objects.public()
        )
        .select_related("contact__office")
        .prefetch_related("contact__phones")
        .order_by("order", "pk")
    ]


def reply_addresses(release, contacts):
    """Where a reply to a release's email goes: its public media contacts, else
    its issuing office; nobody (the sender) when neither has an address."""
    addresses = [contact.email for contact in contacts if contact.email]
    office = release.issuing_office
    if not addresses and office is not None and office.email:
        addresses = [office.email]
    return addresses


def calendar_part(event, lang, url):
    """The event's .ics, as a MIME part an email carries."""
    ics = events_calendar([(event, url)], lang).to_ical().decode()
    part = MIMEText(ics, "calendar", "utf-8")
    part.set_param("method", "PUBLISH")
    filename = f"{event.slug_for(lang) or 'event'}.ics"
    part.add_header("Content-Disposition", "attachment", filename=filename)
    return part


# What differs between the recipients of the same email: rendered as these
# placeholders (URL-safe, so that escaping leaves them alone), then replaced.
PLACEHOLDERS = {
    "unsubscribe_url": "newsroom-placeholder-unsubscribe-url",
    "manage_url": "newsroom-placeholder-manage-url",
    "read_url": "newsroom-placeholder-read-url",
}


@dataclass
class Shared:
    """What every recipient of one dispatch in one language reads alike."""

    interface: str
    content: str
    context: dict
    # An event's emails carry its .ics, pointing at this URL.
    calendar_url: str | None = None
    reply_to: list = field(default_factory=list)
    # Subject, text and HTML by variant (see ItemEmails.rendered).
    renders: dict = field(default_factory=dict)


def item_context(dispatch, lang, interface):
    """The template context of `dispatch`'s item read in `lang`, with the email's
    own words in `interface`."""
    item = dispatch.item
    version = item.version(lang)
    with override(version.lang):
        url = links.absolute(item.get_absolute_url())
    context = {
        "item": item,
        "version": version,
        "url": url,
        "is_release": isinstance(item, PressRelease),
        "is_correction": dispatch.reason == Dispatch.Reason.CORRECTION,
        "is_withdrawal": dispatch.reason == Dispatch.Reason.WITHDRAWAL,
        "organisation": OrganisationProfile.current(),
    }
    if context["is_withdrawal"]:
        # The item is no longer public: its name and the public note, no more;
        # the note in the recipient's language, else the original's.
        note = item.withdrawal_note_for(lang)
        context["note"] = note and note["note"]
        context["note_lang"] = note and note["lang"]
        return context
    if context["is_release"]:
        context["photo"] = email_photo(item.main_photo, version.lang)
        context["contacts"] = public_contacts(item)
        if context["is_correction"]:
            context["correction"] = item.correction_for(version.lang)
    else:
        context["photo"] = email_photo(item.photo, version.lang)
        description = plain_text(version.description)
        if len(description) > DESCRIPTION_CHARACTERS:
            description = description[:DESCRIPTION_CHARACTERS].rsplit(" ", 1)[0] + " …"
        context["description"] = description
        with override(interface):
            when = render_to_string(
                "newsroom/includes/event_when.html", {"event": item}
            )
        context["when"] = strip_tags(when).strip()
    return context


def embargo_time(value):
    """An embargo's lift as a journalist anywhere reads it: in the editors' time
    zone, and the same moment in UTC."""
    local = publish_time(value)
    if timezone.get_current_timezone_name() == "UTC":
        return local
    # Translators: an embargo's lift in the editors' time zone, then in UTC, e.g.
    # "15 January 2027, 09:00 (Europe/Zurich), that is 15 January 2027, 08:00
    # (UTC)".
    return gettext("%(local)s, that is %(utc)s") % {
        "local": local,
        "utc": publish_time(value, datetime.UTC),
    }


def subject(context, embargoed_until):
    title = context["version"].title
    if context["is_withdrawal"]:
        # Translators: subject of the email telling a release's or an event's
        # recipients that it was withdrawn.
        return gettext("Withdrawn: %(title)s") % {"title": title}
    if embargoed_until:
        # Translators: subject of an email sent before a release's embargo lifts.
        return gettext("EMBARGOED UNTIL %(time)s: %(title)s") % {
            "time": embargoed_until,
            "title": title,
        }
    if context["is_correction"]:
        return gettext("Correction: %(title)s") % {"title": title}
    if not context["is_release"]:
        return gettext("Event: %(title)s, %(when)s") % {
            "title": title,
            "when": context["when"],
        }
    return title


class ItemEmails:
    """Builds the emails of deliveries, sharing between recipients of the same
    dispatch and language what they read alike (queries, renditions, the .ics)."""

    def __init__(self):
        self.shared = {}

    def shared_for(self, dispatch, lang, interface):
        key = (dispatch.pk, lang, interface)
        if key not in self.shared:
            context = item_context(dispatch, lang, interface)
            calendar_url = None
            if not (context["is_release"] or context["is_withdrawal"]):
                calendar_url = context["url"]
            reply_to = []
            if context["is_release"]:
                contacts = context.get("contacts") or public_contacts(dispatch.item)
                reply_to = reply_addresses(dispatch.item, contacts)
            self.shared[key] = Shared(
                interface, context["version"].lang, context, calendar_url, reply_to
            )
        return self.shared[key]

    def rendered(self, shared, variant):
        """The subject, text and HTML of one email variant, rendered once per
        batch with placeholders where each recipient's own links go."""
        if variant not in shared.renders:
            embargoed_until, is_fallback, is_journalist = variant
            context = {
                **shared.context,
                **PLACEHOLDERS,
                "interface": shared.interface,
                "is_fallback": is_fallback,
                "embargoed_until": embargoed_until,
                "is_journalist": is_journalist,
            }
            template = "withdrawal" if context["is_withdrawal"] else "item"
            with override(shared.interface):
                shared.renders[variant] = (
                    # On one line: a header cannot break, and a title may (a PO
                    # file's translation can carry a line break).
                    " ".join(subject(context, embargoed_until).splitlines()),
                    render_to_string(f"distribution/email/{template}.txt", context),
                    render_to_string(f"distribution/email/{template}.html", context),
                )
        return shared.renders[variant]

    def message(self, delivery, recipient=None, embargo_url=None):
        """The email of `delivery` to its recipient (or `recipient`, for a preview
        of a delivery that is not saved)."""
        recipient = recipient or delivery.recipient
        dispatch = delivery.dispatch
        item = dispatch.item
        languages = recipient.language_list()
        lang = delivery.language or item.original_language
        interface = lang if lang in languages else recipient.interface_language
        shared = self.shared_for(dispatch, lang, interface)
        content = shared.content
        embargoed = delivery.embargoed and not item.is_live
        with override(interface):
            embargoed_until = embargo_time(item.publish_at) if embargoed else ""
        if embargoed and embargo_url is None:
            embargo_url = personal_embargo_url(item, recipient, content)
        own = {
            "unsubscribe_url": links.unsubscribe_url(recipient, interface),
            "manage_url": links.manage_url(recipient, interface),
            "read_url": embargo_url if embargoed else shared.context["url"],
        }
        variant = (
            embargoed_until,
            content not in languages,
            isinstance(recipient, Journalist),
        )
        title, text, html = self.rendered(shared, variant)
        for name, placeholder in PLACEHOLDERS.items():
            text = text.replace(placeholder, own[name])
            html = html.replace(placeholder, own[name])
        headers = {
            "Message-ID": message_id(f"delivery-{delivery.pk or 'preview'}"),
            "Content-Language": content
            if content == interface
            else f"{interface}, {content}",
            "List-Unsubscribe": f"<{own['unsubscribe_url']}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "List-Id": f"<{dispatch.kind}.{site_authority()}>",
            **AUTOMATIC,
            "Precedence": "bulk",
        }
        message = EmailMultiAlternatives(
            subject=title,
            body=text,
            to=[delivery.email],
            reply_to=shared.reply_to,
            headers=headers,
        )
        message.attach_alternative(html, "text/html")
        if shared.calendar_url:
            message.attach(calendar_part(item, content, shared.calendar_url))
        return message


def personal_embargo_url(release, journalist, lang):
    link = EmbargoLink.objects.filter(release=release, journalist=journalist).first()
    if link is None:
        return ""
    return links.site_url("newsroom:release-embargo", lang, token=link.token)


def subscription_message(subscriber, lang, template, title, **links_context):
    """A short email to a subscriber about their subscription, in `lang`."""
    with override(lang):
        context = {"subscriber": subscriber, **links_context}
        subject = gettext(title)
        text = render_to_string(f"distribution/email/{template}.txt", context)
        html = render_to_string(f"distribution/email/{template}.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        to=[subscriber.email],
        headers={
            "Message-ID": message_id(template),
            "Content-Language": lang,
            **AUTOMATIC,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def confirmation_message(subscriber, lang):
    """The email asking a new subscriber to confirm, in `lang`."""
    return subscription_message(
        subscriber,
        lang,
        "confirm",
        gettext_noop("Confirm your subscription"),
        confirm_url=links.confirm_url(subscriber, lang),
    )


def already_subscribed_message(subscriber, lang):
    """The email to an address that asked to subscribe again: a link to its
    preferences (the form says the same to everyone)."""
    return subscription_message(
        subscriber,
        lang,
        "already_subscribed",
        gettext_noop("You are already subscribed"),
        manage_url=links.manage_url(subscriber, lang),
        unsubscribe_url=links.unsubscribe_url(subscriber, lang),
    )


def preview_message(item, lang, email):
    """The email of `item` that a recipient reading `lang` would get, addressed to
    `email` (an editor's preview or test). A scheduled release comes as accredited
    journalists get it, under embargo, with the release's own embargo link. Its
    unsubscribe and preferences links name nobody."""
    field = "release" if isinstance(item, PressRelease) else "event"
    dispatch = Dispatch(**{field: item}, version=1)
    embargoed = isinstance(item, PressRelease) and item.is_scheduled
    delivery = Delivery(
        dispatch=dispatch, email=email, language=lang, embargoed=embargoed
    )
    recipient = (
        Journalist(email=email, languages=lang, name=email)
        if embargoed
        else Subscriber(email=email, languages=lang)
    )
    embargo_url = None
    if embargoed:
        with override(lang):
            embargo_url = links.absolute(
                reverse(
                    "newsroom:release-embargo", kwargs={"token": item.embargo_token}
                )
            )
    return ItemEmails().message(delivery, recipient=recipient, embargo_url=embargo_url)
