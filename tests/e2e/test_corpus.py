"""The realistic conversation corpus (tests/corpus) through the real servers: every
item each writer gave must be saved, in the section they meant. Issue 10's targets (0
lost, at most 2% misfiled) are reported, not yet met; the floors below are the figures
measured on 2026-12-04 with some room, so that nothing gets worse unnoticed. The
held-out writers are only scored (counts, never what went wrong) and never tuned on."""
from __future__ import annotations

import uuid

import pytest

from bot.store import db as store_db
from bot.store import repository as repo
from bot.store.record import build_record
from tests import reports
from tests.conftest import migrated_database
from tests.corpus import driver
from tests.servers import running_servers

pytestmark = pytest.mark.e2e
TARGET_LOST, TARGET_MISFILED = 0, 0.02
# (most items lost, highest misfiled share) allowed; measured on 2026-12-04, after three
# more training writers (cw37-cw39) and one more held-out writer (cw40): training
# (cw01-cw05, cw09-cw14, cw17-cw22, cw24-cw35, cw37-cw39) 1 lost, 1.4% misfiled; held-out
# (cw06-cw08, cw15, cw16, cw23, cw36, cw40; counts only, never looked into) 9 lost, 3.6% misfiled.
FLOORS = {"training": (3, 0.02), "held-out": (12, 0.05)}


@pytest.fixture(scope="module")
def database_url(tmp_path_factory):
    with migrated_database("sqlite", tmp_path_factory.mktemp("corpus")) as url:
        yield url


@pytest.fixture(scope="module")
def servers(database_url, tmp_path_factory):
    yield from running_servers(database_url, tmp_path_factory.mktemp("logs"))


def run(conversation: dict, servers, store) -> driver.Score:
    sender = f"corpus-{conversation['id']}-{uuid.uuid4().hex[:6]}"

    def step():
        with store.transaction() as session:
            found = repo.conversation_for_sender(session, sender)
            return found.step if found else None

    played = driver.play(conversation, lambda text: servers.say(sender, text), step)
    with store.transaction() as session:
        record = build_record(session, repo.conversation_for_sender(session, sender).id)
    result = driver.score(conversation, record)
    result.asked_to_keep, result.false_alarms, result.divergences = (
        played.asked_to_keep, played.false_alarms, played.divergences)
    return result


def corpus_score(folder, servers, database_url) -> driver.Score:
    store = store_db.Store(database_url)
    total = driver.Score()
    try:
        for conversation in driver.load(folder):
            total.add(run(conversation, servers, store))
    finally:
        store.dispose()
    return total


def test_the_corpus_is_big_enough_and_split_by_writer():
    training, held_out = driver.load(driver.TRAINING), driver.load(driver.HELD_OUT)
    assert {c["writer"] for c in training}.isdisjoint({c["writer"] for c in held_out})
    assert len({c["writer"] for c in training}) >= 4 and len({c["writer"] for c in held_out}) >= 3
    assert sum(len(c["turns"]) for c in training + held_out) >= 300


def check(total: driver.Score, part: str) -> None:
    met = len(total.lost) <= TARGET_LOST and total.misfiled_rate <= TARGET_MISFILED
    reports.add(total.line(f"conversation corpus, {part} writers")
                + f" [targets 0 lost, <= {TARGET_MISFILED:.0%} misfiled: {'met' if met else 'NOT met'}]")
    most_lost, most_misfiled = FLOORS[part]
    assert len(total.lost) <= most_lost and total.misfiled_rate <= most_misfiled, total.line(part)


def test_training_writers_answers_are_kept_where_they_belong(servers, database_url):
    total = corpus_score(driver.TRAINING, servers, database_url)
    problems = (total.lost + total.misfiled + total.details_wrong + total.behalf_wrong + total.extra
                + total.false_alarms + total.divergences)
    print("\n".join(problems))  # training writers only: what to fix next
    check(total, "training")


def test_held_out_writers_answers_are_kept_where_they_belong(servers, database_url):
    """Scored, never looked into: only the counts are reported."""
    check(corpus_score(driver.HELD_OUT, servers, database_url), "held-out")
