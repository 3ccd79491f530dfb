from .contacts import ContactPhone, MediaContact
from .documents import Document
from .events import Event
from .pages import Page, Topic
from .photos import Photo
from .quotes import Quote
from .releases import PressRelease, ReleaseContact, ReleaseCountry
from .videos import Video

__all__ = [
    "ContactPhone",
    "Document",
    "Event",
    "MediaContact",
    "Page",
    "Photo",
    "PressRelease",
    "Quote",
    "ReleaseContact",
    "ReleaseCountry",
    "Topic",
    "Video",
]
