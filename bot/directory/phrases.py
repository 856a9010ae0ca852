"""Service phrases: what people say when a service would help them, written by the
practitioners who know the directory ("since I stopped driving I can't get to
chapel" for the door-to-door minibus, "I want to learn to get the bus on my own" for
travel training).

Open Referral UK has no place for them, so they come in a YAML file of their own,
service id -> list of phrases (directory/sample/brackenford-phrases.yml for the
sample town), loaded with `python -m bot directory phrases <file>`. Matching compares
each of a person's answers with every phrase by meaning (bot/directory/embedding.py):
this is what tells two services of the same kind apart, which the taxonomy cannot.
A directory without phrases is still matched by its taxonomy, words and descriptions.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Optional

import numpy as np
import sqlalchemy as sa
import yaml
from sqlalchemy.orm import Session

from bot.directory.embedding import Encoder
from bot.directory.models import Service, ServicePhrase
from bot.store import Store

MAX_PHRASES = 50  # per service
MAX_LENGTH = 300  # characters per phrase
EMBED_STEP = 256  # phrases embedded between two progress reports


class PhrasesError(ValueError):
    """A phrases file that cannot be read at all."""


@dataclass
class PhrasesReport:
    added: list[str] = field(default_factory=list)  # service ids that had no phrases
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (service id, why)
    phrases: int = 0  # phrases written

    def summary(self) -> str:
        return (f"phrases for {len(self.added)} services added, {len(self.updated)} updated, "
                f"{len(self.unchanged)} unchanged, {len(self.rejected)} rejected ({self.phrases} phrases written)")


def read(path: Path) -> dict[str, list]:
    """The file's mapping of service id -> phrases, or a PhrasesError saying what is wrong."""
    try:
        data = yaml.safe_load(Path(path).read_text(encoding="utf-8"))
    except OSError as error:
        raise PhrasesError(f"{path}: cannot read it ({error.strerror or error})") from error
    except yaml.YAMLError as error:
        raise PhrasesError(f"{path}: not valid YAML ({error})") from error
    if not isinstance(data, dict) or not data:
        raise PhrasesError(f"{path}: expected a mapping of service id -> list of phrases")
    return {str(key): value for key, value in data.items()}


def problems(phrases) -> list[str]:
    if not isinstance(phrases, list):
        return ["must be a list of phrases"]
    found = [f"phrase {i + 1} must be text of 1 to {MAX_LENGTH} characters" for i, phrase in enumerate(phrases)
             if not isinstance(phrase, str) or not phrase.strip() or len(phrase) > MAX_LENGTH]
    if len(phrases) > MAX_PHRASES:
        found.append(f"has {len(phrases)} phrases; at most {MAX_PHRASES}")
    return found


def import_phrases(store: Store, path: Path, encoder: Encoder,
                   progress: Optional[Callable[[str, str], None]] = None,
                   vector_progress: Optional[Callable[[int, int], None]] = None) -> PhrasesReport:
    """Replace the phrases of each service the file names (an empty list removes them),
    each service in its own transaction. Services the file does not name keep theirs;
    a service that is not in the directory is rejected, as is a malformed list.
    `vector_progress(done, total)` is told how many new phrases have been embedded,
    `progress(service id, outcome)` each service's outcome."""
    report = PhrasesReport()
    entries = {}  # service id -> (problems, phrases with their white space made single)
    for service_id, phrases in read(path).items():
        found = problems(phrases)
        entries[service_id] = (found, [] if found else [" ".join(phrase.split()) for phrase in phrases])
    with store.transaction() as session:
        stored: dict[str, list[tuple[str, str]]] = {}
        for service_id, text, model in session.execute(
                sa.select(ServicePhrase.service_id, ServicePhrase.text, ServicePhrase.model)
                .order_by(ServicePhrase.service_id, ServicePhrase.position)):
            stored.setdefault(service_id, []).append((text, model))
    # The new phrases embedded first (the slow part: about 80 a second), then written
    # service by service.
    new = [text for service_id, (found, texts) in entries.items()
           if not found and stored.get(service_id) != [(text, encoder.model_id) for text in texts] for text in texts]
    for start in range(0, len(new), EMBED_STEP):
        encoder.encode_kept(new[start:start + EMBED_STEP])
        if vector_progress:
            vector_progress(min(start + EMBED_STEP, len(new)), len(new))
    for service_id, (found, texts) in entries.items():
        outcome = "rejected"
        if found:
            report.rejected.append((service_id, "; ".join(found)))
        else:
            with store.transaction() as session:
                if session.get(Service, service_id) is None:
                    report.rejected.append((service_id, "no service with this id in the directory "
                                                        "(import the directory feed first)"))
                else:
                    outcome = _write(session, service_id, texts, encoder)
                    getattr(report, outcome).append(service_id)
                    report.phrases += len(texts) if outcome != "unchanged" else 0
        if progress:
            progress(service_id, outcome)
    return report


