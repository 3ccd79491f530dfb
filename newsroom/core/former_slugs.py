"""Which item once had a slug, asked by code that may not import the app that
keeps the answer.

The clearance app remembers every slug a public version had
(`newsroom.clearance.slugs`) and registers its lookup here when it starts. The
organisation imports nothing of the newsroom but its shared core, so its office
page asks here: the dependency points from the clearance app down to the core,
never from the organisation up.
"""

_lookup = None


def register(lookup):
    """Answer `owner()` with `lookup(model, slug)`; called in an app's ready()."""
    global _lookup
    _lookup = lookup


def owner(model, slug):
    """The pk of the item of `model` that once had `slug` publicly, or None (also
    when no app keeps slugs' history)."""
    return None if _lookup is None else _lookup(model, slug)
