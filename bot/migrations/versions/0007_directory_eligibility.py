"""Who a directory service is for: the age range and eligibility words from the feed
(ORUK 3.0 minimum_age / maximum_age, 1.0 eligibilitys), so links leave out services a
person does not fit.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02
"""
import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

COLUMNS = (("minimum_age", sa.Float), ("maximum_age", sa.Float), ("eligibility", sa.Text))


def upgrade() -> None:
    with op.batch_alter_table("directory_services") as table:
        for name, kind in COLUMNS:
            table.add_column(sa.Column(name, kind))


def downgrade() -> None:
    with op.batch_alter_table("directory_services") as table:
        for name, _ in reversed(COLUMNS):
            table.drop_column(name)
