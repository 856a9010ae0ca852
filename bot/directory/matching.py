"""Find the community services that fit what a person said, with the reason in
their own words.

Each answer nominates services on four kinds of evidence:
- the taxonomy: `directory/lexicon.yml` maps the everyday words people use ("my veg
  patch", "since my husband passed") to the directory's taxonomy terms (gardening,
  bereavement); services tagged with a term the person named get a large score;
- the words: each meaningful word of an answer is looked up with the database's
  full-text search (SQLite FTS5, PostgreSQL to_tsvector, both stemmed), and a service
  scores the rarity (BM25's IDF) of every word it matches, so "Mass" finds the Catholic
  church among six places of worship. The same formula runs on both databases
  (PostgreSQL's ts_rank has no IDF), and they measure the same precision;
- the meaning: the services whose name and description are closest in meaning to the
  answer (sentence vectors, bot/directory/embedding.py) score for how close they are,
  which finds what no word list names;
- the phrases practitioners wrote for each service (bot/directory/phrases.py): the
  services whose phrases are closest to the answer score most of all. This is what tells
  two services of one kind apart (door-to-door transport and travel training).

When an answer's own words pick out some services of a kind it names ("Mass"), those
get the kind's score from it and the rest of the kind a tenth, so the person's church
is offered and not every other faith's. A service's score adds up its nominations
(strengths at half weight: they personalise offers, they are not needs), and the
answer that gave it most is its reason. A service whose concepts are all already
covered by an earlier offer is discounted, so places of worship do not crowd out the
lift the person needs to get to one. Helplines are not offered: the safety response
and the last stage give those numbers. Services the person does not fit (their age,
who the service is for, another faith's place) are never nominated, and someone who
said they are lonely is offered company (bot/directory/fit.py).

The weights were chosen on the development and tuning profiles and checked on a
held-out set written without sight of the matcher (README, scripts/match_precision.py).
"""
from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Mapping, Optional, Union

import numpy as np
import sqlalchemy as sa
import yaml
from sqlalchemy.orm import Session

from bot.config import ROOT
from bot.directory import embedding, fit, phrases, vectors
from bot.directory.models import Service, ServiceTaxonomy, TaxonomyTerm

DEFAULT_LEXICON = ROOT / "directory" / "lexicon.yml"
NOT_OFFERED = {"helpline"}  # taxonomy terms of services that are never offered as links
TAXONOMY_WEIGHT = 8.0  # a concept the person named outweighs a few shared rare words
PER_ANSWER = 10  # how many services each answer nominates
SPECIFIC = 3  # a word found in at most this many services picks them out of their kind
OTHERS_OF_KIND = 0.1  # the lift left to the rest of a kind when the person's words picked some
ALREADY_COVERED = 0.7  # discount for a service that adds no concept to earlier offers
UNCONFIRMED = 0.3  # a service for a group nothing the person said names (bot/directory/fit.py)
CONFIRMING_PHRASE = 0.55  # ...unless answers are this close to its phrases
CONFIRMING_ANSWERS = 1  # ...in this many answers
MEANING_WEIGHT = 40.0  # per unit of cosine similarity above MEANING_FLOOR
MEANING_FLOOR = 0.2  # below this, an answer and a service are unrelated
PER_ANSWER_MEANING = 5  # how many services each answer nominates by meaning
PHRASE_WEIGHT = 120.0  # per unit of closeness to a service's phrases above PHRASE_FLOOR
PHRASE_FLOOR = 0.35  # phrases are short and specific: closer than this means something
PER_ANSWER_PHRASES = 2  # how many services each answer nominates through their phrases
# Offers follow what matters, what is not working and the outcomes wanted; strengths
# ("I can still drive", "I'm still at work") personalise them but are not needs.
SECTION_WEIGHTS = {"strengths": 0.5}
_STOPWORDS = set("""a about above after again all am an and any are as at be because been before being below
between both but by can can't cannot could did do does doing don't down during each few for from further had
has have having he her here hers herself him himself his how i i'd i'm i've if in into is it it's its itself
just like love lot lots me more most my myself no nor not now of off on once only or other our ours out over
own really same she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you
your yours get got go going want wanted would like able bit things thing much many every day days still used
miss missing back""".split())


