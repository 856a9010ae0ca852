"""Find the community services that fit what a person said, with the reason in
their own words.

The database does the searching: SQLite's FTS5 (bm25) or PostgreSQL's full-text
search (ts_rank), both with stemming. We only choose the words: each of the person's
answers becomes one query of its meaningful words plus synonyms ("allotment" also
searches "gardening", "chapel" also "faith"), and a service's score adds up its best
ranks across answers, so the answer that found it best is its reason. Helplines are
for the safety response, not offered as community links.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional

import sqlalchemy as sa
from sqlalchemy.orm import Session

from bot.directory.models import Service, ServiceTaxonomy, TaxonomyTerm

# Everyday words a person uses -> words the directory uses. Stems are fine: the
# databases stem both sides.
SYNONYMS = {
    "allotment": ["gardening", "garden"], "allotments": ["gardening", "garden"], "veg": ["gardening", "grow"],
    "vegetables": ["gardening", "grow"], "plants": ["gardening"], "plot": ["gardening"], "greenhouse": ["gardening"],
    "flowers": ["gardening"], "chapel": ["faith", "church"], "church": ["faith"], "mass": ["faith", "church"],
    "mosque": ["faith", "prayer"], "gurdwara": ["faith", "sikh"], "synagogue": ["faith", "jewish"],
    "temple": ["faith"], "pray": ["faith"], "praying": ["faith"], "god": ["faith"], "worship": ["faith"],
    "rambling": ["walking"], "ramble": ["walking"], "hike": ["walking"], "hiking": ["walking"], "walks": ["walking"],
    "stroll": ["walking"], "tablet": ["digital", "computer"], "ipad": ["digital", "computer"],
    "computer": ["digital"], "internet": ["digital", "online"], "online": ["digital"], "email": ["digital"],
    "phone": ["digital"], "smartphone": ["digital"], "video": ["digital"], "zoom": ["digital"],
    "job": ["employment", "work"], "jobs": ["employment", "work"], "work": ["employment"], "paid": ["employment"],
    "career": ["employment"], "lonely": ["befriending", "friendship", "social"], "loneliness": ["befriending"],
    "alone": ["befriending", "social"], "isolated": ["befriending", "social"], "company": ["befriending", "social"],
    "chat": ["befriending", "social"], "friends": ["social", "befriending"], "dog": ["pets", "dogs"],
    "dogs": ["pets"], "cat": ["pets"], "pet": ["pets"], "sing": ["choir", "music"], "singing": ["choir", "music"],
    "choir": ["music", "singing"], "songs": ["music"], "piano": ["music"], "guitar": ["music"],
    "shed": ["mens", "woodwork"], "woodwork": ["shed", "mens"], "tools": ["shed"], "diy": ["shed"],
    "books": ["library", "reading"], "reading": ["library"], "read": ["library"], "lunch": ["lunch", "meal"],
    "dinner": ["lunch", "meal"], "meals": ["lunch"], "caring": ["carers", "carer"], "carer": ["carers"],
    "son": ["parent", "carers"], "memory": ["dementia"], "forgetful": ["dementia"], "alzheimer": ["dementia"],
    "alzheimers": ["dementia"], "died": ["bereavement"], "passed": ["bereavement"], "widow": ["bereavement"],
    "widower": ["bereavement"], "grief": ["bereavement"], "swim": ["swimming"], "pool": ["swimming"],
    "exercise": ["exercise", "fitness"], "fit": ["exercise"], "gym": ["exercise"], "falls": ["falls", "balance"],
    "fall": ["falls", "balance"], "balance": ["falls"], "wobbly": ["balance", "falls"], "paint": ["art", "crafts"],
    "painting": ["art", "crafts"], "drawing": ["art"], "knit": ["knitting", "crafts"], "sewing": ["crafts"],
    "bowls": ["bowls", "bowling"], "fish": ["fishing", "angling"], "angling": ["fishing"], "bus": ["transport"],
    "buses": ["transport"], "lift": ["transport"], "driving": ["transport"], "cook": ["cooking"],
    "cooking": ["cooking", "kitchen"], "baking": ["cooking"], "benefits": ["advice", "welfare"],
    "money": ["advice", "welfare"], "bills": ["advice"], "deaf": ["sensory", "hearing"],
    "sight": ["sensory", "visual"], "blind": ["sensory"], "eyes": ["sensory"], "volunteer": ["volunteering"],
    "volunteering": ["volunteering"], "helping": ["volunteering"], "college": ["learning", "courses"],
    "learn": ["learning", "courses"], "learning": ["learning"], "young": ["young"], "dancing": ["dance", "music"],
    # loss and grief
    "lose": ["bereavement"], "lost": ["bereavement"], "loss": ["bereavement"], "death": ["bereavement"],
    "funeral": ["bereavement"], "miss": ["bereavement"],
    # faith words
    "hymns": ["faith", "church", "singing"], "prayers": ["faith"], "shul": ["faith", "jewish", "synagogue"],
    "shabbat": ["faith", "jewish"], "seva": ["faith", "gurdwara"], "langar": ["faith", "gurdwara"],
    "masjid": ["faith", "mosque"], "vicar": ["faith", "church"], "parish": ["faith", "church"],
    "bible": ["faith"], "faith": ["faith"], "sisters": ["mosque", "women"], "congregation": ["faith"],
    # getting about
    "frame": ["transport", "falls"], "walker": ["transport"], "wheelchair": ["transport"], "hip": ["falls", "transport"],
    "stroke": ["balance", "strength"], "heart": ["exercise", "walks"], "drive": ["transport"], "drove": ["transport"],
    "taxi": ["transport"], "minibus": ["transport"], "strength": ["strength", "balance"],
    # feelings and crisis
    "anxious": ["mental", "peer", "support"], "anxiety": ["mental", "peer"], "depression": ["mental", "peer"],
    "depressed": ["mental", "peer"], "low": ["mental", "support"], "state": ["mental", "helpline"],
    "ring": ["helpline", "telephone"], "point": ["helpline", "mental"], "crisis": ["helpline", "mental"],
    "cope": ["support", "mental"], "coping": ["support", "mental"], "nerves": ["mental", "peer"],
    # hands and practical things
    "hands": ["shed", "crafts"], "joiner": ["shed", "woodwork"], "carpenter": ["shed", "woodwork"],
    "engineer": ["shed"], "mechanic": ["shed"], "fixing": ["shed"], "banter": ["shed", "social"],
    "lads": ["mens", "shed"],
    # giving back
    "useful": ["volunteering"], "give": ["volunteering"], "retired": ["volunteering"],
    # senses
    "print": ["sight", "library"], "glasses": ["sight"], "hearing": ["hearing", "sensory", "deaf"], "ears": ["hearing"],
    # food and company
    "hot": ["lunch"], "natter": ["social", "knit"], "cuppa": ["coffee", "social"], "crochet": ["knitting", "crafts"],
    "recipes": ["cooking"], "meal": ["lunch", "cooking"], "toast": ["cooking"],
    # games and outdoors
    "darts": ["bowls", "games"], "bowling": ["bowls"], "outdoors": ["outdoors", "walking"], "air": ["outdoors", "walking"],
    "reservoir": ["fishing"], "footpaths": ["walking", "rambling"], "hills": ["walking", "rambling"],
    "memories": ["dementia", "remember"], "remember": ["dementia", "memory"],
}
_STOPWORDS = set("""a about above after again all am an and any are as at be because been before being below
between both but by can can't cannot could did do does doing don't down during each few for from further had
has have having he her here hers herself him himself his how i i'd i'm i've if in into is it it's its itself
just like love lot lots me more most my myself no nor not now of off on once only or other our ours out over
own really same she should so some such than that the their theirs them then there these they this those
through to too under until up very was we were what when where which while who whom why will with would you
your yours get got go going want wanted would like able bit things thing much many every day days still used
miss missing back""".split())
TAXONOMY_BONUS = 2.0  # chosen with scripts/match_precision.py on both databases (README)
PER_ANSWER = 10


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


def words_of(text: str) -> list[str]:
    """The meaningful words of an answer, with their synonyms, lower case, unique."""
    words = []
    for word in re.findall(r"[a-z][a-z']+", text.lower()):
        word = word.strip("'")
        if word.endswith("'s"):
            word = word[:-2]
        if len(word) < 3 or word in _STOPWORDS:
            continue
        for candidate in [word, *SYNONYMS.get(word, [])]:
            if candidate not in words:
                words.append(candidate)
    return words


def _search(session: Session, words: list[str], limit: int) -> list[tuple[str, float]]:
    """(service id, relevance) for services matching any of the words, best first."""
    if not words:
        return []
    if session.get_bind().dialect.name == "sqlite":
        query = " OR ".join(f'"{word}"' for word in words)
        rows = session.execute(sa.text(
            "SELECT service_id, -bm25(directory_search) AS score FROM directory_search "
            "WHERE directory_search MATCH :query ORDER BY score DESC LIMIT :limit"),
            {"query": query, "limit": limit}).all()
    else:
        query = " | ".join(words)
        rows = session.execute(sa.text(
            "SELECT id, ts_rank(to_tsvector('english', search_text), to_tsquery('english', :query)) AS score "
            "FROM directory_services WHERE to_tsvector('english', search_text) @@ to_tsquery('english', :query) "
            "ORDER BY score DESC LIMIT :limit"), {"query": query, "limit": limit}).all()
    return [(service_id, float(score)) for service_id, score in rows]


def _terms_by_service(session: Session) -> dict[str, set[str]]:
    terms: dict[str, set[str]] = {}
    for service_id, term in session.execute(
            sa.select(ServiceTaxonomy.service_id, TaxonomyTerm.term)
            .join(TaxonomyTerm, TaxonomyTerm.id == ServiceTaxonomy.taxonomy_term_id)):
        terms.setdefault(service_id, set()).update(term.lower().replace("-", " ").split())
    return terms


def match(session: Session, said: Iterable[str], exclude: Iterable[str] = (), limit: int = 3,
          bonus: float = TAXONOMY_BONUS, per_answer: int = PER_ANSWER) -> list[Match]:
    """The `limit` services that fit best what the person said, each with its reason.

    Each answer nominates its `per_answer` best services (the database's relevance,
    plus a bonus when a word is one of the service's taxonomy terms: what the
    directory says the service is *for*); a service's score adds up its nominations.
    """
    excluded = set(exclude)
    terms = _terms_by_service(session)
    scores: dict[str, float] = {}
    reasons: dict[str, tuple[float, str]] = {}
    for text in dict.fromkeys(t.strip() for t in said if t and t.strip()):
        words = words_of(text)
        hits = [(sid, score) for sid, score in _search(session, words, 25) if sid not in excluded]
        # Relevance relative to this answer's best hit: bm25 (SQLite) and ts_rank
        # (PostgreSQL) use different scales, and no answer should outweigh another.
        best = max((score for _sid, score in hits), default=0.0) or 1.0
        found = sorted(((sid, score / best + (bonus if set(words) & terms.get(sid, set()) else 0.0))
                        for sid, score in hits), key=lambda pair: -pair[1])
        for sid, value in found[:per_answer]:
            scores[sid] = scores.get(sid, 0.0) + value
            if value > reasons.get(sid, (0.0, ""))[0]:
                reasons[sid] = (value, text)
    ranked = sorted(scores, key=lambda sid: (-scores[sid], sid))[:limit]
    services = {s.id: s for s in session.execute(sa.select(Service).where(Service.id.in_(ranked))).scalars()}
    return [Match(sid, services[sid].name, services[sid].description or "", reasons[sid][1], scores[sid])
            for sid in ranked if sid in services]


def service_names(session: Session, ids: Iterable[str]) -> dict[str, str]:
    """Names of directory services by id (for read-backs and the ecomap)."""
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.execute(sa.select(Service.id, Service.name).where(Service.id.in_(ids))).all())


def said_by(record: dict) -> list[str]:
    """What a person said that links can be found for: what matters, strengths, outcomes."""
    return ([item["text"] for item in record["what_matters"]]
            + [item["text"] for item in record["strengths"]]
            + [item["text"] for item in record["outcomes"]]
            + [item["text"] for item in record["not_working"]])


def best_for(session: Session, record: dict, limit: int = 3, exclude: Optional[Iterable[str]] = None) -> list[Match]:
    already = {link["service_id"] for link in record["links"]}
    return match(session, said_by(record), exclude=already | set(exclude or ()), limit=limit)


def directory_has_services(session: Session) -> bool:
    return session.execute(sa.select(Service.id).limit(1)).first() is not None


def directory_service(session: Session, service_id: str) -> Optional[Service]:
    return session.get(Service, service_id)
