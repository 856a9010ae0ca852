"""Service vectors: computed at import for new and changed services only, replaced
when the model changes, and computed at match time for services that have none."""
import json

import numpy as np
import sqlalchemy as sa

from bot.directory import vectors
from bot.directory.embedding import encoder
from bot.directory.importer import import_feed
from bot.directory.matching import match
from bot.directory.models import ServiceVector
from tests.bot.directory.test_importer import service, write


def stored(store):
    with store.transaction() as session:
        return {row.service_id: (row.model, row.source_digest, np.frombuffer(row.vector, dtype="<f4"))
                for row in session.execute(sa.select(ServiceVector)).scalars()}


def test_import_stores_a_vector_for_each_new_or_changed_service(store, tmp_path):
    feed = write(tmp_path, "feed.json", [service(1), service(2)])
    assert import_feed(store, feed).vectors == 2
    first = stored(store)
    assert sorted(first) == ["svc-1", "svc-2"]
    model = encoder()
    expected = model.encode([vectors.service_text("Allotment friends 1", "We grow veg together on Tuesdays.")])[0]
    assert first["svc-1"][0] == model.model_id
    assert np.abs(first["svc-1"][2] - expected).max() < 1e-6

    assert import_feed(store, feed).vectors == 0  # unchanged: nothing recomputed
    changed = write(tmp_path, "feed.json", [service(1, description="A choir for people who love to sing."),
                                            service(2)])
    report = import_feed(store, changed)
    assert report.vectors == 1 and report.summary().endswith("meaning vectors computed for 1")
    after = stored(store)
    assert after["svc-2"][1] == first["svc-2"][1]
    assert after["svc-1"][1] != first["svc-1"][1]


def test_vectors_of_another_model_are_replaced(store, tmp_path):
    import_feed(store, write(tmp_path, "feed.json", [service(1)]))
    with store.transaction() as session:
        session.execute(sa.update(ServiceVector).values(model="an-older-model"))
    seen = []
    assert vectors.refresh(store, encoder(), lambda done, total: seen.append((done, total))) == 1
    assert seen == [(1, 1)]
    assert stored(store)["svc-1"][0] == encoder().model_id


def test_a_service_without_a_stored_vector_is_still_matched_by_meaning(store, tmp_path):
    choir = service(3, name="Harmony Hall", description="Sing with others every Thursday evening.",
                    service_taxonomys=[])
    import_feed(store, write(tmp_path, "feed.json", [service(1), choir]))
    with store.transaction() as session:
        session.execute(sa.delete(ServiceVector))
        ids, matrix = vectors.load(session, encoder())
        assert sorted(ids) == ["svc-1", "svc-3"] and matrix.shape == (2, encoder().dimensions)
        # No lexicon and no shared word: only the meaning of the answer finds the choir.
        found = match(session, ["I miss the choir I was in for years"], lexicon={})
    assert [m.service_id for m in found][:1] == ["svc-3"]
