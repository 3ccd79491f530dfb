"""What templates may tell of the database's state."""

from newsroom.core.database import is_read_only


def database(request):
    """`database_read_only`, for the admin's notice that nothing can be saved
    while the database takes no writes: a function, which a template calls only
    where it shows the notice, so that no other page asks the database."""
    return {"database_read_only": is_read_only}
