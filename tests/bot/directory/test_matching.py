"""Matching on both databases: synonyms, reasons in the person's words, and the
precision@3 of the labelled profiles."""
from pathlib import Path

import pytest

from bot.directory.importer import import_feed
from bot.directory.matching import best_for, match, service_names, words_of
from bot.directory.quality import evaluate, load_profiles, precision_at_3

ROOT = Path(__file__).resolve().parents[3]
SAMPLE = ROOT / "directory" / "sample" / "brackenford.json"
PROFILES = ROOT / "tests" / "directory" / "profiles.yml"
# The target is 0.8; the matcher does not reach it yet (README). This floor
# catches a regression from what it does reach.
PRECISION_FLOOR = 0.6


@pytest.fixture
def directory(store):
    report = import_feed(store, SAMPLE)
    assert report.rejected == [] and len(report.added) >= 44
    return store


def names(found):
    return [m.name for m in found]


def test_words_have_their_synonyms():
    assert words_of("My allotment, and chapel on Sundays") == [
        "allotment", "gardening", "garden", "chapel", "faith", "church", "sundays"]
    assert words_of("I'd like to") == []


def test_synonyms_find_what_the_directory_calls_it(directory):
    with directory.transaction() as session:
        assert any(w in n for n in names(match(session, ["my veg patch"])) for w in ("Allotment", "Garden", "Grow"))
        assert any("Chapel" in n or "Church" in n for n in names(match(session, ["I miss chapel"])))
        assert any("Rambling" in n or "Walk" in n for n in names(match(session, ["rambling in the hills"])))


def test_each_match_gives_its_reason_in_the_persons_words(directory):
    said = ["I love my allotment", "a video call with my grandson on a tablet"]
    with directory.transaction() as session:
        found = match(session, said)
    assert len(found) == 3
    assert all(m.reason_text in said and m.reason == f'You said "{m.reason_text}"' for m in found)


def test_excluded_services_are_not_offered_again(directory):
    with directory.transaction() as session:
        first = match(session, ["my allotment"])
        again = match(session, ["my allotment"], exclude=[m.service_id for m in first])
    assert not {m.service_id for m in first} & {m.service_id for m in again}


def test_nothing_to_say_or_nothing_found(directory):
    with directory.transaction() as session:
        assert match(session, []) == []
        assert match(session, ["zzzz qqqq"]) == []


def test_best_for_uses_the_record_and_skips_existing_links(directory):
    record = {"what_matters": [{"text": "my allotment"}], "strengths": [], "outcomes": [], "not_working": [],
              "links": []}
    with directory.transaction() as session:
        first = best_for(session, record)
        record["links"] = [{"service_id": first[0].service_id}]
        assert first[0].service_id not in [m.service_id for m in best_for(session, record)]
        assert service_names(session, [first[0].service_id]) == {first[0].service_id: first[0].name}


def test_precision_at_3_on_the_labelled_profiles(directory):
    profiles = load_profiles(PROFILES)
    assert len(profiles) >= 30
    with directory.transaction() as session:
        score = precision_at_3(evaluate(session, profiles))
    print(f"precision@3 = {score:.3f} over {len(profiles)} profiles")
    assert score >= PRECISION_FLOOR