def _write(session: Session, service_id: str, texts: list[str], encoder: Encoder) -> str:
    existing = session.execute(sa.select(ServicePhrase).where(ServicePhrase.service_id == service_id)
                               .order_by(ServicePhrase.position)).scalars().all()
    if [row.text for row in existing] == texts and all(row.model == encoder.model_id for row in existing):
        return "unchanged"
    session.execute(sa.delete(ServicePhrase).where(ServicePhrase.service_id == service_id))
    for position, (text, vector) in enumerate(zip(texts, encoder.encode_kept(texts))):
        session.add(ServicePhrase(service_id=service_id, position=position, text=text, model=encoder.model_id,
                                  vector=vector.astype("<f4").tobytes()))
    return "updated" if existing else "added"


@dataclass
class Phrases:
    """Every phrase's vector (rows), and for each service with phrases the rows that
    are its own (`index`, padded with -1)."""
    service_ids: list[str]
    vectors: np.ndarray
    index: np.ndarray

    def closeness(self, vector: np.ndarray) -> np.ndarray:
        """How close an answer is to each service's phrases: the mean similarity of
        its two closest (one phrase alone can be a near miss in wording)."""
        if not self.service_ids:
            return np.zeros(0, dtype=np.float32)
        similarity = self.vectors @ vector
        padded = np.where(self.index >= 0, similarity[self.index], -np.inf)
        if padded.shape[1] == 1:
            return padded[:, 0]
        two = -np.partition(-padded, 1, axis=1)[:, :2]
        return np.where(np.isfinite(two[:, 1]), two.mean(axis=1), two[:, 0])


def load(session: Session, encoder: Encoder, excluded: set[str]) -> Phrases:
    """The phrases of the services that may be offered. Phrases stored by another model
    are embedded again here (and remembered), until they are imported again."""
    rows: dict[str, list[np.ndarray]] = {}
    stale: list[tuple[str, str]] = []
    for service_id, text, model, blob in session.execute(
            sa.select(ServicePhrase.service_id, ServicePhrase.text, ServicePhrase.model, ServicePhrase.vector)
            .order_by(ServicePhrase.service_id, ServicePhrase.position)):
        if service_id in excluded:
            continue
        if model == encoder.model_id:
            rows.setdefault(service_id, []).append(np.frombuffer(blob, dtype="<f4"))
        else:
            stale.append((service_id, text))
    for (service_id, _), vector in zip(stale, encoder.encode_kept([text for _, text in stale])):
        rows.setdefault(service_id, []).append(vector)
    service_ids = sorted(rows)
    width = max((len(rows[sid]) for sid in service_ids), default=0)
    index = np.full((len(service_ids), max(width, 1)), -1, dtype=np.int64)
    vectors, at = [], 0
    for row, sid in enumerate(service_ids):
        for column, vector in enumerate(rows[sid]):
            index[row, column] = at
            vectors.append(vector)
            at += 1
    matrix = np.vstack(vectors) if vectors else np.zeros((0, encoder.dimensions), dtype=np.float32)
    return Phrases(service_ids, matrix, index)
