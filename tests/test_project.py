"""The project as a whole: settings from the environment, migrations, the language
prefix on every public URL."""

import importlib.util
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.db.migrations.loader import MigrationLoader

PROJECT_DIR = Path(__file__).resolve().parent.parent
CONFIG_VARIABLES = (
    "DATABASE_URL",
    "CACHE_URL",
    "REDIS_URL",
    "MEDIA_ROOT",
    "STATIC_ROOT",
)
# A key that passes `check --deploy` (long, varied, not "django-insecure-…").
DEPLOY_SECRET_KEY = "t3st-0nly_k3y-9f8e7d6c5b4a3928171605f4e3d2c1b0a9z8y7x6w5v4u3"

# Reads the settings module only: no app is loaded (`manage.py check` does that).
PRINT_SETTINGS = """
import importlib.util
import json
from django.conf import settings
db = settings.DATABASES["default"]
print(json.dumps({
    "debug": settings.DEBUG,
    "engine": db["ENGINE"], "name": str(db["NAME"]), "host": db.get("HOST"),
    "port": db.get("PORT"), "user": db.get("USER"),
    "cache": settings.CACHES["default"]["BACKEND"],
    "cache_location": settings.CACHES["default"].get("LOCATION"),
    "allowed_hosts": settings.ALLOWED_HOSTS,
    "media_root": str(settings.MEDIA_ROOT),
    "staticfiles": settings.STORAGES["staticfiles"]["BACKEND"],
}))
"""


def run(args, settings_module="newsroom.settings", wrapper=(), **variables):
    """Run `args` with the project's Python in a clean environment plus
    `variables`, the way a fresh shell on a developer's laptop or a server would
    (with no DJANGO_SETTINGS_MODULE when `settings_module` is None), through the
    command `wrapper` when given."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("DJANGO_") and key not in CONFIG_VARIABLES
    }
    if settings_module:
        env["DJANGO_SETTINGS_MODULE"] = settings_module
    env.update(variables)
    return subprocess.run(
        [*wrapper, sys.executable, *args],
        cwd=PROJECT_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def loaded_settings(**variables):
    result = run(["-c", PRINT_SETTINGS], **variables)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


# After the settings, the `manage.py` commands given (a JSON list of argument
# lists), in the same process: a start of the project costs seconds here.
SETTINGS_THEN_COMMANDS = (
    PRINT_SETTINGS
    + """
import sys
from django.core.management import execute_from_command_line
for arguments in json.loads(sys.argv[1]):
    execute_from_command_line(["manage.py", *arguments])
"""
)


def settings_and_commands(commands, then="", **variables):
    """The settings as `loaded_settings` reads them, then the result of the
    `manage.py` `commands`, each run if the one before succeeded (and of the code
    `then`, run if they all did), from one process."""
    script = SETTINGS_THEN_COMMANDS + then
    result = run(["-c", script, json.dumps(commands)], **variables)
    settings_line, _newline, output = result.stdout.partition("\n")
    assert settings_line.startswith("{"), result.stdout + result.stderr
    return json.loads(settings_line), result, output


def test_settings_without_variables_run_a_development_site():
    """With no variable set: debug on, SQLite in the project, local-memory cache."""
    values, result, _output = settings_and_commands([["check"]])
    assert values["debug"] is True
    assert values["engine"] == "django.db.backends.sqlite3"
    assert values["name"] == str(PROJECT_DIR / "db.sqlite3")
    assert values["cache"] == "django.core.cache.backends.locmem.LocMemCache"
    assert "127.0.0.1" in values["allowed_hosts"]
    assert result.returncode == 0, result.stderr


def test_database_url_is_honoured():
    """DATABASE_URL chooses the database server, name and credentials."""
    values = loaded_settings(
        DATABASE_URL="postgres://editor:secret@db.example.org:6543/newsroom"
    )
    assert values["engine"] == "django.db.backends.postgresql"
    assert values["name"] == "newsroom"
    assert values["host"] == "db.example.org"
    assert values["port"] == 6543
    assert values["user"] == "editor"


@pytest.mark.parametrize("variable", ["REDIS_URL", "CACHE_URL"])
def test_redis_url_selects_the_redis_cache(variable):
    """REDIS_URL (or CACHE_URL) switches the cache to Redis at that address."""
    values = loaded_settings(**{variable: "redis://cache.example.org:6379/1"})
    assert values["cache"] == "newsroom.resilience.cache.ResilientRedisCache"
    assert values["cache_location"] == "redis://cache.example.org:6379/1"


def test_hosts_and_media_root_come_from_the_environment(tmp_path):
    """DJANGO_ALLOWED_HOSTS is a comma-separated list; MEDIA_ROOT moves uploads."""
    values = loaded_settings(
        DJANGO_ALLOWED_HOSTS="news.example.org, www.example.org",
        MEDIA_ROOT=str(tmp_path),
    )
    assert values["allowed_hosts"] == ["news.example.org", "www.example.org"]
    assert values["media_root"] == str(tmp_path)


def test_production_without_secret_key_fails_clearly():
    """DJANGO_DEBUG=0 without DJANGO_SECRET_KEY stops with a message naming it."""
    result = run(["manage.py", "check"], DJANGO_DEBUG="0")
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DJANGO_SECRET_KEY must be set" in result.stderr


PRODUCTION = {
    "DJANGO_DEBUG": "0",
    "DJANGO_SECRET_KEY": DEPLOY_SECRET_KEY,
    "DJANGO_ALLOWED_HOSTS": "news.example.org",
    "NEWSROOM_SITE_URL": "https://news.example.org",
    "DEFAULT_FROM_EMAIL": "Press office <press@news.example.org>",
}


def test_production_static_files_and_deployment_checklist(tmp_path):
    """With debug off, collectstatic writes every asset (the admin's, the editor's,
    ours) under a hashed name with a compressed copy, no CDN needed;
    then `check --deploy` reports nothing."""
    static_root = tmp_path / "static"
    variables = {**PRODUCTION, "STATIC_ROOT": str(static_root)}
    values, result, output = settings_and_commands(
        [
            ["collectstatic", "--noinput"],
            ["check", "--deploy", "--fail-level", "WARNING"],
        ],
        then="import newsroom.wsgi\nprint('WSGI entry point loaded')\n",
        **variables,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "static files copied" in output
    assert "System check identified no issues" in output
    assert output.endswith("WSGI entry point loaded\n")
    assert values["debug"] is False
    assert values["staticfiles"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    manifest = json.loads((static_root / "staticfiles.json").read_text())["paths"]
    for asset in (
        "newsroom/site.css",
        "newsroom/admin/language-switch.js",
        "admin/js/jquery.init.js",
    ):
        hashed = manifest[asset]
        assert hashed != asset
        assert (static_root / hashed).exists()
        assert (static_root / f"{hashed}.gz").exists()


# Imports the WSGI entry point as a server does and prints what it raised, then
# runs `manage.py check` in the same process (one start-up rather than two).
WSGI_THEN_CHECK = """
import json, sys
try:
    import newsroom.wsgi
