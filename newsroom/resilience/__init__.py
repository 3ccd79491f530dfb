"""What keeps the site answering when a service it uses fails: a cache whose
failures are misses, a clear 503 while the database is away, and a start-up check
of the production static files."""
