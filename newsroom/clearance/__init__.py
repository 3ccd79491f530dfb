"""Clearance, history and accountability: roles, review, revisions with restore
and working copies, the audit trail and permanent URLs.

`record(actor, action, obj=None, **details)` (audit.py) is the one way to add to the
audit trail; any subject may call it.
"""
