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


def test_directory_import_and_phrases_report_what_they_did(tmp_path, sqlite_url):
    from tests.bot.directory.test_importer import service, write

    feed = write(tmp_path, "feed.json", [service(1), service(2)])
    result = run_cli(sqlite_url, "directory", "import", str(feed))
    assert result.returncode == 0, result.stderr
    assert "meaning vectors: 2 of 2 services" in result.stdout
    assert result.stdout.rstrip().endswith("added 2, updated 0, unchanged 0, rejected 0, warnings 2 (2 in ORUK 1.0); "
                                           "meaning vectors computed for 2")
    # The test feed's organisation ids are not UUIDs: imported, and each one reported.
    assert "WARNING  feed.json[1] (id svc-2): does not follow the ORUK 1.0 schema, imported as given: " \
           "organization.id: 'org-2' does not match" in result.stderr
    phrases = tmp_path / "phrases.yml"
    phrases.write_text("svc-1: [I miss my plot]\nsvc-9: [nobody]\n", encoding="utf-8")
    result = run_cli(sqlite_url, "directory", "phrases", str(phrases), "--quiet")
    assert result.returncode == 1  # something was rejected
    assert "REJECTED svc-9: no service with this id in the directory" in result.stderr
    assert result.stdout.splitlines() == [" rejected  svc-9", f"directory phrases from {phrases}: phrases for 1 "
                                          "services added, 0 updated, 0 unchanged, 1 rejected (1 phrases written)"]
    phrases.write_text("svc-1: [I miss my plot, I like a natter]\nsvc-2: [I used to grow veg]\n", encoding="utf-8")
    result = run_cli(sqlite_url, "directory", "phrases", str(phrases))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[:3] == ["meaning vectors: 3 of 3 new phrases", "  updated  svc-1", "    added  svc-2"]
    broken = tmp_path / "broken.yml"
    broken.write_text("[not, a, mapping]", encoding="utf-8")
    result = run_cli(sqlite_url, "directory", "phrases", str(broken))
    assert result.returncode == 2
    assert f"ERROR: {broken}: expected a mapping of service id -> list of phrases" in result.stderr


def test_serve_and_import_will_not_start_without_the_embedding_model(tmp_path, sqlite_url):
    env = {**os.environ, "DATABASE_URL": sqlite_url, "SBC_EMBEDDING_MODEL": str(tmp_path)}
    for command in (["serve"], ["directory", "import", str(tmp_path)]):
        result = subprocess.run([sys.executable, "-m", "bot", *command], capture_output=True, text=True, timeout=60,
                                env=env)
        assert result.returncode == 2
        assert f"ERROR: cannot read the sentence-embedding model in {tmp_path}" in result.stderr
