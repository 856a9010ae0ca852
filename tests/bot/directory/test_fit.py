"""Services a person does not fit (bot/directory/fit.py): an age outside the range and
another faith's place never offered, a service for a group the person did not name
offered only behind those that fit, and company for someone who said they are lonely.
On the sample directory, on both databases."""
import json

import pytest

from bot.directory import fit
from bot.directory.matching import match
from bot.directory.quality import FIT_SETS, evaluate, fit_profiles, fit_score
from bot.directory.sample import SAMPLE_FEED, import_sample
from bot.store import Store
from tests import reports
from tests.conftest import migrated_database

# Measured with scripts/match_precision.py (SQLite): wrong offers ('never' services in
# the three offered) on the fit profiles, with the rules / without them: tuning (writer
# A) 4 / 5 of 42, held-out (writers B and C, scored once, never tuned on) 7 / 8 of 72.
# The floors catch a regression.
WRONG_OFFERS_CEILING = {"fit tuning": 4, "fit held-out": 7}

SERVICES = {s["name"]: s["id"] for s in json.loads(SAMPLE_FEED.read_text(encoding="utf-8"))}
TERMS = {s["id"]: {t["taxonomy_term"]["term"] for t in s["service_taxonomys"]}
         for s in json.loads(SAMPLE_FEED.read_text(encoding="utf-8"))}
WORSHIP = {name: SERVICES[name] for name in (
    "St Michael's Church services and Wednesday coffee morning", "Zion Methodist Chapel Sunday worship",
    "Masjid Al-Noor prayers and sisters' circle", "Guru Nanak Gurdwara: diwan, langar and seva",
    "Brackenford Hebrew Congregation Shabbat services", "St Anne's Catholic Church Mass and parish visitors")}
FOR_LEARNING_DISABILITY = {SERVICES[name] for name in (
    "Open Doors Friday Night Social", "Stepping Stones job coaching")}
FOR_MEMORY = {SERVICES["Sing and Remember"], SERVICES["Memory Café at the Old Library"]}


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def directory(request, tmp_path_factory):
    with migrated_database(request.param, tmp_path_factory.mktemp("fit")) as url:
        store = Store(url)
        import_sample(store)
        yield store
        store.dispose()


def offered(directory, said, limit=10):
    with directory.transaction() as session:
        return [m.service_id for m in match(session, said, limit=limit)]


@pytest.mark.parametrize("texts, age", [
    (["I'm 19 and I live with my mum"], 19), (["im 82 and still going"], 82), (["Aged 67, retired"], 67),
    (["I'm 5 minutes from town", "my son is 40"], None), (["I'm 100% sure"], None), (["I am fed up"], None),
])
def test_the_persons_own_age(texts, age):
    assert fit.age_in(texts) == age


def test_faiths_named():
    faiths = fit.rules().faiths
    assert fit.faiths_in("I miss going to Mass on a Sunday", faiths) == {"christian"}
    assert fit.faiths_in("jummah at the masjid", faiths) == {"muslim"}
    assert fit.faiths_in("langar at the gurdwara wiv my nan", faiths) == {"sikh"}
    assert fit.faiths_in("I go to the shops", faiths) == set()


def test_an_age_outside_the_range_is_never_offered(directory):
    lonely_young = ["I'm 19 and I get so lonely, I'd love a hot dinner and some company"]
    assert SERVICES["Riverside Lunch Club"] not in offered(directory, lonely_young)
    assert SERVICES["Young Adults Meet-up (18 to 25)"] in offered(directory, lonely_young)
    older = ["I'm 70 and I'd like to make friends, I get anxious in groups"]
    assert SERVICES["Young Adults Meet-up (18 to 25)"] not in offered(directory, older)


def test_services_for_a_group_come_after_those_that_fit_unless_the_person_said_so(directory):
    cooking = ["I'd love to learn to cook proper meals and get a job"]
    assert not FOR_LEARNING_DISABILITY & set(offered(directory, cooking, limit=3))
    autistic = ["I'm autistic and I want a paid job, I like trains"]
    assert SERVICES["Stepping Stones job coaching"] in offered(directory, autistic, limit=3)
    chat = ["a cuppa and a chat in a nice cafe", "getting out of the house in the afternoons"]
    assert not FOR_MEMORY & set(offered(directory, chat, limit=3))
    forgetful = ["my memory is going and I love a sing-song"]
    assert SERVICES["Sing and Remember"] in offered(directory, forgetful, limit=3)


def test_never_another_faiths_place(directory):
    church = offered(directory, ["I miss going to church since my legs went"])
    assert WORSHIP["St Michael's Church services and Wednesday coffee morning"] in church
    assert not {WORSHIP[n] for n in ("Masjid Al-Noor prayers and sisters' circle",
                                     "Guru Nanak Gurdwara: diwan, langar and seva",
                                     "Brackenford Hebrew Congregation Shabbat services")} & set(church)
    mosque = offered(directory, ["i cant get to the mosque for jummah no more"])
    assert mosque[0] == WORSHIP["Masjid Al-Noor prayers and sisters' circle"]
    assert not (set(WORSHIP.values()) - {mosque[0]}) & set(mosque)


def test_how_a_person_fits_each_service(directory):
    from bot.directory.matching import concepts_in, load_lexicon
    with directory.transaction() as session:
        fits = fit.fit(session, ["I'm 19", "I go to the gurdwara"], load_lexicon(), concepts_in)
    assert SERVICES["Riverside Lunch Club"] in fits.unfit  # over 60s
    assert WORSHIP["Masjid Al-Noor prayers and sisters' circle"] in fits.unfit
    assert WORSHIP["Guru Nanak Gurdwara: diwan, langar and seva"] not in fits.unfit | fits.unconfirmed
    assert SERVICES["Young Adults Meet-up (18 to 25)"] not in fits.unfit | fits.unconfirmed  # 19 is in range
    assert FOR_LEARNING_DISABILITY | FOR_MEMORY <= fits.unconfirmed
    assert SERVICES["Brackenford Community Choir"] not in fits.unfit | fits.unconfirmed  # for anyone


def test_someone_lonely_is_offered_company(directory):
    said = ["my allotment", "growing veg", "the greenhouse", "I'm lonely"]
    top = offered(directory, said, limit=3)
    assert any(TERMS[sid] & fit.rules().company_terms for sid in top)


@pytest.mark.parametrize("label", list(FIT_SETS))
def test_wrong_offers_on_the_fit_profiles(directory, label, request):
    profiles = fit_profiles(FIT_SETS[label])
    with directory.transaction() as session:
        score = fit_score(evaluate(session, profiles), profiles)
    database = request.node.callspec.params.get("directory", "")
    reports.add(f"links that fit, {score.profiles} {label} profiles ({database}): wrong offers "
                f"{score.wrong_offers} of {3 * score.profiles}, precision@3 {score.precision:.3f}, "
                f"counting acceptable {score.acceptable:.3f}")
    assert score.wrong_offers <= WRONG_OFFERS_CEILING[label]


def test_the_fit_profiles_name_real_services():
    for label, paths in FIT_SETS.items():
        for profile in fit_profiles(paths):
            named = set(profile["relevant"]) | set(profile.get("acceptable") or []) | set(profile.get("never") or [])
            assert named <= set(TERMS), profile["id"]
            assert not set(profile["relevant"]) & set(profile.get("never") or []), profile["id"]
