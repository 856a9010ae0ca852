"""Safety events say which kinds of risk, which detector layers fired, where the
person was, whether they said they were safe, whether it was not what they meant,
and whether they kept their words as their answer.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""
import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("safety_events") as table:
        table.alter_column("matched", new_column_name="kinds", existing_type=sa.Text)
        table.add_column(sa.Column("layers", sa.Text))
        table.add_column(sa.Column("step", sa.String(40)))
        table.add_column(sa.Column("safe_now", sa.Boolean))
        table.add_column(sa.Column("not_meant", sa.Boolean))
        table.add_column(sa.Column("kept_as_answer", sa.Boolean))


def downgrade() -> None:
    with op.batch_alter_table("safety_events") as table:
        for column in ("kept_as_answer", "not_meant", "safe_now", "step", "layers"):
            table.drop_column(column)
        table.alter_column("kinds", new_column_name="matched", existing_type=sa.Text)
