"""The distribution in the admin: subscribers, the media list (with CSV import and
export), mailings and their deliveries, embargo links, and each item's
distribution page (panel, send, preview, test)."""

from . import deliveries, recipients  # noqa: F401
from .panel import DistributionPanelMixin

__all__ = ["DistributionPanelMixin"]
