from .deliveries import Delivery, Dispatch, EmbargoLink, SweepRecord
from .recipients import Journalist, Subscriber, WhenNotTranslated

__all__ = [
    "Delivery",
    "Dispatch",
    "EmbargoLink",
    "Journalist",
    "Subscriber",
    "SweepRecord",
    "WhenNotTranslated",
]
