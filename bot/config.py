"""Settings read from the environment (and the council contact file).

Nothing here connects to anything: reading settings is cheap and safe at import.
"""
from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_DATABASE_URL = f"sqlite:///{ROOT / 'conversations.db'}"
DEFAULT_COUNCIL_FILE = ROOT / "council.yml"


def database_url() -> str:
    """`DATABASE_URL`, or the embedded SQLite file in the project folder."""
    return os.environ.get("DATABASE_URL") or DEFAULT_DATABASE_URL


def retention_days() -> int:
    """How long a paused conversation is kept before it may be deleted."""
    return int(os.environ.get("SBC_RETENTION_DAYS", "30"))


@dataclass(frozen=True)
class Council:
    name: str
    phone: str
    hours: str
    safeguarding_phone: str
    safeguarding_hours: str
    out_of_hours_phone: str
    safeguarding_response: str  # who acts on a safety flag passed on, and how soon
    assessment_team: str  # who reads what a person shared, and contacts them
    contact_within: str  # how soon they do ("10 working days")


def council() -> Council:
    """Council contact details: `SBC_COUNCIL_FILE` (YAML) or `council.yml`, then
    `SBC_COUNCIL_*` environment variables override single fields."""
    path = Path(os.environ.get("SBC_COUNCIL_FILE") or DEFAULT_COUNCIL_FILE)
    data = {}
    if path.exists():
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
    fields = {}
    for field in Council.__dataclass_fields__:
        value = os.environ.get(f"SBC_COUNCIL_{field.upper()}") or data.get(field)
        if not value:
            raise ValueError(
                f"Council contact field '{field}' is not set: add it to {path} "
                f"or set SBC_COUNCIL_{field.upper()}."
            )
        fields[field] = str(value)
    return Council(**fields)


def section_reader_path() -> Path:
    """The section reader's model (bot/interview/reader.py; `make train` builds it)."""
    return Path(os.environ.get("SBC_SECTION_READER_MODEL") or ROOT / "models" / "section-reader.pkl")


def safety_model_path() -> Path:
    """The safety detector's trained meaning layer (`make train` builds it)."""
    return Path(os.environ.get("SBC_SAFETY_MODEL") or ROOT / "models" / "safety-meaning.pkl")
