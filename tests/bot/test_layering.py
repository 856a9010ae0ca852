"""`bot` imports nothing from Rasa, and nothing connects to a database at import."""
import subprocess
import sys

CHECK = """
import sys
import bot, bot.interview, bot.safety, bot.splitting, bot.serve, bot.store, bot.store.record, bot.__main__
rasa = sorted(name for name in sys.modules if name == "rasa" or name.startswith(("rasa.", "rasa_sdk")))
assert not rasa, rasa
import actions.interview, actions.moves, actions.pause, actions.safety  # the action server's imports
from bot.store.db import get_store
assert get_store.cache_info().currsize == 0, "a store was created at import time"
print("ok")
"""


def test_bot_has_no_rasa_imports_and_no_engine_at_import(tmp_path):
    # A database URL that cannot be opened: any connection at import would fail.
    env = {"DATABASE_URL": f"sqlite:///{tmp_path}/missing/dir/x.db", "PATH": "/usr/bin:/bin"}
    result = subprocess.run([sys.executable, "-c", CHECK], capture_output=True, text=True, env=env)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "ok"
