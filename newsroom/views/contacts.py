"""The media contacts directory: public contacts only, grouped by office."""

from itertools import groupby

from django.shortcuts import render

from newsroom.models import MediaContact


def contact_list(request):
    contacts = (
        MediaContact.objects.public()
        .select_related("office")
        .prefetch_related("phones")
        .order_by("office__order", "office__slug", "order", "name")
    )
    groups = [
        {"office": office, "contacts": list(members)}
        for office, members in groupby(contacts, key=lambda contact: contact.office)
    ]
    return render(request, "newsroom/contact_list.html", {"groups": groups})
