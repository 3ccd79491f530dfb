"""Two editors save the same release at the same moment through the admin, on the
migrated file-based SQLite database that DATABASE_URL names. Run in a process of
its own by test_concurrency.py; prints each editor's outcome as JSON."""

import json
import threading
import time

import django

django.setup()

from django.contrib.auth.models import User  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.signals import pre_save  # noqa: E402
from django.test import Client  # noqa: E402
from django.urls import reverse  # noqa: E402

from newsroom.models import PressRelease  # noqa: E402
from tests.factories import form_data, make_release  # noqa: E402

STALE = "Someone else saved this item while you were editing it"


def slow_save(sender, instance, **kwargs):
    # Each save holds its transaction open a while, so that the two overlap.
    time.sleep(0.5)


def main():
    release = make_release("contested", state="draft")
    url = reverse("admin:newsroom_pressrelease_change", args=[release.pk])
    editors = []
    for name in ("first", "second"):
        user = User.objects.create_superuser(name, f"{name}@example.org", "x")
        client = Client(raise_request_exception=False)
        client.force_login(user)
        data = form_data(client.get(url))
        data["lead_en"] = [f"{name} editor's lead"]
        editors.append((client, data))
    connection.close()
    pre_save.connect(slow_save, sender=PressRelease)
    start = threading.Barrier(len(editors))
    outcomes = {}

    def save(index, client, data):
        start.wait()
        response = client.post(url, data)
        outcomes[index] = {
            "status": response.status_code,
            "stale": STALE in response.content.decode(errors="replace"),
        }
        connection.close()

    threads = [
        threading.Thread(target=save, args=(index, *editor))
        for index, editor in enumerate(editors)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    release.refresh_from_db()
    print(json.dumps({"outcomes": list(outcomes.values()), "lead": release.lead_en}))


main()
