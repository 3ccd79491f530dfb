"""The organisation: regions, offices, the org chart, people and who held what."""

from .people import Appointment, AppointmentQuerySet, Person, Position
from .structure import Office, OrganisationProfile, Region, Unit

__all__ = [
    "Appointment",
    "AppointmentQuerySet",
    "Office",
    "OrganisationProfile",
    "Person",
    "Position",
    "Region",
    "Unit",
]
