"""Import Open Referral UK service objects (as an ORUK API returns them, with nested
organisation, locations, contacts, phones and taxonomy) into the store.

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

from bot.directory import embedding, vectors
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
    vectors: int = 0  # services whose meaning vector was (re)computed

    def summary(self) -> str:
        return (f"added {len(self.added)}, updated {len(self.updated)}, unchanged {len(self.unchanged)}, "
                f"rejected {len(self.rejected)}; meaning vectors computed for {self.vectors}")


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


def services_in(path: Path) -> list[Any]:
    """The service objects in one file: a list of services, or one service."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as error:
        raise FeedError(f"{path}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg})") from None
    except UnicodeDecodeError:
        raise FeedError(f"{path}: not UTF-8 text") from None
    if isinstance(data, dict) and isinstance(data.get("content"), list):  # an ORUK paged /services response
        data = data["content"]
    if isinstance(data, dict) and ("name" in data or "organization" in data):
        data = [data]
    if not isinstance(data, list):
        raise FeedError(f"{path}: expected an ORUK service object or a list of them")
    return data


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


def problems(service: Any) -> list[str]:
    """What makes a service object unusable, each naming the field."""
    if not isinstance(service, dict):
        return ["the record is not a JSON object"]
    found = [f"{name} is missing or empty" for name in ("id", "name") if not _text(service.get(name))]
    organization = service.get("organization")
    if not isinstance(organization, dict):
        found.append("organization is missing")
    else:
        found += [f"organization.{name} is missing or empty" for name in ("id", "name")
                  if not _text(organization.get(name))]
    for i, link in enumerate(_list(service, "service_taxonomys", found)):
        term = link.get("taxonomy_term") if isinstance(link, dict) else None
        if not isinstance(term, dict):
            found.append(f"service_taxonomys[{i}].taxonomy_term is missing")
            continue
        found += [f"service_taxonomys[{i}].taxonomy_term.{name} is missing or empty" for name in ("id", "term")
                  if not _text(term.get(name))]
    for i, at in enumerate(_list(service, "service_at_locations", found)):
        location = at.get("location") if isinstance(at, dict) else None
        if not isinstance(at, dict) or not _text(at.get("id")):
            found.append(f"service_at_locations[{i}].id is missing or empty")
        if not isinstance(location, dict) or not _text(location.get("id")):
            found.append(f"service_at_locations[{i}].location.id is missing or empty")
    for i, phone in enumerate(_list(service, "phones", found)):
        if not isinstance(phone, dict) or not _text(phone.get("id")) or not _text(phone.get("number")):
            found.append(f"phones[{i}] needs an id and a number")
    for i, contact in enumerate(_list(service, "contacts", found)):
        if not isinstance(contact, dict) or not _text(contact.get("id")):
            found.append(f"contacts[{i}].id is missing or empty")
            continue
        for j, phone in enumerate(_list(contact, "phones", found, f"contacts[{i}].")):
            if not isinstance(phone, dict) or not _text(phone.get("id")) or not _text(phone.get("number")):
                found.append(f"contacts[{i}].phones[{j}] needs an id and a number")
    return found


def _list(parent: dict, name: str, found: list[str], prefix: str = "") -> list:
    value = parent.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        found.append(f"{prefix}{name} must be a list")
        return []
    return value


def search_text(service: dict) -> str:
    """The words a search should find a service by."""
    terms = [link["taxonomy_term"]["term"].replace("-", " ") for link in service.get("service_taxonomys") or []]
    return " ".join(filter(None, [service["name"], service.get("description"), service["organization"]["name"],
                                  " ".join(terms)]))


def digest(service: dict) -> str:
    return hashlib.sha256(json.dumps(service, sort_keys=True, ensure_ascii=False).encode()).hexdigest()


