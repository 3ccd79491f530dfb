"""The newsroom in the admin: one module per model family, each registering its
own admins."""

from . import (  # noqa: F401
    audit,
    contacts,
    events,
    pages,
    people,
    photos,
    releases,
    users,
)
