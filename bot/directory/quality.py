"""Precision@3 of the matching on a labelled set of person profiles.

Each profile says what a person told us and which services a practitioner would
offer. precision@3 is the share of the three offered services that are relevant;
when a profile has fewer than three relevant services, the share is of those (so a
perfect offer scores 1.0).
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
from sqlalchemy.orm import Session

from bot.directory.matching import match


@dataclass
class ProfileResult:
    id: str
    offered: list[str]
    relevant: list[str]

    @property
    def precision(self) -> float:
        hits = len(set(self.offered[:3]) & set(self.relevant))
        return hits / min(3, len(self.relevant))


def load_profiles(path: Path) -> list[dict]:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return data["profiles"] if isinstance(data, dict) else data


def evaluate(session: Session, profiles: list[dict]) -> list[ProfileResult]:
    results = []
    for profile in profiles:
        said = [text for texts in profile["said"].values() for text in texts]
        offered = [found.service_id for found in match(session, said, limit=3)]
        results.append(ProfileResult(profile["id"], offered, profile["relevant"]))
    return results


def precision_at_3(results: list[ProfileResult]) -> float:
    return sum(result.precision for result in results) / len(results)
