"""The page cache: anonymous GET responses kept whole, per host, path and query
(the language is in the path), so that a page is built once for every visitor
until something it can show changes. Publication stays a query: a generation
counter bumped by every save or delete of content invalidates everything at once,
and no entry outlives the next scheduled change (`next_change_at`)."""