except Exception as error:
    print(json.dumps([type(error).__name__, str(error)]), flush=True)
else:
    print(json.dumps([None, ""]), flush=True)
from django.core.management import execute_from_command_line
execute_from_command_line(["manage.py", "check"])
"""


def test_production_without_collectstatic_fails_at_start_up(tmp_path):
    """With debug off and no collected static files, the system check and the WSGI
    entry point stop with a message naming collectstatic, instead of every page
    failing later."""
    variables = {**PRODUCTION, "STATIC_ROOT": str(tmp_path / "static")}
    result = run(["-c", WSGI_THEN_CHECK], **variables)
    # The check, after the entry point, in the same process: its report.
    assert result.returncode != 0
    assert "newsroom.E001" in result.stderr
    assert "collectstatic" in result.stderr
    # What importing the entry point raised, as a server would see it.
    error, message = json.loads(result.stdout.partition("\n")[0])
    assert error == "ImproperlyConfigured"
    assert "manage.py collectstatic --noinput" in message


@pytest.mark.django_db
def test_no_model_change_lacks_a_migration():
    """`makemigrations --check` finds nothing to write."""
    call_command("makemigrations", "--check", "--dry-run", verbosity=0)


def test_each_squash_builds_the_models_of_the_migrations_it_replaces():
    """A new database takes the squashed migrations, one whose earlier migrations
    ran takes the rest of the chain: an app's models are the same at the end of
    either (fields, options, bases and managers, as Django compares them)."""
    squashed = MigrationLoader(None)
    chain = MigrationLoader(None, replace_migrations=False)

    def models(loader, node):
        state = loader.graph.make_state(nodes=[node], at_end=True)
        return {
            name: model for (app, name), model in state.models.items() if app == node[0]
        }

    squashes = [
        (key, migration.replaces[-1])
        for key, migration in squashed.disk_migrations.items()
        if migration.replaces
    ]
    assert {app for (app, _name), _last in squashes} >= {"newsroom", "organisation"}
    for squash, last_replaced in squashes:
        assert models(squashed, squash) == models(chain, last_replaced), squash


@pytest.mark.django_db(transaction=True)
def test_migrations_unapply_and_reapply():
    """Both apps' migrations go back to zero (the newsroom's with the organisation's
    they depend on), leaving none of their tables, and forward again to the end."""
    app_tables = {
        model._meta.db_table
        for app in ("organisation", "newsroom")
        for model in apps.get_app_config(app).get_models()
    }
    call_command("migrate", "organisation", "zero", verbosity=0)
    executor = MigrationExecutor(connection)
    assert not {app for app, _name in executor.loader.applied_migrations} & {
        "organisation",
        "newsroom",
    }
    assert not app_tables & set(connection.introspection.table_names())
    call_command("migrate", verbosity=0)
    executor = MigrationExecutor(connection)
    assert executor.migration_plan(executor.loader.graph.leaf_nodes()) == []
    assert app_tables <= set(connection.introspection.table_names())


@pytest.mark.parametrize(
    ("accept_language", "prefix"),
    [
        ("fr", "/fr/"),
        ("es-ES,es;q=0.9,en;q=0.5", "/es/"),
        ("fr-CH, fr;q=0.9, en;q=0.8", "/fr/"),
        ("en-GB", "/en/"),
        ("de", "/en/"),
        ("", "/en/"),
    ],
)
@pytest.mark.django_db
def test_root_redirects_to_the_preferred_language(client, accept_language, prefix):
    """`/` sends visitors to their Accept-Language's prefix, English by default."""
    response = client.get("/", HTTP_ACCEPT_LANGUAGE=accept_language)
    assert response.status_code == 302
    assert response["Location"] == prefix


