"""The image pipeline every upload goes through: validation, cleaning, renditions.

Imports no app's models, so newsroom's `Photo` and organisation's portraits share it:
a model declares a `CleanImageField` (`fields`) and its app's `ready()` calls
`signals.connect()`.

Photos may show vulnerable people: a stored original never keeps its EXIF (GPS
position, camera, maker notes), XMP, IPTC or comments. Everything goes through
Django's storage API, so a remote storage can replace the file system.
"""
