from .contacts import ContactPhone, MediaContact
from .events import Event
from .pages import Page, Topic
from .photos import Photo
from .quotes import Quote
from .releases import PressRelease, ReleaseContact

__all__ = [
    "ContactPhone",
    "Event",
    "MediaContact",
    "Page",
    "Photo",
    "PressRelease",
    "Quote",
    "ReleaseContact",
    "Topic",
]
