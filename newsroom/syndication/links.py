"""What pages tell machines about the feeds: their titles, shared by the feeds
themselves and the <link> elements that advertise them."""

from django.utils.translation import gettext as _


def release_feed_title(organisation, topic=None, region=None):
    """The title of a release feed, in the active language."""
    if topic is not None:
        title = _("Press releases: %(topic)s") % {"topic": topic.name}
    elif region is not None:
        title = _("Press releases: %(region)s") % {"region": region.name}
    else:
        title = _("Press releases")
    if organisation is not None:
        return f"{organisation.acronym} – {title}"
    return title
