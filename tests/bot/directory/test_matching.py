"""Matching on both databases: the lexicon's concepts, rare words, reasons in the
person's words, helplines never offered, and the precision@3 of the labelled profiles."""
import json

import pytest

from bot.directory.sample import SAMPLE_FEED as SAMPLE, import_sample
from bot.store import Store
from tests.conftest import migrated_database
from bot.directory.matching import LexiconError, best_for, concepts_in, load_lexicon, match, service_names, words_of
from bot.directory.quality import ACCEPTABLE_HELD_OUT, PROFILE_SETS, evaluate, load_profiles, precision_at_3
from tests import reports

# The target is 0.8, asserted on the held-out profiles, which nothing was
# tuned on (measured 0.833 on SQLite with the fit rules, 0.847 before them). The
# development and tuning profiles, on which the weights were chosen, measure 0.774 and
# 0.762; their floors catch a regression. The figures are printed at the end of the run.
PRECISION_FLOOR = {"development": 0.72, "tuning": 0.74, "held-out": 0.80}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def directory(request, tmp_path_factory):
    """The sample directory and its phrases, on each database, once per module: these
    tests only read it."""
    with migrated_database(request.param, tmp_path_factory.mktemp("directory")) as url:
        store = Store(url)
        report, phrases = import_sample(store)
        assert report.rejected == [] and len(report.added) >= 44 and phrases.rejected == []
        yield store
        store.dispose()


def names(found):
    return [m.name for m in found]


def test_meaningful_words_of_an_answer():
    assert words_of("My allotment, and chapel on Sundays") == ["allotment", "chapel", "sundays"]
    assert words_of("I\u2019d like to") == []


def test_the_lexicon_names_concepts_by_whole_words_and_phrases():
    lexicon = {"gardening": ("veg patch", "allotment"), "faith": ("mass",), "pets": ("cat",)}
    assert concepts_in("My VEG PATCH and Mass on Sunday", lexicon) == {"gardening", "faith"}
    assert concepts_in("a massive category of vegetables", lexicon) == set()  # no part-word matches


def test_the_shipped_lexicon_covers_the_sample_taxonomy():
    lexicon = load_lexicon()
    terms = {link["taxonomy_term"]["term"] for service in json.loads(SAMPLE.read_text())
             for link in service["service_taxonomys"]}
    assert terms - {"helpline"} <= set(lexicon)
    assert concepts_in("since my husband passed away", lexicon) >= {"bereavement"}


def test_a_broken_lexicon_is_a_clear_error(tmp_path):
    bad = tmp_path / "lexicon.yml"
    bad.write_text("gardening: allotment\n")
    with pytest.raises(LexiconError, match="'gardening' must be a list"):
        load_lexicon(bad)
    with pytest.raises(LexiconError, match="cannot read"):
        load_lexicon(tmp_path / "missing.yml")


def test_everyday_words_find_what_the_directory_calls_it(directory):
    with directory.transaction() as session:
        assert any(w in n for n in names(match(session, ["my veg patch"])) for w in ("Allotment", "Garden", "Grow"))
        assert any("Chapel" in n or "Church" in n for n in names(match(session, ["I miss chapel"])))
        assert any("Rambling" in n or "Walk" in n for n in names(match(session, ["rambling in the hills"])))


def test_a_rare_word_picks_the_right_one_of_several_alike(directory):
    with directory.transaction() as session:
        assert names(match(session, ["Mass every Sunday"]))[0] == "St Anne's Catholic Church Mass and parish visitors"
        assert names(match(session, ["the gurdwara"]))[0].startswith("Guru Nanak Gurdwara")


def test_words_that_pick_one_place_of_worship_keep_the_others_out(directory):
    said = {"what_matters": ["Going to Mass every Sunday", "pottering in my garden"], "outcomes": ["to get back to Mass"]}
    terms = {service["id"]: {link["taxonomy_term"]["term"] for link in service["service_taxonomys"]}
             for service in json.loads(SAMPLE.read_text())}
    with directory.transaction() as session:
        offered = match(session, said)
    assert [m.name for m in offered if "faith" in terms[m.service_id]] == [
        "St Anne's Catholic Church Mass and parish visitors"]
    assert any("gardening" in terms[m.service_id] for m in offered)


