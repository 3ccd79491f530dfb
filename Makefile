# The two commands: `make run` serves the site with demo content and runs the
# background worker beside it, `make test` runs the whole suite. Both set up
# everything they need and can run again.
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
PORT ?= 8000

.PHONY: run serve reload test install messages lint

$(BIN)/python:
	$(PYTHON) -m venv $(VENV)

$(VENV)/.installed: pyproject.toml | $(BIN)/python
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	touch $@

install: $(VENV)/.installed

messages: install
	$(BIN)/python manage.py compilemessages --ignore='.venv' --verbosity 0

# The site and the worker run in the background of one shell, which waits for the
# site. Ctrl-C (a background job of a script ignores it itself) or a SIGTERM to
# make (which hands it to the shell) runs the trap, which stops both; so does the
# site stopping on its own.
run: messages
	$(BIN)/python manage.py migrate --noinput
	$(BIN)/python manage.py load_demo
	@trap 'kill -TERM $$worker $$site 2>/dev/null; wait' EXIT INT TERM; \
	$(BIN)/python manage.py run_worker & worker=$$!; \
	$(BIN)/python manage.py runserver 127.0.0.1:$(PORT) & site=$$!; \
	wait $$site

# Production: debug off, static files collected (WhiteNoise serves them hashed),
# migrations applied, one server at a time (prepare_to_serve), then granian
# (README, "Serving benchmark": it served the cached pages 2 to 4 times as fast
# as gunicorn here). Each worker runs the
# application in WEB_THREADS threads, each with one persistent database
# connection: WEB_CONCURRENCY x WEB_THREADS connections at most. Set
# DJANGO_SECRET_KEY, DJANGO_ALLOWED_HOSTS, DATABASE_URL (and REDIS_URL for a cache
# the workers share).
SERVE_HOST ?= 127.0.0.1
WEB_CONCURRENCY ?= $(shell $(PYTHON) -c 'import os; print((os.cpu_count() or 1) + 1)')
WEB_THREADS ?= 4
# Where granian writes its process id, for `make reload`.
SERVE_PID_FILE ?= $(CURDIR)/granian-$(PORT).pid
# On reload, how long a new worker has to start before granian stops the old one
# it replaces (granian's 3.5 s is less than a busy machine takes to import the
# site, and a reload then refused connections).
SERVE_RESPAWN_SECONDS ?= 10
serve: messages
	DJANGO_DEBUG=0 $(BIN)/python manage.py prepare_to_serve
	DJANGO_DEBUG=0 exec $(BIN)/granian --interface wsgi --host $(SERVE_HOST) --port $(PORT) \
		--workers $(WEB_CONCURRENCY) --blocking-threads $(WEB_THREADS) --no-ws \
		--respawn-failed-workers --respawn-interval $(SERVE_RESPAWN_SECONDS) \
		--workers-kill-timeout 20 --log-level warning \
		--pid-file $(SERVE_PID_FILE) newsroom.wsgi:application

# A release without a refused request: prepare as `make serve` does while the
# running server answers, then SIGHUP to granian, which starts a new worker (the
# new code) before stopping each old one, letting it finish its requests.
reload: messages
	@kill -0 "$$(cat $(SERVE_PID_FILE) 2>/dev/null)" 2>/dev/null || \
		{ echo "make reload: no server runs with $(SERVE_PID_FILE) (start it with make serve PORT=$(PORT))" >&2; exit 1; }
	DJANGO_DEBUG=0 $(BIN)/python manage.py prepare_to_serve
	kill -HUP "$$(cat $(SERVE_PID_FILE))"

# Two workers (pytest-xdist, one test database each). Each takes half the tests
# in order, and one that runs out takes the last tests of the other's queue
# (worksteal): a class's tests mostly stay on one worker, so the rows it shares
# are built once or twice, and neither worker waits idle at the end.
# Bytecode is cached even where the environment says not to write it
# (PYTHONDONTWRITEBYTECODE): each worker and each process a test starts would
# otherwise compile the project, and pytest rewrite every test module, again.
TEST_WORKERS ?= 2
test: messages
	PYTHONDONTWRITEBYTECODE= $(BIN)/python -m pytest -n $(TEST_WORKERS) --dist worksteal

lint: install
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	$(BIN)/lint-imports
