"""Layer 3: a classifier that reads what a message means, not only its words.

Disclosures are mostly indirect ("I've sorted who gets the dog", "he has my card and
I get £20 a week"), so a phrase list misses many. This layer scores each message with
a logistic regression over three views of it:

- its sentence vector (all-MiniLM-L6-v2, `bot/directory/embedding.py`, run with numpy);
- the words and word pairs it uses (TF-IDF), so "no point" and "saved my tablets"
  count wherever they appear;
- its character n-grams (TF-IDF), so "realy scaird" and "wanna die" still look like
  "really scared" and "want to die".

The regression has one class per kind and one for "none": the risk score is
1 - p(none) and the kind is the likeliest of the others. (Per-kind classes beat a
single risk-or-not class on unseen writers, and scoring long messages sentence by
sentence raised more false alarms than it found disclosures: scripts/safety_cv.py.)

It is trained only on `safety/training/` (whole writers) and the ordinary answers in
`data/nlu/`, never on the held-out writers in `tests/safety/`. The threshold is chosen
on the training writers by leaving one writer out at a time (`choose_threshold`): the
lowest score at which the detector, phrases included, still raises no more than
`FA_BUDGET` false alarms on writers it was not trained on (the writers are dealt into
five groups, and each group is scored by a model trained on the other four).
"""
from __future__ import annotations

import hashlib
import pickle
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Optional, Sequence

import numpy as np
import yaml
from scipy.sparse import csr_matrix, hstack
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression

from bot.directory.embedding import Encoder
from bot.safety import phrases
from bot.safety.corpus import Example, load

VERSION = 2  # bump when the features change, so an old model file is rebuilt
FA_BUDGET = 0.04  # false alarms allowed on unseen writers' hard negatives, phrases included
VECTOR_WEIGHT = 0.75  # the sentence vector's scale against the TF-IDF views (scripts/safety_cv.py)
FOLDS = 5  # groups of training writers for choosing the threshold
C = 8.0  # inverse regularisation, chosen by scripts/safety_cv.py on the training writers


class MeaningModelError(RuntimeError):
    """The trained model is missing, stale or unreadable."""


@dataclass
class MeaningModel:
    words: TfidfVectorizer
    chars: TfidfVectorizer
    classes: LogisticRegression  # "none" and the kinds
    threshold: float
    digest: str
    encoder_id: str

    def _features(self, texts: Sequence[str], vectors: np.ndarray):
        normalised = [phrases.normalise(t) for t in texts]
        return hstack([csr_matrix(vectors * VECTOR_WEIGHT), self.words.transform(normalised),
                       self.chars.transform(normalised)]).tocsr()

    def assess(self, texts: Sequence[str], encoder: Encoder) -> list[tuple[float, str]]:
        """For each text, its risk score (0..1) and the likeliest kind."""
        probabilities = self.classes.predict_proba(self._features(texts, encoder.encode_remembered(texts)))
        labels = list(self.classes.classes_)
        none = labels.index("none")
        out = []
        for row in probabilities:
            kinds = [(p, label) for p, label in zip(row, labels) if label != "none"]
            out.append((float(1.0 - row[none]), max(kinds)[1]))
        return out


def _fit(examples: Sequence[Example], vectors: np.ndarray, threshold: float, digest: str,
         encoder_id: str) -> MeaningModel:
    normalised = [phrases.normalise(e.text) for e in examples]
    words = TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True).fit(normalised)
    chars = TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True).fit(normalised)
    model = MeaningModel(words, chars, None, threshold, digest, encoder_id)
    features = model._features([e.text for e in examples], vectors)
    model.classes = LogisticRegression(C=C, max_iter=5000, class_weight="balanced").fit(
        features, [e.kind or "none" for e in examples])
    return model


def ordinary_answers(root: Path) -> list[Example]:
    """The interview answers and moves in the NLU data: ordinary messages, as negatives."""
    examples = []
    for name in ("answers.yml", "moves.yml"):
        data = yaml.safe_load((root / "data" / "nlu" / name).read_text(encoding="utf-8")) or {}
        for block in data.get("nlu") or []:
            for line in str(block.get("examples") or "").splitlines():
                text = re.sub(r"\[([^\]]+)\]\([^)]+\)", r"\1", line.strip().lstrip("- ").strip())
                if text:
                    examples.append(Example(text, None, "nlu", block.get("intent")))
    return examples


