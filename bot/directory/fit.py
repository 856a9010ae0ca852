"""Which directory services a person fits, from what the feed says about each service
and what the person said. The matcher (bot/directory/matching.py) never nominates a
service this module leaves out, and when the person said they are lonely it makes room
for company among the offers.

A service is left out (`unfit`) when its feed gives an age range (ORUK `minimum_age` /
`maximum_age`) and the person said their own age ("I'm 19") outside it, or when it is
a place of worship (`worship_term` in directory/fit.yml) of another faith than the one
the person named.

A service is `unconfirmed` when its feed says who it is for (`eligibility` entries, read
through the lexicon: "adults with learning disabilities" names learning-disability) and,
for some entry, nothing the person said names it (nor does their stated age fit the
range, for an age group such as young adults). People rarely name their own group ("Mum
always takes me into town"), so this is not proof they are outside it: the matcher
offers such a service only well behind the ones that fit (UNCONFIRMED in matching.py,
chosen by measurement). An entry the lexicon cannot read restricts nothing.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterable, Optional

import sqlalchemy as sa
import yaml
from sqlalchemy.orm import Session

from bot.config import ROOT
from bot.directory.models import Organization, Service, ServiceTaxonomy, TaxonomyTerm

FIT_FILE = ROOT / "directory" / "fit.yml"
# The person's own age, said in the first person: "I'm 19", "i am 82", "aged 67", "I'm 24 years old".
_AGE = re.compile(r"\b(?:i'?m|i am|aged)\s+(\d{2,3})\b(?!\s*(?:%|minutes|mins|miles|pounds|quid|stone|kg|p\b))",
                  re.IGNORECASE)


@dataclass(frozen=True)
class Rules:
    worship_term: str
    faiths: dict[str, tuple[str, ...]]
    lonely_concept: str
    company_terms: frozenset[str]


@lru_cache(maxsize=2)
def rules(path=FIT_FILE) -> Rules:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Rules(data["worship_term"], {faith: tuple(words) for faith, words in data["faiths"].items()},
                 data["lonely_concept"], frozenset(data["company_terms"]))


def _padded(text: str) -> str:
    return " " + " ".join(re.findall(r"[a-z0-9']+", text.lower().replace("\u2019", "'"))) + " "


def faiths_in(text: str, faiths: dict[str, tuple[str, ...]]) -> set[str]:
    padded = _padded(text)
    return {faith for faith, words in faiths.items() if any(f" {_padded(w).strip()} " in padded for w in words)}


def age_in(texts: Iterable[str]) -> Optional[int]:
    """The age the person gave for themselves, if they did (the first one, 10 to 110)."""
    for text in texts:
        for found in _AGE.finditer(text.replace("\u2019", "'")):
            age = int(found.group(1))
            if 10 <= age <= 110:
                return age
    return None


@dataclass
class Fit:
    unfit: set[str]  # never offered: an age outside the range, another faith's place, worship unasked
    unconfirmed: set[str]  # for a group nothing the person said names: offered only ahead of little else
    lonely: bool = False  # the person said they are lonely: company among the offers


def fit(session: Session, texts: list[str], lexicon: dict, concepts_of) -> Fit:
    """How this person fits each service. `concepts_of(text, lexicon)` is the matcher's
    own reading of words into taxonomy concepts."""
    said = set().union(*(concepts_of(text, lexicon) for text in texts)) if texts else set()
    age = age_in(texts)
    given = rules()
    named_faiths = set().union(*(faiths_in(text, given.faiths) for text in texts)) if texts else set()
    worship = set(session.execute(
        sa.select(ServiceTaxonomy.service_id).join(TaxonomyTerm, TaxonomyTerm.id == ServiceTaxonomy.taxonomy_term_id)
        .where(sa.func.lower(TaxonomyTerm.term) == given.worship_term)).scalars())
    found = Fit(set(), set(), given.lonely_concept in said)
    for service, organization in session.execute(
            sa.select(Service, Organization.name).join(Organization, Organization.id == Service.organization_id)):
        if age is not None and ((service.minimum_age is not None and age < service.minimum_age)
                                or (service.maximum_age is not None and age > service.maximum_age)):
            found.unfit.add(service.id)
            continue
        if service.id in worship:
            own = faiths_in(f"{service.name} {service.description or ''} {organization}", given.faiths)
            if named_faiths and own and not own & named_faiths:
                found.unfit.add(service.id)
                continue
        # A bounded range defines the group (18 to 25): an age inside it is evidence enough.
        in_range = age is not None and service.maximum_age is not None
        for entry in json.loads(service.eligibility) if service.eligibility else []:
            needed = concepts_of(entry, lexicon)
            if needed and not needed & said and not in_range:
                found.unconfirmed.add(service.id)
                break
    return found


def company(session: Session) -> set[str]:
    """The services that offer company (directory/fit.yml `company_terms`)."""
    return set(session.execute(
        sa.select(ServiceTaxonomy.service_id).join(TaxonomyTerm, TaxonomyTerm.id == ServiceTaxonomy.taxonomy_term_id)
        .where(sa.func.lower(TaxonomyTerm.term).in_(rules().company_terms))).scalars())
