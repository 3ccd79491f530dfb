"""Newsroom settings, read from environment variables.

With no variable set, the site runs for a developer: debug on, SQLite in the project
folder, local-memory cache. Production sets DJANGO_DEBUG=0 and the variables of
each module; `manage.py check --deploy` is then clean.

One module per subject, read in this order (a later one may add to the lists of
an earlier one: `worker` and `security` add apps, `security` middleware):

- `base`: debug, secret key, hosts, apps, middleware, templates, languages, logging;
- `data`: the database and the caches (the page cache among them);
- `files`: static files, media, object storage, the caps on uploads;
- `worker`: background tasks, email, distribution by email, webhooks;
- `security`: security headers, Content-Security-Policy, the staff login;
- `api`: the JSON API's CORS, rate limit and proxies.
"""

# In this order, not alphabetical: see above.
# isort: off
from .base import *  # noqa: F403
from .data import *  # noqa: F403
from .files import *  # noqa: F403
from .worker import *  # noqa: F403
from .security import *  # noqa: F403
from .api import *  # noqa: F403
# isort: on
