"""`python -m bot record` prints the record; `python -m bot db upgrade` migrates."""
import json
import os
import subprocess
import sys

from bot.store import Store
from bot.store import repository as repo


def run_cli(url, *args):
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          env={**os.environ, "DATABASE_URL": url})


def test_db_upgrade_creates_the_schema(tmp_path):
    url = f"sqlite:///{tmp_path / 'fresh.db'}"
    result = run_cli(url, "db", "upgrade")
    assert result.returncode == 0, result.stderr
    assert "database is up to date" in result.stdout
    store = Store(url)
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
    store.dispose()


def test_record_by_id_and_by_reference(sqlite_url):
    store = Store(sqlite_url)
    with store.transaction() as session:
        conversation, _ = repo.create_conversation(session, "s")
        repo.add_items(session, conversation.id, "what_matters", ["my allotment \u2014 and the \u00a3 I save"], "m1")
        cid, reference = conversation.id, conversation.reference
    store.dispose()
    for key in (cid, reference.lower()):
        result = run_cli(sqlite_url, "record", key)
        assert result.returncode == 0, result.stderr
        record = json.loads(result.stdout)
        assert record["id"] == cid
        assert record["what_matters"][0]["text"] == "my allotment \u2014 and the \u00a3 I save"


def test_record_of_an_unknown_conversation_is_an_error(sqlite_url):
    result = run_cli(sqlite_url, "record", "no-such-id")
    assert result.returncode == 1
    assert "no conversation with id or reference 'no-such-id'" in result.stderr


def test_serve_will_not_start_with_a_broken_directory_lexicon(tmp_path, sqlite_url):
    broken = tmp_path / "lexicon.yml"
    broken.write_text("- not a mapping\n")
    result = subprocess.run([sys.executable, "-m", "bot", "serve"], capture_output=True, text=True, timeout=60,
                            env={**os.environ, "DATABASE_URL": sqlite_url, "SBC_DIRECTORY_LEXICON": str(broken)})
    assert result.returncode == 2
    assert f"ERROR: {broken}: expected a mapping of taxonomy term" in result.stderr
