"""Precision@3 of the matching on labelled sets of person profiles.

Each profile says what a person told us and which services a practitioner would
offer. precision@3 is the share of the three offered services that are relevant;
when a profile has fewer than three relevant services, the share is of those (so a
perfect offer scores 1.0).

Three sets: the development profiles (tests/directory/profiles.yml) and the tuning
profiles (tests/directory/profiles-tuning.yml), on which the matcher's weights were
chosen, and the held-out profiles (tests/directory/profiles-heldout.yml), written
without sight of the matcher or of the other sets and never tuned on. The held-out
figure is the one to believe. The held-out profiles also have complete judgments
(tests/directory/acceptable-heldout.yml): every service a practitioner would be
happy to offer, not only their first picks.
"""
from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

import yaml
from sqlalchemy.orm import Session

from bot.config import ROOT
from bot.directory.matching import match

PROFILE_SETS = {
    "development": ROOT / "tests" / "directory" / "profiles.yml",
    "tuning": ROOT / "tests" / "directory" / "profiles-tuning.yml",
    "held-out": ROOT / "tests" / "directory" / "profiles-heldout.yml",
}
ACCEPTABLE_HELD_OUT = ROOT / "tests" / "directory" / "acceptable-heldout.yml"
# Profiles written to test fit (age, who a service is for, faith, loneliness), each with
# the services that fit ('relevant' first picks, 'acceptable') and those that would be a
# wrong offer ('never'). Split by writer: A for tuning; B and C held out.
FIT_SETS = {
    "fit tuning": [ROOT / "tests" / "directory" / "profiles-fit-tuning.yml"],
    "fit held-out": [ROOT / "tests" / "directory" / "profiles-fit-heldout-b.yml",
                     ROOT / "tests" / "directory" / "profiles-fit-heldout-c.yml"],
}
SECOND_PRACTITIONER = ROOT / "tests" / "directory" / "second-practitioner.yml"


@dataclass
class ProfileResult:
    id: str
    offered: list[str]
    relevant: list[str]
    seconds: float

    @property
    def precision(self) -> float:
        hits = len(set(self.offered[:3]) & set(self.relevant))
        return hits / min(3, len(self.relevant))


def load_profiles(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["profiles"] if isinstance(data, dict) else data


def evaluate(session: Session, profiles: list[dict], lexicon: Optional[dict] = None) -> list[ProfileResult]:
    results = []
    for profile in profiles:
        said = profile["said"]  # record section -> answers, as the interview gives them
        started = time.perf_counter()
        offered = [found.service_id for found in match(session, said, limit=3, lexicon=lexicon)]
        results.append(ProfileResult(profile["id"], offered, profile["relevant"], time.perf_counter() - started))
    return results


def precision_at_3(results: list[ProfileResult]) -> float:
    return sum(result.precision for result in results) / len(results)


def picks_of(picks: dict[str, list[str]], profiles: list[dict]) -> list[ProfileResult]:
    """Someone else's picks (profile id -> service ids) as results, to score like the matcher's."""
    return [ProfileResult(profile["id"], picks[profile["id"]], profile["relevant"], 0.0)
            for profile in profiles if profile["id"] in picks]


def fit_profiles(paths: list[Path]) -> list[dict]:
    return [profile for path in paths for profile in load_profiles(path)]


@dataclass
class FitScore:
    profiles: int
    precision: float  # precision@3 against the first picks
    acceptable: float  # precision@3 counting every acceptable service
    wrong_offers: int  # offers (of three per profile) that were a 'never'
    profiles_wronged: int  # profiles with at least one such offer


def fit_score(results: list[ProfileResult], profiles: list[dict]) -> FitScore:
    by_id = {p["id"]: p for p in profiles}
    judgments = {p["id"]: list(p["relevant"]) + list(p.get("acceptable") or []) for p in profiles}
    wrong = [len(set(r.offered[:3]) & set(by_id[r.id].get("never") or [])) for r in results]
    return FitScore(len(results), precision_at_3(results), precision_at_3_against(results, judgments),
                    sum(wrong), sum(1 for w in wrong if w))


def precision_at_3_against(results: list[ProfileResult], judgments: dict[str, list[str]]) -> float:
    """precision@3 with other relevance judgments (profile id -> acceptable service ids)."""
    scores = [len(set(r.offered[:3]) & set(judgments[r.id])) / min(3, len(judgments[r.id])) for r in results]
    return sum(scores) / len(scores)
