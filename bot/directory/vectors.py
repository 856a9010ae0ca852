"""Service vectors: each directory service's name and description as a sentence
embedding (bot/directory/embedding.py), kept in `directory_service_vectors`.

They are computed at import, for services that are new, changed, or were embedded by
another model, so a match only embeds the person's answers. A service that has no
vector yet (a database imported before vectors existed) is embedded when first
matched, so no service is left out of matching. The encoder keeps what it has
embedded for the life of the process (`Encoder.encode_kept`), so nothing is embedded
twice.
"""
from __future__ import annotations

from typing import Callable, Optional

import numpy as np
import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.directory.embedding import Encoder
from bot.directory.models import Service, ServiceVector

BATCH = 64  # services embedded and written per step of a refresh


def service_text(name: str, description: Optional[str]) -> str:
    """What a service's vector is made from: what it is called and what it offers."""
    return f"{name}. {description or ''}".strip()


def _stale(session: Session, model_id: str) -> sa.sql.Select:
    """Services whose stored vector is missing, out of date, or another model's."""
    return (sa.select(Service.id, Service.name, Service.description, Service.source_digest)
            .outerjoin(ServiceVector, ServiceVector.service_id == Service.id)
            .where(sa.or_(ServiceVector.service_id.is_(None), ServiceVector.model != model_id,
                          ServiceVector.source_digest != Service.source_digest))
            .order_by(Service.id))


def refresh(store, encoder: Encoder, progress: Optional[Callable[[int, int], None]] = None) -> int:
    """Compute and store the vectors that are missing or stale; returns how many.
    `progress(done, total)` is told after each batch."""
    with store.transaction() as session:
        stale = session.execute(_stale(session, encoder.model_id)).all()
    for start in range(0, len(stale), BATCH):
        batch = stale[start:start + BATCH]
        vectors = encoder.encode_kept([service_text(row.name, row.description) for row in batch])
        with store.transaction() as session:
            for row, vector in zip(batch, vectors):
                session.merge(ServiceVector(service_id=row.id, model=encoder.model_id,
                                            source_digest=row.source_digest, vector=vector.astype("<f4").tobytes()))
        if progress:
            progress(min(start + BATCH, len(stale)), len(stale))
    return len(stale)


def load(session: Session, encoder: Encoder) -> tuple[list[str], np.ndarray]:
    """Every service's id and vector (rows of a matrix), computing in memory any that
    the store does not have for this model."""
    ids, rows = [], []
    for service_id, blob in session.execute(
            sa.select(ServiceVector.service_id, ServiceVector.vector)
            .join(Service, Service.id == ServiceVector.service_id)
            .where(ServiceVector.model == encoder.model_id, ServiceVector.source_digest == Service.source_digest)
            .order_by(ServiceVector.service_id)):
        ids.append(service_id)
        rows.append(np.frombuffer(blob, dtype="<f4"))
    stale = session.execute(_stale(session, encoder.model_id)).all()
    for row, vector in zip(stale, encoder.encode_kept([service_text(row.name, row.description) for row in stale])):
        ids.append(row.id)
        rows.append(vector)
    matrix = np.vstack(rows) if rows else np.zeros((0, encoder.dimensions), dtype=np.float32)
    return ids, matrix
