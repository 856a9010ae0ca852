"""The sample directory of the fictional town of Brackenford: its ORUK feed and the
phrases written for its services. `make run` loads both; tests and the precision
script use them through `import_sample`."""
from __future__ import annotations

from bot.config import ROOT
from bot.directory.embedding import encoder
from bot.directory.importer import ImportReport, import_feed
from bot.directory.phrases import PhrasesReport, import_phrases
from bot.store import Store

SAMPLE_FEED = ROOT / "directory" / "sample" / "brackenford.json"
SAMPLE_PHRASES = ROOT / "directory" / "sample" / "brackenford-phrases.yml"


def import_sample(store: Store) -> tuple[ImportReport, PhrasesReport]:
    return import_feed(store, SAMPLE_FEED), import_phrases(store, SAMPLE_PHRASES, encoder())
