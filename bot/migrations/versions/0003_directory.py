"""The community directory (Open Referral UK) and its full-text search.

SQLite gets an FTS5 table kept up to date by the importer; PostgreSQL a GIN index
on the English tsvector of each service's search text.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-27
"""
import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "directory_organizations",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("email", sa.Text),
    )
    op.create_table(
        "directory_services",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("organization_id", sa.String(100), sa.ForeignKey("directory_organizations.id"), nullable=False,
                  index=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("description", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("email", sa.Text),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("search_text", sa.Text, nullable=False),
        sa.Column("source_digest", sa.String(64), nullable=False),
        sa.Column("imported_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "directory_locations",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("name", sa.Text),
        sa.Column("description", sa.Text),
        sa.Column("latitude", sa.Float),
        sa.Column("longitude", sa.Float),
        sa.Column("address", sa.Text),
        sa.Column("postal_code", sa.String(20)),
    )
    op.create_table(
        "directory_service_at_locations",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("location_id", sa.String(100), sa.ForeignKey("directory_locations.id"), nullable=False),
    )
    op.create_table(
        "directory_taxonomy_terms",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("term", sa.Text, nullable=False),
        sa.Column("vocabulary", sa.Text),
        sa.Column("parent_id", sa.String(100)),
    )
    op.create_table(
        "directory_service_taxonomys",
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("taxonomy_term_id", sa.String(100), sa.ForeignKey("directory_taxonomy_terms.id"),
                  primary_key=True),
    )
    op.create_table(
        "directory_contacts",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("name", sa.Text),
        sa.Column("title", sa.Text),
    )
    op.create_table(
        "directory_phones",
        sa.Column("id", sa.String(100), primary_key=True),
        sa.Column("service_id", sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                  nullable=False, index=True),
        sa.Column("contact_id", sa.String(100), sa.ForeignKey("directory_contacts.id", ondelete="CASCADE")),
        sa.Column("number", sa.String(50), nullable=False),
        sa.Column("description", sa.Text),
    )
    if op.get_bind().dialect.name == "sqlite":
        op.execute("CREATE VIRTUAL TABLE directory_search USING fts5("
                   "service_id UNINDEXED, text, tokenize='porter unicode61')")
    else:
        op.execute("CREATE INDEX ix_directory_services_search ON directory_services "
                   "USING GIN (to_tsvector('english', search_text))")


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE directory_search")
    for table in ("directory_phones", "directory_contacts", "directory_service_taxonomys",
                  "directory_taxonomy_terms", "directory_service_at_locations", "directory_locations",
                  "directory_services", "directory_organizations"):
        op.drop_table(table)
