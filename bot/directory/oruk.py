"""The shapes an Open Referral UK feed comes in, checked against the profile's own
published JSON schemas and brought to one shape the importer writes.

Two generations of the UK profile are in use:
- **3.0** (HSDS 3.0 UK, OpenReferralUK/uk-profile `schema/compiled/service.json`):
  taxonomy as `attributes[].taxonomy_term`, addresses as `location.addresses`, ages as
  `minimum_age` / `maximum_age` on the service, a service-at-location that may carry the
  location nested or only its id, and paged responses with `contents`;
- **1.0** (the original UK profile, OpenReferralUK/human-services
  `Schemas/service.schema.verbose.json`, and the shape its reference API returns):
  `service_taxonomys[].taxonomy` (or `.taxonomy_term`), `location.physical_addresses`,
  `eligibilitys[]` with ages, and paged responses with `content`.

A `null` is read as "not given": the reference API writes every empty field as null
while the schemas say "string", and a feed is not wrong for having nothing to say. The
schemas themselves are copied into `bot/directory/schemas/` (CC BY-SA 4.0, Open
Referral) so an import never depends on the network.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any, Callable, Optional

import jsonschema

SCHEMAS = Path(__file__).with_name("schemas")
SCHEMA_FILES = {"3.0": "uk-3.0-service.json", "1.0": "uk-1.0-service.json"}
# Fields only one generation has: a service with any of the first kind is 3.0.
_ONLY_3_0 = {"attributes", "minimum_age", "maximum_age", "organization_id", "schedules", "funding", "last_modified"}
_ONLY_1_0 = {"service_taxonomys", "eligibilitys", "regular_schedules", "fundings", "holiday_schedules"}
# The two paged /services responses: items, then (page, of pages) fields.
_PAGES = {"contents": ("page_number", "total_pages"), "content": ("number", "totalPages")}


@dataclass
class Page:
    """The services in one file, and where that file sits in a paged response."""
    services: list[Any]
    page: Optional[int] = None
    pages: Optional[int] = None

    @property
    def more_pages(self) -> bool:
        return isinstance(self.page, int) and isinstance(self.pages, int) and self.page < self.pages


@dataclass
class Normal:
    """One service as the importer writes it, whatever shape it came in, and what was
    left out of it on the way (each naming the field)."""
    version: str
    service: dict
    warnings: list[str] = field(default_factory=list)


def page_of(data: Any) -> Optional[Page]:
    """The services of a file: a paged response (either generation), a list of
    services or one service; None when it is none of these."""
    if isinstance(data, dict):
        for items, (page, pages) in _PAGES.items():
            if isinstance(data.get(items), list):
                return Page(data[items], _number(data.get(page)), _number(data.get(pages)))
        if "name" in data or "organization" in data:
            return Page([data])
        return None
    if isinstance(data, list):
        return Page(data)
    return None


def _number(value: Any) -> Optional[int]:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def without_nulls(value: Any) -> Any:
    """The same JSON with every null field left out (null means not given)."""
    if isinstance(value, dict):
        return {key: without_nulls(item) for key, item in value.items() if item is not None}
    if isinstance(value, list):
        return [without_nulls(item) for item in value if item is not None]
    return value


def version_of(service: dict) -> str:
    """Which generation of the profile a service object is written to."""
    keys = set(service)
    locations = [at.get("location") for at in service.get("service_at_locations") or [] if isinstance(at, dict)]
    if keys & _ONLY_3_0 or any(isinstance(loc, dict) and "addresses" in loc for loc in locations):
        return "3.0"
    if keys & _ONLY_1_0 or any(isinstance(loc, dict) and "physical_addresses" in loc for loc in locations):
        return "1.0"
    return "3.0"


@lru_cache(maxsize=None)
def _validator(version: str) -> jsonschema.protocols.Validator:
    schema = json.loads((SCHEMAS / SCHEMA_FILES[version]).read_text(encoding="utf-8"))
    cls = jsonschema.Draft7Validator if "draft-07" in schema.get("$schema", "") else jsonschema.Draft202012Validator
    return cls(schema)


def _where(path) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


# What a schema error is about decides what it costs. A missing required field or a
# value of the wrong type makes the record unusable: it is rejected whole. A value that
# does not follow the profile's pattern or list (an id that is not a UUID, a status
# outside the list) is imported as given and reported, so a real feed is not lost for it.
_SOFT = {"pattern", "enum", "format", "minLength", "maxLength", "minimum", "maximum"}


def schema_problems(service: dict, version: str) -> tuple[list[str], list[str]]:
    """Where a service breaks its profile's published schema, each naming the field:
    (problems that reject it, deviations that are only reported)."""
    hard, soft = [], []
    for error in sorted(_validator(version).iter_errors(service), key=lambda e: list(map(str, e.absolute_path))):
        where = _where(error.absolute_path)
        if error.validator == "required":  # say it as the importer's own checks do
            text = f"{where + '.' if where else ''}{error.message.split(chr(39))[1]} is missing or empty"
        elif error.validator == "type" and error.validator_value == "array":
            text = f"{where} must be a list"
        else:
            text = f"{where}: {error.message}" if where else error.message
        (soft if error.validator in _SOFT else hard).append(text)
    return hard, [f"does not follow the ORUK {version} schema, imported as given: {text}" for text in soft]


def _text(value: Any) -> bool:
    return isinstance(value, str) and value.strip() != ""


Locate = Callable[[str], Optional[dict]]


def normalise(service: Any, locate: Locate = lambda _id: None) -> tuple[Optional[Normal], list[str]]:
    """(the service in the importer's shape, []) when it can be used; (None, the
    problems) when it cannot. `locate(id)` finds a location that a service-at-location
    names by `location_id` instead of carrying it: a location object, or
    {"id": ..., "stored": True} for one the directory already has."""
    if not isinstance(service, dict):
        return None, ["the record is not a JSON object"]
    service = without_nulls(service)
    version = version_of(service)
    found, deviations = schema_problems(service, version)
    found += [f"{name} is missing or empty" for name in ("id", "name") if not _text(service.get(name))]
    organization = service.get("organization")
    if not isinstance(organization, dict):
        found.append("organization is missing")
    else:
        found += [f"organization.{name} is missing or empty" for name in ("id", "name")
                  if not _text(organization.get(name))]
    normal = Normal(version, {}, deviations)
    taxonomy = _taxonomy(service, found, normal.warnings)
    locations = _locations(service, locate, found, normal.warnings)
    phones = _phones(service.get("phones"), "phones", found)
    contacts = _contacts(service, found)
    if found:
        return None, list(dict.fromkeys(found))
    normal.service = {
        "id": service["id"], "name": service["name"].strip(), "description": service.get("description"),
        "url": service.get("url"), "email": service.get("email"), "status": service.get("status") or "active",
        "organization": {"id": organization["id"], "name": organization["name"],
                         "description": organization.get("description"),
                         "url": organization.get("url") or organization.get("website"),
                         "email": organization.get("email")},
        "taxonomy": taxonomy, "locations": locations, "phones": phones, "contacts": contacts,
        **_eligibility(service, version),
    }
    return normal, []


def _list(parent: dict, name: str, found: list[str], prefix: str = "") -> list:
    value = parent.get(name)
    if value is None:
        return []
    if not isinstance(value, list):
        found.append(f"{prefix}{name} must be a list")
        return []
    return value


def _taxonomy(service: dict, found: list[str], warnings: list[str]) -> list[dict]:
    """Taxonomy terms from 3.0 `attributes[].taxonomy_term` or 1.0
    `service_taxonomys[].taxonomy` (the reference API) or `.taxonomy_term`. A 3.0
    attribute may refer to its term only by id: it is left out and reported."""
    terms = []
    for name in ("attributes", "service_taxonomys"):
        for i, link in enumerate(_list(service, name, found)):
            key = "taxonomy_term" if name == "attributes" or (isinstance(link, dict) and "taxonomy_term" in link) \
                else "taxonomy"
            term = link.get(key) if isinstance(link, dict) else None
            if name == "attributes" and isinstance(link, dict) and term is None:
                warnings.append(f"attributes[{i}] carries no taxonomy_term: the service is imported without it")
                continue
            if not isinstance(term, dict):
                found.append(f"{name}[{i}].{key} is missing")
                continue
            words = term.get("term") or term.get("name")
            missing = [f for f, ok in (("id", _text(term.get("id"))),
                                       ("term" if key == "taxonomy_term" else "name", _text(words))) if not ok]
            if missing:
                found.append(f"{name}[{i}].{key}.{missing[0]} is missing or empty")
                continue
            parent = term.get("parent_id", term.get("parent"))
            terms.append({"id": term["id"], "term": words.strip(),
                          "vocabulary": term.get("vocabulary") or term.get("taxonomy"),
                          "parent_id": parent.get("id") if isinstance(parent, dict) else parent})
    return terms


def _locations(service: dict, locate: Locate, found: list[str], warnings: list[str]) -> list[dict]:
    """Each service-at-location with its place: nested, or referred to by `location_id`."""
    places = []
    for i, at in enumerate(_list(service, "service_at_locations", found)):
        if not isinstance(at, dict) or not _text(at.get("id")):
            found.append(f"service_at_locations[{i}].id is missing or empty")
            continue
        location = at.get("location")
        if location is None and _text(at.get("location_id")):
            location = locate(at["location_id"])
        if location is None:
            warnings.append(f"service_at_locations[{i}] ({at['id']}) names no location this feed or the "
                            f"directory has: the service is imported without that place")
            continue
        if not isinstance(location, dict) or not _text(location.get("id")):
            found.append(f"service_at_locations[{i}].location.id is missing or empty")
            continue
        if location.get("stored"):
            places.append({"at_id": at["id"], "id": location["id"], "stored": True})
            continue
        addresses = location.get("addresses", location.get("physical_addresses")) or []
        first = addresses[0] if isinstance(addresses, list) and addresses and isinstance(addresses[0], dict) else {}
        places.append({"at_id": at["id"], "id": location["id"], "name": location.get("name"),
                       "description": location.get("description"), "latitude": _float(location.get("latitude")),
                       "longitude": _float(location.get("longitude")), "address_1": first.get("address_1"),
                       "city": first.get("city"), "postal_code": first.get("postal_code")})
    return places


def _float(value: Any) -> Optional[float]:
    return float(value) if isinstance(value, (int, float)) and not isinstance(value, bool) else None


def _phones(value: Any, where: str, found: list[str]) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list):
        found.append(f"{where} must be a list")
        return []
    phones = []
    for i, phone in enumerate(value):
        if not isinstance(phone, dict) or not _text(phone.get("id")) or not _text(phone.get("number")):
            found.append(f"{where}[{i}] needs an id and a number")
            continue
        phones.append({"id": phone["id"], "number": phone["number"].strip(), "description": phone.get("description")})
    return phones


def _contacts(service: dict, found: list[str]) -> list[dict]:
    contacts = []
    for i, contact in enumerate(_list(service, "contacts", found)):
        if not isinstance(contact, dict) or not _text(contact.get("id")):
            found.append(f"contacts[{i}].id is missing or empty")
            continue
        contacts.append({"id": contact["id"], "name": contact.get("name"), "title": contact.get("title"),
                         "phones": _phones(contact.get("phones"), f"contacts[{i}].phones", found)})
    return contacts


def _eligibility(service: dict, version: str) -> dict:
    """Who the service is for: its age range and the feed's own words about it, one
    entry per condition (1.0 `eligibilitys[].eligibility`, 3.0 `eligibility_description`
    where a feed keeps it). The widest range any entry allows is kept."""
    entries = (service.get("eligibilitys") or []) if version == "1.0" else []
    entries = [e for e in entries if isinstance(e, dict)]
    ages = [service] if version == "3.0" else entries
    low = [a["minimum_age"] for a in ages if _float(a.get("minimum_age")) is not None]
    high = [a["maximum_age"] for a in ages if _float(a.get("maximum_age")) is not None]
    words = [e["eligibility"].strip() for e in entries if _text(e.get("eligibility"))]
    if _text(service.get("eligibility_description")):
        words.append(service["eligibility_description"].strip())
    return {"minimum_age": min(low) if low and len(low) == len(ages) else None,
            "maximum_age": max(high) if high and len(high) == len(ages) else None,
            "eligibility": list(dict.fromkeys(words))}
