"""Django's database sessions, kept readable while the database refuses writes:
every staff request saves its session (SESSION_SAVE_EVERY_REQUEST, for the idle
timeout), and Django answers a session it cannot save with 400 on every page."""

from django.contrib.sessions.backends import db
from django.contrib.sessions.backends.base import UpdateError

from .middleware import outage_read_only, refuses_writes


class SessionStore(db.SessionStore):
    def save(self, must_create=False):
        """Save, except that an existing session the database refuses to update
        keeps the row it has (its idle timeout is not moved on); a new one must
        be saved, or its user would be signed out on the next request."""
        try:
            super().save(must_create)
        except UpdateError as error:
            if not refuses_writes(error.__context__):
                raise
            outage_read_only.report(error.__context__)
