"""Service phrases: loaded from YAML with clear rejections, replaced per service,
unchanged when loaded again, and used by matching to tell services of a kind apart."""
import numpy as np
import pytest
import sqlalchemy as sa

from bot.directory import phrases
from bot.directory.embedding import encoder
from bot.directory.importer import import_feed
from bot.directory.matching import match
from bot.directory.models import ServicePhrase
from bot.directory.phrases import PhrasesError, import_phrases
from tests.bot.directory.test_importer import service, write


def yaml_file(tmp_path, text):
    path = tmp_path / "phrases.yml"
    path.write_text(text, encoding="utf-8")
    return path


def stored(store):
    with store.transaction() as session:
        return [(row.service_id, row.position, row.text) for row in session.execute(
            sa.select(ServicePhrase).order_by(ServicePhrase.service_id, ServicePhrase.position)).scalars()]


@pytest.fixture
def two_lifts(store, tmp_path):
    """Two transport services of one kind, which only their phrases tell apart."""
    kind = [{"id": "st-t", "taxonomy_term": {"id": "t-transport", "term": "transport"}}]
    feed = [service(1, name="Wheels", description="Transport for residents.", service_taxonomys=kind),
            service(2, name="Rides", description="Transport for residents.", service_taxonomys=kind)]
    import_feed(store, write(tmp_path, "feed.json", feed))
    return store


def test_phrases_are_loaded_with_their_vectors_and_loading_again_changes_nothing(two_lifts, tmp_path):
    path = yaml_file(tmp_path, "svc-1:\n  - I can't drive any more and the bus steps are too much\n"
                               "  - I need a lift to the doctor's\nsvc-2:\n  - I want to learn to get the bus on my own\n")
    report = import_phrases(two_lifts, path, encoder())
    assert (report.added, report.updated, report.unchanged, report.rejected, report.phrases) == (
        ["svc-1", "svc-2"], [], [], [], 3)
    assert stored(two_lifts)[0] == ("svc-1", 0, "I can't drive any more and the bus steps are too much")
    with two_lifts.transaction() as session:
        row = session.get(ServicePhrase, ("svc-2", 0))
        expected = encoder().encode(["I want to learn to get the bus on my own"])[0]
        assert row.model == encoder().model_id
        assert np.abs(np.frombuffer(row.vector, dtype="<f4") - expected).max() < 1e-6
    again = import_phrases(two_lifts, path, encoder())
    assert (again.unchanged, again.phrases) == (["svc-1", "svc-2"], 0)
    assert again.summary() == "phrases for 0 services added, 0 updated, 2 unchanged, 0 rejected (0 phrases written)"


def test_a_file_replaces_the_phrases_of_the_services_it_names_only(two_lifts, tmp_path):
    import_phrases(two_lifts, yaml_file(tmp_path, "svc-1: [one, two]\nsvc-2: [three]\n"), encoder())
    report = import_phrases(two_lifts, yaml_file(tmp_path, "svc-1: [four]\n"), encoder())
    assert report.updated == ["svc-1"]
    assert [text for _, _, text in stored(two_lifts)] == ["four", "three"]
    import_phrases(two_lifts, yaml_file(tmp_path, "svc-2: []\n"), encoder())  # an empty list removes them
    assert [text for _, _, text in stored(two_lifts)] == ["four"]


def test_bad_entries_are_rejected_with_the_reason_and_the_rest_loaded(two_lifts, tmp_path):
    text = ("svc-1: [fine]\nno-such-service: [hello]\nsvc-2: just text\n"
            f"svc-3: ['', {'x' * 301}]\n")
    report = import_phrases(two_lifts, yaml_file(tmp_path, text), encoder())
    assert report.added == ["svc-1"]
    reasons = dict(report.rejected)
    assert "no service with this id in the directory" in reasons["no-such-service"]
    assert reasons["svc-2"] == "must be a list of phrases"
    assert reasons["svc-3"] == ("phrase 1 must be text of 1 to 300 characters; "
                                "phrase 2 must be text of 1 to 300 characters")
    assert stored(two_lifts) == [("svc-1", 0, "fine")]


def test_unreadable_files_are_clear_errors(store, tmp_path):
    with pytest.raises(PhrasesError, match="cannot read it"):
        import_phrases(store, tmp_path / "missing.yml", encoder())
    with pytest.raises(PhrasesError, match="not valid YAML"):
        import_phrases(store, yaml_file(tmp_path, "a: [b\n"), encoder())
    with pytest.raises(PhrasesError, match="expected a mapping of service id -> list of phrases"):
        import_phrases(store, yaml_file(tmp_path, "- a list\n"), encoder())


def test_phrases_tell_two_services_of_a_kind_apart(two_lifts, tmp_path):
    said = ["Since I stopped driving I can't get to chapel"]
    with two_lifts.transaction() as session:
        assert [m.service_id for m in match(session, said, lexicon={"transport": ("driving",)})] == ["svc-2", "svc-1"]
    import_phrases(two_lifts, yaml_file(tmp_path, "svc-2:\n  - I want to learn to get the bus on my own\n"
                                                  "svc-1:\n  - I gave up the car and can't get about\n"
                                                  "  - I can't drive any more and miss church\n"), encoder())
    with two_lifts.transaction() as session:
        assert [m.service_id for m in match(session, said, lexicon={"transport": ("driving",)})] == ["svc-1", "svc-2"]


def test_closeness_is_the_mean_of_a_services_two_closest_phrases():
    vectors = np.array([[1, 0], [0.6, 0.8], [0, 1], [0.8, 0.6]], dtype=np.float32)
    found = phrases.Phrases(["a", "b"], vectors, np.array([[0, 1, 2], [3, -1, -1]]))
    assert np.allclose(found.closeness(np.array([1, 0], dtype=np.float32)), [0.8, 0.8])
    assert np.allclose(found.closeness(np.array([0, 1], dtype=np.float32)), [0.9, 0.6])
    assert phrases.Phrases([], np.zeros((0, 2)), np.full((0, 1), -1)).closeness(np.ones(2)).shape == (0,)