class LexiconError(ValueError):
    """The lexicon file is missing or not in the expected shape."""


@lru_cache(maxsize=4)
def load_lexicon(path: Optional[Path] = None) -> dict[str, tuple[str, ...]]:
    """Taxonomy term -> the words and phrases that name it (`SBC_DIRECTORY_LEXICON`
    or directory/lexicon.yml). A council with its own taxonomy writes its own."""
    path = Path(path or os.environ.get("SBC_DIRECTORY_LEXICON") or DEFAULT_LEXICON)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise LexiconError(f"cannot read the directory lexicon {path}: {error}") from error
    if not isinstance(data, dict):
        raise LexiconError(f"{path}: expected a mapping of taxonomy term -> list of words")
    lexicon = {}
    for term, entries in data.items():
        if not isinstance(entries, list) or not all(isinstance(e, str) and e.strip() for e in entries):
            raise LexiconError(f"{path}: {term!r} must be a list of words or phrases")
        lexicon[str(term).lower()] = tuple(_normalise(e).strip() for e in entries)
    return lexicon


def _normalise(text: str) -> str:
    """Lower case words separated by single spaces, padded, for whole-phrase lookups."""
    text = text.lower().replace("\u2019", "'")
    return " " + " ".join(re.findall(r"[a-z0-9][a-z0-9'\-]*", text)) + " "


def concepts_in(text: str, lexicon: dict[str, tuple[str, ...]]) -> set[str]:
    """The taxonomy terms an answer names, through the lexicon's words and phrases."""
    padded = _normalise(text)
    return {term for term, entries in lexicon.items() if any(f" {entry} " in padded for entry in entries)}


