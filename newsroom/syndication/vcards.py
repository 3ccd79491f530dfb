"""vCard 4.0 (RFC 6350) of a public media contact, built with `vobject`."""

import datetime
import uuid

import phonenumbers
import vobject
from django.utils import translation

from newsroom.core.languages import translated_text
from newsroom.core.standards import site_authority

PRODUCT_ID = "-//Newsroom//Media contacts//EN"

TEL_TYPES = {"work": ["work", "voice"], "cell": ["work", "cell"]}


def contact_uid(contact):
    """A UID that survives a change of name, slug or address book."""
    name = f"media-contact-{contact.pk}@{site_authority()}"
    return uuid.uuid5(uuid.NAMESPACE_DNS, name).urn


def contact_vcard(contact, lang, url, organisation=None):
    """The vCard of `contact` for a visitor reading `lang`. `phones` and `office`
    are read from the instance (prefetch them)."""
    card = vobject.vCard()
    card.add("version").value = "4.0"
    card.add("prodid").value = PRODUCT_ID
    card.add("uid").value = contact_uid(contact)
    card.add("kind").value = "individual"
    card.add("fn").value = contact.name
    # The directory stores one name; by the usual convention its last word is the
    # family name, which only affects how address books sort the card.
    given, _space, family = contact.name.rpartition(" ")
    card.add("n").value = vobject.vcard.Name(family=family, given=given)
    with translation.override(lang):
        units = [str(organisation.name)] if organisation else []
        if contact.office:
            units.append(str(contact.office.name))
    if units:
        card.add("org").value = units
    title, title_lang = translated_text(contact, "job_title", lang)
    if title:
        line = card.add("title")
        line.value = title
        line.params["LANGUAGE"] = [title_lang]
    for phone in contact.phones.all():
        line = card.add("tel")
        line.value = phonenumbers.format_number(
            phone.number, phonenumbers.PhoneNumberFormat.RFC3966
        )
        line.params["VALUE"] = ["uri"]
        line.params["TYPE"] = TEL_TYPES.get(phone.kind, ["voice"])
    if contact.email:
        line = card.add("email")
        line.value = contact.email
        line.params["TYPE"] = ["work"]
    for preference, code in enumerate(contact.languages.split(), start=1):
        line = card.add("lang")
        line.value = code
        line.params["PREF"] = [str(preference)]
    card.add("url").value = url
    card.add("rev").value = contact.updated_at.astimezone(datetime.UTC).strftime(
        "%Y%m%dT%H%M%SZ"
    )
    return card
