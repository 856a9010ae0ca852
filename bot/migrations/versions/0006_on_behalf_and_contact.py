"""Who completed a conversation for someone else (their name, how they know the
person, and the person's permission), and after sharing how the council may contact
them and when it was shared.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

COLUMNS = (
    ("completed_by", sa.Text), ("relationship", sa.Text), ("permission", sa.Text),
    ("contact", sa.Text), ("contact_ok", sa.Boolean), ("shared_at", sa.DateTime),
)


def upgrade() -> None:
    with op.batch_alter_table("conversations") as table:
        for name, kind in COLUMNS:
            table.add_column(sa.Column(name, kind))


def downgrade() -> None:
    with op.batch_alter_table("conversations") as table:
        for name, _kind in reversed(COLUMNS):
            table.drop_column(name)
