"""Which list section an answer's words belong to: the section reader.

Asked "anything else?" a second time, about a third of the people in the corpus
(tests/corpus) take it for the next question and answer that ("organised, good in a
crisis" at "anything else that is going well?"). The word cues in bot/parsing.py
(`answers_next`) catch the clear cases; this reads the rest by what the answer means:
a logistic regression over the sentence vector the safety detector already computes
for every message (bot/directory/embedding.py) and the message's words and character
n-grams (TF-IDF: "good at", "would be", "organisd"), with one class per list section.
(On writers left out in turn, the words lifted accuracy from 0.66 to 0.74 with eight
writers; fourteen writers give 0.77.)

It is trained on `sections/training/`: answers to each section's question written by
independent writers (one file each, briefed with `sections/writer-brief.md`), never on
the conversation corpus it is measured on. `python -m bot sections train` (run by `make
train`) builds it and prints its accuracy on writers left out in turn.
"""
from __future__ import annotations

import hashlib
import logging
import pickle
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable, Optional

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot import config, sections
from bot.directory.embedding import Encoder
from bot.directory.embedding import encoder as sentence_encoder

logger = logging.getLogger(__name__)
VERSION = 2  # bump when the features change, so an old model file is rebuilt
C = 4.0  # inverse regularisation (2 to 16 give the same accuracy on writers left out)
# A later section is taken only when the reader is this sure of it and it is this many
# times likelier than the section being asked about: chosen on the training corpus with
# scripts/section_reader.py (32 training writers, reader trained on 14 section writers:
# with the word cues, 112 of 127 answers to a later question moved; of 989 other
# answers, 15 moved by the reader, every answer read as if at a repeated "anything
# else?"). 0.55 moves 11 wrongly and 110 right, and through the real servers the two
# came out alike (3 lost and 48 misfiled, 2 and 50), so the bar stayed.
SURE, LIKELIER = 0.45, 3.0
AHEAD = 2  # how many sections ahead an answer may be filed
# At the first asking of these sections' questions, an answer to the NEXT question is
# taken when the reader is far surer still (a person whose "anything else?" answer was
# not caught is one question behind from then on). Measured on the training corpus
# with scripts/section_reader.py (32 writers): of 384 answers read one question early,
# 301 moved right; of 384 answers to the question asked, 2 moved. Not for what matters (the
# first list question), what is working (its words are filed by what they say) or
# outcomes ("I'd like to get back to swimming" reads as a risk).
FIRST_ASKED = ("not_working", "strengths_personal", "strengths_family", "strengths_community")
SURE_FIRST, LIKELIER_FIRST = 0.6, 6.0


class ReaderModelError(RuntimeError):
    """The section reader's model is missing, stale or unreadable."""


@dataclass
class ReaderModel:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    classifier: LogisticRegression
    digest: str
    encoder_id: str
    version: int = VERSION

    def probabilities(self, text: str, vector: np.ndarray) -> dict[str, float]:
        features = _features(self.words, self.chars, [text], vector.reshape(1, -1))
        return dict(zip(self.classifier.classes_, self.classifier.predict_proba(features)[0]))


def _features(words, chars, texts, vectors):
    return hstack([csr_matrix(vectors), words.transform(texts), chars.transform(texts)]).tocsr()


def training_files(root: Path) -> list[Path]:
    return sorted((root / "sections" / "training").glob("*.yml"))


def examples(root: Path) -> list[tuple[str, str, str]]:
    """(text, section, writer) for every answer in the training files."""
    found = []
    for path in training_files(root):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or {}
        writer = str(data.get("writer") or path.stem)
        for section, answers in (data.get("answers") or {}).items():
            if section not in sections.LIST_NAMES:
                raise ReaderModelError(f"{path}: {section!r} is not a list section ({', '.join(sections.LIST_NAMES)})")
            found += [(str(text), section, writer) for text in answers or [] if str(text).strip()]
    return found