@pytest.mark.django_db
@pytest.mark.parametrize("lang", ["en", "fr", "es"])
def test_home_page_answers_in_each_language(client, lang):
    """The home page answers under each prefix with the right `lang`."""
    response = client.get(f"/{lang}/")
    assert response.status_code == 200
    assert f'<html lang="{lang}">' in response.content.decode()


FREEZE_PROBE = """
import gc, io, wsgiref.util
import newsroom.wsgi


def get(path):
    environ = {"PATH_INFO": path, "wsgi.errors": io.StringIO()}
    wsgiref.util.setup_testing_defaults(environ)
    response = newsroom.wsgi.application(environ, lambda *args: None)
    b"".join(response)
    response.close()
    return gc.get_freeze_count(), len(gc.get_objects())


print(gc.get_freeze_count(), *get("/healthz"), *get("/healthz"))
"""


def test_the_wsgi_entry_point_keeps_what_start_up_loaded_from_the_collector(tmp_path):
    """The objects of start-up, then those of the first request, are frozen (a full
    collection would otherwise walk them all: 100 ms of some request); later
    requests leave theirs to the collector."""
    result = run(
        ["-c", FREEZE_PROBE],
        DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
    )
    assert result.returncode == 0, result.stderr
    loaded, frozen_first, left_first, frozen_second, left_second = map(
        int, result.stdout.split()
    )
    assert loaded > 10_000
    assert left_first < 100
    assert frozen_second <= frozen_first
    assert left_second > left_first


# The page cache's watch, and the options PostgreSQL's connections start with.
PRINT_SWITCHES = """
import importlib.util
import json
from django.conf import settings
options = settings.DATABASES["default"].get("OPTIONS", {})
print(json.dumps([settings.NEWSROOM_PAGE_CACHE_WATCH, options.get("options", "")]))
"""


@pytest.mark.parametrize("yes, no", [("1", "0"), ("true", "false")])
def test_every_switch_takes_the_same_words(yes, no):
    """NEWSROOM_PAGE_CACHE_WATCH and DATABASE_JIT read yes and no as DJANGO_DEBUG
    and the other switches do: `true` turned the watch off, and left JIT off."""
    database = {"DATABASE_URL": "postgres://editor@db.example.org:5432/newsroom"}
    for word, expected in ((yes, [True, ""]), (no, [False, "-c jit=off"])):
        result = run(
            ["-c", PRINT_SWITCHES],
            NEWSROOM_PAGE_CACHE_WATCH=word,
            DATABASE_JIT=word,
            **database,
        )
        assert result.returncode == 0, result.stderr
        assert json.loads(result.stdout) == expected, word


# The scripts the README tells operators to run (bare_app.py is an application
# they load, not a command).
README_SCRIPTS = sorted(
    set(re.findall(r"scripts/(\w+)\.py", (PROJECT_DIR / "README.md").read_text()))
    - {"bare_app"}
)


@pytest.mark.parametrize("script", README_SCRIPTS)
def test_every_script_the_readme_names_starts(script):
    """Each script the README names prints its usage when run as the README runs
    it, from a shell that has set no Django variable."""
    result = run([f"scripts/{script}.py", "--help"], settings_module=None)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"usage: {script}.py"), result.stdout


def test_benchmarks_percentile_stays_within_the_figures():
    """A p95 of a few figures is never above their maximum."""
    spec = importlib.util.spec_from_file_location(
        "benchmarking", PROJECT_DIR / "scripts" / "benchmarking.py"
    )
    benchmarking = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(benchmarking)
    assert benchmarking.median_p95([10.0, 11.0, 12.0, 40.0]) == (11.5, 35.8)
    assert benchmarking.median_p95([5.0] * 20) == (5.0, 5.0)
