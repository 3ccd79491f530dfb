"""Requests to a site whose SQLite file (DATABASE_URL) it may read but not write,
by a signed-in editor (the cookies in argv[1], JSON) and a visitor signing in,
who signs in again once the file and its directory may be written. Run in a
process of its own by test_database.py; prints each answer's status and body as
JSON, and the log on stderr."""

import json
import os
import sys

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.test import Client  # noqa: E402

editor = Client(raise_request_exception=False)
for name, value in json.loads(sys.argv[1]).items():
    editor.cookies[name] = value
visitor = Client(raise_request_exception=False)
answers = {
    "readyz": visitor.get("/readyz"),
    "home": visitor.get("/en/"),
    "admin": editor.get("/admin/"),
    "sign_in": visitor.post("/admin/login/", {"username": "editor", "password": "x"}),
}
path = settings.DATABASES["default"]["NAME"]
os.chmod(path, 0o644)
os.chmod(os.path.dirname(path), 0o755)
answers["readyz_after"] = visitor.get("/readyz")
answers["sign_in_after"] = visitor.post(
    "/admin/login/", {"username": "editor", "password": "x"}
)
print(
    json.dumps(
        {
            name: {"status": answer.status_code, "body": answer.content.decode()}
            for name, answer in answers.items()
        }
    )
)