def training_digest(root: Path) -> str:
    digest = hashlib.sha256(f"v{VERSION} C={C}".encode())
    for path in training_files(root):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()


def _fit(texts, vectors: np.ndarray, labels) -> tuple:
    words = TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True).fit(texts)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), min_df=2, sublinear_tf=True).fit(texts)
    classifier = LogisticRegression(C=C, max_iter=3000).fit(_features(words, chars, texts, vectors), labels)
    return words, chars, classifier


def left_out_accuracy(texts, vectors: np.ndarray, labels, writers) -> float:
    """Each writer's answers read by a model trained on the other writers."""
    texts, labels, writers = np.array(texts), np.array(labels), np.array(writers)
    right = 0
    for writer in sorted(set(writers)):
        out = writers == writer
        words, chars, classifier = _fit(list(texts[~out]), vectors[~out], list(labels[~out]))
        predicted = classifier.predict(_features(words, chars, list(texts[out]), vectors[out]))
        right += int((predicted == labels[out]).sum())
    return right / len(labels)


def train(root: Path, encoder: Encoder, progress: Optional[Callable[[str], None]] = None) -> ReaderModel:
    found = examples(root)
    if not found:
        raise ReaderModelError(f"no training answers in {root / 'sections' / 'training'}")
    texts, labels, writers = zip(*found)
    vectors = encoder.encode(list(texts))
    if progress:
        progress(f"section reader: {len(texts)} answers from {len(set(writers))} writers; accuracy on each "
                 f"writer left out in turn {left_out_accuracy(texts, vectors, labels, writers):.3f}")
    return ReaderModel(*_fit(list(texts), vectors, list(labels)), training_digest(root), encoder.model_id)


def save(model: ReaderModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(model))
    temporary.replace(path)


def load_model(path: Path, root: Path, encoder: Encoder) -> ReaderModel:
    if not path.exists():
        raise ReaderModelError(f"the section reader model {path} is missing: run `make train`")
    try:
        model = pickle.loads(path.read_bytes())  # noqa: S301 - only our own build output
    except Exception as error:  # noqa: BLE001 - any unreadable file means rebuild
        raise ReaderModelError(f"cannot read the section reader model {path}: {error}") from error
    if not isinstance(model, ReaderModel) or model.digest != training_digest(root) \
            or model.encoder_id != encoder.model_id:
        raise ReaderModelError(f"the section reader model {path} is stale: run `make train`")
    return model


@lru_cache(maxsize=1)
def _model() -> Optional[ReaderModel]:
    try:
        return load_model(config.section_reader_path(), config.ROOT, sentence_encoder())
    except ReaderModelError:  # `python -m bot serve` refuses to start without it
        logger.exception("the section reader is OFF: answers are filed by their words only")
        return None


def check_model() -> None:
    load_model(config.section_reader_path(), config.ROOT, sentence_encoder())


def section_ahead(section: str, text: str, first_asked: bool = False) -> Optional[str]:
    """A section after `section` (at most AHEAD on) that the words clearly answer, or
    None: the reader is sure of it, and finds it far likelier than `section`.
    `first_asked`: the section's question has just been asked for the first time (only
    the next section, by the stricter bars)."""
    model = _model()
    if model is None or section not in sections.LIST_NAMES or (first_asked and section not in FIRST_ASKED):
        return None
    vector = sentence_encoder().encode_remembered([text])[0]  # already computed for the safety check
    chances = model.probabilities(text, vector)
    names = sections.LIST_NAMES
    later = names[names.index(section) + 1:names.index(section) + 1 + (1 if first_asked else AHEAD)]
    sure, likelier = (SURE_FIRST, LIKELIER_FIRST) if first_asked else (SURE, LIKELIER)
    best = max(later, key=lambda name: chances.get(name, 0.0), default=None)
    if best is None or chances[best] < sure or chances[best] < likelier * chances.get(section, 0.0):
        return None
    return best
