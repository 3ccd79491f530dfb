"""The newsroom in the admin: one module per model family, each registering its
own admins."""

from . import audit, contacts, events, pages, people, photos, releases  # noqa: F401
