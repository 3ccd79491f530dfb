"""Two editors saving the same release at once on SQLite, the default database:
the loser gets the clear "someone else saved" message, as on PostgreSQL, never a
500 "database is locked"."""

import json
import shutil

from tests.test_project import run


def test_two_editors_on_sqlite_get_the_stale_message(tmp_path, migrated_sqlite):
    """Of two simultaneous saves on a file-based SQLite database, one is saved and
    the other refused with the stale-form message; nothing fails."""
    database = tmp_path / "db.sqlite3"
    shutil.copy(migrated_sqlite, database)
    result = run(
        ["-m", "tests.newsroom.concurrent_save"],
        DATABASE_URL=f"sqlite:///{database}",
        MEDIA_ROOT=str(tmp_path / "media"),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.splitlines()[-1])
    statuses = sorted(outcome["status"] for outcome in report["outcomes"])
    assert statuses == [200, 302], result.stderr
    [refused] = [o for o in report["outcomes"] if o["status"] == 200]
    assert refused["stale"]
    assert report["lead"] in ("first editor's lead", "second editor's lead")
