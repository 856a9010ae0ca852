"""Import Open Referral UK service objects (as an ORUK API returns them, with nested
organisation, locations, contacts, phones and taxonomy) into the store. What shapes
are accepted, and how each is checked against the profile's published schema, is in
bot/directory/oruk.py.

Each service is checked first and then written in its own transaction, so a bad
record is rejected whole and never half-imported. Importing the same feed again
changes nothing: an unchanged service (same digest) is left alone. Last, the services
that are new or changed get their meaning vectors (bot/directory/vectors.py).
"""
from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.directory import embedding, oruk, vectors
from bot.directory.models import (
    Contact, Location, Organization, Phone, Service, ServiceAtLocation, ServiceTaxonomy, TaxonomyTerm,
)
from bot.store import Store


class FeedError(ValueError):
    """A file that cannot be read as ORUK services at all."""


@dataclass
class ImportReport:
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    rejected: list[tuple[str, str]] = field(default_factory=list)  # (where, why)
    warnings: list[tuple[str, str]] = field(default_factory=list)  # (where, what was left out or is missing)
    versions: dict[str, int] = field(default_factory=dict)  # profile generation -> services read
    vectors: int = 0  # services whose meaning vector was (re)computed

    def summary(self) -> str:
        shapes = ", ".join(f"{n} in ORUK {v}" for v, n in sorted(self.versions.items()))
        return (f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"rejected {len(self.rejected)}, warnings {len(self.warnings)}"
                + (f" ({shapes})" if shapes else "") + f"; meaning vectors computed for {self.vectors}")


def feed_files(path: Path) -> list[Path]:
    """The .json files to import: the file itself, or a folder's files (not its subfolders)."""
    if path.is_dir():
        files = sorted(p for p in path.glob("*.json") if p.is_file())
        if not files:
            raise FeedError(f"{path}: no .json files in this folder")
        return files
    if not path.exists():
        raise FeedError(f"{path}: no such file or folder")
    return [path]


def page_in(path: Path) -> oruk.Page:
    """The services in one file: a paged /services response (ORUK 3.0 `contents` or
    1.0 `content`), a list of services, or one service."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise FeedError(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except UnicodeDecodeError:
        raise FeedError(f"{path}: not UTF-8 text") from None
    page = oruk.page_of(data)
    if page is None:
        raise FeedError(f"{path}: expected an ORUK service object, a list of them or a paged /services response")
    return page


def search_text(service: dict) -> str:
    """The words a search should find a service by."""
    terms = [term["term"].replace("-", " ") for term in service["taxonomy"]]
    return " ".join(filter(None, [service["name"], service.get("description"), service["organization"]["name"],
                                  " ".join(terms)]))


def digest(service: Any) -> str:
    return hashlib.sha256(json.dumps(service, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def write_service(session: Session, service: dict, source_digest: str) -> str:
    """Upsert one service in the importer's shape (bot/directory/oruk.py) and
    everything in it: "added", "updated" or "unchanged"."""
    existing = session.get(Service, service["id"])
    if existing is not None and existing.source_digest == source_digest:
        return "unchanged"
    org = service["organization"]
    session.merge(Organization(**org))
    if existing is not None:  # children are replaced as a whole
        for model in (Phone, Contact, ServiceAtLocation, ServiceTaxonomy):
            session.execute(sa.delete(model).where(model.service_id == service["id"]))
    session.merge(Service(id=service["id"], organization_id=org["id"], name=service["name"],
                          description=service["description"], url=service["url"], email=service["email"],
                          status=service["status"], minimum_age=service["minimum_age"],
                          maximum_age=service["maximum_age"],
                          eligibility=json.dumps(service["eligibility"]) if service["eligibility"] else None,
                          search_text=search_text(service), source_digest=source_digest))
    session.flush()
    for place in service["locations"]:
        if not place.get("stored"):
            address = ", ".join(filter(None, [place["address_1"], place["city"], place["postal_code"]])) or None
            session.merge(Location(id=place["id"], name=place["name"], description=place["description"],
                                   latitude=place["latitude"], longitude=place["longitude"],
                                   address=address, postal_code=place["postal_code"]))
            session.flush()
        session.add(ServiceAtLocation(id=place["at_id"], service_id=service["id"], location_id=place["id"]))
    for term in service["taxonomy"]:
        session.merge(TaxonomyTerm(**term))
        session.flush()
        session.merge(ServiceTaxonomy(service_id=service["id"], taxonomy_term_id=term["id"]))
    for phone in service["phones"]:
        session.add(Phone(service_id=service["id"], **phone))
    for contact in service["contacts"]:
        session.add(Contact(id=contact["id"], service_id=service["id"], name=contact["name"], title=contact["title"]))
        session.flush()
        for phone in contact["phones"]:
            session.add(Phone(service_id=service["id"], contact_id=contact["id"], **phone))
    session.flush()
    _index(session, service["id"], search_text(service))
    return "updated" if existing is not None else "added"


def _index(session: Session, service_id: str, text: str) -> None:
    """Keep SQLite's FTS5 table in step (PostgreSQL indexes the column itself)."""
    if session.get_bind().dialect.name != "sqlite":
        return
    session.execute(sa.text("DELETE FROM directory_search WHERE service_id = :id"), {"id": service_id})
    session.execute(sa.text("INSERT INTO directory_search (service_id, text) VALUES (:id, :text)"),
                    {"id": service_id, "text": text})


