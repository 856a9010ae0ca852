"""The conversation store, and Rasa's tracker `events` table.

`events` has exactly the shape Rasa's SQLTrackerStore creates, so Rasa finds it and
leaves it alone; creating it here means erasure works before Rasa has ever run.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""
import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _conversation_fk():
    return sa.Column(
        "conversation_id",
        sa.String(36),
        sa.ForeignKey("conversations.id", ondelete="CASCADE"),
        nullable=False,
        index=True,
    )


def _item(name, *extra):
    op.create_table(
        name,
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _conversation_fk(),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        *extra,
        sa.UniqueConstraint("conversation_id", "message_id", "position", name=f"uq_{name}_message"),
    )


def upgrade() -> None:
    op.create_table(
        "conversations",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("reference", sa.String(9), nullable=False, unique=True),
        sa.Column("resume_code_hash", sa.String(200), nullable=False),
        sa.Column("failed_resume_attempts", sa.Integer, nullable=False),
        sa.Column("mode", sa.String(20), nullable=False),
        sa.Column("stage", sa.String(30), nullable=False),
        sa.Column("step", sa.String(40), nullable=False),
        sa.Column("step_data", sa.JSON, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("consent", sa.Boolean, nullable=False),
        sa.Column("consent_at", sa.DateTime),
        sa.Column("preferred_name", sa.Text),
        sa.Column("summary_confirmed", sa.Boolean, nullable=False),
        sa.Column("share_with_council", sa.Boolean),
        sa.Column("safety_flag", sa.Boolean, nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.Column("paused_at", sa.DateTime),
        sa.Column("completed_at", sa.DateTime),
    )
    op.create_table(
        "conversation_senders",
        sa.Column("sender_id", sa.String(255), primary_key=True),
        _conversation_fk(),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    op.create_table(
        "processed_messages",
        sa.Column(
            "conversation_id",
            sa.String(36),
            sa.ForeignKey("conversations.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("message_id", sa.String(64), primary_key=True),
        sa.Column("action", sa.String(64), primary_key=True),
        sa.Column("created_at", sa.DateTime, nullable=False),
    )
    _item("what_matters")
    _item("working", sa.Column("kind", sa.String(20), nullable=False))
    _item(
        "strengths",
        sa.Column("category", sa.String(20), nullable=False),
        sa.Column("who", sa.Text),
        sa.Column("willing", sa.String(10)),
    )
    _item("outcomes", sa.Column("scale_now", sa.Integer), sa.Column("scale_goal", sa.Integer))
    _item("positive_risks", sa.Column("concern", sa.Text), sa.Column("safer", sa.Text))
    op.create_table(
        "links",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _conversation_fk(),
        sa.Column("service_id", sa.String(100), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("reason", sa.Text),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.Column("updated_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("conversation_id", "service_id", name="uq_links_service"),
    )
    op.create_table(
        "safety_events",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _conversation_fk(),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("stage", sa.String(30), nullable=False),
        sa.Column("message", sa.Text, nullable=False),
        sa.Column("matched", sa.Text),
        sa.Column("pass_on", sa.Boolean),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("conversation_id", "message_id", name="uq_safety_events_message"),
    )
    op.create_table(
        "handoff_requests",
        sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
        _conversation_fk(),
        sa.Column("message_id", sa.String(64), nullable=False),
        sa.Column("stage", sa.String(30), nullable=False),
        sa.Column("contact", sa.Text, nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("created_at", sa.DateTime, nullable=False),
        sa.UniqueConstraint("conversation_id", "message_id", name="uq_handoff_requests_message"),
    )
    bind = op.get_bind()
    if not sa.inspect(bind).has_table("events"):
        op.create_table(
            "events",
            sa.Column("id", sa.Integer, primary_key=True, autoincrement=True),
            sa.Column("sender_id", sa.String(255), nullable=False, index=True),
            sa.Column("type_name", sa.String(255), nullable=False),
            sa.Column("timestamp", sa.Float),
            sa.Column("intent_name", sa.String(255)),
            sa.Column("action_name", sa.String(255)),
            sa.Column("data", sa.Text),
        )


def downgrade() -> None:
    for table in (
        "handoff_requests",
        "safety_events",
        "links",
        "positive_risks",
        "outcomes",
        "strengths",
        "working",
        "what_matters",
        "processed_messages",
        "conversation_senders",
        "conversations",
    ):
        op.drop_table(table)