def words_of(text: str) -> list[str]:
    """The meaningful words of an answer, lower case, unique, in order."""
    words = []
    for word in re.findall(r"[a-z][a-z']+", text.lower().replace("\u2019", "'")):
        word = word.strip("'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) >= 3 and word not in _STOPWORDS and word not in words:
            words.append(word)
    return words


@dataclass
class Match:
    service_id: str
    name: str
    description: str
    reason_text: str  # the person's own words that matched best
    score: float

    @property
    def reason(self) -> str:
        return f'You said "{self.reason_text}"'


class _Directory:
    """The directory as one matching run sees it: which services may be offered,
    their taxonomy terms, and which services each word finds (asked once per word)."""

    def __init__(self, session: Session, excluded: set[str], encoder: embedding.Encoder):
        self.session = session
        self.sqlite = session.get_bind().dialect.name == "sqlite"
        self.terms: dict[str, set[str]] = {}
        for service_id, term in session.execute(
                sa.select(ServiceTaxonomy.service_id, TaxonomyTerm.term)
                .join(TaxonomyTerm, TaxonomyTerm.id == ServiceTaxonomy.taxonomy_term_id)):
            self.terms.setdefault(service_id, set()).add(term.lower())
        not_offered = {sid for sid, terms in self.terms.items() if terms & NOT_OFFERED}
        self.excluded = excluded | not_offered
        self.size = session.execute(sa.select(sa.func.count()).select_from(Service)).scalar_one()
        self._found: dict[str, set[str]] = {}
        ids, matrix = vectors.load(session, encoder)
        offered = [i for i, sid in enumerate(ids) if sid not in self.excluded]
        self.vector_ids = [ids[i] for i in offered]
        self.vectors = matrix[offered]
        self.phrases = phrases.load(session, encoder, self.excluded)

    def services_with(self, word: str) -> set[str]:
        """The services whose text contains the word (stemmed by the database)."""
        if word not in self._found:
            if self.sqlite:
                statement = sa.text("SELECT service_id FROM directory_search WHERE directory_search MATCH :query")
                query = f'"{word}"'
            else:
                statement = sa.text("SELECT id FROM directory_services WHERE "
                                    "to_tsvector('english', search_text) @@ plainto_tsquery('english', :query)")
                query = word
            self._found[word] = set(self.session.execute(statement, {"query": query}).scalars())
        return self._found[word]

    def rarity(self, found: set[str]) -> float:
        """BM25's inverse document frequency: a word few services share counts most."""
        return math.log((self.size - len(found) + 0.5) / (len(found) + 0.5) + 1)

    def nominations(self, text: str, lexicon: dict,
                    vector: np.ndarray) -> tuple[dict[str, float], dict[str, set[str]], set[str]]:
        """This answer's best services with their scores, and the concepts each matched.

        A concept the answer names lifts every service tagged with it, unless the
        answer's own words pick some of those out ("Mass" among the places of worship,
        a word at most SPECIFIC services share): then those, and the rest of the kind
        only a little (OTHERS_OF_KIND), so that the person's church is offered and not
        every other faith's, while "more" can still find other groups of the kind.
        The services closest in meaning to the answer (its vector) get a score for how
        close they are, which finds what neither the lexicon nor the words name. Last,
        the services the answer came close to through their phrases: what practitioners
        wrote that such a person says."""
        scores: dict[str, float] = {}
        similarity = self.vectors @ vector
        for i in np.argsort(-similarity, kind="stable")[:PER_ANSWER_MEANING]:
            closeness = MEANING_WEIGHT * (float(similarity[i]) - MEANING_FLOOR)
            if closeness > 0:
                scores[self.vector_ids[i]] = closeness
        near = self.phrases.closeness(vector)
        phrased: set[str] = set()
        for i in np.argsort(-near, kind="stable")[:PER_ANSWER_PHRASES]:
            closeness = PHRASE_WEIGHT * (float(near[i]) - PHRASE_FLOOR)
            if closeness > 0:
                sid = self.phrases.service_ids[i]
                scores[sid] = scores.get(sid, 0.0) + closeness
                if float(near[i]) >= CONFIRMING_PHRASE:
                    phrased.add(sid)
        picked: set[str] = set()
        for word in words_of(text):
            found = self.services_with(word)
            for sid in found:
                scores[sid] = scores.get(sid, 0.0) + self.rarity(found)
            if len(found) <= SPECIFIC:
                picked |= found
        matched: dict[str, set[str]] = {}
        for concept in concepts_in(text, lexicon):
            tagged = {sid for sid, terms in self.terms.items() if concept in terms}
            chosen = tagged & picked
            for sid in tagged:
                lift = 1.0 if not chosen or sid in chosen else OTHERS_OF_KIND
                matched.setdefault(sid, set()).add(concept)
                scores[sid] = scores.get(sid, 0.0) + TAXONOMY_WEIGHT * lift
        best = sorted((sid for sid in scores if sid not in self.excluded), key=lambda sid: (-scores[sid], sid))
        return {sid: scores[sid] for sid in best[:PER_ANSWER]}, matched, phrased


def _weighted(said: Union[Mapping[str, Iterable[str]], Iterable[str]]) -> dict[str, float]:
    """Each answer with its weight: from a mapping of record section -> answers, or a
    plain list of answers (all weighing the same)."""
    sections = said.items() if isinstance(said, Mapping) else [("", said)]
    weights: dict[str, float] = {}
    for section, texts in sections:
        for text in texts:
            if text and text.strip():
                weight = SECTION_WEIGHTS.get(section, 1.0)
                weights[text.strip()] = max(weight, weights.get(text.strip(), 0.0))
    return weights


def match(session: Session, said: Union[Mapping[str, Iterable[str]], Iterable[str]], exclude: Iterable[str] = (),
          limit: int = 3, lexicon: Optional[dict] = None) -> list[Match]:
    """The `limit` services that fit best what the person said (answers by record
    section, or a list of answers), each with its reason."""
    lexicon = load_lexicon() if lexicon is None else lexicon
    encoder = embedding.encoder()
    weighted = _weighted(said)
    texts = list(weighted)
    fits = fit.fit(session, texts, lexicon, concepts_in)
    directory = _Directory(session, set(exclude) | fits.unfit, encoder)
    totals: dict[str, float] = {}
    reasons: dict[str, tuple[float, str]] = {}
    concepts: dict[str, set[str]] = {}
    close_to_phrases: dict[str, int] = {}  # service -> how many answers came close to its phrases
    for (text, weight), vector in zip(weighted.items(), encoder.encode_remembered(list(weighted))):
        nominated, matched, phrased = directory.nominations(text, lexicon, vector)
        for sid in phrased:
            close_to_phrases[sid] = close_to_phrases.get(sid, 0) + 1
        for sid, score in nominated.items():
            score *= weight
            totals[sid] = totals.get(sid, 0.0) + score
            concepts.setdefault(sid, set()).update(matched.get(sid, set()))
            if score > reasons.get(sid, (0.0, ""))[0]:
                reasons[sid] = (score, text)
    # A service for a group the person did not name comes behind those that fit, unless
    # more than one of their answers is close to what practitioners wrote such a person
    # says (one can be a coincidence: a choir singer is not a dementia group's member).
    for sid in fits.unconfirmed & set(totals):
        if close_to_phrases.get(sid, 0) < CONFIRMING_ANSWERS:
            totals[sid] *= UNCONFIRMED
    chosen: list[str] = []
    covered: set[str] = set()
    while len(chosen) < min(limit, len(totals)):
        def value(sid: str) -> float:
            adds_nothing = concepts[sid] and concepts[sid] <= covered
            return totals[sid] * (ALREADY_COVERED if adds_nothing else 1.0)
        best = max((sid for sid in totals if sid not in chosen), key=lambda sid: (value(sid), sid))
        chosen.append(best)
        covered |= concepts[best]
    if chosen and fits.lonely:
        _make_room_for_company(session, chosen, totals)
    services = {s.id: s for s in session.execute(sa.select(Service).where(Service.id.in_(chosen))).scalars()}
    return [Match(sid, services[sid].name, services[sid].description or "", reasons[sid][1], totals[sid])
            for sid in chosen if sid in services]


def _make_room_for_company(session: Session, chosen: list[str], totals: dict[str, float]) -> None:
    """Someone who said they are lonely gets company among the offers: when none of
    the chosen services offers it, the best nominated one that does takes the last place."""
    company = fit.company(session)
    if company & set(chosen):
        return
    candidates = sorted((sid for sid in totals if sid in company and sid not in chosen),
                        key=lambda sid: (-totals[sid], sid))
    if candidates:
        chosen[-1] = candidates[0]


def service_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Names of directory services by id (for read-backs and the ecomap)."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(sa.select(Service.id, Service.name).where(Service.id.in_(ids))).all())


def said_by(record: dict) -> dict[str, list[str]]:
    """What a person said that links can be found for, by record section."""
    return {section: [item["text"] for item in record[section]]
            for section in ("what_matters", "not_working", "strengths", "outcomes")}


def best_for(session: Session, record: dict, limit: int = 3, exclude: Optional[Iterable[str]] = None) -> list[Match]:
    already = {link["service_id"] for link in record["links"]}
    return match(session, said_by(record), exclude=already | set(exclude or ()), limit=limit)


def directory_has_services(session: Session) -> bool:
    return session.execute(sa.select(Service.id).limit(1)).first() is not None


def directory_service(session: Session, service_id: str) -> Optional[Service]:
    return session.get(Service, service_id)