def records(path: Path, warnings: list[tuple[str, str]]) -> Iterator[tuple[str, Any]]:
    """(where, service object) for every service under `path`; a page of a paged
    response that is not the last adds a warning, so a half-fetched feed is noticed."""
    for file in feed_files(path):
        page = page_in(file)
        if page.more_pages:
            warnings.append((file.name, f"this is page {page.page} of {page.pages} of a paged /services response: "
                                        f"put every page's file in one folder and import the folder"))
        for index, service in enumerate(page.services):
            ident = service.get("id") if isinstance(service, dict) else None
            yield f"{file.name}[{index}]" + (f" (id {ident})" if ident else ""), service


def _nested_locations(services: list[tuple[str, Any]]) -> dict[str, dict]:
    """Every location object carried somewhere in the feed, by id: a service-at-location
    elsewhere may name one only by its `location_id`."""
    found = {}
    for _, service in services:
        for at in (service.get("service_at_locations") or []) if isinstance(service, dict) else []:
            location = at.get("location") if isinstance(at, dict) else None
            if isinstance(location, dict) and isinstance(location.get("id"), str):
                found.setdefault(location["id"], location)
    return found


def import_feed(store: Store, path: Path, progress=None,
                vector_progress: Optional[Callable[[int, int], None]] = None) -> ImportReport:
    """Import every service under `path`; `progress(where, outcome)` is told each one,
    then `vector_progress(done, total)` how many meaning vectors have been computed.
    The embedding model is loaded first, so a missing model stops the import before
    anything is written."""
    encoder = embedding.encoder()
    report = ImportReport()
    services = list(records(Path(path), report.warnings))
    nested = _nested_locations(services)

    def locate(location_id: str) -> Optional[dict]:
        if location_id in nested:
            return nested[location_id]
        with store.transaction() as session:
            return {"id": location_id, "stored": True} if session.get(Location, location_id) else None

    for where, service in services:
        normal, found = oruk.normalise(service, locate)
        if normal is None:
            outcome = "rejected"
            report.rejected.append((where, "; ".join(found)))
        else:
            report.versions[normal.version] = report.versions.get(normal.version, 0) + 1
            report.warnings += [(where, warning) for warning in normal.warnings]
            try:
                with store.transaction() as session:
                    outcome = write_service(session, normal.service, digest(service))
            except sa.exc.SQLAlchemyError as error:
                outcome = "rejected"
                report.rejected.append((where, f"the database refused it: {str(error.orig or error)[:200]}"))
            else:
                getattr(report, outcome).append(normal.service["id"])
        if progress:
            progress(where, outcome)
    report.vectors = vectors.refresh(store, encoder, vector_progress)
    return report