def training_digest(files: Sequence[Path]) -> str:
    digest = hashlib.sha256(f"meaning v{VERSION} C={C} w={VECTOR_WEIGHT} fa={FA_BUDGET} folds={FOLDS}".encode())
    for path in sorted(files):
        digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:20]


def training_files(root: Path) -> list[Path]:
    """What the model depends on: the writers, the ordinary answers, and the phrases
    (the threshold counts the phrases' own false alarms)."""
    return sorted((root / "safety" / "training").glob("*.yml")) + [
        root / "data" / "nlu" / "answers.yml", root / "data" / "nlu" / "moves.yml",
        Path(phrases.__file__)]


def cross_writer_scores(corpus: Sequence[Example], extra: Sequence[Example], encoder: Encoder,
                        progress: Optional[Callable[[str], None]] = None) -> list[tuple[Example, float]]:
    """Each corpus example scored by a model trained without its writer: the writers
    are dealt into `FOLDS` groups, and each group is scored by a model trained on the
    others (whole writers out, at a fifth of the cost of leaving out one at a time)."""
    out = []
    writers = sorted({e.writer for e in corpus})
    folds = [writers[i::FOLDS] for i in range(min(FOLDS, len(writers)))]
    for fold in folds:
        if progress:
            progress(f"cross-validation: leaving out {', '.join(fold)}")
        train = [e for e in corpus if e.writer not in fold] + list(extra)
        model = _fit(train, encoder.encode_remembered([e.text for e in train]), 0.5, "", encoder.model_id)
        held = [e for e in corpus if e.writer in fold]
        out += [(e, score) for e, (score, _kind) in zip(held, model.assess([e.text for e in held], encoder))]
    return out


def choose_threshold(scored: Sequence[tuple[Example, float]], budget: float = FA_BUDGET) -> float:
    """The lowest threshold whose false alarms (phrases included) stay within budget."""
    negatives = [(score, bool(phrases.scan(e.text))) for e, score in scored if not e.kind]
    by_phrase = sum(flag for _score, flag in negatives)
    allowed = int(budget * len(negatives)) - by_phrase
    free = sorted((score for score, flag in negatives if not flag), reverse=True)
    if allowed <= 0:
        return 1.0
    if allowed >= len(free):
        return 0.0
    return float((free[allowed - 1] + free[allowed]) / 2)


def train(root: Path, encoder: Encoder, progress: Optional[Callable[[str], None]] = None) -> MeaningModel:
    """Train on the training writers and the ordinary answers, threshold by cross-validation."""
    corpus = load(root / "safety" / "training")
    extra = ordinary_answers(root)
    if progress:
        progress(f"embedding {len(corpus) + len(extra)} training messages and their sentences")
    encoder.encode_remembered([e.text for e in corpus + extra])
    scored = cross_writer_scores(corpus, extra, encoder, progress)
    threshold = choose_threshold(scored)
    if progress:
        flagged = [(e, score >= threshold or bool(phrases.scan(e.text))) for e, score in scored]
        caught = [hit for e, hit in flagged if e.kind]
        alarms = [hit for e, hit in flagged if not e.kind]
        progress(f"on training writers left out (in {FOLDS} groups): recall {sum(caught) / len(caught):.3f}, "
                 f"false alarms {sum(alarms) / len(alarms):.3f} (phrases and meaning; threshold {threshold:.3f})")
    examples = list(corpus) + extra
    return _fit(examples, encoder.encode_remembered([e.text for e in examples]), threshold,
                training_digest(training_files(root)), encoder.model_id)


def save(model: MeaningModel, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_bytes(pickle.dumps(model))
    temporary.replace(path)


def load_model(path: Path, root: Path, encoder: Encoder) -> MeaningModel:
    """The model at `path` (our own file, written by `save`), if it was trained on
    today's training data with this encoder; else MeaningModelError."""
    if not path.exists():
        raise MeaningModelError(f"the safety meaning model {path} is missing: run `make train`")
    try:
        model = pickle.loads(path.read_bytes())  # noqa: S301 - only our own build output
    except Exception as error:  # noqa: BLE001 - any unreadable file means rebuild
        raise MeaningModelError(f"cannot read the safety meaning model {path}: {error}") from error
    if not isinstance(model, MeaningModel) or model.digest != training_digest(training_files(root)):
        raise MeaningModelError(f"the safety meaning model {path} is stale (the training data changed): "
                                "run `make train`")
    if model.encoder_id != encoder.model_id:
        raise MeaningModelError(f"the safety meaning model {path} was trained with another sentence model: "
                                "run `make train`")
    return model
