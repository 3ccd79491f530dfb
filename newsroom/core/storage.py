"""The media storage on a local disk: Django's FileSystemStorage, except that a
file it could not finish writing (the disk full half-way) is removed rather than
left behind, truncated and named by no row."""

import contextlib

from django.core.files.storage import FileSystemStorage


class MediaStorage(FileSystemStorage):
    def _save(self, name, content):
        try:
            return super()._save(name, content)
        except OSError:
            # Django writes to the final name; a file that was there before has
            # another name (get_available_name), so this one is the partial copy.
            with contextlib.suppress(OSError):
                self.delete(name)
            raise