def test_the_rest_of_a_kind_still_comes_after_the_ones_the_words_picked(directory):
    terms = {service["id"]: {link["taxonomy_term"]["term"] for link in service["service_taxonomys"]}
             for service in json.loads(SAMPLE.read_text())}
    with directory.transaction() as session:
        offered = match(session, ["my allotment"], limit=6)
    assert offered[0].name.startswith("Hollins Lane")
    # "more" finds the other groups; Grow Well, for people living with mental health
    # problems, which this answer does not mention, comes last (bot/directory/fit.py)
    assert sum("gardening" in terms[m.service_id] for m in offered) == 6
    assert offered[-1].name == "Grow Well therapeutic gardening"


def test_later_offers_add_a_need_rather_than_repeat_one(directory):
    said = ["my allotment", "growing veg", "I feel so lonely since my wife died"]
    terms = {service["id"]: {link["taxonomy_term"]["term"] for link in service["service_taxonomys"]}
             for service in json.loads(SAMPLE.read_text())}
    with directory.transaction() as session:
        offered = [terms[m.service_id] for m in match(session, said)]
    assert "gardening" in offered[0]
    assert any("bereavement" in t for t in offered) and not all("gardening" in t for t in offered)


def test_strengths_personalise_offers_but_are_not_taken_as_needs(directory):
    strength = "I can still drive, and I use a computer every day"
    terms = {service["id"]: {link["taxonomy_term"]["term"] for link in service["service_taxonomys"]}
             for service in json.loads(SAMPLE.read_text())}
    with directory.transaction() as session:
        as_strength = match(session, {"what_matters": ["getting back to my allotment"], "strengths": [strength]})
        as_need = match(session, {"what_matters": ["getting back to my allotment"], "not_working": [strength]})
    assert ["gardening" in terms[m.service_id] for m in as_strength] == [True, True, False]
    assert not any("transport" in terms[m.service_id] for m in as_strength)
    assert any("transport" in terms[m.service_id] for m in as_need)


def test_helplines_are_never_offered_as_links(directory):
    helplines = {service["id"] for service in json.loads(SAMPLE.read_text())
                 if any(link["taxonomy_term"]["term"] == "helpline" for link in service["service_taxonomys"])}
    said = ["I feel low and I ring the Samaritans", "caring for my husband, I need advice", "emergency"]
    with directory.transaction() as session:
        assert not {m.service_id for m in match(session, said, limit=10)} & helplines


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


@pytest.mark.parametrize("profile_set", sorted(PROFILE_SETS))
def test_precision_at_3_on_the_labelled_profiles(directory, profile_set, request):
    profiles = load_profiles(PROFILE_SETS[profile_set])
    assert len(profiles) >= 20
    with directory.transaction() as session:
        score = precision_at_3(evaluate(session, profiles))
    database = request.node.callspec.params.get("directory", "")
    reports.add(f"matching precision@3 on {len(profiles)} {profile_set} profiles ({database}): {score:.3f} "
                f"(target 0.8)")
    assert score >= PRECISION_FLOOR[profile_set]


def test_the_labels_name_real_services_and_the_complete_judgments_include_the_first_picks():
    import yaml

    services = {service["id"]: service for service in json.loads(SAMPLE.read_text())}
    helplines = {sid for sid, service in services.items()
                 if any(link["taxonomy_term"]["term"] == "helpline" for link in service["service_taxonomys"])}
    acceptable = yaml.safe_load(ACCEPTABLE_HELD_OUT.read_text())
    held_out = load_profiles(PROFILE_SETS["held-out"])
    assert sorted(acceptable) == sorted(profile["id"] for profile in held_out)
    for profile in held_out + load_profiles(PROFILE_SETS["development"]):
        assert set(profile["relevant"]) <= set(services) - helplines, profile["id"]
    for profile in held_out:
        assert set(profile["relevant"]) <= set(acceptable[profile["id"]]) <= set(services) - helplines
