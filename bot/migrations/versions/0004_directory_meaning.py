"""Matching by meaning: sentence-embedding vectors of directory services, and the
phrases practitioners write for each service with their vectors.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_service_vectors",
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("source_digest", sa.String(64), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )
    op.create_table(
        "directory_service_phrases",
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("position", sa.Integer, primary_key=True),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("model", sa.String(80), nullable=False),
        sa.Column("vector", sa.LargeBinary, nullable=False),
    )


def downgrade() -> None:
    op.drop_table("directory_service_phrases")
    op.drop_table("directory_service_vectors")