def _address(location: dict) -> tuple[str | None, str | None]:
    addresses = location.get("physical_addresses") or []
    if not addresses or not isinstance(addresses[0], dict):
        return None, None
    first = addresses[0]
    line = ", ".join(filter(None, [first.get("address_1"), first.get("city"), first.get("postal_code")]))
    return line or None, first.get("postal_code")


def write_service(session: Session, service: dict) -> str:
    """Upsert one valid service and everything nested in it: "added", "updated" or
    "unchanged"."""
    existing = session.get(Service, service["id"])
    new_digest = digest(service)
    if existing is not None and existing.source_digest == new_digest:
        return "unchanged"
    org = service["organization"]
    session.merge(Organization(id=org["id"], name=org["name"], description=org.get("description"),
                               url=org.get("url"), email=org.get("email")))
    if existing is not None:  # children are replaced as a whole
        for model in (Phone, Contact, ServiceAtLocation, ServiceTaxonomy):
            session.execute(sa.delete(model).where(model.service_id == service["id"]))
    session.merge(Service(id=service["id"], organization_id=org["id"], name=service["name"],
                          description=service.get("description"), url=service.get("url"),
                          email=service.get("email"), status=service.get("status") or "active",
                          search_text=search_text(service), source_digest=new_digest))
    session.flush()
    for at in service.get("service_at_locations") or []:
        location = at["location"]
        address, postal_code = _address(location)
        session.merge(Location(id=location["id"], name=location.get("name"), description=location.get("description"),
                               latitude=location.get("latitude"), longitude=location.get("longitude"),
                               address=address, postal_code=postal_code))
        session.flush()
        session.add(ServiceAtLocation(id=at["id"], service_id=service["id"], location_id=location["id"]))
    for link in service.get("service_taxonomys") or []:
        term = link["taxonomy_term"]
        session.merge(TaxonomyTerm(id=term["id"], term=term["term"], vocabulary=term.get("vocabulary"),
                                   parent_id=term.get("parent_id")))
        session.flush()
        session.merge(ServiceTaxonomy(service_id=service["id"], taxonomy_term_id=term["id"]))
    for phone in service.get("phones") or []:
        session.add(Phone(id=phone["id"], service_id=service["id"], number=phone["number"],
                          description=phone.get("description")))
    for contact in service.get("contacts") or []:
        session.add(Contact(id=contact["id"], service_id=service["id"], name=contact.get("name"),
                            title=contact.get("title")))
        session.flush()
        for phone in contact.get("phones") or []:
            session.add(Phone(id=phone["id"], service_id=service["id"], contact_id=contact["id"],
                              number=phone["number"], description=phone.get("description")))
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


def records(path: Path) -> Iterator[tuple[str, Any]]:
    for file in feed_files(path):
        for index, service in enumerate(services_in(file)):
            ident = service.get("id") if isinstance(service, dict) else None
            yield f"{file.name}[{index}]" + (f" (id {ident})" if ident else ""), service


def import_feed(store: Store, path: Path, progress=None,
                vector_progress: Optional[Callable[[int, int], None]] = None) -> ImportReport:
    """Import every service under `path`; `progress(where, outcome)` is told each one,
    then `vector_progress(done, total)` how many meaning vectors have been computed.
    The embedding model is loaded first, so a missing model stops the import before
    anything is written."""
    encoder = embedding.encoder()
    report = ImportReport()
    for where, service in records(Path(path)):
        found = problems(service)
        if found:
            outcome = "rejected"
            report.rejected.append((where, "; ".join(found)))
        else:
            try:
                with store.transaction() as session:
                    outcome = write_service(session, service)
            except sa.exc.SQLAlchemyError as error:
                outcome = "rejected"
                report.rejected.append((where, f"the database refused it: {str(error.orig or error)[:200]}"))
            else:
                getattr(report, outcome).append(service["id"])
        if progress:
            progress(where, outcome)
    report.vectors = vectors.refresh(store, encoder, vector_progress)
    return report
