"""Open Referral UK (HSDS) in the store: organisations, services, locations,
service-at-location, taxonomy terms, contacts and phones. Primary keys are the ORUK ids."""
from __future__ import annotations

import sqlalchemy as sa

from bot.store.models import Base, utcnow


class Organization(Base):
    __tablename__ = "directory_organizations"
    id = sa.Column(sa.String(100), primary_key=True)
    name = sa.Column(sa.Text, nullable=False)
    description = sa.Column(sa.Text)
    url = sa.Column(sa.Text)
    email = sa.Column(sa.Text)


class Service(Base):
    __tablename__ = "directory_services"
    id = sa.Column(sa.String(100), primary_key=True)
    organization_id = sa.Column(sa.String(100), sa.ForeignKey("directory_organizations.id"), nullable=False,
                                index=True)
    name = sa.Column(sa.Text, nullable=False)
    description = sa.Column(sa.Text)
    url = sa.Column(sa.Text)
    email = sa.Column(sa.Text)
    status = sa.Column(sa.String(20), nullable=False, default="active")
    # Who the service is for, as the feed says (bot/directory/fit.py reads them): the
    # age range (ORUK 3.0 minimum_age / maximum_age, 1.0 eligibilitys) and its words,
    # a JSON list with one entry per condition the feed gives.
    minimum_age = sa.Column(sa.Float)
    maximum_age = sa.Column(sa.Float)
    eligibility = sa.Column(sa.Text)
    # Words the search indexes: name, description, organisation and taxonomy terms.
    search_text = sa.Column(sa.Text, nullable=False, default="")
    # A digest of the ORUK object as imported: an unchanged re-import writes nothing.
    source_digest = sa.Column(sa.String(64), nullable=False)
    imported_at = sa.Column(sa.DateTime, nullable=False, default=utcnow)


class Location(Base):
    __tablename__ = "directory_locations"
    id = sa.Column(sa.String(100), primary_key=True)
    name = sa.Column(sa.Text)
    description = sa.Column(sa.Text)
    latitude = sa.Column(sa.Float)
    longitude = sa.Column(sa.Float)
    address = sa.Column(sa.Text)  # one line: address_1, city, postal_code
    postal_code = sa.Column(sa.String(20))


class ServiceAtLocation(Base):
    __tablename__ = "directory_service_at_locations"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    location_id = sa.Column(sa.String(100), sa.ForeignKey("directory_locations.id"), nullable=False)


class TaxonomyTerm(Base):
    __tablename__ = "directory_taxonomy_terms"
    id = sa.Column(sa.String(100), primary_key=True)
    term = sa.Column(sa.Text, nullable=False)
    vocabulary = sa.Column(sa.Text)
    parent_id = sa.Column(sa.String(100))


class ServiceTaxonomy(Base):
    __tablename__ = "directory_service_taxonomys"
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           primary_key=True)
    taxonomy_term_id = sa.Column(sa.String(100), sa.ForeignKey("directory_taxonomy_terms.id"), primary_key=True)


class Contact(Base):
    __tablename__ = "directory_contacts"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    name = sa.Column(sa.Text)
    title = sa.Column(sa.Text)


class Phone(Base):
    """A phone of a service or of one of its contacts."""

    __tablename__ = "directory_phones"
    id = sa.Column(sa.String(100), primary_key=True)
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           nullable=False, index=True)
    contact_id = sa.Column(sa.String(100), sa.ForeignKey("directory_contacts.id", ondelete="CASCADE"))
    number = sa.Column(sa.String(50), nullable=False)
    description = sa.Column(sa.Text)


class ServiceVector(Base):
    """What a service's name and description mean, as a sentence-embedding vector
    (bot/directory/vectors.py). Derived data: recomputed when the service or the model
    changes."""
    __tablename__ = "directory_service_vectors"
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           primary_key=True)
    model = sa.Column(sa.String(80), nullable=False)  # the weights that made it (Encoder.model_id)
    source_digest = sa.Column(sa.String(64), nullable=False)  # the service as it was when computed
    vector = sa.Column(sa.LargeBinary, nullable=False)  # little-endian float32, unit length


class ServicePhrase(Base):
    """Something a person might say that should bring this service to mind ("since I
    stopped driving I can't get to chapel"), written by practitioners for their own
    directory (bot/directory/phrases.py), with its sentence-embedding vector."""
    __tablename__ = "directory_service_phrases"
    service_id = sa.Column(sa.String(100), sa.ForeignKey("directory_services.id", ondelete="CASCADE"),
                           primary_key=True)
    position = sa.Column(sa.Integer, primary_key=True)
    text = sa.Column(sa.Text, nullable=False)
    model = sa.Column(sa.String(80), nullable=False)
    vector = sa.Column(sa.LargeBinary, nullable=False)  # little-endian float32, unit length
